"""Infeasibility explanations: the named conflicts are sound (they cannot hold together even
with every other rule relaxed) and minimal (relaxing any one of them leaves a plan), judged by
brute force; and the summary sentence reads naturally in both languages."""

import dataclasses

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from instances import (
    adept,
    brute_force,
    decisions,
    equality,
    match_settings,
    mentor,
    no_equality,
    programme,
    programmes,
)

from smile_core.ingest.participants import MentorGenderPreference, Workplace
from smile_core.matching.plan import Conflict, Status
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve
from smile_core.matching.solver.explain import conflicts, summarise
from smile_core.matching.solver.problem import build_problem
from smile_core.text import stored

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
EQUALITY_KINDS = {"match_rate", "quality_parity", "workplace_mix"}


def _relaxed(prog, settings_, locks, forbids, must, keep: list[Conflict], *, minus=None):
    """The same decisions with every guarded rule not in ``keep`` (nor ``minus``) switched off:
    other locks, forbids and must-match adepts dropped, other capacities raised to 99, other
    group minimums removed, and the equality rules kept only if some rule of their kind is
    kept."""
    kept = [c for c in keep if c is not minus and c.kind != "summary"]
    lock_subjects = {c.subject for c in kept if c.kind == "lock"}
    forbid_subjects = {c.subject for c in kept if c.kind == "forbid"}
    mentors = {c.subject for c in kept if c.kind == "mentor_capacity"}
    workplaces = {c.subject for c in kept if c.kind == "workplace_capacity"}
    must_kept = {c.message_en.split()[1] for c in kept if c.kind == "must_match"}
    groups = {c.subject for c in kept if c.kind == "group_minimum"}
    prog = dataclasses.replace(
        prog,
        mentors=tuple(
            dataclasses.replace(
                m,
                capacity=m.capacity if m.id in mentors else 99,
                min_group_size=m.min_group_size if m.id in groups else 0,
            )
            for m in prog.mentors
        ),
        workplaces=tuple(
            w if w.id in workplaces else dataclasses.replace(w, capacity=99)
            for w in prog.workplaces
        ),
    )
    kinds = {c.kind for c in kept}
    eq = settings_.equality
    eq = dataclasses.replace(
        eq,
        match_rate=dataclasses.replace(eq.match_rate, enabled="match_rate" in kinds),
        quality=dataclasses.replace(eq.quality, enabled="quality_parity" in kinds),
        workplace_mix=dataclasses.replace(
            eq.workplace_mix, enabled="workplace_mix" in kinds, strict=True
        ),
    )
    return (
        prog,
        dataclasses.replace(settings_, equality=eq),
        [k for k in locks if f"{k[0]}–{k[1]}" in lock_subjects],
        [k for k in forbids if f"{k[0]}–{k[1]}" in forbid_subjects or k not in locks],
        [a for a in must if a in must_kept],
    )


@settings(FAST, max_examples=50)
@given(data=st.data(), prog=programmes(max_adepts=5, max_mentors=4, max_workplaces=2))
def test_conflicts_are_sound_and_minimal_by_brute_force(data, prog):
    """Named conflicts admit no plan alone; without any one of them a plan exists (brute force)."""
    settings_ = data.draw(match_settings())
    locks, forbids, must = data.draw(decisions(prog, max_locks=3, max_must_match=2))
    result = solve(prog, settings_, locks=locks, forbids=forbids, must_match=must)
    if result.status is not Status.INFEASIBLE:
        return
    named = [c for c in result.conflicts if c.kind != "summary"]
    assert named
    # Scores stay those of the original programme, and a locked pair stays a candidate when
    # its lock is relaxed (the explain model frees it; it does not remove it).
    scores = score_pairs(prog, settings_)
    locked = [f"{a}|{m}" for a, m in locks]
    scores = scores.with_columns(
        allowed=pl.col("allowed") | (pl.col("adept_id") + "|" + pl.col("mentor_id")).is_in(locked)
    )
    p, s, lk, fb, mm = _relaxed(prog, settings_, locks, forbids, must, named)
    assert brute_force(p, s, locks=lk, forbids=fb, must_match=mm, scores=scores) is None
    if any(c.kind in EQUALITY_KINDS for c in named):
        return  # one settings switch covers several rows of a kind: minimality is not exact
    for rule in named:
        p, s, lk, fb, mm = _relaxed(prog, settings_, locks, forbids, must, named, minus=rule)
        witness = brute_force(p, s, locks=lk, forbids=fb, must_match=mm, scores=scores)
        assert witness is not None, f"{rule.message_en} is not needed for the conflict"


def _problem(prog, settings_=None, **decisions_):
    settings_ = settings_ or no_equality()
    return build_problem(prog, score_pairs(prog, settings_), settings_, **decisions_)


def test_feasible_problem_has_no_conflicts():
    """A problem that has a plan explains nothing."""
    prog = programme([adept("A01")], [mentor("M01")])
    assert conflicts(_problem(prog, locks=[("A01", "M01")])) == ()


def test_three_locks_over_a_workplace_read_as_a_list():
    """Three locks at a 2-place workplace: 'A, B and C' exceed the workplace's capacity."""
    prog = programme(
        [adept("A01"), adept("A02"), adept("A03")],
        [mentor(f"M0{i}", workplace_id="W1") for i in range(1, 4)],
        [Workplace("W1", capacity=2)],
    )
    locks = [("A01", "M01"), ("A02", "M02"), ("A03", "M03")]
    found = conflicts(_problem(prog, locks=locks))
    assert found[0].kind == "summary"
    assert found[0].message_en == (
        "Locked pairs A01–M01, A02–M02 and A03–M03 exceed workplace W1's capacity of 2"
    )
    assert found[0].message_sv == (
        "Låsta par A01–M01, A02–M02 och A03–M03 överskrider arbetsplats W1:s kapacitet på 2"
    )
    assert sorted(c.kind for c in found[1:]) == ["lock", "lock", "lock", "workplace_capacity"]


def test_locks_over_a_full_mentor_under_the_mix_target_name_the_capacity():
    """Three locks on a 2-seat mentor at a 2-place workplace, the mix target on: a capacity
    is named with the locks (the mix rule once held the workplace to its capacity unguarded,
    and the locks alone were named: hypothesis found it)."""
    prog = programme(
        [adept(f"A0{i}") for i in range(1, 4)],
        [mentor("M01", "woman", workplace_id="W1", capacity=2, min_group_size=2)],
        [Workplace("W1", capacity=2)],
    )
    settings_ = MatchSettings(equality=equality(k=1, mix=0.25, strict=False))
    locks = [("A01", "M01"), ("A02", "M01"), ("A03", "M01")]
    found = conflicts(_problem(prog, settings_, locks=locks))
    kinds = sorted(c.kind for c in found if c.kind != "summary")
    assert kinds[:3] == ["lock", "lock", "lock"]
    assert kinds[3:] in (["mentor_capacity"], ["workplace_capacity"])


def test_conflict_leaves_out_rules_the_solver_named_but_does_not_need():
    """Rules in CP-SAT's first core that the conflict does not need are not named."""
    # Two men locked at a workplace that needs 50% women: the locks and the mix conflict.
    # M02's capacity and the must-match adepts take part in CP-SAT's first core (with
    # OR-Tools 9.15) but are not needed, so the deletion pass must drop them.
    prog = programme(
        [adept("A01", "man"), adept("A02", "man"), adept("A03", "woman")],
        [
            mentor("M01", workplace_id="W1", capacity=2),
            mentor("M02", workplace_id="W1", capacity=1),
        ],
        [Workplace("W1", capacity=8)],
    )
    settings_ = MatchSettings(equality=equality(k=1, match_rate=0.0, mix=0.5))
    problem = _problem(
        prog, settings_, locks=[("A02", "M02"), ("A01", "M01")], must_match=["A03", "A01"]
    )
    found = conflicts(problem)
    assert sorted((c.kind, c.subject) for c in found) == [
        ("lock", "A01–M01"),
        ("lock", "A02–M02"),
        ("workplace_mix", ""),
    ]


def test_conflicts_are_repeatable():
    """The same problem and seed name the same rules in the same order."""
    prog = programme([adept(f"A0{i}") for i in range(1, 5)], [mentor("M01"), mentor("M02")])
    problem = _problem(prog, MatchSettings(), must_match=["A01", "A02", "A03"])
    assert conflicts(problem, seed=3) == conflicts(problem, seed=3)


def _item(kind, subject, limit=None):
    return Conflict(kind, stored(f"{kind} {subject} sv", f"{kind} {subject} en"), subject, limit)


def test_summary_for_locks_over_a_mentor_capacity():
    """Locks plus exactly one capacity: a summary sentence comes first, the items follow."""
    items = [_item("lock", "A01–M02"), _item("mentor_capacity", "M02", 1), _item("lock", "A07–M02")]
    summary, *rest = summarise(items)
    assert summary.kind == "summary"
    assert (
        summary.message_en == "Locked pairs A01–M02 and A07–M02 exceed mentor M02's capacity of 1"
    )
    assert summary.message_sv == (
        "Låsta par A01–M02 och A07–M02 överskrider mentor M02:s kapacitet på 1"
    )
    assert rest == items


def test_no_summary_for_other_patterns():
    """Other sets (two capacities, a must-match, a lock and a forbid) stay as they are."""
    cases = [
        [
            _item("lock", "A01–M01"),
            _item("mentor_capacity", "M01", 1),
            _item("workplace_capacity", "W1", 1),
        ],
        [_item("must_match", ""), _item("mentor_capacity", "M01", 1)],
        [_item("lock", "A01–M01"), _item("forbid", "A01–M01")],
        [_item("lock", "A01–M01"), _item("mentor_capacity", "M01", 1), _item("match_rate", "")],
    ]
    for items in cases:
        assert summarise(items) == tuple(items)


def test_a_must_match_adept_without_an_allowed_mentor_is_named_with_the_rule():
    """Must-match for an adept no mentor shares a language with: the adept and the rule named."""
    lonely = adept("A02", languages=("tigrinya",), swedish_level="")
    prog = programme([adept("A01"), lonely], [mentor("M01", capacity=2)])
    result = solve(prog, no_equality(), must_match=["A02"])
    assert result.status is Status.INFEASIBLE
    (item,) = result.conflicts
    assert item.kind == "must_match" and item.subject == "A02"
    assert item.message_en == (
        "Adept A02 must be matched, but no mentor is allowed for them "
        "(no mentor shares a language with the adept)"
    )
    assert item.message_sv.startswith("Adept A02 måste matchas, men ingen mentor är tillåten")


def test_must_match_adepts_competing_for_one_seat_are_named_with_their_mentors():
    """Two must-match adepts, one mentor seat: both adepts, their mentor and its capacity."""
    prog = programme([adept("A01"), adept("A02")], [mentor("M01")])
    result = solve(prog, no_equality(), must_match=["A01", "A02"])
    assert result.status is Status.INFEASIBLE
    named = {c.subject: c.message_en for c in result.conflicts}
    assert named == {
        "A01": "Adept A01 must be matched; allowed mentors: M01",
        "A02": "Adept A02 must be matched; allowed mentors: M01",
        "M01": named["M01"],
    }


def test_a_must_match_adept_whose_only_mentor_is_forbidden_is_named_under_the_strict_gap():
    """Found by Hypothesis: CP-SAT's presolve called the guard-free model infeasible."""
    near = {
        "languages": (),
        "swedish_level": "",
        "municipality": "värnamo",
        "region": "jönköpings län",
    }
    adepts = [adept(f"A0{i}", "woman" if i <= 4 else "man", **near) for i in range(1, 7)]
    adepts[3] = adept("A04", "woman", preferred_mentor_gender=MentorGenderPreference.MAN, **near)
    only = mentor(
        "M01", "woman", languages=("swedish",), municipality="värnamo", region="jönköpings län"
    )
    prog = programme(
        adepts,
        [only],
        [Workplace(id="W1", name="", industry="", municipality="", region="", capacity=0)],
    )
    rules = equality(k=1, quality=5.0, strict=True)
    settings_ = MatchSettings(equality=rules, time_limit_seconds=5.0)
    result = solve(prog, settings_, forbids=(("A01", "M01"),), must_match=("A01",))
    assert result.status is Status.INFEASIBLE
    assert [(c.kind, c.subject) for c in result.conflicts] == [("must_match", "A01")]

"""Test helpers for the matching engine: people builders, named instances from tests/data,
Hypothesis strategies, and independent references (an LP with GLOP, brute force) that share
no code with the engine's flow or CP-SAT models.

The references trust only the scoring (``score_pairs``: the input of the optimisation) and
the public validators in :mod:`smile_core.matching.checks`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import polars as pl
from hypothesis import strategies as st
from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from smile_core.ingest.participants import (
    Adept,
    Gender,
    Mentor,
    MentorGenderPreference,
    Programme,
    Workplace,
)
from smile_core.matching.checks import Violation, check_equality, check_plan
from smile_core.matching.plan import MatchResult
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import (
    EqualitySettings,
    MatchRateParity,
    MatchSettings,
    Priority,
    QualityParity,
    QualityParityMode,
    WorkplaceMix,
    settings_from_mapping,
)
from smile_core.matching.solver.context import ModelContext
from smile_core.matching.solver.problem import build_problem
from smile_core.matching.solver.rules import (
    assignment,
    capacity,
    group_size,
    match_rate,
    quality_parity,
    workplace_mix,
)
from smile_core.matching.solver.rules import locks as lock_rule

INSTANCES = Path(__file__).parents[3] / "data" / "instances"

Key = tuple[str, str]


# --- builders ---------------------------------------------------------------------------------


def adept(adept_id: str, gender: Gender | str = Gender.WOMAN, **fields: Any) -> Adept:
    """An adept who speaks Arabic (so shares a language with the default mentor) in economics."""
    values: dict[str, Any] = {
        "field": "ekonom",
        "target_field": "ekonom",
        "languages": ("arabic",),
        "swedish_level": "b1",
    }
    values.update(fields)
    return Adept(id=adept_id, gender=Gender(gender), **values)


def mentor(mentor_id: str, gender: Gender | str = Gender.MAN, **fields: Any) -> Mentor:
    """A capacity-1 economist mentor who speaks Swedish and Arabic, at no workplace."""
    values: dict[str, Any] = {"field": "ekonom", "languages": ("swedish", "arabic")}
    values.update(fields)
    return Mentor(id=mentor_id, gender=Gender(gender), **values)


def programme(
    adepts: Iterable[Adept], mentors: Iterable[Mentor], workplaces: Iterable[Workplace] = ()
) -> Programme:
    """A programme from builders' output."""
    return Programme(tuple(adepts), tuple(mentors), tuple(workplaces))


def equality(
    *,
    k: int = 5,
    match_rate: float | None = None,
    quality: float | None = None,
    maximin: bool = False,
    mix: float | None = None,
    strict: bool = True,
) -> EqualitySettings:
    """Equality settings with only the named rules on (a value is the rule's target), the
    match-rate, quality and workplace mix targets as the *strict* (hard) rules unless
    ``strict=False``."""
    return EqualitySettings(
        min_group_size=k,
        match_rate=MatchRateParity(match_rate is not None, match_rate or 0.0, strict),
        quality=QualityParity(
            quality is not None or maximin,
            QualityParityMode.MAXIMIN if maximin else QualityParityMode.MAX_GAP,
            quality or 0.0,
            strict and not maximin,
        ),
        workplace_mix=WorkplaceMix(mix is not None, mix or 0.0, strict),
    )


def no_equality(settings: MatchSettings | None = None) -> MatchSettings:
    """``settings`` (defaults if omitted) with every equality rule off."""
    settings = settings or MatchSettings()
    return dataclasses.replace(settings, equality=settings.equality.all_off())


# --- named instances --------------------------------------------------------------------------


@dataclass(frozen=True)
class Instance:
    """A programme with the coordinator's decisions and settings, read from tests/data."""

    name: str
    description: str
    programme: Programme
    settings: MatchSettings
    locks: tuple[Key, ...] = ()
    forbids: tuple[Key, ...] = ()
    must_match: tuple[str, ...] = ()

    def solve(self, settings: MatchSettings | None = None, **changes: Any) -> MatchResult:
        """Solve with this instance's decisions (``changes`` override them)."""
        from smile_core.matching.solver import solve

        decisions = {"locks": self.locks, "forbids": self.forbids, "must_match": self.must_match}
        decisions.update(changes)
        return solve(self.programme, settings or self.settings, **decisions)


_LIST_FIELDS = ("languages", "goals", "offers", "availability")


def _person(cls: type, data: Mapping[str, Any]) -> Any:
    values = dict(data)
    for name in _LIST_FIELDS:
        if name in values:
            values[name] = tuple(values[name])
    if "gender" in values:
        values["gender"] = Gender(values["gender"])
    if "preferred_mentor_gender" in values:
        values["preferred_mentor_gender"] = MentorGenderPreference(
            values["preferred_mentor_gender"]
        )
    return cls(**values)


def load_instance(name: str) -> Instance:
    """Read ``tests/data/instances/<name>.json``."""
    data = json.loads((INSTANCES / f"{name}.json").read_text(encoding="utf-8"))
    prog = Programme(
        adepts=tuple(_person(Adept, a) for a in data["adepts"]),
        mentors=tuple(_person(Mentor, m) for m in data["mentors"]),
        workplaces=tuple(_person(Workplace, w) for w in data.get("workplaces", ())),
        name=name,
    )
    return Instance(
        name=name,
        description=data["description"],
        programme=prog,
        settings=settings_from_mapping(data.get("settings", {})),
        locks=tuple(tuple(k) for k in data.get("locks", ())),
        forbids=tuple(tuple(k) for k in data.get("forbids", ())),
        must_match=tuple(data.get("must_match", ())),
    )


# --- reading scores and judging results -------------------------------------------------------


def score_of(scores: pl.DataFrame) -> dict[Key, float]:
    """Every pair's score by (adept, mentor)."""
    return {(a, m): s for a, m, s in scores.select("adept_id", "mentor_id", "score").iter_rows()}


def allowed_keys(scores: pl.DataFrame) -> set[Key]:
    """The (adept, mentor) keys the scoring rules allow."""
    allowed = scores.filter(pl.col("allowed"))
    return set(zip(allowed["adept_id"], allowed["mentor_id"], strict=True))


def judge(
    prog: Programme,
    result: MatchResult,
    settings: MatchSettings,
    *,
    locks: Iterable[Key] = (),
    forbids: Iterable[Key] = (),
    must_match: Iterable[str] = (),
) -> list[Violation]:
    """Every rule the result's plan breaks, by the public validators (scores recomputed)."""
    scores = score_pairs(prog, settings)
    return check_plan(
        prog,
        result.plan.keys,
        settings,
        scores=score_of(scores),
        allowed=allowed_keys(scores),
        locks=locks,
        forbids=forbids,
        must_match=must_match,
    )


def candidates(
    prog: Programme,
    settings: MatchSettings,
    locks: Iterable[Key],
    forbids: Iterable[Key],
    scores: pl.DataFrame | None = None,
) -> dict[Key, int]:
    """Pairs a plan may use, with their score in centipoints: the allowed pairs that are not
    forbidden, plus every locked pair (a lock overrides the scoring rules). ``scores`` is a
    :func:`score_pairs` frame to use instead of scoring ``prog``."""
    scores = score_pairs(prog, settings) if scores is None else scores
    locks, forbids = set(locks), set(forbids)
    centi = {
        (a, m): c for a, m, c in scores.select("adept_id", "mentor_id", "score_centi").iter_rows()
    }
    allowed = allowed_keys(scores)
    return {k: c for k, c in centi.items() if (k in allowed and k not in forbids) or k in locks}


# --- independent optimum: linear programme (GLOP) ---------------------------------------------


@dataclass(frozen=True)
class Optimum:
    """The best plan's matched count and total score (centipoints), and one such plan."""

    matched: int
    total_centi: int
    plan: frozenset[Key]


def lp_optimum(
    prog: Programme,
    settings: MatchSettings,
    *,
    locks: Iterable[Key] = (),
    forbids: Iterable[Key] = (),
    must_match: Iterable[str] = (),
) -> Optimum | None:
    """The optimum without equality rules, as a linear programme solved by GLOP.

    Rows: at most one mentor per adept (exactly one for must-match adepts), mentor and
    workplace capacities, locks fixed to 1. The adept rows and the laminar mentor ⊂ workplace
    rows (plus the all-pairs row of the coverage stage) form a totally unimodular matrix, so
    the simplex optimum is a whole plan; that is asserted, not assumed. Under the coverage
    priority, a first LP maximises the matched count and a second the score at that count.
    ``None`` when the rows cannot all hold. Group mentors' minimum sizes are not network rows,
    so programmes with group mentors are refused.
    """
    assert all(m.min_group_size < 2 for m in prog.mentors), "the LP has no group-size rows"
    locks, forbids, must_match = set(locks), set(forbids), set(must_match)
    if locks & forbids:
        return None  # a pair both locked and forbidden: no plan can do both
    pairs = candidates(prog, settings, locks, forbids)
    solver = pywraplp.Solver.CreateSolver("GLOP")
    x = {k: solver.NumVar(1.0 if k in locks else 0.0, 1.0, f"x_{k[0]}_{k[1]}") for k in pairs}
    for a in prog.adepts:
        row = [x[k] for k in pairs if k[0] == a.id]
        if a.id in must_match:
            solver.Add(sum(row) == 1) if row else solver.Add(solver.Sum([]) >= 1)
        elif row:
            solver.Add(sum(row) <= 1)
    for m in prog.mentors:
        row = [x[k] for k in pairs if k[1] == m.id]
        if row:
            solver.Add(sum(row) <= m.capacity)
    for w in prog.workplaces:
        row = [x[k] for k in pairs if prog.mentor_by_id[k[1]].workplace_id == w.id]
        if row:
            solver.Add(sum(row) <= w.capacity)
    count = solver.Sum(list(x.values()))
    if settings.priority is Priority.COVERAGE:
        solver.Maximize(count)
        if solver.Solve() != pywraplp.Solver.OPTIMAL:
            return None
        solver.Add(count >= round(solver.Objective().Value()))
    solver.Maximize(solver.Sum([c * x[k] for k, c in pairs.items()]))
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    values = {k: v.solution_value() for k, v in x.items()}
    assert all(min(abs(v), abs(1 - v)) < 1e-6 for v in values.values()), "LP vertex not whole"
    chosen = frozenset(k for k, v in values.items() if v > 0.5)
    total = sum(pairs[k] for k in chosen)
    assert abs(total - solver.Objective().Value()) < 1e-3
    return Optimum(len(chosen), total, chosen)


# --- the model of record without the engine's shortcuts --------------------------------------


def full_model_optimum(
    prog: Programme,
    settings: MatchSettings,
    *,
    locks: Iterable[Key] = (),
    forbids: Iterable[Key] = (),
    must_match: Iterable[str] = (),
) -> Optimum | None:
    """The optimum of the CP-SAT rule modules over *every* candidate pair, solved plainly:
    no flow bound, no warm start, no pruning (coverage, then MAXIMIN's worst-off mean, then
    score, one solve each). Judges that the engine's shortcuts never lose optimality on
    instances too big to enumerate."""
    problem = build_problem(
        prog,
        score_pairs(prog, settings),
        settings,
        locks=locks,
        forbids=forbids,
        must_match=must_match,
    )
    ctx = ModelContext(problem)
    count = assignment.add(ctx)
    capacity.add(ctx)
    lock_rule.add(ctx)
    match_rate.add(ctx)
    worst_off = quality_parity.add(ctx).get("worst_off_mean")
    workplace_mix.add(ctx)
    group_size.add(ctx)
    total = ctx.total(range(problem.n_pairs), problem.pair_score)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = 120
    stages = [count] if settings.priority is Priority.COVERAGE else []
    stages += [worst_off, total] if worst_off is not None else [total]
    for expression in stages:
        ctx.model.maximize(expression)
        status = solver.solve(ctx.model)
        if status == cp_model.INFEASIBLE:
            return None
        assert status == cp_model.OPTIMAL, solver.status_name(status)
        ctx.model.add(expression >= round(solver.objective_value))
    chosen = [p for p in range(problem.n_pairs) if solver.boolean_value(ctx.x[p])]
    plan = frozenset(
        (problem.adept_ids[problem.pair_adept[p]], problem.mentor_ids[problem.pair_mentor[p]])
        for p in chosen
    )
    return Optimum(len(plan), int(problem.pair_score[chosen].sum()), plan)


# --- independent optimum: brute force with every rule -----------------------------------------


def _floor_mean(total: int, count: int) -> int:
    return total // count if count else 0


def brute_force(
    prog: Programme,
    settings: MatchSettings,
    *,
    locks: Iterable[Key] = (),
    forbids: Iterable[Key] = (),
    must_match: Iterable[str] = (),
    scores: pl.DataFrame | None = None,
) -> Optimum | None:
    """The best plan by enumerating every plan (keep it to about 5 adepts and 4 mentors).

    Capacities, locks and must-match are kept while enumerating, then group mentors' minimum
    sizes are checked; the equality rules are judged by
    :func:`smile_core.matching.checks.check_equality`. The objective is the settings'
    priority (coverage: most matched, then best total; quality: best total); with MAXIMIN
    quality parity, the worst-off (woman/man) mean score in whole centipoints comes between
    (a group with nobody matched counts 0). ``None`` when no plan keeps every rule. ``scores``
    is a :func:`score_pairs` frame to use instead of scoring ``prog``.
    """
    locks, forbids, must_match = set(locks), set(forbids), set(must_match)
    if locks & forbids:
        return None  # a pair both locked and forbidden: no plan can do both
    pairs = candidates(prog, settings, locks, forbids, scores)
    score = {k: c / 100 for k, c in pairs.items()}
    options: list[list[str | None]] = []
    for a in prog.adepts:
        locked = [m for (la, m) in locks if la == a.id]
        if locked:
            options.append(locked)
        else:
            mentors = [m for (pa, m) in pairs if pa == a.id]
            options.append(mentors if a.id in must_match else [None, *mentors])
    gender = {a.id: a.gender.value for a in prog.adepts}
    mentor_load = dict.fromkeys(prog.mentor_by_id, 0)
    minimum = {m.id: m.min_group_size for m in prog.mentors if m.min_group_size >= 2}
    workplace_load = dict.fromkeys(prog.workplace_by_id, 0)
    valid: list[frozenset[Key]] = []
    chosen: list[Key] = []

    def visit(i: int) -> None:
        if i == len(options):
            if any(0 < mentor_load[m] < minimum[m] for m in minimum):
                return  # a group mentor with a group below the minimum
            if check_equality(prog, chosen, settings, scores=score):
                return
            valid.append(frozenset(chosen))
            return
        for m in options[i]:
            if m is None:
                visit(i + 1)
                continue
            w = prog.mentor_by_id[m].workplace_id
            if mentor_load[m] >= prog.mentor_by_id[m].capacity:
                continue
            if w and workplace_load[w] >= prog.workplace_by_id[w].capacity:
                continue
            mentor_load[m] += 1
            if w:
                workplace_load[w] += 1
            chosen.append((prog.adepts[i].id, m))
            visit(i + 1)
            chosen.pop()
            mentor_load[m] -= 1
            if w:
                workplace_load[w] -= 1

    visit(0)
    if not valid:
        return None
    plan = _best_by_stages(prog, settings, valid, pairs, gender, must_match)
    return Optimum(len(plan), sum(pairs[k] for k in plan), plan)


def _best_by_stages(
    prog: Programme,
    settings: MatchSettings,
    valid: list[frozenset[Key]],
    pairs: Mapping[Key, int],
    gender: Mapping[str, str],
    must_match: set[str] | frozenset[str] = frozenset(),
) -> frozenset[Key]:
    """The best of ``valid`` plans by the documented stages, written out plainly:

    1. lifting (match-rate rule on, not strict): the groups' rates, lowest first (leximin;
       everyone outside the constrained groups is one more group);
    2. coverage priority: the number matched;
    3. quality priority with a quality stage and no lifting: the count of the best-score plans
       (the most matched among them) becomes a floor;
    4. the quality stage (not strict): MAX_GAP — the gap kept (1/0; with lifting, kept only
       when the lifting plan at the counts keeps it, see below); MAXIMIN — the worse-off
       mean in whole centipoints (floor; a group with nobody matched counts 0);
    5. the workplace mix target (not strict): the fewest women missing from the share, summed
       over the workplaces with two or more adepts;
    6. the total score.
    """
    eq = settings.equality
    sizes = {g: sum(1 for a in prog.adepts if a.gender.value == g) for g in gender.values()}
    groups = [g for g in ("woman", "man", "non_binary") if sizes.get(g, 0) >= eq.min_group_size]
    lifting = eq.match_rate.enabled and not eq.match_rate.strict
    quality = eq.quality
    quality_stage = (
        quality.enabled
        and not (quality.strict and quality.mode is QualityParityMode.MAX_GAP)
        and "woman" in groups
        and "man" in groups
    )

    def total(plan: frozenset[Key]) -> int:
        return sum(pairs[k] for k in plan)

    def by_group(plan: frozenset[Key]) -> dict[str, list[int]]:
        return {g: [pairs[k] for k in plan if gender[k[0]] == g] for g in ("woman", "man")}

    def gap_of(plan: frozenset[Key]) -> Fraction | None:
        w, m = by_group(plan).values()
        return abs(Fraction(sum(w), len(w)) - Fraction(sum(m), len(m))) if w and m else None

    target = round(100 * quality.max_gap_points)
    # The gap target is reached by lifting, never by lowering a group: with the lifting rule
    # (every plan compared here has the same counts) and no rule outside the flows, it counts
    # as kept only when the lifting plan — the worse-off group's score sum as high as the
    # counts allow, then the total — keeps it; else no plan keeps it (stage 4's value is the
    # same for all). The lifting plan: the women's sum first; when that leaves the men's mean
    # below the women's, the men's sum first; when that crosses too, there is none.
    lift_only = (
        lifting
        and quality.mode is QualityParityMode.MAX_GAP
        and not must_match
        and not any(m.min_group_size >= 2 for m in prog.mentors)
        and not (eq.workplace_mix.enabled and eq.workplace_mix.strict)
    )
    reachable: dict[tuple, bool] = {}

    def counts_of(plan: frozenset[Key]) -> tuple:
        # Per lifted group, as the flows count them (everyone outside the groups is "other").
        named = [gender[a] if gender[a] in groups else "other" for a, _ in plan]
        return tuple(sorted((g, named.count(g)) for g in set(named)))

    def lifting_reaches(plan: frozenset[Key]) -> bool:
        key_ = counts_of(plan)
        if key_ not in reachable:
            same = [p for p in valid if counts_of(p) == key_]
            lifted = None
            for low, high in (("woman", "man"), ("man", "woman")):
                best = max(same, key=lambda p, g=low: (sum(by_group(p)[g]), total(p)))
                values = by_group(best)
                if not values[low] or not values[high]:
                    lifted = best
                    break
                mean = {g: Fraction(sum(v), len(v)) for g, v in values.items()}
                if mean[high] >= mean[low]:
                    lifted = best
                    break
            gap = None if lifted is None else gap_of(lifted)
            reachable[key_] = gap is None or gap <= target
        return reachable[key_]

    def quality_value(plan: frozenset[Key]) -> int:
        values = by_group(plan)
        if quality.mode is QualityParityMode.MAXIMIN:
            return min(_floor_mean(sum(v), len(v)) for v in values.values())
        gap = gap_of(plan)
        if gap is None:
            return 1
        if lift_only and not lifting_reaches(plan):
            return 0
        return int(gap <= target)

    mix = eq.workplace_mix
    mix_stage = mix.enabled and not mix.strict

    def missing(plan: frozenset[Key]) -> int:
        placed: dict[str, list[bool]] = {}
        for a, m in plan:
            w = prog.mentor_by_id[m].workplace_id
            if w:
                placed.setdefault(w, []).append(gender[a] == "woman")
        share = round(100 * mix.min_women_share)
        return sum(
            max(0, -(-share * len(women) // 100) - sum(women))
            for women in placed.values()
            if len(women) >= 2
        )

    floor = 0
    if (quality_stage or mix_stage) and not lifting and settings.priority is Priority.QUALITY:
        best_total = max(total(p) for p in valid)
        floor = max(len(p) for p in valid if total(p) == best_total)

    def key(plan: frozenset[Key]) -> tuple:
        parts: list = []
        if lifting and groups:
            # Everyone outside the constrained groups is one more group, "other".
            label = {a: (g if g in groups else "other") for a, g in gender.items()}
            lifted = [*groups, *(["other"] if "other" in label.values() else [])]
            n = {g: list(label.values()).count(g) for g in lifted}
            parts.append(
                tuple(
                    sorted(Fraction(sum(1 for a, _ in plan if label[a] == g), n[g]) for g in lifted)
                )
            )
        if settings.priority is Priority.COVERAGE:
            parts.append(len(plan))
        if quality_stage or mix_stage:
            parts.append(len(plan) >= floor)
        if quality_stage:
            parts.append(quality_value(plan))
        if mix_stage:
            parts.append(-missing(plan))
        parts.append(total(plan))
        return tuple(parts)

    return max(valid, key=key)


def worst_off_mean_centi(prog: Programme, plan: Iterable[Key], scores: Mapping[Key, float]) -> int:
    """The lower of matched women's and men's mean scores, floored to whole centipoints
    (a group with nobody matched counts 0)."""
    gender = {a.id: a.gender.value for a in prog.adepts}
    means = []
    for g in ("woman", "man"):
        values = [round(scores[k] * 100) for k in plan if gender[k[0]] == g]
        means.append(_floor_mean(sum(values), len(values)))
    return min(means)


def shares(prog: Programme, plan: Iterable[Key]) -> dict[str, Fraction]:
    """Each gender's share of the matched adepts, exactly."""
    gender = {a.id: a.gender.value for a in prog.adepts}
    plan = list(plan)
    return {
        g: Fraction(sum(1 for a, _ in plan if gender[a] == g), len(plan))
        for g in ("woman", "man", "non_binary", "undisclosed")
    }


# --- Hypothesis strategies --------------------------------------------------------------------

LANGUAGES = ("arabic", "persian", "english")
FIELDS = ("ekonom", "controller", "jurist", "svetsare", "gjutare", "snickare")
LEVELS = ("", "sfi a", "sfi b", "a2", "b1", "c1")
PLACES = (("värnamo", "jönköpings län"), ("jönköping", "jönköpings län"), ("malmö", "skåne län"))
GOALS = ("network", "labour_market", "language", "cv_interview")
GENDERS = tuple(Gender)
#: Mostly women and men, so that both groups often reach the equality rules' minimum size.
ADEPT_GENDERS = (Gender.WOMAN,) * 3 + (Gender.MAN,) * 3 + (Gender.NON_BINARY, Gender.UNDISCLOSED)


def _subset(items: Sequence[str], max_size: int | None = None) -> st.SearchStrategy:
    return st.lists(st.sampled_from(items), max_size=max_size or len(items), unique=True).map(
        lambda xs: tuple(sorted(xs))
    )


@st.composite
def programmes(
    draw: st.DrawFn,
    *,
    max_adepts: int = 12,
    max_mentors: int = 6,
    max_workplaces: int = 3,
    min_adepts: int = 1,
    group_mentors: bool = True,
) -> Programme:
    """Small random programmes: random capacities (workplaces may have none), genders,
    languages, Swedish levels, fields from related families, places, goals and preferences.

    Half of them are skewed: one gender's adepts work in a field no mentor has, so they score
    lower and the equality rules have something to correct. With ``group_mentors``, a mentor
    of capacity 2 or more sometimes leads a group of at least 2 (or nobody).
    """
    skewed = draw(st.sampled_from((None, None, Gender.WOMAN, Gender.MAN)))
    n_w = draw(st.integers(0, max_workplaces))
    workplaces = tuple(
        Workplace(id=f"W{i}", capacity=draw(st.sampled_from((0, 1, 2, 2, 3, 4))))
        for i in range(1, n_w + 1)
    )
    workplace_ids = ("", *(w.id for w in workplaces))
    mentors = []
    for i in range(1, draw(st.integers(1, max_mentors)) + 1):
        place = draw(st.sampled_from(PLACES))
        capacity = draw(st.integers(1, 2))
        group = group_mentors and capacity >= 2 and draw(st.integers(0, 3)) == 0
        mentors.append(
            Mentor(
                id=f"M{i:02d}",
                gender=draw(st.sampled_from(GENDERS[:3])),
                field=draw(st.sampled_from(FIELDS)),
                workplace_id=draw(st.sampled_from(workplace_ids)),
                languages=("swedish", *draw(_subset(LANGUAGES, 2))),
                municipality=place[0],
                region=place[1],
                capacity=capacity,
                min_group_size=2 if group else 0,
                offers=draw(_subset(GOALS)),
            )
        )
    adepts = []
    for i in range(1, draw(st.integers(min_adepts, max_adepts)) + 1):
        place = draw(st.sampled_from(PLACES))
        gender = draw(st.sampled_from(ADEPT_GENDERS))
        fields = ("kock",) if gender is skewed else FIELDS
        adepts.append(
            Adept(
                id=f"A{i:02d}",
                gender=gender,
                field=draw(st.sampled_from(fields)),
                target_field=draw(st.sampled_from(fields)),
                languages=draw(_subset(LANGUAGES, 2)),
                swedish_level=draw(st.sampled_from(LEVELS)),
                municipality=place[0],
                region=place[1],
                preferred_mentor_gender=draw(st.sampled_from(list(MentorGenderPreference))),
                goals=draw(_subset(GOALS)),
            )
        )
    return programme(adepts, mentors, workplaces)


@st.composite
def match_settings(draw: st.DrawFn, *, equality_rules: bool = True, maximin: bool = False):
    """Settings with a random priority and hard rules, and (optionally) random equality rules
    with small groups so that they bind on small programmes."""
    eq = EqualitySettings().all_off()
    if equality_rules:
        eq = equality(
            k=draw(st.sampled_from((1, 2, 3, 5))),
            match_rate=draw(st.none() | st.sampled_from((0.0, 5.0, 20.0))),
            quality=None if maximin else draw(st.none() | st.sampled_from((5.0, 20.0))),
            maximin=maximin,
            mix=draw(st.none() | st.sampled_from((0.25, 0.5))),
            # Lifting (the default) or the old hard rules (the strict options).
            strict=draw(st.booleans()),
        )
    return MatchSettings(
        priority=draw(st.sampled_from(list(Priority))),
        gender_preference_hard=draw(st.booleans()),
        allow_no_shared_language=draw(st.booleans()),
        equality=eq,
        seed=draw(st.integers(0, 3)),
        time_limit_seconds=10.0,
    )


@st.composite
def decisions(
    draw: st.DrawFn,
    prog: Programme,
    *,
    max_locks: int = 2,
    max_forbids: int = 3,
    max_must_match: int = 1,
) -> tuple[tuple[Key, ...], tuple[Key, ...], tuple[str, ...]]:
    """Random locks (distinct adepts, any mentor), forbids and must-match adepts; a pair is
    rarely both locked and forbidden (that conflict has its own tests)."""
    adept_ids = [a.id for a in prog.adepts]
    mentor_ids = [m.id for m in prog.mentors]
    pair = st.tuples(st.sampled_from(adept_ids), st.sampled_from(mentor_ids))
    locks = draw(st.lists(pair, max_size=max_locks, unique_by=lambda k: k[0]))
    forbids = draw(st.lists(pair, max_size=max_forbids, unique=True))
    if draw(st.integers(0, 9)):
        forbids = [k for k in forbids if k not in locks]
    must = draw(st.lists(st.sampled_from(adept_ids), max_size=max_must_match, unique=True))
    return tuple(locks), tuple(forbids), tuple(must)

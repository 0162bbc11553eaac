"""Judging an edited plan: every rule it breaks, in words, and whether the rule blocks the edit.

:func:`check_edits` / :func:`edit_violations` judge a plan with the public checks
(:func:`smile_core.matching.checks.check_plan`) before an edit is accepted. Breaking a capacity, a
lock, a forbid or the matching rules blocks an edit; an equality rule only warns.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import polars as pl

from smile_core.ingest.participants import AdeptId, MentorId, Programme
from smile_core.matching.checks import Violation, check_plan
from smile_core.matching.plan import Plan
from smile_core.matching.plan_view import PairIndex
from smile_core.matching.settings import MatchSettings
from smile_core.text import Message, has


@dataclass(frozen=True, slots=True)
class EditViolation:
    """One rule an edited plan breaks: the rule, whether it blocks the edit, and the facts in
    Swedish and English (``message`` is :func:`~smile_core.matching.checks.check_plan`'s own
    text)."""

    rule: str
    blocking: bool
    message_sv: str
    message_en: str
    message: str
    #: The check's facts by key (``a`` adept id, ``m`` mentor id, ...), to tell which edited
    #: row broke the rule.
    facts: tuple[tuple[str, str], ...] = ()
    #: A missed equality target, not a broken rule: the match-rate, quality or mix target without
    #: its strict option (the engine lifts towards it and reports a miss with its cause).
    target: bool = False
    #: A missed target the plan before the edit missed as much (same rule and group, no
    #: further from the target): the edit did not cause it (:func:`mark_as_before`).
    as_before: bool = False

    def text(self, lang: str = "en") -> str:
        """The violation in ``lang`` ("sv" or "en")."""
        return self.message_sv if lang == "sv" else self.message_en


#: The rules an edit may not break; equality rules (match rate, quality, mix) only warn.
BLOCKING_RULES = frozenset(
    {
        "unknown",
        "at_most_once",
        "mentor_capacity",
        "workplace_capacity",
        "lock",
        "forbid",
        "allowed",
        "must_match",
        "group_minimum",
    }
)


def check_edits(
    programme: Programme,
    plan: Plan,
    settings: MatchSettings,
    scores: pl.DataFrame | None = None,
    locks: Iterable[tuple[AdeptId, MentorId]] = (),
    forbids: Iterable[tuple[AdeptId, MentorId]] = (),
    index: PairIndex | None = None,
) -> list[EditViolation]:
    """Every rule ``plan`` breaks, judged by :func:`smile_core.matching.checks.check_plan`, in
    words.

    With ``scores``, pairs must be allowed by the matching rules (locked pairs excepted) and
    the quality-parity rule is checked too; ``index``
    (:class:`~smile_core.matching.plan_view.PairIndex` of ``scores``) finds the plan's pairs in it
    by position, which is much faster on large frames and gives the same answer.
    """
    score_of = allowed = None
    if scores is not None:
        # Only the plan's own pairs are looked up (a join, not a dict of every pair): the
        # checks never ask about a pair outside the plan, and at 1,000 adepts the scores
        # frame has 700,000 rows, which took a second per check as Python tuples.
        keys = [p.key for p in plan.pairs]
        if index is not None:
            ours = index.rows(scores, keys)
        else:
            ours = scores.join(
                pl.DataFrame(
                    keys, schema={"adept_id": pl.String, "mentor_id": pl.String}, orient="row"
                ),
                on=["adept_id", "mentor_id"],
                how="semi",
            )
        ours = ours.select("adept_id", "mentor_id", "score", "allowed")
        score_of = {}
        allowed = []
        for adept_id, mentor_id, score, ok in ours.iter_rows():
            score_of[(adept_id, mentor_id)] = score
            if ok:
                allowed.append((adept_id, mentor_id))
        score_of.update({p.key: p.score for p in plan.pairs if p.key not in score_of})
    violations = check_plan(
        programme,
        [p.key for p in plan.pairs],
        settings,
        scores=score_of,
        allowed=allowed,
        locks=locks,
        forbids=forbids,
        # A manual edit that misses an equality target gets a (non-blocking) warning, strict
        # or not: the coordinator should know before keeping it.
        targets=True,
    )
    equality = settings.equality
    options = {
        "match_rate": equality.match_rate,
        "quality_parity": equality.quality,
        "workplace_mix": equality.workplace_mix,
    }
    targets = {rule for rule, option in options.items() if not option.strict}
    return [
        dataclasses.replace(_in_words(v, programme), target=v.rule in targets) for v in violations
    ]


def edit_violations(
    programme: Programme,
    plan: Plan,
    settings: MatchSettings,
    scores: pl.DataFrame | None = None,
    locks: Iterable[tuple[AdeptId, MentorId]] = (),
    forbids: Iterable[tuple[AdeptId, MentorId]] = (),
    *,
    lang: str = "en",
    blocking_only: bool = False,
) -> list[str]:
    """The messages of :func:`check_edits` in ``lang`` ("sv" or "en"); empty when the edited
    plan keeps every rule. ``blocking_only`` leaves out the equality warnings."""
    return [
        v.text(lang)
        for v in check_edits(programme, plan, settings, scores, locks, forbids)
        if v.blocking or not blocking_only
    ]


def mark_as_before(
    after: Sequence[EditViolation], before: Sequence[EditViolation]
) -> list[EditViolation]:
    """``after`` (the edited plan's violations) with each missed target that ``before`` (the
    plan's before the edit) already had, at least as far from the target, marked
    :attr:`EditViolation.as_before`.

    The same miss is the same rule for the same group (the match-rate target's ``g``; the
    mix target's workplace ``w``; the quality target has one figure); "as far" compares the
    distance from the target: the match-rate target's percentage points between the matched
    and the applicants' share, the quality target's gap between the means, the share of
    others than women at the workplace. A miss that grew, or is new, stays a warning: a
    coordinator saving hand edits on a binding cohort, whose proven plan misses its target by
    the supply alone, is warned when an edit makes it worse, not on every save."""
    earlier = {_miss_key(v): _miss_distance(v) for v in before if v.target}
    marked = []
    for violation in after:
        key = _miss_key(violation)
        was = earlier.get(key) if violation.target else None
        now = _miss_distance(violation)
        same = was is not None and now is not None and now <= was
        marked.append(dataclasses.replace(violation, as_before=same))
    return marked


def _miss_key(violation: EditViolation) -> tuple[str, str]:
    facts = dict(violation.facts)
    # (The mix target is missed per workplace.)
    return violation.rule, facts.get("g", facts.get("w", ""))


def _miss_distance(violation: EditViolation) -> float | None:
    """How far a missed target is from being met, in its own unit; ``None`` when its facts
    do not say (the miss is then never taken as the one before)."""
    facts = dict(violation.facts)
    try:
        if violation.rule == "match_rate":
            return abs(float(facts["got"]) - float(facts["want"]))
        if violation.rule == "quality_parity":
            return float(facts["d"])
        if violation.rule == "workplace_mix":
            return 1 - int(facts["k"]) / int(facts["n"])  # the share of men, in effect
    except (KeyError, ValueError):
        return None
    return None


def _in_words(violation: Violation, programme: Programme) -> EditViolation:
    blocking = violation.rule in BLOCKING_RULES
    if violation.rule not in _WORDS or not violation.facts:  # no wording here: its own text
        return EditViolation(
            violation.rule,
            blocking,
            violation.message,
            violation.message,
            violation.message,
            violation.facts,
        )
    message = _edit_message(violation.rule, violation.fact, programme)
    sv, en = message.render("sv"), message.render("en")
    return EditViolation(violation.rule, blocking, sv, en, violation.message, violation.facts)


def _adept(adept_id: str, programme: Programme) -> str:
    adept = programme.adept_by_id.get(adept_id)
    return f"{adept.name} ({adept_id})" if adept and adept.name else adept_id


def _mentor(mentor_id: str, programme: Programme) -> str:
    mentor = programme.mentor_by_id.get(mentor_id)
    return f"{mentor.name} ({mentor_id})" if mentor and mentor.name else mentor_id


def _workplace(workplace_id: str, programme: Programme) -> str:
    workplace = programme.workplace_by_id.get(workplace_id)
    return f"{workplace.name} ({workplace_id})" if workplace and workplace.name else workplace_id


def _edit_message(rule: str, f: dict[str, str], programme: Programme) -> Message:
    """The violation ``rule`` with the check's facts ``f`` as a catalogue message
    (``edit.<rule>``): ids shown with names, counts as numbers (for the plural forms)."""
    params: dict[str, object] = {}
    if "a" in f:
        params["adept"] = _adept(f["a"], programme)
    if "m" in f:
        params["mentor"] = _mentor(f["m"], programme)
    if "w" in f:
        params["workplace"] = _workplace(f["w"], programme)
    for name in ("n", "c", "k"):
        if name in f:
            params[name] = int(f[name])
    if rule == "unknown":
        return Message.of(f"edit.unknown.{f['kind']}", x=f["x"])
    if rule == "match_rate":
        params.update(
            group=Message.of(f"groups.{f['g']}") if has(f"groups.{f['g']}") else f["g"],
            got=float(f["got"]) / 100,
            want=float(f["want"]) / 100,
        )
    if rule == "quality_parity":
        params["d"] = float(f["d"])
    return Message.of(f"edit.{rule}", **params)


#: The rules :func:`_edit_message` words (the catalogue's ``edit.<rule>``).
_WORDS = frozenset(
    {
        "mentor_capacity",
        "workplace_capacity",
        "lock",
        "forbid",
        "allowed",
        "at_most_once",
        "must_match",
        "unknown",
        "match_rate",
        "group_minimum",
        "quality_parity",
        "workplace_mix",
    }
)

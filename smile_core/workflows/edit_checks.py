"""Judging an edited plan: every rule it breaks, in words, and whether the rule blocks the edit.

:func:`check_edits` / :func:`edit_violations` judge a plan with the public checks
(:func:`smile_core.checks.check_plan`) before an edit is accepted. Breaking a capacity, a lock,
a forbid or the matching rules blocks an edit; an equality rule only warns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from smile_core.checks import Violation, check_plan
from smile_core.participants import AdeptId, MentorId, Programme
from smile_core.plan import Plan
from smile_core.plan_view import PairIndex
from smile_core.settings import MatchSettings


@dataclass(frozen=True, slots=True)
class EditViolation:
    """One rule an edited plan breaks: the rule, whether it blocks the edit, and the facts in
    Swedish and English (``message`` is :func:`~smile_core.checks.check_plan`'s own text)."""

    rule: str
    blocking: bool
    message_sv: str
    message_en: str
    message: str
    #: The check's facts by key (``a`` adept id, ``m`` mentor id, ...), to tell which edited
    #: row broke the rule.
    facts: tuple[tuple[str, str], ...] = ()

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
    """Every rule ``plan`` breaks, judged by :func:`smile_core.checks.check_plan`, in words.

    With ``scores``, pairs must be allowed by the matching rules (locked pairs excepted) and
    the quality-parity rule is checked too; ``index`` (:class:`~smile_core.plan_view.PairIndex`
    of ``scores``) finds the plan's pairs in it by position, which is much faster on large
    frames and gives the same answer.
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
    return [_in_words(v, programme) for v in violations]


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


def _in_words(violation: Violation, programme: Programme) -> EditViolation:
    blocking = violation.rule in BLOCKING_RULES
    words = _WORDS.get(violation.rule)
    if words is None or not violation.facts:  # a rule with no wording here: its own text
        return EditViolation(
            violation.rule,
            blocking,
            violation.message,
            violation.message,
            violation.message,
            violation.facts,
        )
    sv, en = words(violation.fact, programme)
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


# The groups of the match-rate rule as a sentence's subject (plural).
_GROUPS_PLURAL = {
    "woman": ("kvinnor", "women"),
    "man": ("män", "men"),
    "non_binary": ("icke-binära", "non-binary adepts"),
    "undisclosed": ("de som inte angett kön", "adepts who gave no gender"),
}


def _group_plural(group: str, lang: int) -> str:
    return _GROUPS_PLURAL.get(group, (group, group))[lang]


def _sv_percent(text: str) -> str:
    return text.replace(".", ",") + " %"


_WORDS = {
    "mentor_capacity": lambda f, p: (
        f"Mentorn {_mentor(f['m'], p)} får {f['n']} adepter men kan ta {f['c']}.",
        f"Mentor {_mentor(f['m'], p)} gets {f['n']} adepts but can take {f['c']}.",
    ),
    "workplace_capacity": lambda f, p: (
        f"Arbetsplatsen {_workplace(f['w'], p)} får {f['n']} adepter men har {f['c']} platser.",
        f"Workplace {_workplace(f['w'], p)} gets {f['n']} adepts but has {f['c']} places.",
    ),
    "lock": lambda f, p: (
        f"Det låsta paret {_adept(f['a'], p)} – {_mentor(f['m'], p)} saknas; lås upp det först.",
        f"The locked pair {_adept(f['a'], p)} – {_mentor(f['m'], p)} is missing; unlock it first.",
    ),
    "forbid": lambda f, p: (
        f"Paret {_adept(f['a'], p)} – {_mentor(f['m'], p)} är förbjudet.",
        f"The pair {_adept(f['a'], p)} – {_mentor(f['m'], p)} is forbidden.",
    ),
    "allowed": lambda f, p: (
        f"Paret {_adept(f['a'], p)} – {_mentor(f['m'], p)} bryter mot matchningsreglerna "
        "(inget gemensamt språk, önskat kön eller arbetsplats utan platser).",
        f"The pair {_adept(f['a'], p)} – {_mentor(f['m'], p)} breaks the matching rules "
        "(no shared language, wished gender or a workplace with no places).",
    ),
    "at_most_once": lambda f, p: (
        f"Adepten {_adept(f['a'], p)} har {f['n']} mentorer; en adept har högst en.",
        f"Adept {_adept(f['a'], p)} has {f['n']} mentors; an adept has one at most.",
    ),
    "must_match": lambda f, p: (
        f"Adepten {_adept(f['a'], p)} måste ha en mentor.",
        f"Adept {_adept(f['a'], p)} must have a mentor.",
    ),
    "unknown": lambda f, p: (
        f"{'Adepten' if f['kind'] == 'adept' else 'Mentorn'} {f['x']} finns inte i programmet.",
        f"{'Adept' if f['kind'] == 'adept' else 'Mentor'} {f['x']} is not in the programme.",
    ),
    "match_rate": lambda f, p: (
        f"Jämställdhet: {_group_plural(f['g'], 0)} är {_sv_percent(f['got'])} av de "
        f"matchade men {_sv_percent(f['want'])} av de sökande.",
        f"Equality: {_group_plural(f['g'], 1)} are {f['got']}% of the matched but "
        f"{f['want']}% of the applicants.",
    ),
    "group_minimum": lambda f, p: (
        f"Mentorn {_mentor(f['m'], p)} leder en grupp på {f['n']} men gruppen behöver minst "
        f"{f['k']} adepter (eller ingen).",
        f"Mentor {_mentor(f['m'], p)} leads a group of {f['n']}, but the group needs at least "
        f"{f['k']} adepts (or none).",
    ),
    "quality_parity": lambda f, p: (
        f"Jämställdhet: kvinnors och mäns medelpoäng skiljer sig med {f['d'].replace('.', ',')} "
        "poäng.",
        f"Equality: women's and men's mean scores differ by {f['d']} points.",
    ),
    "workplace_mix": lambda f, p: (
        f"Jämställdhet: {_workplace(f['w'], p)} får {f['k']} kvinnor av {f['n']} adepter.",
        f"Equality: {_workplace(f['w'], p)} gets {f['k']} women of {f['n']} adepts.",
    ),
}

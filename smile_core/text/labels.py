"""How SMILE's codes read for people, in Swedish and in English.

Tables, charts, exports and the steering-group report carry codes ("woman", "qualified_job",
"law"); this module turns each code into the word a coordinator or a steering group reads.
A code without a label (a cohort name, a workplace, a field outside every family) reads as
itself, so nothing is ever shown blank.
"""

from __future__ import annotations

from collections.abc import Mapping

from smile_core.outcomes.outcome_records import FOLLOW_UP_STATUSES, ROLES
from smile_core.text import LANGUAGES, both, has, t

#: The languages labels exist in; Swedish first.
LABEL_LANGUAGES: tuple[str, ...] = LANGUAGES

#: A group whose members' value is not known (an adept missing from the programme, a blank).
UNKNOWN_GROUP = "unknown"
#: Adepts without a mentor in the plan (grouping by workplace or score band).
NOT_MATCHED = "not_matched"
#: Matched adepts whose mentor has no workplace.
NO_WORKPLACE = "no_workplace"

#: The codes of each kind; their words are catalogue entries ``<kind>.<code>``
#: (:mod:`smile_core.text`), so a gender reads the same in a table, a chart and a report.
_CODES: dict[str, tuple[str, ...]] = {
    "gender": ("woman", "man", "non_binary", "undisclosed", "other"),
    "status": FOLLOW_UP_STATUSES,
    "family": (
        "foundry",
        "machining",
        "wood",
        "construction",
        "logistics",
        "economics",
        "law",
        "social_science",
        "hr",
        "it",
        "communication",
    ),
    "role": ROLES,
    "item": (
        "overall_satisfaction",
        "would_recommend",
        "meetings_useful",
        "learned_about_swedish_workplaces",
        "meaningful",
        "understanding_of_labour_market",
        "developed_as_mentor",
    ),
    "component": (
        "target_field",
        "background",
        "language",
        "location",
        "goals",
        "availability",
        "similar_background",
        "gender_penalty",
    ),
    "group": (UNKNOWN_GROUP, NOT_MATCHED, NO_WORKPLACE),
}

#: The kinds of code :func:`label` knows.
LABEL_KINDS: tuple[str, ...] = tuple(_CODES)


def labels(kind: str) -> Mapping[str, tuple[str, str]]:
    """Every code of ``kind`` with its (Swedish, English) label."""
    if kind not in _CODES:
        raise ValueError(f"unknown label kind {kind!r}; expected one of {LABEL_KINDS}")
    return {code: both(f"{kind}.{code}") for code in _CODES[kind]}


def label(kind: str, code: str | None, lang: str = "sv") -> str:
    """``code`` in words in ``lang``; the special groups (unknown, not matched) in any kind.

    A code without a label reads as itself ("" for ``None``). Raises ``ValueError`` for an
    unknown ``kind`` or ``lang``.
    """
    if lang not in LABEL_LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LABEL_LANGUAGES}")
    if kind not in _CODES:
        raise ValueError(f"unknown label kind {kind!r}; expected one of {LABEL_KINDS}")
    if code is None:
        return ""
    for key in (f"{kind}.{code}", f"group.{code}"):
        if has(key):
            return t(key, lang)
    return code

"""Equality figures of a plan, computed from the plan alone (no solver involved).

The dashboard, the CLI, the tests and the solver's own rules all agree on these numbers, so a
steering group sees exactly what the rules constrained.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from smile_core.ingest.participants import Programme
from smile_core.matching.plan import GroupFigures

GENDER_ORDER = ("woman", "man", "non_binary", "undisclosed")

#: The merged category of non-binary and not given in steering-group figures, when small.
OTHER = "other"
MAIN_GENDERS = ("woman", "man")
SMALL_GENDERS = ("non_binary", "undisclosed")


def gender_groups(genders: Iterable[str], min_count: int = 5) -> tuple[str, ...]:
    """The gender rows a steering-group table shows for people of these ``genders`` (codes,
    one per person): women, men, then non-binary and not given each on their own when each
    is 0 or at least ``min_count`` (and not both 0), else one :data:`OTHER` row for both."""
    counts = Counter(genders)
    small = [counts[g] for g in SMALL_GENDERS]
    if any(small) and all(n == 0 or n >= min_count for n in small):
        return (*MAIN_GENDERS, *SMALL_GENDERS)
    return (*MAIN_GENDERS, OTHER)


def group_of(gender: str, groups: tuple[str, ...]) -> str:
    """The published row of a person of ``gender`` among ``groups``."""
    return gender if gender in groups else OTHER


def gender_figures(
    programme: Programme, pair_scores: Mapping[str, float] | Iterable[tuple[str, float]]
) -> tuple[GroupFigures, ...]:
    """Applicants, matched and mean matched score per gender.

    ``pair_scores`` maps each matched adept id to its pair's score (or is an iterable of
    ``(adept_id, score)``). Groups appear in a fixed order, empty groups included.
    """
    scores = dict(pair_scores.items() if isinstance(pair_scores, Mapping) else pair_scores)
    figures = []
    for gender in GENDER_ORDER:
        members = [a.id for a in programme.adepts if a.gender.value == gender]
        matched = [scores[a] for a in members if a in scores]
        mean = round(sum(matched) / len(matched), 2) if matched else None
        figures.append(GroupFigures(gender, len(members), len(matched), mean))
    return tuple(figures)


def match_share_shortfall(figures: Iterable[GroupFigures]) -> dict[str, float]:
    """Per gender: share of applicants minus share of matched adepts, in percentage points
    (positive = under-represented among the matched). Empty plans give an empty dict."""
    figures = tuple(figures)
    applicants = sum(f.applicants for f in figures)
    matched = sum(f.matched for f in figures)
    if not applicants or not matched:
        return {}
    return {
        f.gender: round(100 * (f.applicants / applicants - f.matched / matched), 4)
        for f in figures
        if f.applicants
    }


def mean_score_gap(figures: Iterable[GroupFigures]) -> float | None:
    """Matched women's mean score minus matched men's (points); None if either has no one."""
    by_gender = {f.gender: f for f in figures}
    women, men = by_gender.get("woman"), by_gender.get("man")
    if women is None or men is None or women.mean_score is None or men.mean_score is None:
        return None
    return round(women.mean_score - men.mean_score, 2)

"""Public, solver-independent checks that judge any plan against the programme and the rules.

Plain Python over the plan's pairs: no CP-SAT, no flows. Every solve is checked by these in the
tests, and the dashboard shows their verdict next to each plan. All violations are returned,
not only the first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from smile_core.participants import AdeptId, MentorId, Programme, must_match_ids
from smile_core.settings import MatchSettings, QualityParityMode


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: which rule, and the facts in words."""

    rule: str
    message: str
    #: The facts the message names, by key (e.g. m=mentor id, n=adepts, c=capacity), so the
    #: dashboard can say them in Swedish and English with names without parsing ``message``.
    facts: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def fact(self) -> dict[str, str]:
        """The facts as a dict."""
        return dict(self.facts)


def check_plan(
    programme: Programme,
    pairs: Iterable[tuple[AdeptId, MentorId]],
    settings: MatchSettings,
    *,
    scores: Mapping[tuple[AdeptId, MentorId], float] | None = None,
    allowed: Iterable[tuple[AdeptId, MentorId]] | None = None,
    locks: Iterable[tuple[AdeptId, MentorId]] = (),
    forbids: Iterable[tuple[AdeptId, MentorId]] = (),
    must_match: Iterable[AdeptId] = (),
    targets: bool = False,
) -> list[Violation]:
    """Every rule the plan breaks (empty when it keeps them all).

    Checks: known ids; each adept at most once; mentor and workplace capacities and group
    mentors' minimum group sizes (nobody, or at least the minimum); locked pairs
    present; forbidden pairs absent; must-match adepts (``must_match`` and those the file marks
    "Måste matchas") matched; each pair allowed by the scoring
    rules (when ``allowed`` is given) unless locked; and the equality rules switched on in
    ``settings`` — match-rate parity, quality parity (needs ``scores``) and workplace mix.
    The match-rate and quality targets are rules only with their ``strict`` option: by default
    they lift and are reported against; ``targets=True`` judges them too (the dashboard warns
    about a manual edit that misses them).
    """
    pairs = list(pairs)
    locks, forbids = set(locks), set(forbids)
    violations: list[Violation] = []
    violations += _known_ids(programme, pairs)
    if violations:
        return violations
    violations += _at_most_once(pairs)
    violations += _capacities(programme, pairs)
    chosen = set(pairs)
    violations += [
        Violation("lock", f"locked pair {a}–{m} is missing", (("a", a), ("m", m)))
        for a, m in sorted(locks - chosen)
    ]
    violations += [
        Violation("forbid", f"forbidden pair {a}–{m} is in the plan", (("a", a), ("m", m)))
        for a, m in sorted(forbids & chosen)
    ]
    matched = {a for a, _ in pairs}
    violations += [
        Violation("must_match", f"adept {a} must be matched but is not", (("a", a),))
        for a in sorted((set(must_match) | must_match_ids(programme)) - matched)
    ]
    if allowed is not None:
        allowed_set = set(allowed)
        violations += [
            Violation(
                "allowed",
                f"pair {a}–{m} is not allowed by the matching rules",
                (("a", a), ("m", m)),
            )
            for a, m in sorted(chosen - allowed_set - locks)
        ]
    violations += check_equality(programme, pairs, settings, scores=scores, targets=targets)
    return violations


def check_equality(
    programme: Programme,
    pairs: Iterable[tuple[AdeptId, MentorId]],
    settings: MatchSettings,
    *,
    scores: Mapping[tuple[AdeptId, MentorId], float] | None = None,
    targets: bool = False,
) -> list[Violation]:
    """Violations of the equality rules that are switched on (exact rational arithmetic).

    The match-rate shortfall and the quality gap are hard rules only when ``strict``; by
    default they are targets, judged here only with ``targets=True`` (a missed target is
    then reported the same way)."""
    pairs = list(pairs)
    equality = settings.equality
    gender = {a.id: a.gender.value for a in programme.adepts}
    applicants = Counter(gender.values())
    k = equality.min_group_size
    groups = [g for g in ("woman", "man", "non_binary") if applicants[g] >= k]
    matched = Counter(gender[a] for a, _ in pairs)
    total_applicants, total_matched = len(programme.adepts), len(pairs)
    violations: list[Violation] = []
    if equality.match_rate.enabled and (equality.match_rate.strict or targets) and total_matched:
        allowed_short = Fraction(round(100 * equality.match_rate.max_shortfall_points), 10000)
        for g in groups:
            applicant_share = Fraction(applicants[g], total_applicants)
            matched_share = Fraction(matched[g], total_matched)
            if matched_share < applicant_share - allowed_short:
                violations.append(
                    Violation(
                        "match_rate",
                        f"{g}: {float(matched_share):.1%} of the matched against "
                        f"{float(applicant_share):.1%} of the applicants",
                        (
                            ("g", g),
                            ("got", f"{100 * float(matched_share):.1f}"),
                            ("want", f"{100 * float(applicant_share):.1f}"),
                        ),
                    )
                )
    quality = equality.quality
    if (
        quality.enabled
        and quality.mode is QualityParityMode.MAX_GAP
        and (quality.strict or targets)
        and scores is not None
        and "woman" in groups
        and "man" in groups
    ):
        sums = Counter()
        for a, m in pairs:
            sums[gender[a]] += round(scores[(a, m)] * 100)
        if matched["woman"] and matched["man"]:
            gap = abs(
                Fraction(sums["woman"], matched["woman"]) - Fraction(sums["man"], matched["man"])
            )
            if gap > Fraction(round(100 * quality.max_gap_points)):
                violations.append(
                    Violation(
                        "quality_parity",
                        f"mean scores differ by {float(gap) / 100:.2f} points",
                        (("d", f"{float(gap) / 100:.2f}"),),
                    )
                )
    if equality.workplace_mix.enabled:
        share = Fraction(round(100 * equality.workplace_mix.min_women_share), 100)
        placed: dict[str, list[str]] = {}
        for a, m in pairs:
            workplace = programme.mentor_by_id[m].workplace_id
            if workplace:
                placed.setdefault(workplace, []).append(gender[a])
        for workplace, genders in sorted(placed.items()):
            if len(genders) >= 2 and Fraction(genders.count("woman"), len(genders)) < share:
                violations.append(
                    Violation(
                        "workplace_mix",
                        f"workplace {workplace}: {genders.count('woman')} women of {len(genders)}",
                        (
                            ("w", workplace),
                            ("k", str(genders.count("woman"))),
                            ("n", str(len(genders))),
                        ),
                    )
                )
    return violations


def _known_ids(programme: Programme, pairs: list[tuple[str, str]]) -> list[Violation]:
    violations = []
    for a, m in pairs:
        if a not in programme.adept_by_id:
            violations.append(
                Violation("unknown", f"unknown adept {a}", (("kind", "adept"), ("x", a)))
            )
        if m not in programme.mentor_by_id:
            violations.append(
                Violation("unknown", f"unknown mentor {m}", (("kind", "mentor"), ("x", m)))
            )
    return violations


def _at_most_once(pairs: list[tuple[str, str]]) -> list[Violation]:
    counts = Counter(a for a, _ in pairs)
    return [
        Violation("at_most_once", f"adept {a} has {n} mentors", (("a", a), ("n", str(n))))
        for a, n in sorted(counts.items())
        if n > 1
    ]


def _capacities(programme: Programme, pairs: list[tuple[str, str]]) -> list[Violation]:
    violations = []
    per_mentor = Counter(m for _, m in pairs)
    for mentor_id, n in sorted(per_mentor.items()):
        mentor = programme.mentor_by_id[mentor_id]
        if n > mentor.capacity:
            violations.append(
                Violation(
                    "mentor_capacity",
                    f"mentor {mentor_id} has {n} adepts, capacity {mentor.capacity}",
                    (("m", mentor_id), ("n", str(n)), ("c", str(mentor.capacity))),
                )
            )
        if mentor.min_group_size >= 2 and n < mentor.min_group_size:
            violations.append(
                Violation(
                    "group_minimum",
                    f"mentor {mentor_id} leads a group of {n}, minimum {mentor.min_group_size}",
                    (("m", mentor_id), ("n", str(n)), ("k", str(mentor.min_group_size))),
                )
            )
    per_workplace = Counter(
        programme.mentor_by_id[m].workplace_id
        for _, m in pairs
        if programme.mentor_by_id[m].workplace_id
    )
    for workplace_id, n in sorted(per_workplace.items()):
        capacity = programme.workplace_by_id[workplace_id].capacity
        if n > capacity:
            violations.append(
                Violation(
                    "workplace_capacity",
                    f"workplace {workplace_id} has {n} adepts, capacity {capacity}",
                    (("w", workplace_id), ("n", str(n)), ("c", str(capacity))),
                )
            )
    return violations

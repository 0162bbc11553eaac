"""The steering group's figures about adepts (and mentors), protected as one set.

Every figure here about the adepts of one plan — applicants, matched and not matched by
gender, the match rate and mean score, the placed adepts per workplace by gender, and the
Overview's adepts by gender — is published from one
:class:`~smile_core.equality.suppression.LinkedCells` (:func:`adept_figures`), so the engine of
:mod:`smile_core.equality.suppression` judges them together: no figure of one table combines with
another table's to reveal a hidden one.

The rules (README, "How figures are protected"):

- **Gender categories.** Women and men are always their own rows. Non-binary and not given
  are merged into "other or not given" (:data:`OTHER`) unless each is 0 or at least
  ``min_count``.
- **Groups.** A count of people in a group (the applicants of a gender, the placed adepts of
  a workplace, those of one gender there) is hidden when it is 1 to ``min_count - 1``
  (primary suppression); a 0 is hidden when a group it belongs to is.
- **Group disclosure.** Within a gender group of at least ``min_count``, the split into
  matched and not matched is shown even when one side is small or 0 ("all 12 women got a
  mentor"): who got a mentor is the programme's own result, which the steering group is there
  to follow, and a group of at least ``min_count`` singles nobody out. Within a hidden group
  the split is hidden.
- **Secondary suppression** by least information lost: totals ("Everyone") and the small
  categories are hidden before women's and men's figures, workplace cells before both.
- **Statistics.** A match rate is shown when its applicants and matched counts are. A mean
  score is shown when its group's matched count is shown and at least ``min_count``; the
  mean of everyone only when every group's mean is shown too (else the hidden group's
  scores would follow from the totals).
- **Target checks** use only shown figures; a check that needs a hidden one is ``hidden``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from smile_core.equality.metrics import MAIN_GENDERS, OTHER, gender_groups, group_of
from smile_core.equality.suppression import (
    DEFAULT_MIN_COUNT,
    LinkedCells,
    check_min_count,
    protect,
    suppressed_column,
)
from smile_core.ingest.participants import Programme
from smile_core.matching.analysis import TradeoffPoint
from smile_core.matching.plan import Plan
from smile_core.matching.settings import MatchSettings, QualityParityMode, WorkplaceMix
from smile_core.text import integer, t

#: How far past its target (in points) a figure is amber rather than red.
AMBER_POINTS = 2.0

#: Traffic-light values of :func:`target_checks`; ``hidden`` when the figure is suppressed.
GREEN, AMBER, RED, HIDDEN = "green", "amber", "red", "hidden"
#: The quality row under ``MAXIMIN``: the rule raises the lower group's mean score and sets no
#: gap to meet, so the gap is shown without a verdict (it read "target missed", in red, against
#: a target of 0 next to a proven-best plan).
NO_TARGET = "no_target"

#: The placement of matched adepts whose mentor has no workplace, and of unmatched adepts.
NO_WORKPLACE = "no_workplace"
UNPLACED = "unplaced"

_OUTCOMES = ("applicants", "matched", "not_matched")

# Least information lost: what hiding one figure costs. Women's and men's figures are what
# the steering group follows; totals and the small categories go first, workplace cells
# before anything else. A tiny share of the value breaks ties towards hiding small figures.
_COST_MAIN, _COST_TOTAL, _COST_SMALL, _COST_WORKPLACE, _COST_WORKPLACE_CELL = (
    1000.0,
    100.0,
    10.0,
    5.0,
    1.0,
)


@dataclass(frozen=True)
class AdeptFigures:
    """The protected figures about a plan's adepts (see :func:`adept_figures`).

    ``groups`` are the gender rows; ``workplaces`` the programme's workplace ids in order;
    ``true`` and ``shown`` map each figure's key to its value (``shown``: None where
    hidden). Keys: ``(measure, gender)`` with measure in applicants/matched/not_matched and
    gender a group or None (everyone); ``("placed", workplace, gender)`` (gender None for the
    workplace's total). ``linked`` is what the attacker test needs: the figures as sums.
    """

    groups: tuple[str, ...]
    workplaces: tuple[str, ...]
    linked: LinkedCells
    true: dict[Hashable, int]
    shown: dict[Hashable, int | None]
    scores: dict[str | None, tuple[int, float]]  # group -> (matched, sum of scores)

    def published(self) -> dict[Hashable, int]:
        """Every figure shown, by key: what an attacker gets."""
        return {k: v for k, v in self.shown.items() if v is not None}

    def atom(self, gender: str, place: str) -> int:
        """The index in ``linked.atoms`` of the adepts of ``gender`` (in its gender row) at
        ``place`` (a workplace of :attr:`workplaces`, :data:`NO_WORKPLACE` or
        :data:`UNPLACED`): how other figures about the same adepts link to these."""
        places = (*self.workplaces, NO_WORKPLACE, UNPLACED)
        return self.groups.index(group_of(gender, self.groups)) * len(places) + places.index(place)


def adept_figures(
    programme: Programme, plan: Plan | None = None, *, min_count: int = DEFAULT_MIN_COUNT
) -> AdeptFigures:
    """Every count about the adepts that a steering-group output shows, protected together.

    Without a plan, nobody is matched (the Overview before matching uses the same figures).
    """
    check_min_count(min_count)
    people = [(gender, place) for _id, gender, place in adept_places(programme, plan)]
    key = (
        tuple(sorted(people)),
        tuple(w.id for w in programme.workplaces),
        min_count,
    )
    figures = _protected(*key)
    scores: dict[str | None, list[float]] = {g: [0, 0.0] for g in (*figures.groups, None)}
    gender_of = {a.id: a.gender.value for a in programme.adepts}
    for pair in plan.pairs if plan is not None else ():
        if pair.adept_id not in gender_of:
            continue
        for g in (group_of(gender_of[pair.adept_id], figures.groups), None):
            scores[g][0] += 1
            scores[g][1] += pair.score
    return AdeptFigures(
        figures.groups,
        figures.workplaces,
        figures.linked,
        figures.true,
        figures.shown,
        {g: (int(n), float(total)) for g, (n, total) in scores.items()},
    )


def adept_places(programme: Programme, plan: Plan | None) -> list[tuple[str, str, str]]:
    """Each adept's (id, gender code, place) as :func:`adept_figures` counts them: the place
    is the workplace of the adept's mentor in ``plan``, :data:`NO_WORKPLACE` when the mentor
    has none, :data:`UNPLACED` when the adept has no mentor (or there is no plan)."""
    mentor_of = plan.mentor_of if plan is not None else {}
    workplace_of = {mentor.id: mentor.workplace_id for mentor in programme.mentors}
    return [
        (
            adept.id,
            adept.gender.value,
            (workplace_of.get(mentor_of[adept.id]) or NO_WORKPLACE)
            if adept.id in mentor_of
            else UNPLACED,
        )
        for adept in programme.adepts
    ]


def protected_figures(
    people: Iterable[tuple[str, str]], workplaces: Iterable[str], min_count: int
) -> AdeptFigures:
    """The protected counts of :func:`adept_figures` from (gender, place) per adept and the
    workplaces, without the scores: for figures that must be judged together with these."""
    return _protected(tuple(sorted(people)), tuple(workplaces), check_min_count(min_count))


#: The most workplaces whose per-workplace figures are judged cell by cell. The exact audit
#: and the least-cost cover grow with the cells (1,000 adepts at 125 workplaces: 24 s per
#: plan); beyond this every per-workplace figure is hidden and only the gender figures are
#: judged, which keeps the page quick and never publishes an unjudged cell.
MAX_JUDGED_WORKPLACES = 40


def workplaces_judged(programme: Programme) -> bool:
    """Whether the programme's figures per workplace are judged one by one (and so may be
    shown), rather than all hidden (see :data:`MAX_JUDGED_WORKPLACES`)."""
    return len(programme.workplaces) <= MAX_JUDGED_WORKPLACES


@lru_cache(maxsize=64)
def _protected(
    people: tuple[tuple[str, str], ...], workplaces: tuple[str, ...], min_count: int
) -> AdeptFigures:
    """The protection of :func:`adept_figures`, from (gender, placement) per adept; cached,
    since every page and the report ask for the same figures."""
    if len(workplaces) > MAX_JUDGED_WORKPLACES:
        return _protected_without_workplaces(people, workplaces, min_count)
    groups = gender_groups((g for g, _ in people), min_count)
    linked = _linked(people, groups, workplaces)
    cells = linked.cells
    true = {k: linked.value(k) for k in cells}

    def small(k: Hashable) -> bool:
        return 0 < true[k] < min_count

    primary = set()
    for g in (*groups, None):
        if small(("applicants", g)):
            primary |= {(m, g) for m in _OUTCOMES}
    for w in workplaces:
        for g in (*groups, None):
            cell = ("placed", w, g)
            group_small = small(("placed", w, None)) or (g is not None and small(("applicants", g)))
            if small(cell) or (true[cell] == 0 and group_small):
                primary.add(cell)
    cost = {}
    for k in cells:
        if k[0] == "placed":
            base = _COST_WORKPLACE if k[2] is None else _COST_WORKPLACE_CELL
        elif k[1] is None:
            base = _COST_TOTAL
        elif k[1] in MAIN_GENDERS:
            base = _COST_MAIN
        else:
            base = _COST_SMALL
        cost[k] = base + true[k] / 1000
    # The applicants by gender are published before any matching too (the Overview): fix
    # them to that release, so the figures before and after matching never differ in what
    # they hide (two releases of the same people combine like two tables).
    public: set[Hashable] = set()
    if any(place != UNPLACED for _, place in people):
        before = _protected(tuple(sorted((g, UNPLACED) for g, _ in people)), workplaces, min_count)
        for g in (*groups, None):
            key = ("applicants", g)
            if before.shown.get(key) is None:
                primary.add(key)
            else:
                public.add(key)
    # Women's and men's figures are hidden only when no other choice protects the rest.
    spare = {k for k in cells if k[0] != "placed" and k[1] in MAIN_GENDERS}
    hidden = protect(linked, primary, cost=cost, public=public, spare=spare)
    shown = {k: (None if k in hidden else v) for k, v in true.items()}
    return AdeptFigures(groups, workplaces, linked, true, shown, {})


def _linked(
    people: tuple[tuple[str, str], ...], groups: tuple[str, ...], workplaces: tuple[str, ...]
) -> LinkedCells:
    """Every figure about the adepts as a sum of the (gender row, placement) counts."""
    placements = (*workplaces, NO_WORKPLACE, UNPLACED)
    atoms = [(g, p) for g in groups for p in placements]
    index = {atom: i for i, atom in enumerate(atoms)}
    counts = Counter((group_of(g, groups), p) for g, p in people)
    values = tuple(counts[atom] for atom in atoms)

    def of(gender_set: Iterable[str], place_set: Iterable[str]) -> tuple[int, ...]:
        places = set(place_set)
        return tuple(index[(g, p)] for g in gender_set for p in placements if p in places)

    cells: dict[Hashable, tuple[int, ...]] = {}
    for g in (*groups, None):
        members = groups if g is None else (g,)
        cells[("applicants", g)] = of(members, placements)
        cells[("matched", g)] = of(members, placements[:-1])
        cells[("not_matched", g)] = of(members, (UNPLACED,))
    for w in workplaces:
        for g in (*groups, None):
            cells[("placed", w, g)] = of(groups if g is None else (g,), (w,))
    return LinkedCells(values, cells)


def _protected_without_workplaces(
    people: tuple[tuple[str, str], ...], workplaces: tuple[str, ...], min_count: int
) -> AdeptFigures:
    """Too many workplaces to judge one by one: every per-workplace figure hidden, and the
    gender figures protected as if all matched adepts were at one place. The published
    figures are then sums over whole placements only, the same equations in both systems,
    so the gender figures' protection holds for the full table."""
    merged = tuple(sorted((g, place if place == UNPLACED else NO_WORKPLACE) for g, place in people))
    reduced = _protected(merged, (), min_count)
    full = _linked(people, reduced.groups, workplaces)
    true = {k: full.value(k) for k in full.cells}
    shown = {k: reduced.shown.get(k) for k in true}
    return AdeptFigures(reduced.groups, workplaces, full, true, shown, {})


def gender_table(
    programme: Programme, plan: Plan, *, min_count: int = DEFAULT_MIN_COUNT
) -> pl.DataFrame:
    """Applicants, matched and not matched adepts per gender row, with rate and mean score.

    One row per gender group of :func:`gender_groups` and a last row with ``gender`` null for
    everyone. Columns: ``gender``, ``applicants``, ``matched``, ``not_matched`` (counts),
    ``match_rate`` (0–1) and ``mean_score`` (of the matched), each with its ``_suppressed``
    flag (rules in the module doc). The counts come from :func:`adept_figures`.
    """
    figures = adept_figures(programme, plan, min_count=min_count)
    rows = []
    means: dict[str | None, float | None] = {}
    for g in figures.groups:
        matched, total = figures.scores[g]
        shown = figures.shown[("matched", g)]
        means[g] = round(total / matched, 2) if shown is not None and shown >= min_count else None
    everyone_matched, everyone_total = figures.scores[None]
    complete = all(
        means[g] is not None or figures.shown[("matched", g)] == 0 for g in figures.groups
    )
    means[None] = (
        round(everyone_total / everyone_matched, 2)
        if complete
        and figures.shown[("matched", None)] is not None
        and everyone_matched >= min_count
        else None
    )
    for g in (*figures.groups, None):
        row: dict[str, object] = {"gender": g}
        for m in _OUTCOMES:
            row[m] = figures.shown[(m, g)]
            row[suppressed_column(m)] = figures.shown[(m, g)] is None
        applicants, matched = row["applicants"], row["matched"]
        rate_shown = applicants is not None and matched is not None and applicants >= min_count
        row["match_rate"] = matched / applicants if rate_shown else None  # type: ignore[operator]
        row["match_rate_suppressed"] = not rate_shown and figures.true[("applicants", g)] > 0
        row["mean_score"] = means[g]
        row["mean_score_suppressed"] = means[g] is None and figures.scores[g][0] > 0
        rows.append(row)
    schema: dict[str, pl.DataType] = {"gender": pl.String()}
    schema |= {m: pl.Int64() for m in _OUTCOMES}
    schema |= {"match_rate": pl.Float64(), "mean_score": pl.Float64()}
    schema |= {suppressed_column(c): pl.Boolean() for c in (*_OUTCOMES, "match_rate", "mean_score")}
    return pl.DataFrame(rows, schema=schema).select(list(schema))


def target_checks(
    table: pl.DataFrame, settings: MatchSettings, mix: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Each equality figure of a :func:`gender_table` (and of a :func:`workplace_mix`, when
    given) against the settings' targets.

    Rows: ``rule`` (``match_rate`` per gender group big enough to be constrained, then
    ``quality`` for women against men, then ``workplace_mix``), ``gender`` (null but for
    ``match_rate``), ``value`` (points below the applicant share; or the gap between the mean
    scores, always positive; or the workplaces below the women's share), ``target`` (the most
    allowed; null for the quality row in ``MAXIMIN`` mode), ``of`` (``workplace_mix`` only: the
    workplaces judged), ``enabled`` (whether the rule is on) and ``status`` (:data:`GREEN`,
    :data:`AMBER`, :data:`RED`, :data:`HIDDEN`, or :data:`NO_TARGET` for that quality row).
    A group is constrained when it has at least ``settings.equality.min_group_size``
    applicants; a group whose applicant count is hidden is left out. In MAXIMIN mode the
    quality row has no target: the gap is shown as it is. The workplace mix is judged, as the rule
    is, at workplaces with two or more placed, and only where the women's share is
    published: a count that took in hidden shares would tell whether a hidden one is below.
    """
    equality = settings.equality
    rows = {row["gender"]: row for row in table.iter_rows(named=True)}
    total = rows.get(None, {})
    checks: list[dict[str, object]] = []
    for gender in [g for g in rows if g is not None]:
        if gender in ("undisclosed", OTHER):
            continue  # reported, never constrained (not a group)
        row = rows.get(gender)
        if row is None:
            continue
        applicants = row["applicants"]
        # A hidden or small group is not constrained by the rule (and a hidden one may be).
        if applicants is None or applicants < equality.min_group_size:
            continue
        value = None
        figures = (applicants, row["matched"], total.get("applicants"), total.get("matched"))
        if None not in figures and total["applicants"] and total["matched"]:
            value = round(
                100 * (applicants / total["applicants"] - row["matched"] / total["matched"]),
                2,
            )
        checks.append(
            _check(
                "match_rate",
                gender,
                value,
                equality.match_rate.max_shortfall_points,
                equality.match_rate.enabled,
            )
        )
    women, men = rows.get("woman", {}), rows.get("man", {})
    gap = None
    if women.get("mean_score") is not None and men.get("mean_score") is not None:
        gap = round(abs(women["mean_score"] - men["mean_score"]), 2)
    quality = _check(
        "quality", None, gap, equality.quality.max_gap_points, equality.quality.enabled
    )
    if equality.quality.mode is QualityParityMode.MAXIMIN:
        quality["target"] = None
        quality["status"] = HIDDEN if gap is None else NO_TARGET
    checks.append(quality)
    if mix is not None and not mix.is_empty():  # a programme without workplaces has no mix
        checks.append(_mix_check(mix, equality.workplace_mix))
    return pl.DataFrame(
        checks,
        schema={
            "rule": pl.String,
            "gender": pl.String,
            "value": pl.Float64,
            "target": pl.Float64,
            "of": pl.Int64,
            "enabled": pl.Boolean,
            "status": pl.String,
        },
    )


def workplace_mix_words(
    check: dict[str, object], rule: WorkplaceMix, lang: str
) -> tuple[str, str | None, str]:
    """The ``workplace_mix`` row of :func:`target_checks` in words, for the page, the report
    and the meeting pack alike: what is measured, the result ("2 of 7"; None when hidden) and
    the target ("none")."""
    what = t("equality.target.workplace_mix", lang, share=rule.min_women_share)
    value = None
    if check["value"] is not None:
        below = integer(round(check["value"]), lang)  # type: ignore[arg-type]
        judged = integer(check["of"], lang)  # type: ignore[arg-type]
        value = t("equality.target.workplaces_below", lang, below=below, judged=judged)
    return what, value, t("equality.target.no_workplace_below", lang)


def _mix_check(mix: pl.DataFrame, rule: WorkplaceMix) -> dict[str, object]:
    """The workplaces below the women's share among those with two or more placed and a
    published share; hidden when there are none such but some workplace's share is hidden."""
    totals = mix.filter(pl.col("gender").is_null())
    judged = totals.filter(pl.col("women_share").is_not_null() & (pl.col("n") >= 2))
    # The rule's own comparison (smile_core.matching.solver.rules.workplace_mix.check): whole
    # women against the share in whole percent, so no float rounding decides a workplace.
    women = (pl.col("women_share") * pl.col("n")).round(0).cast(pl.Int64)
    share_percent = round(100 * rule.min_women_share)
    below = judged.filter(100 * women < share_percent * pl.col("n")).height
    hidden = totals.filter(pl.col(suppressed_column("women_share"))).height
    check = _check("workplace_mix", None, float(below), 0.0, rule.enabled)
    if judged.is_empty() and hidden:
        check["value"], check["status"] = None, HIDDEN
    elif below:
        check["status"] = RED  # no "close": a workplace is below the share or it is not
    return check | {"of": judged.height}


def _check(
    rule: str, gender: str | None, value: float | None, target: float, enabled: bool
) -> dict[str, object]:
    if value is None:
        status = HIDDEN
    elif value <= target:
        status = GREEN
    elif value <= target + AMBER_POINTS:
        status = AMBER
    else:
        status = RED
    return {
        "rule": rule,
        "gender": gender,
        "value": value,
        "target": float(target),
        "of": None,
        "enabled": enabled,
        "status": status,
    }


def workplace_mix(
    programme: Programme, plan: Plan, *, min_count: int = DEFAULT_MIN_COUNT
) -> pl.DataFrame:
    """Matched adepts placed at each workplace by gender, and the share of women.

    One row per workplace of the programme (in programme order) and gender row (with
    ``gender`` null for the workplace's total). Columns: ``workplace_id``, ``workplace`` (its
    name), ``gender``, ``n``, and ``women_share`` on the total rows (shown when the women's
    count and the total are), each with its ``_suppressed`` flag. The counts come from
    :func:`adept_figures`.
    """
    figures = adept_figures(programme, plan, min_count=min_count)
    names = {w.id: w.name or w.id for w in programme.workplaces}
    rows = []
    for w in figures.workplaces:
        total = figures.shown[("placed", w, None)]
        women = figures.shown.get(("placed", w, "woman"))
        for g in (*figures.groups, None):
            n = figures.shown[("placed", w, g)]
            share = None
            if g is None and total and women is not None:
                share = women / total
            rows.append(
                {
                    "workplace_id": w,
                    "workplace": names[w],
                    "gender": g,
                    "n": n,
                    "women_share": share,
                    suppressed_column("n"): n is None,
                    suppressed_column("women_share"): g is None
                    and share is None
                    and figures.true[("placed", w, None)] > 0,
                }
            )
    return pl.DataFrame(
        rows,
        schema={
            "workplace_id": pl.String,
            "workplace": pl.String,
            "gender": pl.String,
            "n": pl.Int64,
            "women_share": pl.Float64,
            suppressed_column("n"): pl.Boolean,
            suppressed_column("women_share"): pl.Boolean,
        },
    )


def tradeoff_frame(points: Iterable[TradeoffPoint]) -> pl.DataFrame:
    """Price-of-equality points as rows: ``target`` (null = rule off), ``status``,
    ``feasible``, ``proven`` (optimal with gap 0), ``gap`` (the proven relative gap),
    ``best_bound``, ``total_score`` and ``matched`` (null where no plan meets the target)."""
    rows = []
    for point in points:
        feasible = point.status in ("optimal", "feasible")
        rows.append(
            {
                "target": point.target,
                "status": str(point.status),
                "feasible": feasible,
                "proven": feasible and point.proven,
                "gap": point.gap if feasible else None,
                "best_bound": point.best_bound if feasible else None,
                "total_score": point.total_score if feasible else None,
                "matched": point.matched if feasible else None,
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "target": pl.Float64,
            "status": pl.String,
            "feasible": pl.Boolean,
            "proven": pl.Boolean,
            "gap": pl.Float64,
            "best_bound": pl.Float64,
            "total_score": pl.Float64,
            "matched": pl.Int64,
        },
    )


def participant_counts(
    programme: Programme, plan: Plan | None = None, *, min_count: int = DEFAULT_MIN_COUNT
) -> pl.DataFrame:
    """Adepts, mentors and mentor seats by gender row, and everyone, protected: the Overview.

    The adepts' figures are the applicants of :func:`adept_figures` (the same figures the
    equality page and the report show, so together they reveal nothing more). Mentors are
    other people: their counts by gender row are protected as their own table (groups below
    ``min_count`` hidden, the total before women's and men's). A gender row's seats (the
    mentors' capacity) are shown when its mentor count is; all seats only when every row's
    are. One row per group ("adepts", "mentors", "mentor_seats") and gender row, then the
    group's total (``gender`` null). Columns: ``group``, ``group_sv``, ``group_en``,
    ``gender``, ``n`` (null where hidden) and ``n_suppressed``.
    """
    adepts = adept_figures(programme, plan, min_count=min_count)
    mentor_groups = gender_groups((m.gender.value for m in programme.mentors), min_count)
    mentors = _mentor_counts(
        tuple(sorted(group_of(m.gender.value, mentor_groups) for m in programme.mentors)),
        mentor_groups,
        min_count,
    )
    seats: Counter[str | None] = Counter()
    for mentor in programme.mentors:
        seats[group_of(mentor.gender.value, mentor_groups)] += mentor.capacity
        seats[None] += mentor.capacity
    shown_seats = {g: seats[g] if mentors[g] is not None else None for g in mentor_groups}
    shown_seats[None] = seats[None] if None not in shown_seats.values() else None
    rows = []
    for group, groups, values in (
        ("adepts", adepts.groups, {g: adepts.shown[("applicants", g)] for g in adepts.groups}),
        ("mentors", mentor_groups, mentors),
        ("mentor_seats", mentor_groups, shown_seats),
    ):
        total = adepts.shown[("applicants", None)] if group == "adepts" else values[None]
        for g, n in [*((g, values[g]) for g in groups), (None, total)]:
            rows.append(
                {
                    "group": group,
                    "group_sv": t(f"equality.group.{group}", "sv"),
                    "group_en": t(f"equality.group.{group}", "en"),
                    "gender": g,
                    "n": n,
                    "n_suppressed": n is None,
                }
            )
    return pl.DataFrame(
        rows,
        schema={
            "group": pl.String,
            "group_sv": pl.String,
            "group_en": pl.String,
            "gender": pl.String,
            "n": pl.Int64,
            "n_suppressed": pl.Boolean,
        },
    )


@lru_cache(maxsize=64)
def _mentor_counts(
    genders: tuple[str, ...], groups: tuple[str, ...], min_count: int
) -> dict[str | None, int | None]:
    """Mentors per gender row and in all, protected as one line (rules in the module doc)."""
    counts = Counter(genders)
    linked = LinkedCells(
        tuple(counts[g] for g in groups),
        {**{g: (i,) for i, g in enumerate(groups)}, None: tuple(range(len(groups)))},
    )
    primary = [k for k in linked.cells if 0 < linked.value(k) < min_count]
    cost = {
        k: (_COST_TOTAL if k is None else _COST_MAIN if k in MAIN_GENDERS else _COST_SMALL)
        + linked.value(k) / 1000
        for k in linked.cells
    }
    hidden = protect(linked, primary, cost=cost)
    return {k: None if k in hidden else linked.value(k) for k in linked.cells}  # type: ignore[misc]

"""The steering group's equality figures for a plan, with small groups suppressed.

Everything here is published through :mod:`smile_core.suppression`: a count about fewer than
``min_count`` people is hidden (null, with a ``<column>_suppressed`` flag), a second count is
hidden where the totals would give the first away, and a rate or mean is hidden when the
count it is about is small or hidden. The frames are aggregates only, ready for a chart: no
row is about one person.

- :func:`equality_cube`: the one suppressed table every other figure here is read from.
- :func:`gender_table`: applicants, matched and not matched adepts by gender, the match rate
  and the mean score of the matched, with a total row.
- :func:`target_checks`: each equality rule's figure against its target, as green (target
  met), amber (missed by at most :data:`AMBER_POINTS` points) or red; a figure that is
  hidden gives no colour, because even a colour narrows a hidden count down.
- :func:`workplace_mix`: matched adepts at each workplace by gender, and the share of women.
- :func:`tradeoff_frame`: the price-of-equality points as a table for a chart.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from smile_core.analysis import TradeoffPoint
from smile_core.metrics import GENDER_ORDER
from smile_core.participants import Programme
from smile_core.plan import Plan
from smile_core.settings import MatchSettings, QualityParityMode
from smile_core.suppression import (
    DEFAULT_MIN_COUNT,
    suppress_counts,
    suppress_statistic,
    suppressed_column,
)

#: How far past its target (in points) a figure is amber rather than red.
AMBER_POINTS = 2.0

#: Traffic-light values of :func:`target_checks`; ``hidden`` when the figure is suppressed.
GREEN, AMBER, RED, HIDDEN = "green", "amber", "red", "hidden"

#: The placement of matched adepts whose mentor has no workplace, and of unmatched adepts.
NO_WORKPLACE = "no_workplace"
UNPLACED = "unplaced"

_OUTCOMES = ("matched", "not_matched")


def equality_cube(
    programme: Programme, plan: Plan, *, min_count: int = DEFAULT_MIN_COUNT
) -> pl.DataFrame:
    """Adepts counted by gender, outcome and placement, suppressed as one table with totals.

    ``gender`` in :data:`~smile_core.metrics.GENDER_ORDER`; ``outcome`` ``matched`` or
    ``not_matched``; ``placement`` the mentor's workplace id, :data:`NO_WORKPLACE` for a
    mentor without one, or :data:`UNPLACED` for the unmatched. Null in a column means "all".
    Every other table here is read from this one, so no figure in one can be combined with a
    figure in another to reveal a hidden count: the suppression saw them all together.
    """
    gender_of = {adept.id: adept.gender.value for adept in programme.adepts}
    workplace_of = {mentor.id: mentor.workplace_id for mentor in programme.mentors}
    mentor_of = plan.mentor_of
    cells: dict[tuple[str, str, str], int] = {}
    for adept_id, gender in gender_of.items():
        if adept_id in mentor_of:
            key = (gender, "matched", workplace_of.get(mentor_of[adept_id]) or NO_WORKPLACE)
        else:
            key = (gender, "not_matched", UNPLACED)
        cells[key] = cells.get(key, 0) + 1
    placements = [w.id for w in programme.workplaces] + [NO_WORKPLACE, UNPLACED]
    counts = pl.DataFrame(
        {
            "gender": [key[0] for key in cells],
            "outcome": [key[1] for key in cells],
            "placement": [key[2] for key in cells],
            "n": list(cells.values()),
        },
        schema={"gender": pl.String, "outcome": pl.String, "placement": pl.String, "n": pl.Int64},
    )
    return suppress_counts(
        counts,
        ["gender", "outcome", "placement"],
        min_count=min_count,
        levels={"gender": GENDER_ORDER, "outcome": _OUTCOMES, "placement": placements},
        totals=True,
    )


def gender_table(
    programme: Programme, plan: Plan, *, min_count: int = DEFAULT_MIN_COUNT
) -> pl.DataFrame:
    """Applicants, matched and not matched adepts per gender, with rate and mean score.

    One row per gender in :data:`~smile_core.metrics.GENDER_ORDER` (empty groups included,
    and hidden, being below ``min_count``) and a last row with ``gender`` null for everyone.
    Columns: ``gender``, ``applicants``, ``matched``, ``not_matched`` (counts), ``match_rate``
    (0–1) and ``mean_score`` (of the matched), each with its ``_suppressed`` flag. The counts
    come from :func:`equality_cube`.
    """
    cube = equality_cube(programme, plan, min_count=min_count).filter(pl.col("placement").is_null())
    flag = suppressed_column("n")
    published = cube.with_columns(pl.col("outcome").fill_null("applicants"))
    counts = ("applicants", *_OUTCOMES)
    wide = published.pivot(on="outcome", index="gender", values="n", maintain_order=True)
    flags = published.pivot(on="outcome", index="gender", values=flag, maintain_order=True)
    table = wide.select("gender", *counts).join(
        flags.select("gender", *(pl.col(c).alias(suppressed_column(c)) for c in counts)),
        on="gender",
        how="left",
        nulls_equal=True,
        maintain_order="left",
    )
    matched_score = {pair.adept_id: pair.score for pair in plan.pairs}
    exact = []
    for gender in (*GENDER_ORDER, None):
        members = [a.id for a in programme.adepts if gender is None or a.gender.value == gender]
        scores = [matched_score[a] for a in members if a in matched_score]
        exact.append(
            {
                "gender": gender,
                "match_rate": len(scores) / len(members) if members else None,
                "mean_score": round(sum(scores) / len(scores), 2) if scores else None,
            }
        )
    table = table.join(
        pl.DataFrame(
            exact, schema={"gender": pl.String, "match_rate": pl.Float64, "mean_score": pl.Float64}
        ),
        on="gender",
        how="left",
        nulls_equal=True,
        maintain_order="left",
    )
    table = suppress_statistic(
        table, "match_rate", denominator="applicants", numerator="matched", min_count=min_count
    )
    table = suppress_statistic(table, "mean_score", denominator="matched", min_count=min_count)
    return table.select(
        "gender",
        *counts,
        "match_rate",
        "mean_score",
        *(suppressed_column(c) for c in (*counts, "match_rate", "mean_score")),
    )


def target_checks(table: pl.DataFrame, settings: MatchSettings) -> pl.DataFrame:
    """Each equality figure of a :func:`gender_table` against the settings' targets.

    Rows: ``rule`` (``match_rate`` per gender group big enough to be constrained, then
    ``quality`` for women against men), ``gender`` (null for ``quality``), ``value`` (points
    below the applicant share; or the gap between the mean scores, always positive),
    ``target`` (the most allowed), ``enabled`` (whether the rule is on) and ``status``
    (:data:`GREEN`, :data:`AMBER`, :data:`RED` or :data:`HIDDEN`). A group is constrained
    when it has at least ``settings.equality.min_group_size`` applicants; a group whose
    applicant count is hidden is left out. In MAXIMIN mode the quality target is 0: the gap
    is shown as it is.
    """
    equality = settings.equality
    rows = {row["gender"]: row for row in table.iter_rows(named=True)}
    total = rows.get(None, {})
    checks: list[dict[str, object]] = []
    for gender in GENDER_ORDER:
        if gender == "undisclosed":
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
    quality_target = (
        0.0
        if equality.quality.mode is QualityParityMode.MAXIMIN
        else equality.quality.max_gap_points
    )
    checks.append(_check("quality", None, gap, quality_target, equality.quality.enabled))
    return pl.DataFrame(
        checks,
        schema={
            "rule": pl.String,
            "gender": pl.String,
            "value": pl.Float64,
            "target": pl.Float64,
            "enabled": pl.Boolean,
            "status": pl.String,
        },
    )


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
        "enabled": enabled,
        "status": status,
    }


def workplace_mix(
    programme: Programme, plan: Plan, *, min_count: int = DEFAULT_MIN_COUNT
) -> pl.DataFrame:
    """Matched adepts placed at each workplace by gender, and the share of women.

    One row per workplace of the programme (in programme order) and gender (with ``gender``
    null for the workplace's total). Columns: ``workplace_id``, ``workplace`` (its name),
    ``gender``, ``n``, and ``women_share`` on the total rows, each with its ``_suppressed``
    flag. The counts come from :func:`equality_cube`.
    """
    flag = suppressed_column("n")
    workplace_ids = [w.id for w in programme.workplaces]
    cube = equality_cube(programme, plan, min_count=min_count).filter(
        pl.col("outcome").is_null() & pl.col("placement").is_in(workplace_ids)
    )
    women = cube.filter(pl.col("gender") == "woman").select("placement", women=pl.col("n"))
    names = pl.DataFrame(
        {"placement": workplace_ids, "workplace": [w.name or w.id for w in programme.workplaces]},
        schema={"placement": pl.String, "workplace": pl.String},
    )
    exact = {w: [0, 0] for w in workplace_ids}  # women, all
    gender_of = {adept.id: adept.gender.value for adept in programme.adepts}
    workplace_of = {mentor.id: mentor.workplace_id for mentor in programme.mentors}
    for pair in plan.pairs:
        workplace = workplace_of.get(pair.mentor_id)
        if workplace in exact:
            exact[workplace][1] += 1
            exact[workplace][0] += gender_of.get(pair.adept_id) == "woman"
    shares = pl.DataFrame(
        {
            "placement": workplace_ids,
            "gender": [None] * len(workplace_ids),
            "women_share": [
                exact[w][0] / exact[w][1] if exact[w][1] else None for w in workplace_ids
            ],
        },
        schema={"placement": pl.String, "gender": pl.String, "women_share": pl.Float64},
    )
    table = (
        cube.join(women, on="placement", how="left", maintain_order="left")
        .join(names, on="placement", how="left", maintain_order="left")
        .join(
            shares, on=["placement", "gender"], how="left", nulls_equal=True, maintain_order="left"
        )
    )
    table = suppress_statistic(
        table, "women_share", denominator="n", numerator="women", min_count=min_count
    )
    return table.select(
        pl.col("placement").alias("workplace_id"),
        "workplace",
        "gender",
        "n",
        "women_share",
        flag,
        suppressed_column("women_share"),
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

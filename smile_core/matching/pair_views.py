"""The plan's pairs seen from different sides, for the coordinator's charts.

- :func:`capacity_use`: each mentor's and each workplace's adepts in the plan against their
  capacity.
- :func:`score_breakdown`: how one pair's score is made: each component's points (its weight
  share of 100 times the component) and the gender-preference penalty taken off.
- :func:`same_birth_region`: whether a pair shares a birth region (sensitive; shown to the
  coordinator only when the programme opted in to the similar-background score).
- :func:`score_grid`: the scores of every pair between a chosen group of adepts and a chosen
  group of mentors, for a heat map, with the pairs of the plan marked.

These are person-level views for the coordinator (who knows every participant); nothing here
is for the steering group.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

import polars as pl

from smile_core.ingest import birth_regions
from smile_core.ingest.participants import Programme
from smile_core.matching.plan import Plan
from smile_core.matching.scoring import COMPONENTS, SHARED_COMPONENTS
from smile_core.matching.settings import ScoreWeights

#: Rows of :func:`score_breakdown` after the components: the penalty.
PENALTY = "gender_penalty"


def capacity_use(programme: Programme, plan: Plan) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Mentors' and workplaces' use against capacity, in programme order.

    Mentors: ``mentor_id``, ``mentor_name``, ``workplace_id``, ``workplace_name``, ``adepts``
    (in the plan), ``capacity``, ``free`` (capacity − adepts; negative when over). Workplaces:
    ``workplace_id``, ``workplace_name``, ``adepts``, ``capacity``, ``free``, ``mentors`` (how
    many of its mentors have adepts).
    """
    per_mentor = Counter(pair.mentor_id for pair in plan.pairs)
    workplace_of = {m.id: m.workplace_id for m in programme.mentors}
    per_workplace = Counter(workplace_of.get(pair.mentor_id, "") for pair in plan.pairs)
    busy_mentors = Counter(workplace_of[m] for m in per_mentor if m in workplace_of)
    names = {w.id: w.name or w.id for w in programme.workplaces}
    mentors = pl.DataFrame(
        [
            {
                "mentor_id": m.id,
                "mentor_name": m.name or m.id,
                "workplace_id": m.workplace_id,
                "workplace_name": names.get(m.workplace_id, ""),
                "adepts": per_mentor[m.id],
                "capacity": m.capacity,
                "free": m.capacity - per_mentor[m.id],
            }
            for m in programme.mentors
        ],
        schema={
            "mentor_id": pl.String,
            "mentor_name": pl.String,
            "workplace_id": pl.String,
            "workplace_name": pl.String,
            "adepts": pl.Int64,
            "capacity": pl.Int64,
            "free": pl.Int64,
        },
    )
    workplaces = pl.DataFrame(
        [
            {
                "workplace_id": w.id,
                "workplace_name": names[w.id],
                "adepts": per_workplace[w.id],
                "capacity": w.capacity,
                "free": w.capacity - per_workplace[w.id],
                "mentors": busy_mentors[w.id],
            }
            for w in programme.workplaces
        ],
        schema={
            "workplace_id": pl.String,
            "workplace_name": pl.String,
            "adepts": pl.Int64,
            "capacity": pl.Int64,
            "free": pl.Int64,
            "mentors": pl.Int64,
        },
    )
    return mentors, workplaces


def score_breakdown(
    components: Mapping[str, float],
    weights: ScoreWeights,
    penalty: float = 0.0,
    *,
    similar_background: bool = False,
) -> pl.DataFrame:
    """The points each component adds to a pair's score, then the penalty (as negative points).

    ``components`` maps each name in :data:`~smile_core.matching.scoring.COMPONENTS` to its value in
    [0, 1] (a missing one counts 0). Rows: ``component``, ``value`` (0–1; the penalty's own
    points for :data:`PENALTY`), ``weight`` (share of the weights, 0–1; null for ``wish``,
    which adds its weight in points), ``points``. Before rounding and clamping to 0–100, the
    points add up to the pair's score. The ``similar_background`` row only when the programme
    opted in (``similar_background``): off, it is 0 and says nothing.
    """
    total = sum(getattr(weights, name) for name in SHARED_COMPONENTS)
    rows = []
    for name in COMPONENTS:
        if name == "similar_background" and not similar_background:
            continue
        value = float(components.get(name) or 0.0)
        if name in SHARED_COMPONENTS:
            share: float | None = getattr(weights, name) / total
            points = round(100 * share * value, 2)
        else:
            share, points = None, round(getattr(weights, name) * value, 2)
        rows.append({"component": name, "value": value, "weight": share, "points": points})
    rows.append({"component": PENALTY, "value": penalty, "weight": None, "points": -penalty})
    return pl.DataFrame(
        rows,
        schema={
            "component": pl.String,
            "value": pl.Float64,
            "weight": pl.Float64,
            "points": pl.Float64,
        },
    )


def same_birth_region(programme: Programme, adept_id: str, mentor_id: str) -> bool | None:
    """Whether the adept and the mentor share a birth region (stated, or from the country of
    birth); ``None`` when either's is not known. Sensitive: for the coordinator's pair view
    only, when the programme opted in; never exported."""
    adept = programme.adept_by_id.get(adept_id)
    mentor = programme.mentor_by_id.get(mentor_id)
    if adept is None or mentor is None:
        return None
    return birth_regions.same_birth_region(
        adept.birth_region, adept.birth_country, mentor.birth_region, mentor.birth_country
    )


def score_grid(
    scores: pl.DataFrame,
    plan: Plan,
    adept_ids: Iterable[str],
    mentor_ids: Iterable[str],
) -> pl.DataFrame:
    """The pairs between the given adepts and mentors, from a
    :func:`~smile_core.matching.scoring.score_pairs` frame: ``adept_id``, ``mentor_id``, ``score``,
    ``allowed`` and ``in_plan`` (the pair is in ``plan``), in scores order."""
    adepts, mentors = list(adept_ids), list(mentor_ids)
    chosen = pl.DataFrame(
        [(p.adept_id, p.mentor_id) for p in plan.pairs],
        schema={"adept_id": pl.String, "mentor_id": pl.String},
        orient="row",
    ).with_columns(in_plan=pl.lit(True))
    return (
        scores.filter(pl.col("adept_id").is_in(adepts), pl.col("mentor_id").is_in(mentors))
        .select("adept_id", "mentor_id", "score", "allowed")
        .join(chosen, on=["adept_id", "mentor_id"], how="left", maintain_order="left")
        .with_columns(pl.col("in_plan").fill_null(False))
    )

"""The plan as the coordinator works with it: tables with names and mentor choices.

- :func:`plan_frame` and :func:`unmatched_frame`: one row per pair (or unmatched adept) with
  the names the coordinator knows, for the Matching page's editable table.
- :func:`candidates_for`: the mentors an adept may have, best first, with each mentor's
  current load, for the "change mentor" select box.
- :func:`editor_frame`: the plan editor's rows (pairs, then adepts without a mentor, with lock,
  forbid and note columns); :func:`pairs_listing` the same rows for reading.

Applying and checking edits is the plan-edit workflow's (:mod:`smile_core.workflows.plan_edits`,
:mod:`smile_core.workflows.edit_checks`); the plan's export sheets are
:mod:`smile_core.reports.export`'s.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

import polars as pl

from smile_core.ingest.participants import AdeptId, MentorId, Programme, labelled
from smile_core.matching.plan import MatchResult, Plan
from smile_core.matching.scoring import COMPONENTS
from smile_core.text import t

#: The score parts each pair row carries: the components, then the gender-preference penalty.
SCORE_PARTS: tuple[str, ...] = (*COMPONENTS, "gender_penalty")
#: Score parts that rest on sensitive personal data (birth region, migration background): the
#: coordinator's own views may show them; no export, report or meeting pack does.
SENSITIVE_PARTS: tuple[str, ...] = ("similar_background",)
#: The score parts an export carries: :data:`SCORE_PARTS` without :data:`SENSITIVE_PARTS`.
EXPORT_PARTS: tuple[str, ...] = tuple(p for p in SCORE_PARTS if p not in SENSITIVE_PARTS)

PLAN_SCHEMA: dict[str, pl.DataType] = {
    "adept_id": pl.String(),
    "adept_name": pl.String(),
    "adept_gender": pl.String(),
    "mentor_id": pl.String(),
    "mentor_name": pl.String(),
    "mentor_gender": pl.String(),
    "workplace_id": pl.String(),
    "workplace_name": pl.String(),
    "score": pl.Float64(),
    **{part: pl.Float64() for part in SCORE_PARTS},
    "locked": pl.Boolean(),
}

UNMATCHED_SCHEMA: dict[str, pl.DataType] = {
    "adept_id": pl.String(),
    "adept_name": pl.String(),
    "adept_gender": pl.String(),
    "reason": pl.String(),
    "message_sv": pl.String(),
    "message_en": pl.String(),
}

#: Why an adept has no mentor when the coordinator took the mentor away by hand.
REMOVED_BY_HAND = "removed_by_hand"


def _plan_of(result: MatchResult | Plan) -> Plan:
    return result.plan if isinstance(result, MatchResult) else result


# --------------------------------------------------------------------------- tables


def plan_frame(result: MatchResult | Plan, programme: Programme) -> pl.DataFrame:
    """One row per pair, in plan order, with names: columns of :data:`PLAN_SCHEMA`.

    Components a pair does not carry (a plan read back from ids) are null; the workplace is
    the pair's, else the mentor's.
    """
    rows = []
    for pair in _plan_of(result).pairs:
        adept = programme.adept_by_id.get(pair.adept_id)
        mentor = programme.mentor_by_id.get(pair.mentor_id)
        workplace_id = pair.workplace_id or (mentor.workplace_id if mentor else "")
        workplace = programme.workplace_by_id.get(workplace_id)
        parts = dict(pair.components)
        rows.append(
            {
                "adept_id": pair.adept_id,
                "adept_name": adept.name if adept else "",
                "adept_gender": adept.gender.value if adept else "",
                "mentor_id": pair.mentor_id,
                "mentor_name": mentor.name if mentor else "",
                "mentor_gender": mentor.gender.value if mentor else "",
                "workplace_id": workplace_id,
                "workplace_name": workplace.name if workplace else "",
                "score": float(pair.score),
                **{part: parts.get(part) for part in SCORE_PARTS},
                "locked": pair.locked,
            }
        )
    return pl.DataFrame(rows, schema=PLAN_SCHEMA)


def unmatched_frame(
    result: MatchResult, programme: Programme, plan: Plan | None = None
) -> pl.DataFrame:
    """One row per adept without a mentor, in programme order, with the reason in words.

    Without ``plan`` these are the result's unmatched adepts. With an edited ``plan``, they
    are the adepts it leaves without a mentor: the result's reason where the solver left
    them out too, else :data:`REMOVED_BY_HAND`.
    """
    reasons = {u.adept_id: u for u in result.unmatched}
    if plan is None:
        unmatched_ids = [a.id for a in programme.adepts if a.id in reasons]
    else:
        matched = set(plan.mentor_of)
        unmatched_ids = [a.id for a in programme.adepts if a.id not in matched]
    rows = []
    for adept_id in unmatched_ids:
        adept = programme.adept_by_id[adept_id]
        known = reasons.get(adept_id)
        rows.append(
            {
                "adept_id": adept_id,
                "adept_name": adept.name,
                "adept_gender": adept.gender.value,
                "reason": known.reason.value if known else REMOVED_BY_HAND,
                "message_sv": known.message_sv if known else t(f"reason.{REMOVED_BY_HAND}", "sv"),
                "message_en": known.message_en if known else t(f"reason.{REMOVED_BY_HAND}", "en"),
            }
        )
    return pl.DataFrame(rows, schema=UNMATCHED_SCHEMA)


#: How many fitting mentors :func:`fitting_mentors` names; the rest are counted.
NAMED_FITTING = 3


def fitting_mentors(
    scores: pl.DataFrame,
    programme: Programme,
    adept_ids: Iterable[AdeptId],
    forbids: Iterable[tuple[AdeptId, MentorId]] = (),
) -> pl.DataFrame:
    """For each of ``adept_ids`` (in that order), the mentors they may have: allowed pairs of
    ``scores`` less the coordinator's ``forbids``. Columns ``adept_id``, ``fitting_count`` and
    ``fitting``: the best-scoring :data:`NAMED_FITTING` as "Name (id)" (the id alone without
    a name), best first, then "+N" for the rest; empty when none fits.

    Beside an unmatched adept's reason it says whose seat (or whose workplace's) would have
    to open: "every allowed mentor is full" alone does not say who they are."""
    wanted = pl.DataFrame({"adept_id": list(adept_ids)}, schema={"adept_id": pl.String})
    # Only the three columns needed, before anything else: the frame has every pair of the
    # programme with each score part (6.3 million rows at 3,000 adepts).
    allowed = (
        scores.lazy()
        .select("adept_id", "mentor_id", "score", "allowed")
        .filter(pl.col("allowed"))
        .join(wanted.lazy(), on="adept_id", how="semi")
        .drop("allowed")
        .collect()
    )
    forbidden = pl.DataFrame(
        list(forbids), schema={"adept_id": pl.String, "mentor_id": pl.String}, orient="row"
    )
    allowed = allowed.join(forbidden, on=["adept_id", "mentor_id"], how="anti")
    labels = pl.DataFrame(
        {
            "mentor_id": [m.id for m in programme.mentors],
            "label": [labelled(m.name, m.id) for m in programme.mentors],
        }
    )
    # Each adept's own sort inside the groups: one sort of every row took 0.4 s at 600
    # unmatched adepts of 3,000, this 0.06 s.
    per_adept = (
        allowed.group_by("adept_id")
        .agg(
            fitting_count=pl.len().cast(pl.Int64),
            mentor_id=pl.col("mentor_id")
            .sort_by(["score", "mentor_id"], descending=[True, False])
            .head(NAMED_FITTING),
        )
        .explode("mentor_id")
        .join(labels, on="mentor_id", how="left", maintain_order="left")
        .group_by("adept_id", maintain_order=True)
        .agg(pl.col("fitting_count").first(), named=pl.col("label").fill_null(pl.col("mentor_id")))
    )
    rest = pl.col("fitting_count") - NAMED_FITTING
    return (
        wanted.join(per_adept, on="adept_id", how="left", maintain_order="left")
        .with_columns(pl.col("fitting_count").fill_null(0))
        .select(
            "adept_id",
            "fitting_count",
            fitting=pl.when(rest > 0)
            .then(pl.format("{} +{}", pl.col("named").list.join(", "), rest))
            .otherwise(pl.col("named").list.join(", "))
            .fill_null(""),
        )
    )


def candidates_for(
    scores: pl.DataFrame,
    programme: Programme,
    adept_id: AdeptId,
    plan: Plan | None = None,
) -> pl.DataFrame:
    """The mentors ``adept_id`` may have (allowed pairs of ``scores``), best score first.

    Columns: ``mentor_id``, ``mentor_name``, ``mentor_gender``, ``workplace_id``,
    ``workplace_name``, ``score`` and its parts, ``load`` (the mentor's other adepts in
    ``plan``), ``capacity``, ``workplace_load`` (other adepts at the mentor's workplace),
    ``workplace_capacity`` (null without a workplace), ``has_room`` (this adept fits under
    both capacities), ``current`` (the adept's mentor in ``plan`` now) and ``label`` (for a
    select box: "Name (M01) · 78.8 · 1/2").
    """
    plan = plan or Plan()
    others = [p for p in plan.pairs if p.adept_id != adept_id]
    mentor_load = Counter(p.mentor_id for p in others)
    workplace_load = Counter(
        programme.mentor_by_id[p.mentor_id].workplace_id
        for p in others
        if p.mentor_id in programme.mentor_by_id
    )
    current = plan.mentor_of.get(adept_id)
    allowed = scores.filter(pl.col("adept_id") == adept_id, pl.col("allowed"))
    rows = []
    for row in allowed.iter_rows(named=True):
        mentor = programme.mentor_by_id[row["mentor_id"]]
        workplace = programme.workplace_by_id.get(mentor.workplace_id)
        load = mentor_load[mentor.id]
        at_workplace = workplace_load[mentor.workplace_id] if workplace else 0
        room = load < mentor.capacity and (workplace is None or at_workplace < workplace.capacity)
        rows.append(
            {
                "mentor_id": mentor.id,
                "mentor_name": mentor.name,
                "mentor_gender": mentor.gender.value,
                "workplace_id": mentor.workplace_id,
                "workplace_name": workplace.name if workplace else "",
                "score": row["score"],
                **{part: row[part] for part in SCORE_PARTS},
                "load": load,
                "capacity": mentor.capacity,
                "workplace_load": at_workplace if workplace else None,
                "workplace_capacity": workplace.capacity if workplace else None,
                "has_room": room,
                "current": mentor.id == current,
                "label": " · ".join(
                    (
                        labelled(mentor.name, mentor.id),
                        f"{row['score']:.1f}",
                        f"{load}/{mentor.capacity}",
                    )
                ),
            }
        )
    schema = {
        "mentor_id": pl.String,
        "mentor_name": pl.String,
        "mentor_gender": pl.String,
        "workplace_id": pl.String,
        "workplace_name": pl.String,
        "score": pl.Float64,
        **{part: pl.Float64 for part in SCORE_PARTS},
        "load": pl.Int64,
        "capacity": pl.Int64,
        "workplace_load": pl.Int64,
        "workplace_capacity": pl.Int64,
        "has_room": pl.Boolean,
        "current": pl.Boolean,
        "label": pl.String,
    }
    frame = pl.DataFrame(rows, schema=schema)
    return frame.sort(["score", "mentor_id"], descending=[True, False])


def editor_frame(
    result: MatchResult,
    plan: Plan,
    programme: Programme,
    locks: Iterable[tuple[AdeptId, MentorId]] = (),
    notes: Mapping[AdeptId, str] | None = None,
) -> pl.DataFrame:
    """The rows of the plan editor: every pair of ``plan`` (the plan on screen), then every
    adept it leaves without a mentor (mentor null), with ``locked`` (as ``locks`` say),
    ``forbidden`` (false: a forbid is a fresh tick) and ``note`` columns."""
    pairs = plan_frame(plan, programme).select(
        "adept_id",
        "adept_name",
        "adept_gender",
        "mentor_id",
        "mentor_name",
        "workplace_name",
        "score",
    )
    unmatched = unmatched_frame(result, programme, plan).select(
        "adept_id",
        "adept_name",
        "adept_gender",
        mentor_id=pl.lit(None, pl.String),
        mentor_name=pl.lit(None, pl.String),
        workplace_name=pl.lit(None, pl.String),
        score=pl.lit(None, pl.Float64),
    )
    rows = pl.concat([pairs, unmatched])
    locked_pairs = set(locks)
    locked = [(a, m) in locked_pairs for a, m in rows.select("adept_id", "mentor_id").iter_rows()]
    return rows.with_columns(
        locked=pl.Series(locked, dtype=pl.Boolean),
        forbidden=pl.lit(False),
        note=pl.col("adept_id").replace_strict(
            dict(notes or {}), default="", return_dtype=pl.String
        ),
    )


def pairs_listing(rows: pl.DataFrame) -> pl.DataFrame:
    """:func:`editor_frame` rows for reading: adept id and name, the mentor as "Name (id)"
    (by id alone when the mentor has no name, as other tools' exports do), workplace, score
    and note."""
    return rows.select(
        "adept_id",
        "adept_name",
        pl.when(pl.col("mentor_name").fill_null("") != "")
        .then(pl.format("{} ({})", "mentor_name", "mentor_id"))
        .otherwise(pl.col("mentor_id"))
        .alias("mentor_name"),
        "workplace_name",
        "score",
        "note",
    )

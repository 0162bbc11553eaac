"""The outcome figures a steering group sees: follow-ups and evaluation answers, suppressed.

Inputs are the frames :mod:`smile_core.outcomes.outcomes_reading` loads (or the store gives back),
with the codes of :mod:`smile_core.outcomes.outcome_records`.

Figures (:func:`outcome_rates`, :func:`outcome_by_score`, :func:`survey_summary`,
:func:`contribution_summary`) are published through :mod:`smile_core.equality.suppression`: every
count of 1 to ``min_count - 1`` is hidden, and a 0 inside a group that small, with
complementary suppression across each table until no hidden count can be narrowed below three
values; a rate or mean is hidden when its denominator is below ``min_count`` or hidden.
Tables of the same follow-ups (by programme, cohort, gender, field, workplace) show and hide
their status totals alike, and a programme's or cohort's row is its own table's margin, so
the Outcomes page, the cohort comparison and the report never hide the same figure
differently. Gender rows are those of :func:`smile_core.equality.metrics.gender_groups`. A figure
built from several cells (the in-work count = qualified + other job; the "agree" count = answers 4
and 5) is published only when the published cells already give it away, so it can never be
subtracted from them to reveal a hidden cell. A mean answer is published only when it pins
down no hidden count that the published counts leave open (checked exactly, over whole
numbers). Each hidden value is null, with a Boolean ``<column>_suppressed`` flag beside it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import polars as pl

from smile_core.equality.metrics import GENDER_ORDER, OTHER, gender_groups, group_of
from smile_core.equality.suppression import (
    DEFAULT_MIN_COUNT,
    check_min_count,
    suppress_counts,
    suppress_statistic,
)
from smile_core.ingest.fields import field_families, normalise_field
from smile_core.ingest.participants import Programme
from smile_core.ingest.tables import adepts_frame
from smile_core.matching.plan import MatchResult, Plan
from smile_core.matching.role_plan import RolePlan
from smile_core.matching.roles import PLACEMENT
from smile_core.outcomes.outcome_records import (
    AGREE_ANSWERS,
    ANSWERS,
    FOLLOW_UP_MONTHS,
    FOLLOW_UP_STATUSES,
    IN_WORK_STATUSES,
    ROLES,
)
from smile_core.text import t
from smile_core.text.labels import NO_WORKPLACE, NOT_MATCHED, UNKNOWN_GROUP, label

#: The ways :func:`outcome_rates` can group adepts.
GROUPINGS: tuple[str, ...] = ("gender", "cohort", "field", "workplace", "programme", "role")

#: The groups of ``by="role"``, in display order: had someone in the role (or a placement),
#: needed the role but had nobody, did not need it.
ROLE_GROUPS: tuple[str, ...] = ("role_had", "role_missing", "role_not_needed")

#: Default score bands for :func:`outcome_by_score`: [0, 50), [50, 60), ... [80, 100].
DEFAULT_SCORE_BANDS: tuple[float, ...] = (0.0, 50.0, 60.0, 70.0, 80.0, 100.0)


def programme_adepts(programme: Programme, programme_name: str | None = None) -> pl.DataFrame:
    """The adepts of ``programme`` as :func:`smile_core.ingest.tables.adepts_frame` gives them, with
    a ``programme`` column, ready to stack with another programme's for :func:`outcome_rates`."""
    name = programme_name if programme_name is not None else programme.name
    return adepts_frame(programme).with_columns(programme=pl.lit(name, dtype=pl.String))


# --------------------------------------------------------------------------- grouping

_RATE_COLUMNS = (
    "group_total",
    "in_work_n",
    "in_work_rate",
    "qualified_n",
    "qualified_rate",
)


def _require_columns(frame: pl.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} has no column(s) {missing}")


def _with_adepts(
    frame: pl.DataFrame, adepts: pl.DataFrame | None, columns: Mapping[str, str]
) -> pl.DataFrame:
    """``frame`` with the adepts' ``columns`` joined in (renamed to the mapping's values).

    Joined on (programme, adept_id) when both frames have a programme column, else on the id;
    an adept missing from ``adepts`` gets nulls.
    """
    if adepts is None:
        raise ValueError("grouping by an adept attribute needs the adepts frame")
    if "adept_id" not in adepts.columns:
        _require_columns(adepts, ["id"], "adepts")
        adepts = adepts.rename({"id": "adept_id"})
    _require_columns(adepts, columns, "adepts")
    keys = ["programme", "adept_id"] if "programme" in adepts.columns else ["adept_id"]
    side = adepts.select(*keys, *(pl.col(c).alias(n) for c, n in columns.items())).unique(
        subset=keys, keep="first", maintain_order=True
    )
    return frame.join(side, on=keys, how="left", maintain_order="left")


def _field_group() -> pl.Expr:
    """The family of the adept's wished job (or own field), else that field's word itself."""
    wished = pl.col("_target").fill_null("").map_elements(normalise_field, return_dtype=pl.String)
    own = pl.col("_field").fill_null("").map_elements(normalise_field, return_dtype=pl.String)
    word = pl.when(wished != "").then(wished).otherwise(own)
    family = word.replace_strict(field_families(), default=word, return_dtype=pl.String)
    return pl.when(word == "").then(pl.lit(UNKNOWN_GROUP)).otherwise(family)


def _plan_frame(
    plans: Plan | MatchResult | Mapping[str, Plan | MatchResult],
    mentors: pl.DataFrame | None,
) -> tuple[pl.DataFrame, list[str]]:
    """(programme?, adept_id, mentor_id, workplace_id, score) per pair, and the join keys."""
    if isinstance(plans, Plan | MatchResult):
        items: list[tuple[str | None, Plan]] = [(None, _as_plan(plans))]
    else:
        items = [(name, _as_plan(p)) for name, p in plans.items()]
    keyed = items[0][0] is not None
    rows = [
        {
            **({"programme": name} if keyed else {}),
            "adept_id": pair.adept_id,
            "mentor_id": pair.mentor_id,
            "workplace_id": pair.workplace_id,
            "score": float(pair.score),
        }
        for name, plan in items
        for pair in plan.pairs
    ]
    schema = {
        **({"programme": pl.String} if keyed else {}),
        "adept_id": pl.String,
        "mentor_id": pl.String,
        "workplace_id": pl.String,
        "score": pl.Float64,
    }
    frame = pl.DataFrame(rows, schema=schema)
    if mentors is not None:
        # The mentors' own workplaces win: a plan read back from ids has none on its pairs.
        if "mentor_id" not in mentors.columns:
            mentors = mentors.rename({"id": "mentor_id"})
        mkeys = (
            ["programme", "mentor_id"]
            if keyed and "programme" in mentors.columns
            else ["mentor_id"]
        )
        side = mentors.select(*mkeys, pl.col("workplace_id").alias("_wp")).unique(
            subset=mkeys, keep="first"
        )
        frame = (
            frame.join(side, on=mkeys, how="left", maintain_order="left")
            .with_columns(workplace_id=pl.coalesce(pl.col("_wp"), pl.col("workplace_id")))
            .drop("_wp")
        )
    return frame, (["programme", "adept_id"] if keyed else ["adept_id"])


def _as_plan(value: Plan | MatchResult) -> Plan:
    return value.plan if isinstance(value, MatchResult) else value


def _role_groups(
    frame: pl.DataFrame, roles: RolePlan | None, role: str | None
) -> tuple[pl.DataFrame, dict[str, tuple[str, str]]]:
    """``frame`` with ``group`` one of :data:`ROLE_GROUPS` for ``role`` in ``roles``, and the
    groups' words (the role's name in each language)."""
    if roles is None or role is None:
        raise ValueError("grouping by role needs the plan with roles and the role")
    if role not in roles.columns:
        raise ValueError(f"the plan has no role {role!r}; it has {roles.columns}")
    had = (
        set(roles.placement_of)
        if role == PLACEMENT
        else {p.adept_id for p in roles.pairs if p.role == role}
    )
    needed = {a for a, needs in roles.needs if role in needs}
    adept = pl.col("adept_id")
    grouped = frame.with_columns(
        group=pl.when(adept.is_in(sorted(had)))
        .then(pl.lit("role_had"))
        .when(adept.is_in(sorted(needed)))
        .then(pl.lit("role_missing"))
        .otherwise(pl.lit("role_not_needed"))
    )
    if role == PLACEMENT:
        names = (t("roles_ui.placement", "sv").lower(), t("roles_ui.placement", "en").lower())
    else:
        names = (roles.setup.role(role).name_sv, roles.setup.role(role).name_en)
    labels = {
        code: (
            t(f"outcomes.role_group.{code}", "sv", role=names[0]),
            t(f"outcomes.role_group.{code}", "en", role=names[1]),
        )
        for code in ROLE_GROUPS
    }
    return grouped, labels


def _group(
    frame: pl.DataFrame,
    by: str,
    adepts: pl.DataFrame | None,
    plan: Plan | MatchResult | Mapping[str, Plan | MatchResult] | None,
    mentors: pl.DataFrame | None,
    workplaces: pl.DataFrame | None,
    roles: RolePlan | None = None,
    role: str | None = None,
) -> tuple[pl.DataFrame, list[str], dict[str, tuple[str, str]]]:
    """``frame`` with a non-null ``group`` column, the groups in display order, their labels."""
    labels: dict[str, tuple[str, str]] = {}
    if by == "programme":
        grouped = frame.with_columns(group=pl.col("programme"))
    elif by == "gender":
        grouped = _with_adepts(frame, adepts, {"gender": "_gender"})
        # The same gender rows as the equality figures: small categories merged.
        rows = gender_groups(g for g in grouped["_gender"].to_list() if g)
        grouped = grouped.with_columns(
            group=pl.col("_gender").replace_strict(
                {g: group_of(g, rows) for g in GENDER_ORDER}, default=pl.col("_gender")
            )
        )
    elif by == "cohort":
        grouped = (
            _with_adepts(frame, adepts, {"cohort": "_cohort"})
            if adepts is not None
            else (frame.with_columns(_cohort=pl.lit(None, dtype=pl.String)))
        )
        own = pl.col("cohort").fill_null("") if "cohort" in frame.columns else pl.lit("")
        grouped = grouped.with_columns(
            group=pl.when(own != "").then(own).otherwise(pl.col("_cohort"))
        )
    elif by == "field":
        grouped = _with_adepts(frame, adepts, {"target_field": "_target", "field": "_field"})
        grouped = grouped.with_columns(group=_field_group())
    elif by == "workplace":
        if plan is None:
            raise ValueError("grouping by workplace needs the plan")
        pairs, keys = _plan_frame(plan, mentors)
        grouped = frame.join(
            pairs.select(
                *keys, pl.col("mentor_id").alias("_mentor"), pl.col("workplace_id").alias("_wp")
            ),
            on=keys,
            how="left",
            maintain_order="left",
        ).with_columns(
            group=pl.when(pl.col("_mentor").is_null())
            .then(pl.lit(NOT_MATCHED))
            .when(pl.col("_wp").fill_null("") == "")
            .then(pl.lit(NO_WORKPLACE))
            .otherwise(pl.col("_wp"))
        )
        if workplaces is not None:
            id_column = "workplace_id" if "workplace_id" in workplaces.columns else "id"
            names = dict(
                zip(workplaces[id_column].to_list(), workplaces["name"].to_list(), strict=True)
            )
            labels = {w: (n, n) for w, n in names.items() if n}
    elif by == "role":
        grouped, labels = _role_groups(frame, roles, role)
    else:
        raise ValueError(f"cannot group by {by!r}; choose one of {GROUPINGS}")
    grouped = grouped.with_columns(
        group=pl.when(pl.col("group").fill_null("") == "")
        .then(pl.lit(UNKNOWN_GROUP))
        .otherwise(pl.col("group"))
    )
    present = grouped["group"].unique(maintain_order=True).to_list()
    return grouped, _ordered(by, present), labels


_LAST = (NO_WORKPLACE, NOT_MATCHED, UNKNOWN_GROUP)


def _ordered(by: str, groups: list[str]) -> list[str]:
    """Genders in their fixed order, programmes as they came, anything else alphabetically;
    the special groups (no workplace, not matched, unknown) last."""
    special = [g for g in _LAST if g in groups]
    ordinary = [g for g in groups if g not in _LAST]
    if by == "gender":
        order = (*GENDER_ORDER, OTHER)
        ordinary = [g for g in order if g in ordinary] + sorted(
            g for g in ordinary if g not in order
        )
    elif by == "role":
        ordinary = [g for g in ROLE_GROUPS if g in ordinary]
    elif by != "programme":
        ordinary = sorted(ordinary, key=lambda g: (g.casefold(), g))
    return ordinary + special


def _group_labels(
    by: str, groups: Sequence[str], explicit: Mapping[str, tuple[str, str]]
) -> tuple[list[str], list[str]]:
    kind = {"gender": "gender", "field": "family"}.get(by, "group")
    sv, en = [], []
    for g in groups:
        if g in explicit:
            sv.append(explicit[g][0])
            en.append(explicit[g][1])
        else:
            sv.append(label(kind, g, "sv"))
            en.append(label(kind, g, "en"))
    return sv, en


# --------------------------------------------------------------------------- suppressed tables

#: The columns of :func:`outcome_rates` and :func:`outcome_by_score`, in order.
OUTCOME_RATE_SCHEMA: dict[str, pl.DataType] = {
    "by": pl.String(),
    "months": pl.Int64(),
    "group": pl.String(),
    "group_order": pl.Int64(),
    "label_sv": pl.String(),
    "label_en": pl.String(),
    "status": pl.String(),
    "status_order": pl.Int64(),
    "status_sv": pl.String(),
    "status_en": pl.String(),
    "n": pl.Int64(),
    "n_suppressed": pl.Boolean(),
    "share": pl.Float64(),
    "share_suppressed": pl.Boolean(),
    "group_total": pl.Int64(),
    "group_total_suppressed": pl.Boolean(),
    "in_work_n": pl.Int64(),
    "in_work_n_suppressed": pl.Boolean(),
    "in_work_rate": pl.Float64(),
    "in_work_rate_suppressed": pl.Boolean(),
    "qualified_n": pl.Int64(),
    "qualified_n_suppressed": pl.Boolean(),
    "qualified_rate": pl.Float64(),
    "qualified_rate_suppressed": pl.Boolean(),
}

_Cells = dict[str, dict[Any, int | None]]


def _category_cube(
    frame: pl.DataFrame,
    groups: Sequence[str],
    column: str,
    categories: Sequence[Any],
    min_count: int,
    fixed: Mapping[tuple[Any, ...], bool] | None = None,
) -> tuple[_Cells, _Cells]:
    """Counts by (group, category) suppressed as one table with totals: for each group, the
    published counts by category (``None`` = the group total, null = hidden) and the true ones.
    """
    counts = frame.group_by("group", column).agg(n=pl.len().cast(pl.Int64))
    cube = suppress_counts(
        counts,
        ["group", column],
        count="n",
        min_count=min_count,
        levels={"group": list(groups), column: list(categories)},
        totals=True,
        fixed=fixed,
    )
    published: _Cells = {g: {} for g in groups}
    for group, category, n in cube.select("group", column, "n").iter_rows():
        if group is not None:
            published[group][category] = n
    true: _Cells = {g: dict.fromkeys([*categories, None], 0) for g in groups}
    for group, category, n in counts.iter_rows():
        true[group][category] = n
        true[group][None] += n  # type: ignore[operator]
    return published, true


def _status_margins(frame: pl.DataFrame, min_count: int) -> dict[str | None, bool]:
    """Which status totals of these follow-ups are hidden (True), by status (None: all).

    The units are the cohorts of each programme. One unit: its statuses protected as one
    line. Several: the totals row of the unit-by-status table whose rows are each unit's own
    margins. So any table of these follow-ups — by programme, by cohort, by gender, alone or
    next to another cohort's — shows and hides the same totals for the same people.
    """
    unit = pl.col("programme").fill_null("")
    if "cohort" in frame.columns:
        unit = pl.concat_str(unit, pl.col("cohort").fill_null(""), separator="\x1f")
    frame = frame.with_columns(_unit=unit)
    units = frame["_unit"].unique(maintain_order=True).to_list()
    levels = {"status": list(FOLLOW_UP_STATUSES)}
    if len(units) <= 1:
        counts = frame.group_by("status").agg(n=pl.len().cast(pl.Int64))
        true = _true_by_status(counts)
        hide: dict[tuple[Any, ...], bool] = {}
        while True:
            table = suppress_counts(
                counts, "status", min_count=min_count, levels=levels, totals=True, fixed=hide
            )
            shown = dict(zip(table["status"].to_list(), table["n"].to_list(), strict=True))
            more = _in_work_leak(shown, true, min_count, set())
            if more is None:
                break
            hide[(more,)] = True
        return dict(zip(table["status"].to_list(), table["n_suppressed"].to_list(), strict=True))
    fixed = {
        (name, status): hide
        for name in units
        for status, hide in _status_margins(
            frame.filter(pl.col("_unit") == name).drop("_unit"), min_count
        ).items()
    }
    counts = frame.group_by("_unit", "status").agg(n=pl.len().cast(pl.Int64))
    true = _true_by_status(frame.group_by("status").agg(n=pl.len().cast(pl.Int64)))
    while True:
        table = suppress_counts(
            counts,
            ["_unit", "status"],
            min_count=min_count,
            levels={"_unit": units, **levels},
            totals=True,
            fixed=fixed,
        ).filter(pl.col("_unit").is_null())
        shown = dict(zip(table["status"].to_list(), table["n"].to_list(), strict=True))
        more = _in_work_leak(shown, true, min_count, set())
        if more is None:
            break
        fixed[(None, more)] = True
    return dict(zip(table["status"].to_list(), table["n_suppressed"].to_list(), strict=True))


def _true_by_status(counts: pl.DataFrame) -> dict[str | None, int]:
    """The true count per status (every status, 0 when absent) and in all (key ``None``)."""
    true: dict[str | None, int] = dict.fromkeys(FOLLOW_UP_STATUSES, 0)
    for status, n in counts.select("status", "n").iter_rows():
        true[status] = n
    true[None] = sum(true[s] for s in FOLLOW_UP_STATUSES)
    return true


def _in_work_leak(
    shown: Mapping[str | None, int | None],
    true: Mapping[str | None, int],
    min_count: int,
    settled: set[str],
) -> str | None:
    """A published status to hide as well, or ``None`` when the line is safe.

    Each table also shows the in-work count (qualified + other job) wherever the published
    cells give it (:func:`_derived_sum`). When they give it and it is 1 to ``min_count - 1``,
    the cells hidden for the small job counts add up to a small count of their own ("2 in
    work"): one more status outside work is hidden — the smallest whose value brings the
    hidden sum to ``min_count``, else the largest — and the line is protected again.
    ``settled`` statuses were decided by another table and cannot change.
    """
    cells = {s: shown[s] for s in FOLLOW_UP_STATUSES}
    in_work = _derived_sum(cells, shown[None], IN_WORK_STATUSES)
    if in_work is None or in_work == 0 or in_work >= min_count:
        return None
    if all(cells[s] is not None for s in IN_WORK_STATUSES):
        return None  # every part is shown and safe on its own
    options = [
        s
        for s in FOLLOW_UP_STATUSES
        if s not in IN_WORK_STATUSES and cells[s] is not None and s not in settled
    ]
    if not options:
        return None
    hidden = sum(true[s] for s in FOLLOW_UP_STATUSES if cells[s] is None)
    enough = [s for s in options if hidden + true[s] >= min_count]
    if enough:
        return min(enough, key=lambda s: (true[s], FOLLOW_UP_STATUSES.index(s)))
    return max(options, key=lambda s: (true[s], -FOLLOW_UP_STATUSES.index(s)))


def _derived_sum(
    cells: Mapping[Any, int | None], total: int | None, parts: Iterable[Any]
) -> int | None:
    """The sum of ``parts`` when the published ``cells`` and ``total`` already give it, else None.

    Published only when every part is published, or the total and every other cell are: then
    the sum tells nothing the table does not, so it cannot reveal a hidden cell.
    """
    parts = list(parts)
    if all(cells[p] is not None for p in parts):
        return sum(cells[p] for p in parts)  # type: ignore[misc]
    others = [c for c in cells if c not in parts]
    if total is not None and all(cells[c] is not None for c in others):
        return total - sum(cells[c] for c in others)  # type: ignore[misc]
    return None


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _status_table(
    grouped: pl.DataFrame,
    groups: list[str],
    labels: Mapping[str, tuple[str, str]],
    *,
    by: str,
    months: int,
    min_count: int,
) -> pl.DataFrame:
    """The tidy, suppressed table of :func:`outcome_rates` from a frame with group and status."""
    if grouped.is_empty():
        return pl.DataFrame(schema=OUTCOME_RATE_SCHEMA)
    unknown = set(grouped["status"].unique().to_list()) - set(FOLLOW_UP_STATUSES)
    if unknown:
        raise ValueError(f"follow-ups have unknown statuses {sorted(unknown)}")
    # Every grouping of the same follow-ups shares its status totals (and a programme's row
    # is the same people as that programme's totals): they are shown and hidden alike in
    # every table, so no table's published margin gives away another's hidden one.
    fixed = {(None, s): hide for s, hide in _status_margins(grouped, min_count).items()}
    if by in ("programme", "cohort"):
        for group in groups:
            own = grouped.filter(pl.col("group") == group)
            fixed |= {(group, s): hide for s, hide in _status_margins(own, min_count).items()}
    while True:
        published, true = _category_cube(
            grouped, groups, "status", FOLLOW_UP_STATUSES, min_count, fixed
        )
        # A group's cells decided by its own margins (programme, cohort) are already guarded.
        leaks = {
            group: _in_work_leak(
                published[group],
                true[group],
                min_count,
                {s for (g, s) in fixed if g == group},
            )
            for group in groups
        }
        leaks = {group: status for group, status in leaks.items() if status is not None}
        if not leaks:
            break
        fixed |= {(group, status): True for group, status in leaks.items()}
    sv, en = _group_labels(by, groups, labels)
    rows = []
    for order, group in enumerate(groups):
        cells = {s: published[group][s] for s in FOLLOW_UP_STATUSES}
        total, true_total = published[group][None], true[group][None]
        in_work = _derived_sum(cells, total, IN_WORK_STATUSES)
        true_in_work = sum(true[group][s] for s in IN_WORK_STATUSES)  # type: ignore[misc]
        for status_order, status in enumerate(FOLLOW_UP_STATUSES):
            rows.append(
                {
                    "by": by,
                    "months": months,
                    "group": group,
                    "group_order": order,
                    "label_sv": sv[order],
                    "label_en": en[order],
                    "status": status,
                    "status_order": status_order,
                    "status_sv": label("status", status, "sv"),
                    "status_en": label("status", status, "en"),
                    "n": cells[status],
                    "n_suppressed": cells[status] is None,
                    "share": _ratio(true[group][status], true_total),  # type: ignore[arg-type]
                    "group_total": total,
                    "group_total_suppressed": total is None,
                    "in_work_n": in_work,
                    "in_work_n_suppressed": in_work is None,
                    "in_work_rate": _ratio(true_in_work, true_total),  # type: ignore[arg-type]
                    "qualified_n": cells["qualified_job"],
                    "qualified_n_suppressed": cells["qualified_job"] is None,
                    "qualified_rate": _ratio(true[group]["qualified_job"], true_total),  # type: ignore[arg-type]
                }
            )
    table = pl.DataFrame(
        rows, schema={k: v for k, v in OUTCOME_RATE_SCHEMA.items() if k in rows[0]}
    )
    for value, numerator in (
        ("share", "n"),
        ("in_work_rate", "in_work_n"),
        ("qualified_rate", "qualified_n"),
    ):
        table = suppress_statistic(
            table, value, denominator="group_total", numerator=numerator, min_count=min_count
        )
    return table.select(list(OUTCOME_RATE_SCHEMA))


# --------------------------------------------------------------------------- outcome figures


def _followups_at(followups: pl.DataFrame, months: int) -> pl.DataFrame:
    _require_columns(followups, ["adept_id", "months", "status"], "followups")
    if months not in FOLLOW_UP_MONTHS:
        raise ValueError(f"months must be one of {FOLLOW_UP_MONTHS}, not {months!r}")
    frame = followups
    if "programme" not in frame.columns:
        frame = frame.with_columns(programme=pl.lit("", dtype=pl.String))
    return frame.filter(pl.col("months") == months)


def outcome_rates(
    followups: pl.DataFrame,
    adepts: pl.DataFrame | None = None,
    *,
    by: str,
    months: int = 12,
    plan: Plan | MatchResult | Mapping[str, Plan | MatchResult] | None = None,
    mentors: pl.DataFrame | None = None,
    workplaces: pl.DataFrame | None = None,
    min_count: int = DEFAULT_MIN_COUNT,
    roles: RolePlan | None = None,
    role: str | None = None,
) -> pl.DataFrame:
    """Adepts' status ``months`` after the start, per group, suppressed: a tidy frame.

    ``by`` is one of :data:`GROUPINGS`:

    - ``gender``: the adept's gender (``adepts`` needed, e.g. :func:`programme_adepts`).
    - ``cohort``: the follow-up file's cohort, else the adept's.
    - ``field``: the family (:mod:`smile_core.ingest.fields`) of the adept's wished job,
      else of their own field; a field outside every family is its own group.
    - ``workplace``: the workplace of the adept's mentor in ``plan`` (a plan or result, or one
      per programme keyed by programme name); ``mentors`` (a mentors frame) supplies
      workplaces a bare plan lacks, ``workplaces`` the names. Adepts without a mentor are
      :data:`~smile_core.text.labels.NOT_MATCHED`.
    - ``programme``: the follow-ups' ``programme`` column (compare programmes or years).
    - ``role``: for a programme with roles, ``role`` (a column of the plan with roles
      ``roles``: ``placement`` or a role key such as ``supervisor``) splits the adepts into
      :data:`ROLE_GROUPS`: had someone in it (a placement), needed it but had nobody, did
      not need it. Suppressed exactly like every other grouping, sharing their totals.

    Only adepts with a follow-up at ``months`` count. An adept the grouping cannot place is
    :data:`~smile_core.text.labels.UNKNOWN_GROUP`. With several programmes, ``adepts`` needs a
    ``programme`` column too (then the join is on programme and id).

    Returns one row per group and status (all of :data:`FOLLOW_UP_STATUSES`, in order):
    ``by``, ``months``, ``group`` (code), ``group_order``, ``label_sv``/``label_en`` (group in
    words), ``status``, ``status_order``, ``status_sv``/``status_en``, ``n`` (count),
    ``share`` (n / group total), ``group_total``, and per group (repeated on its rows)
    ``in_work_n``/``in_work_rate`` (qualified + other job) and
    ``qualified_n``/``qualified_rate``. Every figure has a ``<name>_suppressed`` flag and is
    null where hidden. :func:`group_rates` gives one row per group.
    """
    check_min_count(min_count)
    if by not in GROUPINGS:
        raise ValueError(f"cannot group by {by!r}; choose one of {GROUPINGS}")
    at = _followups_at(followups, months)
    grouped, groups, labels = _group(at, by, adepts, plan, mentors, workplaces, roles, role)
    return _status_table(grouped, groups, labels, by=by, months=months, min_count=min_count)


def group_rates(rates: pl.DataFrame) -> pl.DataFrame:
    """One row per group of an :func:`outcome_rates` frame: its total and in-work and
    qualified-job counts and rates, each with its ``_suppressed`` flag."""
    columns = [
        "by",
        "months",
        "group",
        "group_order",
        "label_sv",
        "label_en",
        *(c for name in _RATE_COLUMNS for c in (name, f"{name}_suppressed")),
    ]
    return rates.unique(subset="group", keep="first", maintain_order=True).select(columns)


def _bands(bins: Sequence[float]) -> list[tuple[float, float, str]]:
    edges = [float(b) for b in bins]
    if len(edges) < 2 or any(b <= a for a, b in itertools.pairwise(edges)):
        raise ValueError("bins must be at least two increasing edges")
    return [
        (low, high, f"{_number(low)}–{_number(high)}") for low, high in itertools.pairwise(edges)
    ]


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def outcome_by_score(
    followups: pl.DataFrame,
    result_or_plan: Plan | MatchResult | Mapping[str, Plan | MatchResult],
    months: int = 12,
    bins: Sequence[float] = DEFAULT_SCORE_BANDS,
    *,
    min_count: int = DEFAULT_MIN_COUNT,
) -> pl.DataFrame:
    """Outcomes of matched adepts by the score band of their pair, suppressed.

    Bands are ``[bins[i], bins[i+1])``, the last one closed; the group is the band ("60–70"),
    in band order; scores outside the bins fall in the nearest band. Only matched adepts with
    a follow-up at ``months`` count. Same columns as :func:`outcome_rates` (``by`` is
    "score_band"). With several programmes, pass one plan per programme keyed by its name.
    """
    check_min_count(min_count)
    bands = _bands(bins)
    at = _followups_at(followups, months)
    pairs, keys = _plan_frame(result_or_plan, None)
    matched = at.join(pairs.select(*keys, "score"), on=keys, how="inner", maintain_order="left")
    band_of = pl.lit(bands[-1][2])
    for _low, high, name in reversed(bands[:-1]):
        band_of = pl.when(pl.col("score") < high).then(pl.lit(name)).otherwise(band_of)
    grouped = matched.with_columns(group=band_of)
    present = set(grouped["group"].to_list())
    groups = [name for _, _, name in bands if name in present]
    labels = {name: (name, name) for _, _, name in bands}
    return _status_table(
        grouped, groups, labels, by="score_band", months=months, min_count=min_count
    )


def contribution_summary(
    followups: pl.DataFrame,
    *,
    months: int = 12,
    by_programme: bool = True,
    min_count: int = DEFAULT_MIN_COUNT,
) -> pl.DataFrame:
    """Among adepts in work at ``months``: how many say the mentor contributed, suppressed.

    One row per group (each programme, or "all" when ``by_programme`` is false) and answer
    ("yes", "no", "unknown" for blank): ``group``, ``answer``, ``n``, ``in_work`` (the group's
    adepts in work), ``share`` (n / in_work), each with a ``_suppressed`` flag.
    """
    check_min_count(min_count)
    at = _followups_at(followups, months).filter(pl.col("status").is_in(IN_WORK_STATUSES))
    if "mentor_contributed" not in at.columns:
        at = at.with_columns(mentor_contributed=pl.lit(None, dtype=pl.Boolean))
    answers = ("yes", "no", "unknown")
    schema = {
        "group": pl.String,
        "answer": pl.String,
        "n": pl.Int64,
        "n_suppressed": pl.Boolean,
        "in_work": pl.Int64,
        "in_work_suppressed": pl.Boolean,
        "share": pl.Float64,
    }
    if at.is_empty():
        return pl.DataFrame(schema={**schema, "share_suppressed": pl.Boolean})
    at = at.with_columns(
        answer=pl.when(pl.col("mentor_contributed").is_null())
        .then(pl.lit("unknown"))
        .when(pl.col("mentor_contributed"))
        .then(pl.lit("yes"))
        .otherwise(pl.lit("no")),
        group=pl.col("programme") if by_programme else pl.lit("all"),
    )
    groups = at["group"].unique(maintain_order=True).to_list()
    published, true = _category_cube(at, groups, "answer", answers, min_count)
    rows = [
        {
            "group": group,
            "answer": answer,
            "n": published[group][answer],
            "n_suppressed": published[group][answer] is None,
            "in_work": published[group][None],
            "in_work_suppressed": published[group][None] is None,
            "share": _ratio(true[group][answer], true[group][None]),  # type: ignore[arg-type]
        }
        for group in groups
        for answer in answers
    ]
    table = pl.DataFrame(rows, schema=schema)
    return suppress_statistic(
        table, "share", denominator="in_work", numerator="n", min_count=min_count
    )


# --------------------------------------------------------------------------- survey


def survey_summary(
    evaluations: pl.DataFrame,
    min_count: int = DEFAULT_MIN_COUNT,
    *,
    by_programme: bool = False,
) -> pl.DataFrame:
    """Per role and item: the answers 1–5, their shares, the mean and the share agreeing.

    One row per (programme when ``by_programme``,) role, item and answer: ``programme``
    ("" when pooled), ``role``, ``item``, ``item_sv``/``item_en`` (the item in words),
    ``answer``, ``n``, ``share``; and per item (repeated on its rows) ``respondents``,
    ``mean``, ``agree_n`` (answers 4 and 5) and ``agree_share``. Each figure has a
    ``<name>_suppressed`` flag and is null where hidden (rules in the module doc).
    """
    check_min_count(min_count)
    _require_columns(evaluations, ["role", "item", "answer"], "evaluations")
    frame = evaluations
    if not by_programme or "programme" not in frame.columns:
        frame = frame.with_columns(programme=pl.lit("", dtype=pl.String))
    rows: list[dict[str, Any]] = []
    keys = frame.select("programme", "role", "item").unique(maintain_order=True)
    role_rank = {r: i for i, r in enumerate(ROLES)}
    ordered = sorted(keys.iter_rows(), key=lambda k: (k[0], role_rank.get(k[1], len(ROLES)), k[2]))
    for programme, role, item in ordered:
        answers = frame.filter(
            pl.col("programme") == programme, pl.col("role") == role, pl.col("item") == item
        )
        rows.extend(_item_rows(programme, role, item, answers["answer"].to_list(), min_count))
    if not rows:
        return pl.DataFrame(schema=SURVEY_SCHEMA)
    return pl.DataFrame(rows, schema=SURVEY_SCHEMA).select(list(SURVEY_SCHEMA))


def _item_rows(
    programme: str, role: str, item: str, answers: list[int], min_count: int
) -> list[dict[str, Any]]:
    stray = sorted(set(answers) - set(ANSWERS))
    if stray:
        raise ValueError(f"answers must be 1-5, not {stray}")
    frame = pl.DataFrame({"group": [item] * len(answers), "answer": answers})
    published, _ = _category_cube(frame, [item], "answer", ANSWERS, min_count)
    cells = {a: published[item][a] for a in ANSWERS}
    total = published[item][None]
    true = {a: answers.count(a) for a in ANSWERS}
    agree = _derived_sum(cells, total, AGREE_ANSWERS)
    hidden = [a for a in ANSWERS if cells[a] is None]
    # The mean gives away the answers' sum; check it against what the counts leave open.
    pins = _mean_pins_a_hidden_count(
        hidden,
        sum(true[a] for a in hidden),
        sum(a * true[a] for a in hidden),
    )
    common = {
        "programme": programme,
        "role": role,
        "item": item,
        "item_sv": label("item", item, "sv"),
        "item_en": label("item", item, "en"),
        "respondents": total,
        "respondents_suppressed": total is None,
        "mean": None if pins else round(sum(answers) / len(answers), 2),
        "mean_pins": pins,
        "agree_n": agree,
        "agree_n_suppressed": agree is None,
        "agree_share": _ratio(true[4] + true[5], len(answers)),
    }
    rows = [
        {
            **common,
            "answer": a,
            "n": cells[a],
            "n_suppressed": cells[a] is None,
            "share": _ratio(true[a], len(answers)),
        }
        for a in ANSWERS
    ]
    table = pl.DataFrame(rows, schema=_ITEM_SCHEMA)
    table = suppress_statistic(
        table, "share", denominator="respondents", numerator="n", min_count=min_count
    )
    table = suppress_statistic(
        table, "agree_share", denominator="respondents", numerator="agree_n", min_count=min_count
    )
    table = suppress_statistic(table, "mean", denominator="respondents", min_count=min_count)
    table = table.with_columns(
        mean_suppressed=pl.col("mean_suppressed") | pl.col("mean_pins")
    ).drop("mean_pins")
    return table.to_dicts()


_ITEM_SCHEMA: dict[str, pl.DataType] = {
    "programme": pl.String(),
    "role": pl.String(),
    "item": pl.String(),
    "item_sv": pl.String(),
    "item_en": pl.String(),
    "answer": pl.Int64(),
    "n": pl.Int64(),
    "n_suppressed": pl.Boolean(),
    "share": pl.Float64(),
    "respondents": pl.Int64(),
    "respondents_suppressed": pl.Boolean(),
    "mean": pl.Float64(),
    "mean_pins": pl.Boolean(),
    "agree_n": pl.Int64(),
    "agree_n_suppressed": pl.Boolean(),
    "agree_share": pl.Float64(),
}

#: The columns of :func:`survey_summary`, in order.
SURVEY_SCHEMA: dict[str, pl.DataType] = {
    "programme": pl.String(),
    "role": pl.String(),
    "item": pl.String(),
    "item_sv": pl.String(),
    "item_en": pl.String(),
    "answer": pl.Int64(),
    "n": pl.Int64(),
    "n_suppressed": pl.Boolean(),
    "share": pl.Float64(),
    "share_suppressed": pl.Boolean(),
    "respondents": pl.Int64(),
    "respondents_suppressed": pl.Boolean(),
    "mean": pl.Float64(),
    "mean_suppressed": pl.Boolean(),
    "agree_n": pl.Int64(),
    "agree_n_suppressed": pl.Boolean(),
    "agree_share": pl.Float64(),
    "agree_share_suppressed": pl.Boolean(),
}


def _mean_pins_a_hidden_count(weights: Sequence[int], hidden_sum: int, weighted_sum: int) -> bool:
    """Whether knowing the answers' exact sum fixes a hidden count the counts leave open.

    The hidden counts are whole numbers >= 0 adding up to ``hidden_sum`` (known from the
    total); the mean adds that ``sum(weight * count) == weighted_sum``. Without the mean, a
    hidden count is fixed only when ``hidden_sum`` is 0 (or one count is hidden, which
    complementary suppression never leaves); with it, a count is fixed when every solution
    gives it the same value.
    """
    if hidden_sum == 0 or len(weights) < 2:
        return False
    weights = tuple(weights)
    for i, weight in enumerate(weights):
        rest = weights[:i] + weights[i + 1 :]
        values = 0
        for value in range(hidden_sum + 1):
            if _solvable(rest, hidden_sum - value, weighted_sum - weight * value):
                values += 1
                if values == 2:
                    break
        if values < 2:
            return True
    return False


@lru_cache(maxsize=65536)
def _solvable(weights: tuple[int, ...], total: int, weighted: int) -> bool:
    """Whether whole numbers >= 0, one per weight, add up to ``total`` and, weighted, to
    ``weighted``."""
    if total < 0:
        return False
    if not weights:
        return total == 0 and weighted == 0
    if not min(weights) * total <= weighted <= max(weights) * total:
        return False
    if len(weights) == 1:
        return weighted == weights[0] * total
    first, rest = weights[0], weights[1:]
    return any(_solvable(rest, total - v, weighted - first * v) for v in range(total + 1))

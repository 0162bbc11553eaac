"""A plan with roles for the dashboard: frames in the reader's language (issue 10).

The pages stay thin: each frame here is shown as it is (``st.dataframe``), never as HTML.
Column headers and role names come from the text catalogue and the programme's
:class:`~smile_core.matching.roles.RoleSetup`; cells are ids, names and reasons from the programme
and the plan.

- :func:`plan_roles_table`: one row per adept who needs anything: the adept, the placement and
  a column per role (the person's name), and what is unmet.
- :func:`unmet_table`: each unmet need, per role, with its reason.
- :func:`role_counts_table`: per role, how many need it and how many have it.
- :func:`role_gender_table`: the same per role and gender (equality by role).
- :func:`readiness_table`: per role before matching, the demand against the seats.
- :func:`programme_setup`: the setup the solve uses for a programme (none without roles).
- :func:`choices_for`, :func:`decisions_table`: the coordinator's locks and forbids per role.
- :func:`role_changes_table`, :func:`role_moves_table`: what a re-solve moved, per role: the
  counts, and each adept's choice before and after by name.
- :func:`role_csv_bytes`, :func:`role_xlsx_bytes`: the role table as files, through the export
  writers, which neutralise formulas.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from smile_core.ingest.participants import Programme, labelled
from smile_core.ingest.role_readiness import role_supply
from smile_core.matching.role_plan import RolePlan
from smile_core.matching.roles import (
    PLACEMENT,
    RoleSetup,
    infer_setup,
    offered,
    uses_roles,
)
from smile_core.matching.solver.role_parts import main_role
from smile_core.reports.export import neutralize_formulas, to_excel_csv_bytes, to_xlsx_bytes
from smile_core.reports.role_output import role_table
from smile_core.text import t


def programme_setup(programme: Programme) -> RoleSetup | None:
    """The roles the solve gives ``programme`` when nothing else is said: the ones its files
    imply, or ``None`` when the files name no roles (the one-role plan)."""
    return infer_setup(programme) if uses_roles(programme) else None


def role_name(setup: RoleSetup, key: str, lang: str) -> str:
    """The name of role ``key`` (or the placement) in ``lang``, capitalised as a heading."""
    if key == PLACEMENT:
        return t("roles_ui.placement", lang)
    role = setup.role(key)
    name = role.name_sv if lang == "sv" else role.name_en
    return name[:1].upper() + name[1:]


def plan_roles_table(plan: RolePlan, programme: Programme, lang: str) -> pl.DataFrame:
    """One row per adept who needs anything: ID, name, the placement's workplace and a column
    per role with the person's name (blank when none), then the unmet needs in words; headed
    in ``lang`` (the rows of :func:`smile_core.reports.role_output.role_table`)."""
    frame = role_table(plan, programme, lang)
    # Headed here by position (id, adept, each column of the plan, unmet), so the screen and
    # the files read the same words as the rest of this module.
    headers = [
        t("roles_ui.column.id", lang),
        t("roles_ui.column.adept", lang),
        *(role_name(plan.setup, key, lang) for key in plan.columns),
        t("roles_ui.column.unmet", lang),
    ]
    return frame.rename(dict(zip(frame.columns, headers, strict=True)))


def unmet_table(plan: RolePlan, programme: Programme, lang: str) -> pl.DataFrame:
    """One row per unmet need: the adept's ID and name, the role (in ``lang``) and the
    reason in words; in the plan's order."""
    rows = [
        (
            u.adept_id,
            programme.adept_by_id[u.adept_id].name if u.adept_id in programme.adept_by_id else "",
            role_name(plan.setup, u.role, lang),
            u.message(lang),
        )
        for u in plan.unmatched
    ]
    schema = dict.fromkeys(
        (
            t("roles_ui.column.id", lang),
            t("roles_ui.column.adept", lang),
            t("roles_ui.column.role", lang),
            t("roles_ui.column.reason", lang),
        ),
        pl.String,
    )
    return pl.DataFrame(rows, schema=schema, orient="row")


def role_counts_table(plan: RolePlan, lang: str) -> pl.DataFrame:
    """Per column of the plan (placement first): the role in ``lang``, how many adepts need
    it and how many have it."""
    keys = plan.columns
    return pl.DataFrame(
        {
            t("roles_ui.column.role", lang): [role_name(plan.setup, k, lang) for k in keys],
            t("roles_ui.column.needed", lang): [plan.needing(k) for k in keys],
            t("roles_ui.column.filled", lang): [plan.filled(k) for k in keys],
        },
        schema={
            t("roles_ui.column.role", lang): pl.String,
            t("roles_ui.column.needed", lang): pl.Int64,
            t("roles_ui.column.filled", lang): pl.Int64,
        },
    )


def readiness_table(programme: Programme, setup: RoleSetup, lang: str) -> pl.DataFrame:
    """Per role (placement first): how many adepts need it, how many seats are offered and
    how many needing adepts no seat can serve, whatever the plan."""
    supply = role_supply(programme, setup)
    return pl.DataFrame(
        {
            t("roles_ui.column.role", lang): [role_name(setup, s.role, lang) for s in supply],
            t("roles_ui.column.needed", lang): [s.needed for s in supply],
            t("roles_ui.column.seats", lang): [s.seats for s in supply],
            t("roles_ui.column.short", lang): [s.short for s in supply],
        },
        schema={
            t("roles_ui.column.role", lang): pl.String,
            t("roles_ui.column.needed", lang): pl.Int64,
            t("roles_ui.column.seats", lang): pl.Int64,
            t("roles_ui.column.short", lang): pl.Int64,
        },
    )


def role_csv_bytes(plan: RolePlan, programme: Programme, lang: str) -> bytes:
    """The table of :func:`plan_roles_table` as CSV for Swedish Excel (UTF-8 BOM,
    semicolons), formulas neutralised."""
    return to_excel_csv_bytes(neutralize_formulas(plan_roles_table(plan, programme, lang)))


def role_xlsx_bytes(plan: RolePlan, programme: Programme, lang: str) -> bytes:
    """A workbook with the table by role, the unmet needs and the counts per role (one sheet
    each, named in ``lang``); text cells stay strings, which Excel never evaluates."""
    return to_xlsx_bytes(
        {
            t("roles_ui.sheet.plan", lang): plan_roles_table(plan, programme, lang),
            t("roles_ui.sheet.unmet", lang): unmet_table(plan, programme, lang),
            t("roles_ui.sheet.counts", lang): role_counts_table(plan, lang),
        }
    )


def choices_for(programme: Programme, role: str) -> dict[str, str]:
    """Who can be locked or forbidden in ``role`` for an adept, id -> "name (id)": every
    workplace with placements for ``placement``, else every mentor offering the role."""
    if role == PLACEMENT:
        return {w.id: labelled(w.name, w.id) for w in programme.workplaces if w.capacity}
    return {m.id: labelled(m.name, m.id) for m in programme.mentors if offered(m).get(role, 0)}


def decisions_table(
    setup: RoleSetup,
    programme: Programme,
    locks: Iterable[tuple[str, str, str]],
    forbids: Iterable[tuple[str, str, str]],
    lang: str,
) -> pl.DataFrame:
    """The coordinator's decisions per role, locks then forbids, each sorted: the adept, the
    role in ``lang``, the person or workplace by name and whether it is a lock or a forbid."""
    names = {m.id: m.name or m.id for m in programme.mentors}
    names |= {f"{PLACEMENT}:{w.id}": w.name or w.id for w in programme.workplaces}
    rows = [
        (
            adept,
            role_name(setup, role, lang) if role == PLACEMENT or role in setup.keys else role,
            names.get(f"{PLACEMENT}:{person}" if role == PLACEMENT else person, person),
            t(f"roles_ui.decide.{kind}", lang),
        )
        for kind, items in (("lock", locks), ("forbid", forbids))
        for adept, person, role in sorted(items)
    ]
    schema = dict.fromkeys(
        (
            t("roles_ui.column.id", lang),
            t("roles_ui.column.role", lang),
            t("roles_ui.column.person", lang),
            t("roles_ui.column.decision", lang),
        ),
        pl.String,
    )
    return pl.DataFrame(rows, schema=schema, orient="row")


def role_gender_table(plan: RolePlan, programme: Programme, lang: str) -> pl.DataFrame:
    """Equality by role: per column of the plan (placement first) and per gender among the
    adepts needing it, in the programme's gender order: how many need it, how many have it
    and the share who have it (0–1)."""
    gender_of = {a.id: a.gender.value for a in programme.adepts}
    order = list(dict.fromkeys(a.gender.value for a in programme.adepts))
    order.sort(key=lambda g: ("woman", "man").index(g) if g in ("woman", "man") else 2)
    have = {(p.adept_id, PLACEMENT) for p in plan.placements}
    have |= {(p.adept_id, p.role) for p in plan.pairs}
    rows = []
    for key in plan.columns:
        for gender in order:
            needing = [a for a, needs in plan.needs if key in needs and gender_of[a] == gender]
            if not needing:
                continue
            filled = sum((a, key) in have for a in needing)
            rows.append(
                (
                    role_name(plan.setup, key, lang),
                    t(f"gender.{gender}", lang),
                    len(needing),
                    filled,
                    filled / len(needing),
                )
            )
    schema = {
        t("roles_ui.column.role", lang): pl.String,
        t("roles_ui.column.gender", lang): pl.String,
        t("roles_ui.column.needed", lang): pl.Int64,
        t("roles_ui.column.filled", lang): pl.Int64,
        t("roles_ui.column.share", lang): pl.Float64,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def role_changes_table(plan: RolePlan, programme: Programme, lang: str) -> pl.DataFrame:
    """What the re-solve that made ``plan`` changed, per column of the plan: the role in
    ``lang``, how many moved and how many were kept, in one row each (empty when ``plan``
    is not a re-solve)."""
    schema = {
        t("roles_ui.column.role", lang): pl.String,
        t("roles_ui.changes.moved", lang): pl.Int64,
        t("roles_ui.changes.kept", lang): pl.Int64,
    }
    diff = plan.diff
    if diff is None:
        return pl.DataFrame(schema=schema)
    kept = dict(diff.kept)
    rows = [
        (role_name(plan.setup, key, lang), diff.moved(key), kept.get(key, 0))
        for key in plan.columns
    ]
    return pl.DataFrame(rows, schema=schema, orient="row")


def role_moves_table(plan: RolePlan, programme: Programme, lang: str) -> pl.DataFrame:
    """Each adept whose placement or person in a role moved in the re-solve: the adept, the
    role in ``lang``, before and after by name (blank: none)."""
    names = {m.id: m.name or m.id for m in programme.mentors}
    places = {w.id: w.name or w.id for w in programme.workplaces}
    adepts = {a.id: a.name or a.id for a in programme.adepts}

    def named(role: str, who: str) -> str:
        return (places if role == PLACEMENT else names).get(who, who)

    rows = [
        (
            c.adept_id,
            adepts.get(c.adept_id, c.adept_id),
            role_name(plan.setup, c.role, lang),
            named(c.role, c.before),
            named(c.role, c.after),
        )
        for c in (plan.diff.changes if plan.diff is not None else ())
    ]
    schema = dict.fromkeys(
        (
            t("roles_ui.column.id", lang),
            t("roles_ui.column.adept", lang),
            t("roles_ui.column.role", lang),
            t("matching.diff.before", lang),
            t("matching.diff.after", lang),
        ),
        pl.String,
    )
    return pl.DataFrame(rows, schema=schema, orient="row")


def main_role_note(plan: RolePlan, lang: str) -> str:
    """The Pairs page's note for a plan with roles: its charts and editor show the main role."""
    setup = plan.setup
    return t("pairs.roles_note", lang, role=role_name(setup, main_role(setup), lang).lower())

"""A plan with roles as rows, JSON and text: one row per adept, a column per role + placement.

Used by ``smile match`` (``--out``, ``--json``, the text report) and the exports. Cells are
ids and words from the programme; the export writers neutralise formulas as for every table.
"""

from __future__ import annotations

import polars as pl

from smile_core.ingest.participants import Programme
from smile_core.matching.role_plan import RolePlan
from smile_core.matching.roles import PLACEMENT
from smile_core.text import t


def role_column(key: str) -> str:
    """The column of a role (or ``placement``) in the table: the role key itself."""
    return key


def role_rows(plan: RolePlan, programme: Programme | None = None) -> pl.DataFrame:
    """One row per adept who needs anything: ``adept_id``, ``placement`` (workplace id, when
    the programme places), one column per role (the person's id, blank when none or not
    needed), ``needs`` (the needed roles, ``;``-separated) and ``unmet`` (the reasons in
    English, ``;``-separated). With ``programme``, ``placement_name`` gives the workplace's
    name."""
    columns = plan.columns
    why: dict[str, list[str]] = {}
    for u in plan.unmatched:
        why.setdefault(u.adept_id, []).append(f"{u.role}: {u.message_en}")
    rows = []
    for adept_id, needs in plan.needs:
        if not needs:
            continue
        row: dict[str, str] = {"adept_id": adept_id}
        for key in columns:
            if key == PLACEMENT:
                row[role_column(key)] = plan.placement_of.get(adept_id, "")
                if programme is not None:
                    workplace = programme.workplace_by_id.get(row[key])
                    row["placement_name"] = workplace.name if workplace else ""
            else:
                row[role_column(key)] = plan.person_of.get((adept_id, key), "")
        row["needs"] = ";".join(needs)
        row["unmet"] = "; ".join(why.get(adept_id, []))
        rows.append(row)
    schema = {"adept_id": pl.String}
    for key in columns:
        schema[role_column(key)] = pl.String
        if key == PLACEMENT and programme is not None:
            schema["placement_name"] = pl.String
    schema |= {"needs": pl.String, "unmet": pl.String}
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)


def role_json(plan: RolePlan) -> dict[str, object]:
    """Per role (and placement): how many need it and how many have it; the unmet needs."""
    return {
        "roles": {
            key: {"needed": plan.needing(key), "filled": plan.filled(key)} for key in plan.columns
        },
        "unmet": [
            {
                "adept_id": u.adept_id,
                "role": u.role,
                "reason": u.reason.value,
                "message": u.message_en,
            }
            for u in plan.unmatched
        ],
    }


def role_text(plan: RolePlan) -> list[str]:
    """Lines for a person: per role needed/filled, then each unmet need (Swedish / English)."""
    lines = [f"{t('role.by_role', 'sv')} / {t('role.by_role', 'en')}:"]
    for key in plan.columns:
        lines.append(f"  {key:<18} {plan.needing(key):>5} {plan.filled(key):>5}")
    if plan.unmatched:
        lines.append(f"{t('role.unmet', 'sv')} / {t('role.unmet', 'en')}:")
        lines += [
            f"  {u.adept_id} [{u.role}]: {u.message_sv} / {u.message_en}" for u in plan.unmatched
        ]
    return lines


def role_table(plan: RolePlan, programme: Programme, lang: str = "sv") -> pl.DataFrame:
    """The plan for people (exports): one row per adept who needs anything, with the adept's
    id and name, the placement's workplace name and a column per role with the person's name
    (id when no name), headed in ``lang`` ("sv" or "en"). Write it with the export writers
    (:mod:`smile_core.reports.export`), which neutralise formulas."""
    sv = lang == "sv"
    headers = {"adept_id": t("role.column.id", lang), "adept": t("role.column.adept", lang)}
    headers[PLACEMENT] = t("role.column.placement", lang)
    for role in plan.setup.roles:
        name = role.name_sv if sv else role.name_en
        headers[role.key] = name[:1].upper() + name[1:]
    headers["unmet"] = t("role.unmet", lang)
    people = {m.id: m.name or m.id for m in programme.mentors}
    places = {w.id: w.name or w.id for w in programme.workplaces}
    why: dict[str, list[str]] = {}
    for u in plan.unmatched:
        why.setdefault(u.adept_id, []).append(u.message_sv if sv else u.message_en)
    rows = []
    for adept_id, needs in plan.needs:
        if not needs:
            continue
        adept = programme.adept_by_id[adept_id]
        row = {"adept_id": adept_id, "adept": adept.name}
        for key in plan.columns:
            if key == PLACEMENT:
                row[key] = places.get(plan.placement_of.get(adept_id, ""), "")
            else:
                row[key] = people.get(plan.person_of.get((adept_id, key), ""), "")
        row["unmet"] = " ".join(why.get(adept_id, []))
        rows.append(row)
    keys = ["adept_id", "adept", *plan.columns, "unmet"]
    frame = pl.DataFrame(rows, schema=dict.fromkeys(keys, pl.String), orient="row")
    # Two roles may read alike (a coordinator's own word and a known role's name): a header
    # seen before gets its key, so every column keeps a header of its own.
    seen: set[str] = set()
    renamed = {}
    for k in keys:
        header = headers[k] if headers[k] not in seen else f"{headers[k]} ({k})"
        seen.add(header)
        renamed[k] = header
    return frame.rename(renamed)

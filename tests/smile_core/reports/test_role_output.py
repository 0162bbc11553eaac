"""The plan by role as rows for people (exports, the CLI's table, the meeting pack)."""

import dataclasses

from role_demo_data import role_demo

from smile_core.reports.role_output import role_table


def test_two_roles_named_alike_keep_a_column_each():
    """A coordinator's role named like a known one ("Mentor") gets its own header, no crash."""
    programme, result = role_demo("vocational")
    plan = result.roles
    renamed = tuple(
        dataclasses.replace(r, name_sv="mentor", name_en="mentor") if r.key == "supervisor" else r
        for r in plan.setup.roles
    )
    plan = dataclasses.replace(plan, setup=dataclasses.replace(plan.setup, roles=renamed))
    table = role_table(plan, programme, "sv")
    assert len(set(table.columns)) == len(table.columns)
    # The handledare column comes first and keeps the plain header; the later one its key.
    assert "Mentor" in table.columns and "Mentor (mentor)" in table.columns
    handledare = {p.adept_id: p.mentor_id for p in plan.pairs if p.role == "supervisor"}
    names = {m.id: m.name for m in programme.mentors}
    first = next(iter(sorted(handledare)))
    row = table.filter(table[table.columns[0]] == first).row(0, named=True)
    assert row["Mentor"] == names[handledare[first]]

"""The dashboard's frames of a plan with roles: a column per role, unmet needs, readiness."""

import fastexcel
import polars as pl
import pytest

from smile_core.demo.demo_roles import ROLE_NETWORK, ROLE_VOCATIONAL, dashboard_demo_files
from smile_core.ingest.reading import SourceFile
from smile_core.ingest.role_readiness import role_supply
from smile_core.ingest.validation import load_programme
from smile_core.matching.role_view import (
    choices_for,
    decisions_table,
    plan_roles_table,
    programme_setup,
    readiness_table,
    role_counts_table,
    role_csv_bytes,
    role_gender_table,
    role_xlsx_bytes,
    unmet_table,
)
from smile_core.matching.roles import offered
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver.solve import solve
from smile_core.text import t


def _programme(key, replace=("", "")):
    files = dict(dashboard_demo_files(key))
    files["adepts.csv"] = files["adepts.csv"].replace(*(x.encode() for x in replace), 1)
    loaded = load_programme(
        **{
            name.removesuffix(".csv"): SourceFile(name, data)
            for name, data in files.items()
            if name in ("adepts.csv", "mentors.csv", "workplaces.csv")
        }
    )
    assert loaded.programme is not None
    return loaded.programme


@pytest.fixture(scope="module")
def vocational():
    """The vocational role demo and its role plan (fixed seed)."""
    programme = _programme(ROLE_VOCATIONAL.key)
    result = solve(programme, MatchSettings(seed=1))
    assert result.roles is not None
    return programme, result.roles


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_plan_table_has_a_column_per_role_named_in_the_language(vocational, lang):
    """One row per needing adept; placement and every role of the setup as named columns."""
    programme, plan = vocational
    frame = plan_roles_table(plan, programme, lang)
    assert frame.height == sum(1 for _a, needs in plan.needs if needs)
    for role in plan.setup.roles:
        name = role.name_sv if lang == "sv" else role.name_en
        assert name[:1].upper() + name[1:] in frame.columns
    placement = t("roles_ui.placement", lang)
    assert placement in frame.columns
    placed = {p.workplace_id for p in plan.placements}
    names = {w.name for w in programme.workplaces if w.id in placed}
    assert set(frame[placement].to_list()) - {""} == names


def test_unmet_table_gives_each_unmet_need_with_role_and_reason(vocational):
    """A row per unmet need, the role in the language and the reason the plan gives."""
    programme, plan = vocational
    frame = unmet_table(plan, programme, "en")
    assert frame.height == len(plan.unmatched)
    assert frame[t("roles_ui.column.reason", "en")].to_list() == [
        u.message("en") for u in plan.unmatched
    ]


def test_counts_match_the_plan(vocational):
    """Needed and filled per column are the plan's own counts, placement first."""
    plan = vocational[1]
    frame = role_counts_table(plan, "sv")
    assert frame[t("roles_ui.column.needed", "sv")].to_list() == [
        plan.needing(k) for k in plan.columns
    ]
    assert frame[t("roles_ui.column.filled", "sv")].to_list() == [
        plan.filled(k) for k in plan.columns
    ]
    assert frame[t("roles_ui.column.role", "sv")][0] == t("roles_ui.placement", "sv")


def test_readiness_counts_seats_per_role_in_the_network_demo():
    """The network demo: three optional roles, demand and seats per role as role_supply says."""
    programme = _programme(ROLE_NETWORK.key)
    setup = programme_setup(programme)
    assert setup is not None and not setup.placements
    frame = readiness_table(programme, setup, "en")
    supply = role_supply(programme, setup)
    assert frame.height == len(supply) == 3
    assert frame[t("roles_ui.column.seats", "en")].to_list() == [s.seats for s in supply]
    assert frame[t("roles_ui.column.short", "en")].to_list() == [s.short for s in supply]


def test_role_files_neutralise_formulas_and_name_sheets_in_the_language():
    """An adept named like a formula reaches the CSV with a leading apostrophe; the workbook
    has the table by role, the unmet needs and the counts as sheets named in the language."""
    programme = _programme(ROLE_VOCATIONAL.key, ("Ali Karimi", "=HYPERLINK(1)"))
    plan = solve(programme, MatchSettings(seed=1)).roles
    assert plan is not None
    text = role_csv_bytes(plan, programme, "sv").decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    assert ";=HYPERLINK" not in text
    book = fastexcel.read_excel(role_xlsx_bytes(plan, programme, "en"))
    assert book.sheet_names == [
        t("roles_ui.sheet.plan", "en"),
        t("roles_ui.sheet.unmet", "en"),
        t("roles_ui.sheet.counts", "en"),
    ]
    sheet = book.load_sheet(t("roles_ui.sheet.plan", "en")).to_polars()
    assert sheet.columns == plan_roles_table(plan, programme, "en").columns
    assert "=HYPERLINK(1)" in sheet[t("roles_ui.column.adept", "en")].to_list()


def test_choices_are_workplaces_for_the_placement_and_offering_mentors_for_a_role(vocational):
    """Lock/forbid choices: workplaces with places for the placement; for a role, exactly the
    mentors who offer it."""
    programme, _plan = vocational
    assert set(choices_for(programme, "placement")) == {
        w.id for w in programme.workplaces if w.capacity
    }
    assert set(choices_for(programme, "supervisor")) == {
        m.id for m in programme.mentors if offered(m).get("supervisor", 0)
    }


def test_decisions_table_names_people_workplaces_and_roles(vocational):
    """Locks then forbids, with the role, person or workplace by name and the decision."""
    programme, plan = vocational
    mentor = programme.mentors[0]
    workplace = programme.workplaces[0]
    frame = decisions_table(
        plan.setup,
        programme,
        [("A01", workplace.id, "placement")],
        [("A02", mentor.id, "mentor")],
        "en",
    )
    assert frame.rows() == [
        ("A01", t("roles_ui.placement", "en"), workplace.name, t("roles_ui.decide.lock", "en")),
        ("A02", "Mentor", mentor.name, t("roles_ui.decide.forbid", "en")),
    ]


def test_gender_table_splits_each_role_by_gender(vocational):
    """Per role, needed and filled by gender add up to the role's totals; shares in 0..1."""
    programme, plan = vocational
    frame = role_gender_table(plan, programme, "en")
    role, needed, filled = (t(f"roles_ui.column.{c}", "en") for c in ("role", "needed", "filled"))
    totals = frame.group_by(role, maintain_order=True).agg(
        pl.col(needed).sum(), pl.col(filled).sum()
    )
    counts = role_counts_table(plan, "en")
    assert totals.rows() == counts.rows()
    assert frame[t("roles_ui.column.share", "en")].is_between(0, 1).all()
    assert set(frame[t("roles_ui.column.gender", "en")]) <= {
        t(f"gender.{g}", "en") for g in ("woman", "man", "non_binary", "undisclosed", "other")
    }

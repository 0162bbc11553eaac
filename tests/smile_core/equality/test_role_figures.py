"""Equality by role for the steering group: the counts of the Matching page, suppressed, with
no hidden figure recoverable from everything else the report publishes about the adepts."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Hashable

import polars as pl
import pytest
from disclosure_attacker import hidden_ranges
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from role_demo_data import role_demo

from smile_core.equality.figures import NO_WORKPLACE, UNPLACED, gender_table, workplace_mix
from smile_core.equality.metrics import group_of
from smile_core.equality.role_figures import (
    EXACT_COLUMNS,
    protect_role_outcomes,
    report_roles,
    role_gender_figures,
)
from smile_core.ingest.participants import Programme
from smile_core.matching.plan import Plan
from smile_core.matching.role_view import role_gender_table
from smile_core.matching.roles import PLACEMENT, Role
from smile_core.matching.solver.role_parts import main_role
from smile_core.outcomes.outcome_figures import outcome_rates

NEED = 3  # whole values a hidden figure must leave open


@pytest.mark.parametrize("key", ["vocational", "network"])
def test_the_demos_show_the_matching_pages_counts(key):
    """No group is small on the role demos: every count equals the Matching page's table,
    the everyone row adds the genders up, and each share is have / need."""
    programme, result = role_demo(key)
    figures = role_gender_figures(programme, result.plan, result.roles)
    page = role_gender_table(result.roles, programme, "en")
    by_gender = figures.filter(pl.col("gender").is_not_null())
    assert by_gender["needed"].to_list() == page["Need"].to_list()
    assert by_gender["filled"].to_list() == page["Have"].to_list()
    assert by_gender["share"].to_list() == pytest.approx(page["Share who have"].to_list())
    assert not figures.select(pl.col("^.*_suppressed$")).to_numpy().any()
    for column in result.roles.columns:
        rows = figures.filter(pl.col("column") == column)
        everyone = rows.filter(pl.col("gender").is_null()).row(0, named=True)
        assert everyone["needed"] == result.roles.needing(column)
        assert everyone["filled"] == result.roles.filled(column)
    assert figures["column"].unique(maintain_order=True).to_list() == list(result.roles.columns)


def test_the_vocational_demo_places_and_pairs_as_solved():
    """Vocational: placement, handledare and mentor, in that order, with the solved counts."""
    programme, result = role_demo("vocational")
    figures = role_gender_figures(programme, result.plan, result.roles)
    assert figures["column"].unique(maintain_order=True).to_list() == [
        PLACEMENT,
        "supervisor",
        "mentor",
    ]
    everyone = figures.filter(pl.col("gender").is_null())
    assert everyone["needed"].to_list() == [37, 37, 40]
    assert everyone["filled"].to_list() == [33, 24, 38]


def test_a_small_gender_is_hidden_in_every_role():
    """Three non-binary adepts: their rows show no count and no share in any role, and the
    women's and men's figures stay shown."""
    programme, result = role_demo("vocational", ("A01", "A04", "A05"))
    figures = role_gender_figures(programme, result.plan, result.roles)
    other = figures.filter(pl.col("gender") == "other")
    assert other.height == 3
    assert other["needed"].is_null().all() and other["filled"].is_null().all()
    assert other["share"].is_null().all() and other["share_suppressed"].all()
    main = figures.filter(pl.col("gender").is_in(["woman", "man"]))
    assert main["needed"].is_not_null().all() and main["share"].is_not_null().all()


def _narrow_hidden(programme: Programme, plan: Plan, roles) -> dict[Hashable, tuple]:
    """The attacker, written from the outputs independently of the engine: the unknowns are
    the adepts by gender row, place (the mentor's workplace in the plan; none; no mentor) and
    state per role. Every figure of the report's table by gender, of the Equality page's
    workplace mix and of the report's tables by role is an equation, and so is the fact that
    the plan's pairs are the main role's. Returns each hidden figure (by role, or by gender
    or workplace) that an attacker narrows below three values."""
    table = gender_table(programme, plan)
    figures = role_gender_figures(programme, plan, roles)
    rows = tuple(g for g in table["gender"].to_list() if g is not None)
    places = (*(w.id for w in programme.workplaces), NO_WORKPLACE, UNPLACED)
    columns = roles.columns
    states = ("had", "missing", "not_needed")
    atoms = [
        (g, p, s)
        for g in rows
        for p in places
        for s in itertools.product(states, repeat=len(columns))
    ]

    def of(gender: str | None, test) -> tuple:
        return tuple(a for a in atoms if (gender is None or a[0] == gender) and test(a))

    published, hidden = [], {}

    def see(name: Hashable, cell: tuple, value: int | None) -> None:
        if value is None:
            hidden[name] = cell
        else:
            published.append((cell, value))

    for row in table.iter_rows(named=True):
        g = row["gender"]
        see(("applicants", g), of(g, lambda a: True), row["applicants"])
        see(("matched", g), of(g, lambda a: a[1] != UNPLACED), row["matched"])
        see(("not_matched", g), of(g, lambda a: a[1] == UNPLACED), row["not_matched"])
    for row in workplace_mix(programme, plan).iter_rows(named=True):
        w = row["workplace_id"]
        see(("placed", w, row["gender"]), of(row["gender"], lambda a, w=w: a[1] == w), row["n"])
    for row in figures.iter_rows(named=True):
        c, g = row["column_order"], row["gender"]
        see(
            (row["column"], g, "needed"),
            of(g, lambda a, c=c: a[2][c] != "not_needed"),
            row["needed"],
        )
        see((row["column"], g, "filled"), of(g, lambda a, c=c: a[2][c] == "had"), row["filled"])
    main = columns.index(main_role(roles.setup))
    published.append((tuple(a for a in atoms if (a[1] != UNPLACED) != (a[2][main] == "had")), 0))
    ranges = hidden_ranges(atoms, published, hidden)
    return {k: r for k, r in ranges.items() if r[1] is not None and r[1] - r[0] + 1 < NEED}


# A01, A02, A05: the engine's time-limited cover gives up on one figure; the fallback hides more.
@pytest.mark.parametrize("nonbinary", [("A01", "A04", "A05"), ("A01", "A02", "A05")])
def test_hidden_role_figures_cannot_be_worked_out_from_the_totals(nonbinary):
    """With three non-binary adepts, nothing published (figures by gender, by workplace and
    by role, with the link between the plan and the main role) pins a hidden figure."""
    programme, result = role_demo("vocational", nonbinary)
    assert not _narrow_hidden(programme, result.plan, report_roles(result.roles, result.plan))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sets(st.sampled_from([f"A{i:02d}" for i in range(1, 31)]), min_size=1, max_size=7),
    st.sampled_from(["vocational", "network"]),
)
def test_no_generated_small_group_is_recoverable(nonbinary, key):
    """Any one to seven adepts made non-binary, on either role demo: every hidden role figure
    keeps at least three possible values, and a shown count of the small row is at least 5."""
    programme, result = role_demo(key, tuple(sorted(nonbinary)))
    roles = report_roles(result.roles, result.plan)
    assert not _narrow_hidden(programme, result.plan, roles)
    figures = role_gender_figures(programme, result.plan, roles)
    shown = figures.filter(pl.col("needed").is_not_null())["needed"].to_list()
    assert all(n == 0 or n >= 5 for n in shown)


def test_hand_edits_of_the_plan_count_as_the_main_role():
    """An edited one-mentor plan (one adept's mentor removed) moves that adept from having a
    mentor to missing one in the figures by role."""
    programme, result = role_demo("vocational")
    main = main_role(result.roles.setup)
    dropped = result.plan.pairs[0]
    edited = Plan(tuple(p for p in result.plan.pairs if p != dropped))
    before = role_gender_figures(programme, result.plan, result.roles)
    after = role_gender_figures(programme, edited, report_roles(result.roles, edited))
    gender = group_of(programme.adept_by_id[dropped.adept_id].gender.value, ("woman", "man"))

    def filled(frame: pl.DataFrame) -> int:
        return frame.filter((pl.col("column") == main) & (pl.col("gender") == gender))[
            "filled"
        ].item()

    assert filled(after) == filled(before) - 1


@pytest.mark.parametrize("nonbinary", [(), ("A01", "A04", "A05")])
def test_outcomes_by_role_are_withheld_exactly_where_the_column_hides_a_figure(nonbinary):
    """Nothing hidden in a column: its outcomes pass unchanged; anything hidden: none shown."""
    programme, result = role_demo("vocational", nonbinary)
    ids = [a.id for a in programme.adepts]
    followups = pl.DataFrame(
        {"adept_id": ids, "months": [12] * len(ids), "status": ["other_job"] * len(ids)}
    )
    figures = role_gender_figures(programme, result.plan, result.roles)
    for column in result.roles.columns:
        rates = outcome_rates(followups, by="role", role=column, roles=result.roles)
        shown = protect_role_outcomes(rates, programme, result.plan, result.roles, column)
        mine = figures.filter(pl.col("column") == column)
        if mine.select(pl.any_horizontal(pl.col("^.*_suppressed$")).any()).item():
            assert shown["group_total"].is_null().all() and shown["n"].is_null().all()
            assert shown["in_work_rate"].is_null().all()
        else:
            assert shown.equals(rates)


def test_beyond_the_exactly_protected_columns_a_small_group_hides_every_figure_by_role():
    """Five columns (the linked cells grow as 3 ** columns) and 3 non-binary adepts: every
    figure by role is hidden by rule; without the small group they are shown."""

    def widened(programme_result):
        programme, result = programme_result
        roles = result.roles
        extra = (Role("x1", "x1", "x1", required=False), Role("x2", "x2", "x2", required=False))
        setup = dataclasses.replace(roles.setup, roles=(*roles.setup.roles, *extra))
        needs = tuple((a, (*n, "x1", "x2")) for a, n in roles.needs)
        return programme, result.plan, dataclasses.replace(roles, setup=setup, needs=needs)

    programme, plan, roles = widened(role_demo("vocational", ("A01", "A04", "A05")))
    assert len(roles.columns) == EXACT_COLUMNS + 1
    figures = role_gender_figures(programme, plan, roles)
    assert figures["needed"].is_null().all() and figures["filled"].is_null().all()
    programme, plan, roles = widened(role_demo("vocational"))
    assert role_gender_figures(programme, plan, roles)["needed"].is_not_null().any()

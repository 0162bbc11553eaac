"""Par: linked charts of the plan's pairs, a pair's score parts, capacity, heat map, what-if."""

import polars as pl
import pytest
from apptest_support import assert_no_error, charts

from smile_core.demo.synthetic import random_programme
from smile_core.ingest.problems import Report
from smile_core.ingest.validation import LoadResult
from smile_core.text import t
from smile_ui import pairs_view, session
from smile_ui.session import UploadedProgramme


@pytest.fixture
def matched(open_page):
    """The Pairs page after matching the vocational demo."""
    at = open_page("matching")
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    at.switch_page("pages/pairs.py").run()
    assert_no_error(at)
    return at


def _chart_with(at, column: str) -> pl.DataFrame:
    return next(c.data for c in charts(at) if column in c.data.columns)


def test_without_a_plan_the_page_says_to_match_first(open_page):
    """Before matching there is nothing to explore."""
    at = open_page("pairs")
    assert [i.value for i in at.info] == [t("app.no_plan_yet", "sv")]
    assert not charts(at)


def test_distribution_has_every_pair_once(matched):
    """The linked score chart carries one row per pair of the plan, with the adept's gender."""
    data = _chart_with(matched, "gender_label")
    ws = matched.session_state["workspaces"]["vocational"]
    assert data.height == len(ws.plan.pairs)
    assert sorted(data["adept_id"]) == sorted(p.adept_id for p in ws.plan.pairs)


def test_a_pairs_parts_add_up_to_its_score(matched):
    """The chosen pair's component points, less the penalty, make its score."""
    ws = matched.session_state["workspaces"]["vocational"]
    adept = matched.selectbox(key="pairs_adept").value
    score = next(p.score for p in ws.plan.pairs if p.adept_id == adept)
    parts = _chart_with(matched, "points")
    assert parts["points"].sum() == pytest.approx(score, abs=0.05)


def test_capacity_chart_counts_the_matched_adepts(matched):
    """Adepts per workplace add up to the matched adepts whose mentor has a workplace."""
    ws = matched.session_state["workspaces"]["vocational"]
    programme = session.demo_load("vocational").programme
    placed = sum(1 for p in ws.plan.pairs if programme.mentor_by_id[p.mentor_id].workplace_id)
    workplaces = next(
        c.data
        for c in charts(matched)
        if "workplace_name" in c.data.columns and "free" in c.data.columns
    )
    assert workplaces.filter(pl.col("workplace_name").is_not_null())["adepts"].sum() == placed


def test_heat_map_follows_the_chosen_fields(matched):
    """Choosing one adept field narrows the heat map to those adepts and every mentor."""
    field = matched.multiselect(key="heatmap_adepts_vocational").options[0]
    matched.multiselect(key="heatmap_adepts_vocational").set_value([field]).run()
    assert_no_error(matched)
    grid = _chart_with(matched, "adept_label")
    programme = session.demo_load("vocational").programme
    adepts = [a for a in programme.adepts if a.field == field]
    assert grid.height == len(adepts) * len(programme.mentors)


def test_what_if_solves_once_and_leaves_the_plan_alone(matched, monkeypatch):
    """'What does it cost?' answers with the change in score and who moves; the plan stays."""
    before = matched.session_state["workspaces"]["vocational"].plan
    matched.button(key="what_if_run_vocational").click().run()
    assert_no_error(matched)
    ws = matched.session_state["workspaces"]["vocational"]
    assert ws.what_if is not None and ws.plan == before
    shown = {m.label: m.value for m in matched.metric}
    assert t("pairs.what_if.moved", "sv") in shown
    matched.run()  # the answer is kept, not asked again
    assert matched.session_state["workspaces"]["vocational"].what_if is ws.what_if


@pytest.fixture
def many_workplaces(open_page):
    """The Pairs page after matching a generated programme of 240 adepts at 30 workplaces."""
    programme = random_programme(240, seed=3)
    counts = {"adepts": 240, "mentors": len(programme.mentors), "workplaces": 30}
    at = open_page(
        "matching",
        state={
            "uploaded_programme": UploadedProgramme(LoadResult(programme, Report(), counts, {})),
            "active_programme": "uploaded",
        },
    )
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    at.switch_page("pages/pairs.py").run()
    assert_no_error(at)
    return at


def test_charts_show_one_page_of_workplaces_in_numeric_order(many_workplaces):
    """The strip and capacity charts hold 25 workplaces, 'Arbetsplats 2' before '10'; the
    histogram still counts every pair; no mentor bar is drawn before a workplace is clicked."""
    at = many_workplaces
    ws = at.session_state["workspaces"]["uploaded"]
    distribution = _chart_with(at, "gender_label")
    assert distribution.height == len(ws.plan.pairs)
    shown = distribution.filter("on_page")["workplace_name"].unique().to_list()
    assert 0 < len(shown) <= pairs_view.WORKPLACES_PER_PAGE
    workplaces = next(c for c in charts(at) if "free" in c.data.columns).data
    names = workplaces.filter(pl.col("workplace_name").is_not_null())["workplace_name"].unique(
        maintain_order=True
    )
    assert names.to_list()[:3] == ["Arbetsplats 1", "Arbetsplats 2", "Arbetsplats 3"]
    assert len(names) <= pairs_view.WORKPLACES_PER_PAGE
    at.number_input(key="pairs_workplace_page_uploaded").set_value(2).run()
    assert_no_error(at)
    second = _chart_with(at, "gender_label").filter("on_page")["workplace_name"].unique()
    assert set(second.to_list()).isdisjoint(shown)


def test_pairs_table_searches_and_pages(many_workplaces):
    """The pairs table shows one page of rows; a search for one adept finds just that row,
    naming its mentor by id when the mentor has no name."""
    at = many_workplaces
    table = at.dataframe[0].value
    assert len(table) == 50
    pair = at.session_state["workspaces"]["uploaded"].plan.pairs[6]
    at.text_input(key="pairs_view_uploaded_search").set_value(pair.adept_id).run()
    assert_no_error(at)
    found = at.dataframe[0].value
    assert list(found["adept_id"]) == [pair.adept_id]
    # Generated mentors have no names: the table names the mentor by id.
    assert list(found["mentor_name"]) == [pair.mentor_id]

"""Jämställdhet, gender mix per workplace: never an empty chart of zeros; hidden rows counted."""

import polars as pl
from apptest_support import assert_no_error, charts

from smile_core.demo.synthetic import binding_programme
from smile_core.equality.figures import (
    gender_table,
    target_checks,
    workplace_mix,
    workplace_mix_words,
)
from smile_core.ingest.problems import Report
from smile_core.ingest.validation import LoadResult
from smile_core.text import t
from smile_ui.session import UploadedProgramme


def _equality_page(open_page, programme, lang="sv"):
    counts = {
        "adepts": len(programme.adepts),
        "mentors": len(programme.mentors),
        "workplaces": len(programme.workplaces),
    }
    uploaded = UploadedProgramme(LoadResult(programme, Report(), counts, {}))
    at = open_page(
        "matching",
        lang=lang,
        state={"uploaded_programme": uploaded, "active_programme": "uploaded"},
    )
    next(b for b in at.button if b.label == t("matching.run", lang)).click().run()
    at.switch_page("pages/equality.py").run()
    assert_no_error(at)
    return at


def _workplace_charts(at):
    return [c for c in charts(at) if "workplace" in c.data.columns]


def test_only_zeros_left_says_the_split_is_hidden_instead_of_an_empty_chart(open_page):
    """40 binding adepts: every non-zero cell hidden, so words say why and no chart is drawn."""
    at = _equality_page(open_page, binding_programme(40, 1))
    assert t("equality.workplaces.all_hidden", "sv") in [i.value for i in at.info]
    assert not _workplace_charts(at)


def test_workplaces_without_a_bar_are_counted_and_the_axis_counts_whole_adepts(open_page):
    """200 binding adepts: the chart draws counts above 0 only, says how many rows are hidden."""
    programme = binding_programme(200, 1)
    at = _equality_page(open_page, programme, lang="en")
    plan = at.session_state["workspaces"]["uploaded"].plan
    mix = workplace_mix(programme, plan)
    totals = mix.filter(pl.col("gender").is_null())
    placed = totals.filter(pl.col("n_suppressed") | (pl.col("n") > 0))["workplace"].to_list()
    drawn = set(mix.filter(pl.col("gender").is_not_null() & (pl.col("n") > 0))["workplace"])
    hidden = [w for w in placed if w not in drawn]
    assert 0 < len(hidden) < len(placed)
    expected = t("equality.workplaces.some_hidden", "en", count=len(hidden), total=len(placed))
    assert expected in [c.value for c in at.caption]
    (chart,) = _workplace_charts(at)
    assert (chart.data["n"] > 0).all()
    assert set(chart.data["workplace"]) == drawn
    assert chart.spec["encoding"]["x"]["axis"] == {"tickMinStep": 1, "format": "d"}


def test_the_targets_say_how_many_workplaces_are_below_the_womens_share(open_page):
    """200 binding adepts: the targets' last row counts the workplaces below 25 % women among
    those whose share is shown, as target_checks does, with the rule off by default."""
    programme = binding_programme(200, 1)
    at = _equality_page(open_page, programme, lang="en")
    ws = at.session_state["workspaces"]["uploaded"]
    table = gender_table(programme, ws.plan)
    row = target_checks(table, ws.settings, workplace_mix(programme, ws.plan)).row(-1, named=True)
    assert row["rule"] == "workplace_mix" and row["of"] > 0
    what, value, target = workplace_mix_words(row, ws.settings.equality.workplace_mix, "en")
    texts = [m.value for m in at.markdown]
    start = texts.index(what)
    assert texts[start : start + 3] == [what, value, target]
    assert t("equality.rule_off", "en") in texts[start:]

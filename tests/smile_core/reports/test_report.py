"""The steering-group report: self-contained HTML, suppressed figures, and inert uploaded text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import polars as pl
import pytest
from demo_data import demo_programme, demo_result, demo_source
from hypothesis import given, settings
from hypothesis import strategies as st
from role_demo_data import role_demo

from smile_core.demo.synthetic import binding_programme
from smile_core.equality.figures import (
    gender_table,
    target_checks,
    workplace_mix,
    workplace_mix_words,
)
from smile_core.matching.settings import EqualitySettings, MatchSettings, WorkplaceMix
from smile_core.matching.solver import solve
from smile_core.outcomes.outcome_figures import group_rates, outcome_rates
from smile_core.outcomes.outcomes_reading import combine, load_evaluations, load_followups
from smile_core.reports.report import HIDDEN_MARK, steering_report_html
from smile_core.text import t

ATTACK = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert('x')</script>"
#: Every element the report itself writes; anything else came from data and is an injection.
REPORT_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p",
    "section", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "svg",
    "text", "rect", "footer",
}  # fmt: skip


class _Page(HTMLParser):
    """The elements, attributes and text of an HTML page, as a browser's parser sees them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.texts: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.texts.append(data)

    def cells(self) -> list[str]:
        return [t.strip() for t in self.texts if t.strip()]


def _followups(key: str) -> pl.DataFrame:
    source = demo_source(key, "followups.csv")
    return load_followups(source, demo_programme(key), programme_name=key).frame


def _evaluations(key: str) -> pl.DataFrame:
    source = demo_source(key, "evaluations.csv")
    return load_evaluations(source, demo_programme(key), programme_name=key).frame


@pytest.fixture(scope="module")
def report() -> str:
    """The Swedish report on the vocational demo, with both programmes' follow-ups."""
    followups = combine(_followups("vocational"), _followups("academic"))
    return steering_report_html(
        "vocational",
        demo_result("vocational"),
        demo_programme("vocational"),
        followups,
        _evaluations("vocational"),
    )


def _assert_inert(page: _Page) -> None:
    for tag, attrs in page.tags:
        assert tag in REPORT_TAGS, tag
        for name, _ in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name not in ("src", "href", "srcset", "xlink:href", "action"), (tag, name)


def test_the_report_is_one_self_contained_page(report):
    """A full HTML document in Swedish with inline CSS, print rules and nothing fetched."""
    assert report.startswith("<!DOCTYPE html>") and '<html lang="sv">' in report
    assert "@media print" in report
    for outside in (
        "<script",
        "<link",
        "<img",
        "<iframe",
        "url(",
        "@import",
        "http://",
        "https://",
    ):
        assert outside not in report.lower(), outside
    _assert_inert(_Page(report))


def test_the_report_shows_the_demo_outcomes(report):
    """Three in four in work for the vocational cohort, 64 % qualified jobs for the academic."""
    followups = combine(_followups("vocational"), _followups("academic"))
    rates = group_rates(outcome_rates(followups, by="programme")).rows_by_key("group", named=True)
    vocational, academic = rates["vocational"][0], rates["academic"][0]
    cells = _Page(report).cells()
    row = cells.index("vocational")
    assert cells[row + 1 : row + 4] == [
        "40",
        f"{100 * vocational['in_work_rate']:.0f}\u00a0%",
        f"{100 * vocational['qualified_rate']:.0f}\u00a0%",
    ]
    assert cells[row + 2] == "75\u00a0%"
    academic_row = cells.index("academic")
    qualified = f"{100 * academic['qualified_rate']:.0f}\u00a0%"
    assert cells[academic_row + 3] == qualified == "64\u00a0%"


def test_equality_figures_are_the_suppressed_ones(report):
    """The report's gender table is the Equality page's, hidden cells printed as the mark."""
    table = gender_table(demo_programme("vocational"), demo_result("vocational").plan)
    cells = _Page(report).cells()
    woman = cells.index("Kvinna")  # first occurrence: the equality table
    row = table.filter(pl.col("gender") == "woman").row(0, named=True)
    expected = [
        str(row[c]) if row[c] is not None else HIDDEN_MARK for c in ("applicants", "matched")
    ]
    assert cells[woman + 1 : woman + 3] == expected
    assert cells[woman + 1] == "12"  # twelve women applied: big enough to show


def test_no_small_count_is_printed(report):
    """No table cell holds a whole number between 1 and 4: small counts never reach paper."""
    numbers = [c for c in _Page(report).cells() if re.fullmatch(r"\d+", c)]
    assert numbers and all(int(n) == 0 or int(n) >= 5 for n in numbers)


def test_uploaded_text_is_never_markup():
    """A programme, a cohort and a survey item named like HTML come out as plain characters."""
    followups = _followups("vocational").with_columns(programme=pl.lit(SCRIPT))
    evaluations = _evaluations("vocational").with_columns(
        item=pl.when(pl.col("item") == "meaningful").then(pl.lit(ATTACK)).otherwise(pl.col("item"))
    )
    report = steering_report_html(
        ATTACK,
        demo_result("vocational"),
        demo_programme("vocational"),
        followups,
        evaluations,
        lang="en",
    )
    page = _Page(report)
    _assert_inert(page)
    text = "".join(page.texts)
    assert ATTACK in text and SCRIPT in text  # shown as the very characters typed
    assert "&lt;img src=x onerror=alert(1)&gt;" in report


def _heading(report: str) -> str:
    """The <h1> text as a browser shows it."""
    inner = re.search(r"<h1>(.*?)</h1>", report, re.DOTALL).group(1)
    return "".join(_Page(f"<p>{inner}</p>").texts)


@settings(max_examples=30, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_programme_name_prints_as_text(name):
    """Whatever the name, the page has only the report's own elements and shows the name."""
    report = steering_report_html(name, demo_result("vocational"), demo_programme("vocational"))
    _assert_inert(_Page(report))
    expected = f"Rapport till styrgruppen: {name}" if name.strip() else "Rapport till styrgruppen"
    assert _heading(report) == expected


def test_english_report_without_outcomes_says_so():
    """In English, with no follow-ups or answers, the sections say nothing is loaded."""
    report = steering_report_html(
        "Demo", demo_result("academic"), demo_programme("academic"), lang="en"
    )
    cells = _Page(report).cells()
    assert "Steering group report: Demo" in cells
    assert "No follow-ups are loaded." in cells and "No evaluation answers are loaded." in cells
    assert "Proven best possible plan." in cells
    with pytest.raises(ValueError):
        steering_report_html("Demo", demo_result("academic"), demo_programme("academic"), lang="de")


def test_the_mentor_contribution_sentence_never_reads_unanswered_as_no():
    """Nobody answered: no "0 % say the mentor contributed"; half unanswered: that is said."""
    followups = _followups("vocational")
    at_12 = pl.col("months") == 12
    in_work = at_12 & pl.col("status").is_in(["qualified_job", "other_job"])
    assert followups.filter(in_work).height >= 20  # both halves stay above the threshold

    def report_with(answers: pl.Expr) -> str:
        frame = followups.with_columns(mentor_contributed=answers)
        return steering_report_html(
            "vocational", demo_result("vocational"), demo_programme("vocational"), frame
        )

    nobody = report_with(pl.lit(None, dtype=pl.Boolean))
    assert "Ingen av dem i arbete har svarat på om mentorn bidrog (vocational)." in nobody
    assert "att mentorn bidrog (vocational)" not in nobody
    half = pl.when(pl.int_range(pl.len()) % 2 == 0).then(pl.lit(True)).otherwise(None)
    some = report_with(half)
    assert re.search(
        r"säger \d+\s% att mentorn bidrog; \d+\s% har inte svarat \(vocational\)", some
    )


def test_a_gender_group_of_nobody_gets_no_bar_marked_hidden():
    """The match-rate chart leaves out a group with no applicants instead of calling it hidden."""
    programme, result = role_demo("vocational")
    assert not any(a.gender.value in ("non_binary", "undisclosed") for a in programme.adepts)
    html = steering_report_html("Demo", result, programme)
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert "Kvinna" in chart and "Man" in chart
    assert "Annat eller ej angivet" not in chart and "dolt" not in chart


def test_the_targets_count_the_workplaces_below_the_womens_share():
    """200 binding adepts, the mix rule on at 25 %: the targets' last row is target_checks'
    count of workplaces below the share, in words, with its verdict."""
    programme = binding_programme(200, 1)
    mix = WorkplaceMix(enabled=True, min_women_share=0.25)
    settings = MatchSettings(equality=EqualitySettings(workplace_mix=mix))
    result = solve(programme, settings)
    html = steering_report_html("Gjuteriet", result, programme, lang="en", settings=settings)
    table = gender_table(programme, result.plan)
    row = target_checks(table, settings, workplace_mix(programme, result.plan)).row(-1, named=True)
    what, value, target = workplace_mix_words(row, mix, "en")
    cells = _Page(html).cells()
    start = cells.index(what)
    # A count that could tell a hidden share is itself hidden (which it is depends on the plan).
    value = value or HIDDEN_MARK
    assert cells[start : start + 4] == [what, value, target, t(f"report.{row['status']}", "en")]

"""The dashboard shell through AppTest: every page opens in both languages, errors stay polite."""

from pathlib import Path

import pytest
from apptest_support import REPO_ROOT, assert_no_error

from smile_core.equality.suppression import DEFAULT_MIN_COUNT
from smile_core.text import LANGUAGES, t
from smile_ui.navigation import ADMINISTRATION, COORDINATOR, PAGES, STEERING_GROUP

PAGE_IDS = [spec.page_id for spec in PAGES]


def test_app_opens_on_the_overview_in_swedish(app):
    """Without any choice made, the app opens on Översikt with Swedish text."""
    app.run()
    assert_no_error(app)
    assert [title.value for title in app.title] == ["Översikt"]
    assert app.sidebar.radio[0].label == "Språk"
    assert app.sidebar.radio[0].value == "sv"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_every_page_shows_its_title_and_purpose(open_page, page_id, lang):
    """Each page opens from the entrypoint with its translated title and purpose line."""
    at = open_page(page_id, lang=lang)
    assert [title.value for title in at.title] == [t(f"page.{page_id}.title", lang)]
    purpose = t(f"page.{page_id}.purpose", lang, k=DEFAULT_MIN_COUNT)
    assert purpose in [markdown.value for markdown in at.markdown]


@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_every_page_keeps_the_shared_frame(open_page, page_id):
    """The sidebar's language switch is drawn on every page, not only on the first."""
    at = open_page(page_id)
    assert [radio.key for radio in at.sidebar.radio] == ["lang"]


def test_language_switch_changes_text_and_lasts_across_pages(app):
    """Choosing English changes the page at once and stays chosen on the next page."""
    app.run()
    app.sidebar.radio[0].set_value("en").run()
    assert_no_error(app)
    assert app.title[0].value == "Overview"
    assert app.sidebar.radio[0].label == "Language"
    app.switch_page("pages/equality.py").run()
    assert app.title[0].value == "Equality"


def test_language_can_come_from_the_url(app):
    """A link with ?lang=English (the switch writes the language's name) opens in English."""
    app.query_params["lang"] = "English"
    app.run()
    assert_no_error(app)
    assert app.title[0].value == "Overview"


def test_an_unknown_language_in_the_url_is_ignored(app):
    """A link with an unsupported ?lang= opens in Swedish instead of failing."""
    app.query_params["lang"] = "de"
    app.run()
    assert_no_error(app)
    assert app.title[0].value == "Översikt"


def test_every_page_file_is_in_the_navigation():
    """pages/ holds exactly the pages the navigation lists, so none is unreachable or missing."""
    files = {path.stem for path in (REPO_ROOT / "pages").glob("*.py")}
    assert files == set(PAGE_IDS)
    assert all((REPO_ROOT / spec.path).is_file() for spec in PAGES)


def test_page_urls_never_equal_a_page_file_name():
    """URL paths differ from pages/ file names, so even legacy mode never bypasses app.py."""
    stems = {Path(spec.path).stem for spec in PAGES}
    assert not stems & {spec.url_path for spec in PAGES}
    assert len({spec.url_path for spec in PAGES}) == len(PAGES)


def test_pages_are_grouped_for_coordinators_the_steering_group_and_administration():
    """Equality, outcomes and figures are the steering section; privacy and accounts admin's."""
    steering = [spec.page_id for spec in PAGES if spec.section == STEERING_GROUP]
    coordinator = [spec.page_id for spec in PAGES if spec.section == COORDINATOR]
    administration = [spec.page_id for spec in PAGES if spec.section == ADMINISTRATION]
    assert steering == ["equality", "outcomes", "figures"]
    assert administration == ["privacy", "users"]
    assert coordinator == [
        "overview",
        "participants",
        "matching",
        "pairs",
        "export",
        "programmes",
    ]


def test_a_failing_page_shows_the_generic_message_inside_the_frame(app, monkeypatch):
    """If a page raises, app.py's guard shows the translated message and keeps the sidebar."""

    def broken_header(page_id, **fmt):
        raise RuntimeError(f"secret {page_id}")

    monkeypatch.setattr("smile_ui.layout.page_header", broken_header)
    app.run()
    app.switch_page("pages/pairs.py").run()
    assert not app.exception
    assert [error.value for error in app.error] == [t("error.generic", "sv")]
    assert [radio.key for radio in app.sidebar.radio] == ["lang"]

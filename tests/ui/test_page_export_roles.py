"""Export with roles: the steering report the page hands out has the sections by role."""

import pytest
from apptest_support import assert_no_error
from streamlit.runtime.media_file_manager import MediaFileManager

from smile_core.matching.role_view import role_name
from smile_core.text import t


@pytest.fixture
def deferred_files(monkeypatch) -> dict[str, object]:
    """The callables behind the page's deferred download buttons, by file name (what a click
    would run), recorded as the page registers them."""
    files: dict[str, object] = {}
    register = MediaFileManager.add_deferred

    def recording(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        files[file_name] = data_callable
        return register(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    return files


def _report(files: dict[str, object], lang: str) -> str:
    name = next(n for n in files if n and n.endswith(f"_{t('export.file.report', lang)}.html"))
    return files[name]()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_report_of_a_plan_with_roles_has_the_role_sections(open_page, deferred_files, lang):
    """After a run on the vocational role demo, the report behind Export's button has
    equality by role with a heading per role and the placement, and the page says so."""
    at = open_page("matching", lang, state={"active_programme": "roles_vocational"})
    next(b for b in at.button if b.label == t("matching.run", lang)).click().run()
    assert_no_error(at)
    roles = at.session_state["workspaces"]["roles_vocational"].result.roles
    at.switch_page("pages/export.py").run()
    assert_no_error(at)
    assert t("export.report.roles", lang) in [c.value for c in at.caption]
    html = _report(deferred_files, lang)
    assert f"<h2>{t('report.roles_equality', lang)}</h2>" in html
    for column in roles.columns:
        assert f"<h3>{role_name(roles.setup, column, lang)}</h3>" in html


def test_the_report_without_roles_has_no_role_section(open_page, deferred_files):
    """The classic vocational demo: no role section in the report, no caption about roles."""
    at = open_page("matching")
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    at.switch_page("pages/export.py").run()
    assert_no_error(at)
    assert t("export.report.roles", "sv") not in [c.value for c in at.caption]
    html = _report(deferred_files, "sv")
    assert t("report.equality", "sv") in html
    assert t("report.roles_equality", "sv") not in html

"""Jämställdhet with roles: equality by role and for the placement, the suppressed figures."""

import polars as pl
import pytest
from apptest_support import assert_no_error

from smile_core.demo.demo_roles import dashboard_demo_files
from smile_core.equality.role_figures import role_gender_figures
from smile_core.ingest.reading import SourceFile
from smile_core.ingest.validation import load_programme
from smile_core.matching.role_view import role_name
from smile_core.text import t
from smile_ui.text import number

KEY = "roles_vocational"


def _programme():
    """The vocational role demo as the dashboard loads it."""
    files = dashboard_demo_files(KEY)
    loaded = load_programme(
        **{n[:-4]: SourceFile(n, files[n]) for n in files if n.endswith(".csv")}
    )
    assert loaded.programme is not None
    return loaded.programme


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_equality_shows_the_figures_by_role(open_page, lang):
    """After a run on the vocational role demo, the Equality page has a table by role and
    gender whose counts are the core's suppressed figures, in the language."""
    at = open_page("matching", lang, state={"active_programme": KEY})
    next(b for b in at.button if b.label == t("matching.run", lang)).click().run()
    assert_no_error(at)
    ws = at.session_state["workspaces"][KEY]
    at.switch_page("pages/equality.py").run()
    assert_no_error(at)
    assert t("equality.roles.heading", lang) in [s.value for s in at.subheader]
    role_column = t("roles_ui.column.role", lang)
    table = next(pl.from_pandas(d.value) for d in at.dataframe if role_column in d.value.columns)
    roles = ws.result.roles
    figures = role_gender_figures(_programme(), ws.plan, roles)
    assert table[role_column].to_list() == [
        role_name(roles.setup, c, lang) for c in figures["column"].to_list()
    ]
    for shown, core in (("needed", "needed"), ("filled", "filled")):
        assert table[t(f"roles_ui.column.{shown}", lang)].to_list() == [
            number(n, lang) for n in figures[core].to_list()
        ]


def test_equality_without_roles_has_no_role_table(open_page):
    """The classic vocational demo: no heading by role on the Equality page."""
    at = open_page("matching")
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    at.switch_page("pages/equality.py").run()
    assert_no_error(at)
    assert t("equality.roles.heading", "sv") not in [s.value for s in at.subheader]

"""Utfall with roles: outcomes split by placement and by each role of the plan, suppressed."""

import polars as pl
import pytest
from apptest_support import assert_no_error

from smile_core.matching.role_view import role_name
from smile_core.outcomes.outcome_figures import group_rates, outcome_rates
from smile_core.text import t

KEY = "roles_vocational"


def _followups(adept_ids: list[str]) -> bytes:
    """A follow-up at 3, 6 and 12 months for every adept: most in a job, some seeking."""
    lines = ["adept_id,months,status"]
    for i, adept in enumerate(adept_ids):
        status = "seeking_work" if i % 4 == 3 else ("qualified_job", "other_job")[i % 2]
        lines += [f"{adept},{m},{status}" for m in (3, 6, 12)]
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_plan_with_roles_offers_outcomes_by_role(open_page, lang):
    """After a run on the role demo and an import of follow-ups, each role (and the
    placement) is a grouping whose table matches the core's suppressed figures."""
    at = open_page("matching", lang, state={"active_programme": KEY})
    next(b for b in at.button if b.label == t("matching.run", lang)).click().run()
    assert_no_error(at)
    roles = at.session_state["workspaces"][KEY].result.roles
    assert roles is not None
    adept_ids = [a for a, _needs in roles.needs]
    at.switch_page("pages/outcomes.py").run()
    assert_no_error(at)
    text = _followups(adept_ids)
    at.file_uploader(key=f"followups_{KEY}").set_value(("uppfoljning.csv", text, "text/csv"))
    at.run()
    at.button(key=f"outcomes_import_{KEY}").click().run()
    assert_no_error(at)
    by = next(s for s in at.selectbox if s.label == t("outcomes.by_group.by", lang))
    expected = [
        t("outcomes.by.role", lang, role=role_name(roles.setup, c, lang)) for c in roles.columns
    ]
    assert all(e in by.options for e in expected)  # AppTest lists the options as shown
    by.set_value("role:supervisor").run()
    assert_no_error(at)
    assert t("outcomes.by.role_help", lang) in [c.value for c in at.caption]
    table = next(
        pl.from_pandas(d.value) for d in at.dataframe if t("chart.group", lang) in d.value.columns
    )
    followups = pl.read_csv(text).with_columns(programme=pl.lit(KEY))
    core = group_rates(
        outcome_rates(followups, by="role", role="supervisor", roles=roles, months=12)
    )
    assert table[t("chart.group", lang)].to_list() == core[f"label_{lang}"].to_list()
    followed = table[t("outcomes.followed_up", lang)].to_list()
    mark = t("suppression.mark", lang)
    for shown_total, total in zip(followed, core["group_total"].to_list(), strict=True):
        assert shown_total == (mark if total is None else str(total))


def test_a_plan_without_roles_offers_no_role_grouping(open_page):
    """The classic vocational demo (one mentor each) has no role grouping."""
    at = open_page("outcomes")
    by = next(s for s in at.selectbox if s.label == t("outcomes.by_group.by", "sv"))
    assert by.options == [
        t(f"outcomes.by.{b}", "sv") for b in ("gender", "cohort", "field", "workplace")
    ]

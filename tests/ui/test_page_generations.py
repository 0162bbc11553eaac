"""Program: the group cascade's generations (which group seeded which, suppressed counts)."""

import pytest
from apptest_support import add_account, assert_no_error, charts, log_in

from smile_core.access import LOCAL_USER, Service
from smile_core.demo.group_cascade import PROGRAMME_NAME, seed_group_cascade
from smile_core.store import Repository, create_engine, upgrade
from smile_core.text import t


def _seeded(url: str) -> tuple[Service, int]:
    engine = create_engine(url)
    upgrade(engine)
    service = Service(Repository(engine), LOCAL_USER)
    return service, seed_group_cascade(service)


def _linked(open_page, lang):
    at = open_page("programmes", lang=lang)
    next(b for b in at.button if b.key == "cohort_open").click().run()
    assert_no_error(at)
    return at


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_finnish_demo_shows_three_generations(open_page, temporary_database, lang):
    """Lineage of 9 groups; counts per generation with the small group counts hidden; a
    chart that carries no hidden value."""
    _seeded(temporary_database)
    at = _linked(open_page, lang)
    assert t("programmes.generations.heading", lang) in [h.value for h in at.subheader]
    lineage = next(d.value for d in at.dataframe if "seeded_by" in d.value.columns)
    assert sorted(lineage["generation"].tolist()) == [1, 1, 2, 2, 2, 2, 2, 3, 3]
    counts = next(
        d.value
        for d in at.dataframe
        if list(d.value.columns) == ["generation", "groups", "members"]
    )
    hidden = t("suppression.hidden", lang)
    assert counts["groups"].tolist() == [hidden, "5", hidden, "9"]
    assert counts["members"].tolist() == ["8", "15", "6", "29"]
    assert counts["generation"].tolist()[-1] == t("programmes.generations.all", lang)
    (chart,) = [c for c in charts(at) if "hidden" in c.data.columns]
    data = chart.data
    assert data.filter(data["hidden"])["value"].null_count() == data["hidden"].sum() == 2


def test_a_member_starts_a_new_group_from_the_form(open_page, temporary_database):
    """Choosing a first-generation member and a later cohort stores a group seeded by theirs."""
    service, programme_id = _seeded(temporary_database)
    first, second, _third = service.list_cohorts(programme_id)
    at = _linked(open_page, "sv")
    form_select = next(
        s for s in at.selectbox if s.label == t("programmes.generations.member", "sv")
    )
    form_select.set_value("A04")
    next(b for b in at.button if b.label == t("programmes.generations.run", "sv")).click().run()
    assert_no_error(at)
    assert any("A04" in s.value for s in at.success)
    seed = next(g for g in service.list_groups(first.id) if "A04" in g.adept_ids)
    (new,) = [g for g in service.list_groups(second.id) if g.mentor_id == "A04"]
    assert new.seeded_by == seed.id and new.label == "Kylpylä Aallokko"


def test_the_steering_group_sees_generation_counts_and_no_ids(app, temporary_database):
    """A steering user's Figures page shows the cascade's counts with small ones hidden, and
    no leader or member id anywhere (not in the chart's data either)."""
    service, programme_id = _seeded(temporary_database)
    add_account(temporary_database, "board", "steering", (programme_id,))
    app.run()
    log_in(app, "board")
    assert_no_error(app)
    counts = next(
        d.value
        for d in app.dataframe
        if list(d.value.columns) == ["generation", "groups", "members"]
    )
    hidden = t("suppression.hidden", "sv")
    assert counts["groups"].tolist() == [hidden, "5", hidden, "9"]
    (chart,) = charts(app)
    shown = " ".join(str(v) for v in chart.data.to_dicts())
    shown += " ".join(str(d.value.to_dict()) for d in app.dataframe)
    assert not any(f"'{i}'" in shown for i in ("M01", "A01", "B01"))
    assert service.generation_figures(programme_id)["members"].to_list() == [8, 15, 6, 29]


def test_the_finnish_demo_is_added_from_the_page_once(open_page, temporary_database):
    """The button stores the demo programme with its nine groups, then is no longer offered."""
    at = open_page("programmes", lang="en")
    next(b for b in at.button if b.key == "cascade_demo").click().run()
    assert_no_error(at)
    engine = create_engine(temporary_database)
    service = Service(Repository(engine), LOCAL_USER)
    (programme,) = service.list_programmes()
    assert programme.name == PROGRAMME_NAME
    assert service.generation_figures(programme.id)["groups"].to_list()[-1] == 9
    at.run()
    assert not [b for b in at.button if b.key == "cascade_demo"]

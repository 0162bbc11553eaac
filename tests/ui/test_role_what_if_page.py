"""The Matching page's what-if by role on the vocational role demo (issue 10)."""

import polars as pl
import pytest
from apptest_support import assert_no_error

from smile_core.text import t

KEY = "roles_vocational"


def _matched(open_page, lang):
    """The Matching page after Matcha on the vocational role demo."""
    at = open_page("matching", lang, state={"active_programme": KEY})
    next(b for b in at.button if b.label == t("matching.run", lang)).click().run()
    assert_no_error(at)
    return at


def _ask(at, role, adept, person):
    """Fill in the what-if-by-role widgets and press its button."""
    at.selectbox(key=f"role_what_if_role_{KEY}").set_value(role).run()
    at.selectbox(key=f"role_what_if_adept_{KEY}_{role}").set_value(adept).run()
    at.selectbox(key=f"role_what_if_person_{KEY}_{role}").set_value(person).run()
    at.button(key=f"role_what_if_run_{KEY}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at.session_state["workspaces"][KEY]


def _another_handledare(plan):
    """(adept, another handledare at the adept's placement workplace)."""
    sup = [p for p in plan.pairs if p.role == "supervisor"]
    return next(
        (a.adept_id, b.mentor_id)
        for a in sup
        for b in sup
        if a.workplace_id == b.workplace_id and a.mentor_id != b.mentor_id
    )


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_what_if_by_role_answers_by_role_and_leaves_the_plan_alone(open_page, lang):
    """Asking for another handledare shows the score change, the choices that move and the
    counts per role; the plan on screen and the decisions stay as they were."""
    at = _matched(open_page, lang)
    before = at.session_state["workspaces"][KEY]
    adept, person = _another_handledare(before.result.roles)
    ws = _ask(at, "supervisor", adept, person)
    assert_no_error(at)
    answer = ws.role_what_if
    assert answer is not None and answer.feasible
    assert ws.result is before.result and not ws.role_locks
    shown = {m.label: m.value for m in at.metric}
    assert shown[t("role_what_if.moved", lang)] == str(answer.moved)
    assert t("pairs.what_if.score_change", lang) in shown
    frames = [pl.from_pandas(d.value) for d in at.dataframe]
    counts = next(f for f in frames if t("role_what_if.filled_then", lang) in f.columns)
    assert counts[t("roles_ui.changes.moved", lang)].sum() == answer.moved >= 1
    moves = next(f for f in frames if t("matching.diff.after", lang) in f.columns)
    assert moves.height == answer.moved
    at.run()  # the answer is kept, not asked again
    assert at.session_state["workspaces"][KEY].role_what_if is answer


def test_a_handledare_at_another_workplace_is_refused_by_name(open_page):
    """A gjuteri handledare for a trähus adept is refused with the lock rules' words; nothing
    is solved and the plan stays."""
    at = _matched(open_page, "sv")
    before = at.session_state["workspaces"][KEY].result
    ws = _ask(at, "supervisor", "A02", "H01")
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith(t("role_what_if.refused", "sv"))
    assert "A02 – H01" in errors[0] and "W01" in errors[0]
    assert ws.role_what_if.result is None and ws.result is before
    assert not [b for b in at.button if b.key == f"role_what_if_keep_{KEY}"]


def test_keep_this_locks_the_choice_and_gives_the_answered_plan(open_page):
    """'Keep this' after a placement what-if stores the lock by role and re-solves with
    minimal change: the plan on screen is then the one the what-if showed."""
    at = _matched(open_page, "sv")
    plan = at.session_state["workspaces"][KEY].result.roles
    place = plan.placements[0]
    other = next(p.workplace_id for p in plan.placements if p.workplace_id != place.workplace_id)
    answer = _ask(at, "placement", place.adept_id, other).role_what_if
    assert answer.feasible
    at.button(key=f"role_what_if_keep_{KEY}").click().run()
    assert_no_error(at)
    ws = at.session_state["workspaces"][KEY]
    assert ws.role_locks == {(place.adept_id, other, "placement")}
    assert ws.result.roles.placement_of[place.adept_id] == other
    assert ws.result.roles.choices() == answer.result.roles.choices()
    assert ws.role_what_if is None

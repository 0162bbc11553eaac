"""Must-match from the participant file ("Måste matchas"): every solve and check keeps it."""

from instances import adept, mentor, programme

from smile_core.matching.checks import check_plan
from smile_core.matching.plan import Status
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve


def _two_adepts_one_seat(*, marked: bool):
    """A1 fits the one mentor best; A2 (a carpenter, marked or not) fits less well."""
    carpenter = {"field": "snickare", "target_field": "snickare"}
    return programme([adept("A1"), adept("A2", must_match=marked, **carpenter)], [mentor("M1")])


def test_an_adept_marked_must_match_gets_the_seat_the_score_would_give_away():
    """Unmarked, the better-scored A1 gets the one seat; marked, A2 gets it."""
    settings = MatchSettings(seed=1)
    unmarked = solve(_two_adepts_one_seat(marked=False), settings)
    assert {p.adept_id for p in unmarked.plan.pairs} == {"A1"}
    marked = solve(_two_adepts_one_seat(marked=True), settings)
    assert marked.status is Status.OPTIMAL
    assert {p.adept_id for p in marked.plan.pairs} == {"A2"}


def test_the_checks_report_a_marked_adept_left_without_a_mentor():
    """check_plan judges the file's mark like a must-match decision of the coordinator."""
    violations = check_plan(_two_adepts_one_seat(marked=True), [("A1", "M1")], MatchSettings())
    assert [(v.rule, dict(v.facts)) for v in violations] == [("must_match", {"a": "A2"})]


def test_a_marked_adept_no_mentor_may_take_is_explained_by_name():
    """No plan when a marked adept has no allowed mentor; the conflict names adept and rule."""
    lonely = programme(
        [adept("A1"), adept("A9", languages=("tigrinya",), swedish_level="", must_match=True)],
        [mentor("M1")],
    )
    result = solve(lonely, MatchSettings(seed=1))
    assert result.status is Status.INFEASIBLE
    texts = [c.message_en for c in result.conflicts if c.kind == "must_match"]
    assert len(texts) == 1 and "A9 must be matched" in texts[0]

"""Group mentors and their groups in a plan."""

import dataclasses

from smile_core.ingest.participants import Adept, Gender, Mentor, Programme
from smile_core.matching.mentor_groups import PlannedGroup, planned_groups
from smile_core.matching.plan import Pair, Plan


def test_only_mentors_with_a_minimum_of_two_lead_groups():
    """A 1:1 mentor is no group mentor; a group mentor lists the adepts paired with them."""
    adept = Adept(id="A1", gender=Gender.WOMAN, field="svets")
    programme = Programme(
        adepts=(adept, dataclasses.replace(adept, id="A2"), dataclasses.replace(adept, id="A3")),
        mentors=(
            Mentor(id="M1", gender=Gender.MAN, field="svets", capacity=1),
            Mentor(id="M2", gender=Gender.MAN, field="svets", capacity=4, min_group_size=2),
            Mentor(id="M3", gender=Gender.MAN, field="svets", capacity=3, min_group_size=2),
        ),
    )
    plan = Plan((Pair("A1", "M1"), Pair("A3", "M2"), Pair("A2", "M2")))
    assert planned_groups(plan, programme) == (
        PlannedGroup("M2", 2, 4, ("A2", "A3")),
        PlannedGroup("M3", 2, 3, ()),
    )

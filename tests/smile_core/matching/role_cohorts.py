"""Hypothesis strategy for small role cohorts: placements, handledare at workplaces, mentors."""

from __future__ import annotations

from hypothesis import strategies as st

from smile_core.ingest.participants import Adept, Gender, Mentor, Programme, Workplace
from smile_core.matching.roles import PLACEMENT

#: Every adept needs a placement, a handledare there and a mentor.
NEEDS_ALL = (PLACEMENT, "supervisor", "mentor")


@st.composite
def small_role_programmes(draw, *, industries=("svetsning",), max_adepts=6):
    """1-3 workplaces with 0-3 placements each, 1-3 handledare (welding) at them, 1-2 women
    mentors, and 1 to ``max_adepts`` adepts in ``industries`` who need every role."""
    places = draw(st.lists(st.integers(0, 3), min_size=1, max_size=3))
    workplaces = tuple(
        Workplace(f"W{i}", name=f"W{i}", industry=draw(st.sampled_from(industries)),
                  region="kr", capacity=n)
        for i, n in enumerate(places)
    )  # fmt: skip
    at = st.sampled_from([w.id for w in workplaces])
    mentors = [
        Mentor(f"H{i}", Gender.MAN, "svetsning", workplace_id=draw(at),
               capacity=draw(st.integers(1, 2)), mentor_type="supervisor")
        for i in range(draw(st.integers(1, 3)))
    ]  # fmt: skip
    mentors += [
        Mentor(f"M{i}", Gender.WOMAN, "svetsning", capacity=draw(st.integers(1, 2)))
        for i in range(draw(st.integers(1, 2)))
    ]
    adepts = tuple(
        Adept(f"A{i}", draw(st.sampled_from([Gender.WOMAN, Gender.MAN])),
              draw(st.sampled_from(industries)), region="kr", needs=NEEDS_ALL)
        for i in range(draw(st.integers(1, max_adepts)))
    )  # fmt: skip
    return Programme(adepts, tuple(mentors), workplaces)

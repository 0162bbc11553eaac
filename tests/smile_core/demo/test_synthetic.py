"""Random programmes for benchmarks and tests: reproducible, sized as documented, valid."""

from collections import Counter

from smile_core.demo.synthetic import random_programme
from smile_core.ingest.participants import SWEDISH_LEVEL_RANK


def test_same_arguments_same_programme():
    """The same size and seed give an equal programme; another seed a different one."""
    assert random_programme(40, seed=3) == random_programme(40, seed=3)
    assert random_programme(40, seed=3) != random_programme(40, seed=4)


def test_sizes_and_capacities_as_documented():
    """About 0.7 mentors per adept with capacities 1-3, one workplace per 8 adepts."""
    prog = random_programme(400, seed=1)
    assert len(prog.adepts) == 400
    assert len(prog.mentors) == 280
    assert len(prog.workplaces) == 50
    capacities = Counter(m.capacity for m in prog.mentors)
    assert set(capacities) == {1, 2, 3}
    assert all(w.capacity >= 1 for w in prog.workplaces)
    assert {m.workplace_id for m in prog.mentors} <= {w.id for w in prog.workplaces}


def test_people_are_varied_and_valid():
    """Both main genders, several languages and fields, known levels, Swedish-speaking mentors."""
    prog = random_programme(300, seed=2)
    genders = Counter(a.gender.value for a in prog.adepts)
    assert genders["woman"] > 50 and genders["man"] > 50
    assert len({lang for a in prog.adepts for lang in a.languages}) >= 4
    assert len({a.field for a in prog.adepts}) >= 8
    assert all(a.swedish_level in SWEDISH_LEVEL_RANK for a in prog.adepts)
    assert all("swedish" in m.languages for m in prog.mentors)
    assert prog.name == "random-300-2"


def test_tiny_sizes_still_have_a_mentor_and_a_workplace():
    """Even one adept gets at least one mentor and one workplace."""
    prog = random_programme(1, seed=0)
    assert len(prog.mentors) == 1 and len(prog.workplaces) == 1

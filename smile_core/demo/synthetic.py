"""Random programmes of any size, for benchmarks and tests (not the demo: see ``demo.py``).

``random_programme(n_adepts, seed)`` builds about 0.7 mentors per adept with capacities 1–3 and
one workplace per 8 adepts, fields drawn from a few related families, a realistic gender mix
and a few languages, so scores vary and capacities bind. Same arguments, same programme.
"""

from __future__ import annotations

import random

from smile_core.ingest.participants import (
    Adept,
    Gender,
    Mentor,
    MentorGenderPreference,
    Programme,
    Workplace,
)

_FIELDS = (
    "ekonom",
    "controller",
    "revisor",
    "jurist",
    "advokat",
    "samhällsvetare",
    "utredare",
    "personalvetare",
    "rekryterare",
    "systemutvecklare",
    "it-konsult",
    "kommunikatör",
    "gjutare",
    "svetsare",
    "snickare",
    "maskinoperatör",
)
_LANGUAGES = ("arabic", "english", "persian", "somali", "tigrinya", "ukrainian", "spanish")
_MUNICIPALITIES = (
    ("stockholm", "stockholms län"),
    ("solna", "stockholms län"),
    ("göteborg", "västra götalands län"),
    ("malmö", "skåne län"),
    ("lund", "skåne län"),
    ("jönköping", "jönköpings län"),
)
_GOALS = ("network", "labour_market", "workplace_culture", "language", "cv_interview")
# Many adepts with little Swedish, so the shared-language rule blocks about half the pairs.
_LEVELS = ("sfi a", "sfi b", "a1", "a1", "a2", "b1", "b2", "c1")


def _workplaces(
    rng: random.Random, n_adepts: int, adepts_per_workplace: int, *, capacity: tuple[int, int]
) -> tuple[Workplace, ...]:
    """One workplace per ``adepts_per_workplace`` adepts (at least one), each in a random
    municipality with a random capacity in ``capacity`` (inclusive); draws from ``rng`` in order."""
    return tuple(
        Workplace(
            id=f"W{i:04d}",
            name=f"Arbetsplats {i}",
            municipality=(place := rng.choice(_MUNICIPALITIES))[0],
            region=place[1],
            capacity=rng.randint(*capacity),
        )
        for i in range(1, max(1, round(n_adepts / adepts_per_workplace)) + 1)
    )


def random_programme(
    n_adepts: int,
    seed: int = 0,
    *,
    mentors_per_adept: float = 0.7,
    adepts_per_workplace: int = 8,
) -> Programme:
    """A reproducible random programme with ``n_adepts`` adepts (see module docstring)."""
    rng = random.Random(seed)
    n_mentors = max(1, round(n_adepts * mentors_per_adept))
    workplaces = _workplaces(rng, n_adepts, adepts_per_workplace, capacity=(4, 12))
    mentors = tuple(
        Mentor(
            id=f"M{i:04d}",
            gender=rng.choices((Gender.WOMAN, Gender.MAN, Gender.NON_BINARY), (48, 48, 4))[0],
            field=rng.choice(_FIELDS),
            workplace_id=(wp := rng.choice(workplaces)).id,
            languages=tuple(sorted({"swedish", *rng.sample(_LANGUAGES, rng.randint(0, 2))})),
            municipality=wp.municipality,
            region=wp.region,
            capacity=rng.choices((1, 2, 3), (50, 35, 15))[0],
            offers=tuple(sorted(rng.sample(_GOALS, rng.randint(1, 4)))),
        )
        for i in range(1, n_mentors + 1)
    )
    adepts = tuple(
        Adept(
            id=f"A{i:05d}",
            gender=rng.choices(
                (Gender.WOMAN, Gender.MAN, Gender.NON_BINARY, Gender.UNDISCLOSED), (55, 40, 2, 3)
            )[0],
            field=(field := rng.choice(_FIELDS)),
            target_field=field if rng.random() < 0.6 else rng.choice(_FIELDS),
            languages=tuple(sorted(rng.sample(_LANGUAGES, rng.randint(1, 2)))),
            swedish_level=rng.choice(_LEVELS),
            municipality=(place := rng.choice(_MUNICIPALITIES))[0],
            region=place[1],
            preferred_mentor_gender=rng.choices(list(MentorGenderPreference), (80, 15, 5))[0],
            goals=tuple(sorted(rng.sample(_GOALS, rng.randint(0, 3)))),
        )
        for i in range(1, n_adepts + 1)
    )
    return Programme(
        adepts=adepts, mentors=mentors, workplaces=workplaces, name=f"random-{n_adepts}-{seed}"
    )


#: Fields many mentors offer, and fields few offer (the binding cohorts put women in the latter).
_COMMON_FIELDS = ("gjutare", "svetsare", "maskinoperatör", "snickare")
_RARE_FIELDS = ("controller", "jurist", "kommunikatör")


def binding_programme(
    n_adepts: int,
    seed: int = 0,
    *,
    mentors_per_adept: float = 0.625,
    women_mentor_share: float = 0.2,
    women_wanting_women: float = 0.7,
    women_in_rare_fields: float = 0.5,
    adepts_per_workplace: int = 8,
) -> Programme:
    """A reproducible cohort where the equality rules bind (the foundry reality).

    Half the adepts are women and half men. Few mentors are women (``women_mentor_share``);
    ``women_wanting_women`` of the women want a woman mentor (a hard rule when the settings
    make the gender preference hard, else a score penalty); ``women_in_rare_fields`` of the
    women want a field that few mentors offer. Every mentor speaks Swedish and every adept at
    least A2, so language never blocks: the mentors' genders, fields and seats do. Fewer
    seats than adepts, so somebody is always left out. Same arguments, same programme.
    """
    rng = random.Random(seed)
    n_mentors = max(1, round(n_adepts * mentors_per_adept))
    workplaces = _workplaces(rng, n_adepts, adepts_per_workplace, capacity=(6, 14))
    mentors = []
    for i in range(1, n_mentors + 1):
        wp = rng.choice(workplaces)
        rare = rng.random() < 0.15
        mentors.append(
            Mentor(
                id=f"M{i:04d}",
                gender=Gender.WOMAN if rng.random() < women_mentor_share else Gender.MAN,
                field=rng.choice(_RARE_FIELDS if rare else _COMMON_FIELDS),
                workplace_id=wp.id,
                languages=("swedish",),
                municipality=wp.municipality,
                region=wp.region,
                capacity=rng.choices((1, 2), (70, 30))[0],
                offers=tuple(sorted(rng.sample(_GOALS, rng.randint(1, 4)))),
            )
        )
    adepts = []
    for i in range(1, n_adepts + 1):
        woman = i % 2 == 1
        rare = woman and rng.random() < women_in_rare_fields
        field = rng.choice(_RARE_FIELDS if rare else _COMMON_FIELDS)
        wants_woman = woman and rng.random() < women_wanting_women
        adepts.append(
            Adept(
                id=f"A{i:05d}",
                gender=Gender.WOMAN if woman else Gender.MAN,
                field=field,
                target_field=field,
                languages=tuple(sorted(rng.sample(_LANGUAGES, rng.randint(1, 2)))),
                swedish_level=rng.choice(("a2", "b1", "b2")),
                municipality=(place := rng.choice(_MUNICIPALITIES))[0],
                region=place[1],
                preferred_mentor_gender=(
                    MentorGenderPreference.WOMAN if wants_woman else MentorGenderPreference.ANY
                ),
                goals=tuple(sorted(rng.sample(_GOALS, rng.randint(0, 3)))),
            )
        )
    return Programme(
        adepts=tuple(adepts),
        mentors=tuple(mentors),
        workplaces=workplaces,
        name=f"binding-{n_adepts}-{seed}",
    )

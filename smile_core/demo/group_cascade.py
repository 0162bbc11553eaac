"""The Finnish group-mentoring demo in the store: three generations of groups.

After the Finnish model (a Mentorointi project, 2013–2014): supervisors in accommodation,
food and cleaning services meet in mentoring groups led by an education provider's
mentors; afterwards each of several members gathers three colleagues at their own workplace
and leads a new group there, passing on what the first group learnt.

:func:`seed_group_cascade` stores a programme of kind ``group`` with one cohort per
generation: two first groups of four; five of their members each lead a group of three at
their own workplace; two of those members lead a third generation. Every person and
employer is fictional and the same on every call. ``smile demo --store`` runs it.
"""

from __future__ import annotations

from smile_core.access import Service
from smile_core.ingest.participants import Adept, Gender, Mentor, Programme, Workplace
from smile_core.workflows.groups import promote_to_lead_group
from smile_core.workflows.programmes import create_programme

#: The demo programme's name (the store's programme names are unique).
PROGRAMME_NAME = "Mentorointi – gruppmentorskap i kedja (demo)"
#: One cohort per generation, in order.
COHORTS = ("2014 kevät", "2014 syksy", "2015 kevät")

#: (id, name, industry, municipality): fictional employers around Vaasa, Hämeenlinna, Riihimäki.
_WORKPLACES = (
    ("W01", "Hotelli Rantakivi", "majoitus", "Vaasa"),
    ("W02", "Ravintola Kuusi", "ravitsemis", "Vaasa"),
    ("W03", "Puhdas Koti Oy", "siivous", "Hämeenlinna"),
    ("W04", "Kylpylä Aallokko", "majoitus", "Hämeenlinna"),
    ("W05", "Lounasravintola Pihlaja", "ravitsemis", "Riihimäki"),
    ("W06", "Kiinteistöpalvelu Kirkas", "siivous", "Riihimäki"),
    ("W07", "Matkustajakoti Lokki", "majoitus", "Vaasa"),
    ("W08", "Henkilöstöravintola Verso", "ravitsemis", "Hämeenlinna"),
)
_FIRST = {
    Gender.WOMAN: ("Aino", "Helmi", "Kaisa", "Liisa", "Minna", "Sanna", "Tiina", "Veera"),
    Gender.MAN: ("Antti", "Jari", "Kalle", "Mikko", "Pekka", "Timo", "Ville", "Juha"),
}
_LAST = ("Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Heikkinen", "Laine", "Koskinen")

#: Generation 1: (leader id, the members' workplaces).
_FIRST_GROUPS = (("M01", ("W01", "W02", "W03", "W04")), ("M02", ("W05", "W06", "W07", "W08")))
#: Where the first groups meet: fictional education providers.
_PROVIDERS = ("Koulutuskeskus Rannikko", "Koulutuskeskus Häme")
#: Generation 2: the members (A..) who lead a group, by position in the first groups.
_SECOND = ("A01", "A02", "A03", "A05", "A06")
#: Generation 3: the generation-2 members (B..) who lead a group.
_THIRD = ("B01", "B07")
#: Colleagues each new leader gathers (the Finnish model: three).
_RECRUITS = 3


def _person(index: int) -> tuple[Gender, str]:
    gender = (Gender.WOMAN, Gender.MAN)[index % 3 == 2]  # two women to one man, as in the sector
    first = _FIRST[gender][index % len(_FIRST[gender])]
    return gender, f"{first} {_LAST[index % len(_LAST)]}"


def _adept(adept_id: str, index: int, workplace: str) -> Adept:
    gender, name = _person(index)
    return Adept(
        adept_id,
        gender,
        "hotell och restaurang",
        name=name,
        organisation=dict((w[0], w[1]) for w in _WORKPLACES)[workplace],
        municipality=dict((w[0], w[3]) for w in _WORKPLACES)[workplace],
    )


def _workplaces() -> tuple[Workplace, ...]:
    return tuple(Workplace(i, n, ind, town) for i, n, ind, town in _WORKPLACES)


def _leader(mentor_id: str, index: int, workplace: str) -> Mentor:
    gender, name = _person(index)
    return Mentor(
        mentor_id,
        gender,
        "hotell och restaurang",
        name=name,
        workplace_id=workplace,
        capacity=4,
        min_group_size=2,
        mentor_type="group_leader",
    )


def seed_group_cascade(service: Service) -> int:
    """Store the demo programme with three generations of groups; returns its id.

    Refused (``StoreError``) when a programme of that name already exists.
    """
    programme_id = create_programme(
        service, PROGRAMME_NAME, "group", {"months": 6, "description": ""}, cohort=COHORTS[0]
    )
    first = service.list_cohorts(programme_id)[0]
    cohort_ids = [first.id] + [service.create_cohort(programme_id, name) for name in COHORTS[1:]]

    # Generation 1: the education provider's two mentors, four members each.
    members: dict[str, str] = {}  # adept id -> workplace id
    adepts = []
    for g, (_leader_id, places) in enumerate(_FIRST_GROUPS):
        for k, place in enumerate(places):
            adept_id = f"A{4 * g + k + 1:02d}"
            members[adept_id] = place
            adepts.append(_adept(adept_id, 4 * g + k, place))
    leaders = tuple(_leader(m, 20 + i, "") for i, (m, _p) in enumerate(_FIRST_GROUPS))
    service.save_participants(cohort_ids[0], Programme(tuple(adepts), leaders, _workplaces()))
    seed_of: dict[str, int] = {}
    for g, (leader_id, _places) in enumerate(_FIRST_GROUPS):
        ids = [f"A{4 * g + k + 1:02d}" for k in range(4)]
        group_id = service.create_group(
            cohort_ids[0], leader_id, 2, 4, label=_PROVIDERS[g], adept_ids=ids
        )
        seed_of |= dict.fromkeys(ids, group_id)

    # Generations 2 and 3: each chosen member leads three colleagues at their workplace.
    for cohort_id, chosen, prefix in ((cohort_ids[1], _SECOND, "B"), (cohort_ids[2], _THIRD, "C")):
        recruits: list[Adept] = []
        groups: list[tuple[str, list[str]]] = []
        for n, leader_id in enumerate(chosen):
            place = members[leader_id]
            ids = [f"{prefix}{_RECRUITS * n + k + 1:02d}" for k in range(_RECRUITS)]
            recruits += [_adept(a, 7 * n + k + 11, place) for k, a in enumerate(ids)]
            members |= dict.fromkeys(ids, place)
            groups.append((leader_id, ids))
        service.save_participants(cohort_id, Programme(tuple(recruits), (), _workplaces()))
        new_seed: dict[str, int] = {}
        for leader_id, ids in groups:
            group_id = promote_to_lead_group(
                service, seed_of[leader_id], leader_id, cohort_id, min_size=2, max_size=4
            )
            service.set_group_members(group_id, ids)
            new_seed |= dict.fromkeys(ids, group_id)
        seed_of = new_seed
    return programme_id

"""The demo programmes with roles: a generator of synthetic files (issue 10).

- ``roles/vocational/``: a SMILE/INGJUTA-style cohort in Jönköpings län with placements: each
  adept needs a placement at a foundry, wood-house factory or workshop, a handledare there and
  a mentor (a few already employed need only a mentor). Two factories offer more placements
  than their handledare have seats, so the coupling bites: a placement there is worth less
  without a handledare, and the solve sends adepts where both exist.
- ``roles/network/``: a municipal mentor network after the Danish model: young people who need
  two or three of a company mentor, a social mentor and an education mentor; one mentor
  offers two roles (social and education, with a capacity each).

Every person and employer is fictional; the same files on every call (a fixed seed).
UTF-8, comma, Swedish headers. ``smile demo`` writes them with the classic demos.
"""

from __future__ import annotations

import csv
import io
import random

from smile_core.demo.programmes import DEMO_PROGRAMMES, DemoProgramme, demo_programme_files
from smile_core.text import t

_SEED = 20260310

_FIRST = {
    "woman": ("Amina", "Sara", "Hana", "Rahel", "Leyla", "Nour", "Fatima", "Selam", "Mariam",
              "Dalia", "Yasmin", "Zainab", "Ayan", "Helen", "Lina"),
    "man": ("Ahmed", "Yonas", "Omar", "Tesfay", "Ali", "Samir", "Daniel", "Hassan", "Karim",
            "Mohammed", "Robel", "Yusuf", "Bilal", "Nabil", "Elias"),
}  # fmt: skip
_LAST = ("Haile", "Mohamud", "Al-Sayed", "Tekle", "Rahimi", "Hussein", "Kidane", "Nasser",
         "Abdi", "Karimi", "Berhane", "Osman", "Saleh", "Yousef", "Ghebre")  # fmt: skip
_SWEDISH = {
    "woman": ("Anna", "Eva", "Karin", "Maria", "Lena", "Sofia", "Ingrid", "Helena"),
    "man": ("Lars", "Johan", "Per", "Anders", "Erik", "Magnus", "Mats", "Stefan"),
}
_SWEDISH_LAST = ("Johansson", "Karlsson", "Nilsson", "Svensson", "Lindberg", "Ek", "Holm")

#: (id, name, industry, municipality, placements, handledare seats listed per person)
_FACTORIES = (
    ("W01", "Vaggeryds Gjuteri AB", "gjuteri", "Vaggeryd", 6, (2, 2, 1)),
    ("W02", "Smålands Stålgjuteri", "gjuteri", "Jönköping", 6, (1, 1)),  # more places than seats
    ("W03", "Gnosjö Formgjuteri", "gjuteri", "Gnosjö", 4, (2, 2)),
    ("W04", "Trähus i Tranås AB", "trähus", "Tranås", 6, (2, 2, 2)),
    ("W05", "Eksjö Hustillverkning", "trähus", "Eksjö", 6, (1, 1)),  # more places than seats
    ("W06", "Värnamo Mekaniska Verkstad", "verkstad", "Värnamo", 5, (2, 2, 1)),
)
_TRADES = ("lager", "vård", "bygg", "handel")
_LEVELS = ("SFI B", "SFI C", "SFI C", "SFI D", "A2", "A2", "B1")
_LANGUAGES = ("arabiska", "tigrinja", "somaliska", "dari", "arabiska", "tigrinja")


def _name(rng: random.Random, gender: str, swedish: bool = False) -> str:
    first, last = (_SWEDISH, _SWEDISH_LAST) if swedish else (_FIRST, _LAST)
    return f"{rng.choice(first[gender])} {rng.choice(last)}"


def _csv(headers: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def vocational_files() -> dict[str, bytes]:
    """adepts.csv, mentors.csv and workplaces.csv of the vocational demo with placements."""
    rng = random.Random(_SEED)
    region = "Jönköpings län"
    workplaces = [
        [wid, name, industry, town, region, str(places)]
        for wid, name, industry, town, places, _seats in _FACTORIES
    ]
    mentors = []
    number = 0
    for wid, _name_w, industry, town, _places, seats in _FACTORIES:
        for capacity in seats:
            number += 1
            gender = "woman" if rng.random() < 0.25 else "man"
            mentors.append(
                [f"H{number:02d}", _name(rng, gender, swedish=True),
                 "kvinna" if gender == "woman" else "man", wid, industry, "svenska",
                 town, region, "handledare", str(capacity)]
            )  # fmt: skip
    towns = sorted({f[3] for f in _FACTORIES})
    for i in range(1, 13):
        gender = "woman" if i % 3 == 0 else "man"
        industry = ("gjuteri", "trähus", "verkstad")[i % 3]
        languages = (
            "svenska" + (", arabiska" if i % 4 == 0 else "") + (", tigrinja" if i % 5 == 0 else "")
        )
        mentors.append(
            [f"M{i:02d}", _name(rng, gender, swedish=i % 4 != 0),
             "kvinna" if gender == "woman" else "man", "", industry, languages,
             towns[i % len(towns)], region, "mentor", str(3 if i % 2 else 4)]
        )  # fmt: skip
    adepts = []
    fields = [f[2] for f in _FACTORIES for _ in range(f[4])]
    rng.shuffle(fields)
    for i in range(1, 41):
        gender = "woman" if rng.random() < 0.35 else "man"
        target = fields[(i - 1) % len(fields)]
        employed = i % 13 == 0
        needs = "mentor" if employed else "praktikplats, handledare, mentor"
        adepts.append(
            [f"A{i:02d}", _name(rng, gender), "kvinna" if gender == "woman" else "man",
             rng.choice(_LANGUAGES), rng.choice(_LEVELS), target, target,
             rng.choice(towns), region, needs]
        )  # fmt: skip
    return {
        "adepts.csv": _csv(
            [
                "ID",
                "Namn",
                "Kön",
                "Språk",
                "Svenskanivå",
                "Yrke/Utbildning",
                "Önskat yrke",
                "Kommun",
                "Län",
                "Behöver",
            ],
            adepts,
        ),
        "mentors.csv": _csv(
            [
                "ID",
                "Namn",
                "Kön",
                "Arbetsplats",
                "Yrke/Utbildning",
                "Språk",
                "Kommun",
                "Län",
                "Roll",
                "Kapacitet",
            ],
            mentors,
        ),
        "workplaces.csv": _csv(["ID", "Namn", "Bransch", "Kommun", "Län", "Kapacitet"], workplaces),
    }


def network_files() -> dict[str, bytes]:
    """adepts.csv and mentors.csv of the municipal mentor network demo."""
    rng = random.Random(_SEED + 1)
    town, region = "Växjö", "Kronobergs län"
    mentors = []
    plan = (
        [("företagsmentor", 2, "")] * 12
        + [("social mentor", 3, "")] * 7
        + [("utbildningsmentor", 3, "")] * 8
        + [("social mentor; utbildningsmentor", 2, "2;1")]
    )
    for i, (role, capacity, split) in enumerate(plan, start=1):
        gender = "woman" if i % 2 else "man"
        social, education = split.split(";") if split else ("", "")
        trade = (
            _TRADES[i % len(_TRADES)]
            if role == "företagsmentor"
            else ("socialt arbete" if role.startswith("social") else "utbildning")
        )
        mentors.append(
            [f"N{i:02d}", _name(rng, gender, swedish=i % 3 != 0),
             "kvinna" if gender == "woman" else "man", trade, "svenska, engelska", town, region,
             role, str(capacity), social, education]
        )  # fmt: skip
    adepts = []
    choices = (
        "företagsmentor; social mentor",
        "företagsmentor; utbildningsmentor",
        "social mentor; utbildningsmentor",
        "företagsmentor; social mentor; utbildningsmentor",
    )
    for i in range(1, 31):
        gender = "woman" if rng.random() < 0.45 else "man"
        adepts.append(
            [f"U{i:02d}", _name(rng, gender), "kvinna" if gender == "woman" else "man",
             rng.choice(_LANGUAGES) + ", svenska", "B1", rng.choice(_TRADES), town, region,
             rng.choice(choices)]
        )  # fmt: skip
    return {
        "adepts.csv": _csv(
            [
                "ID",
                "Namn",
                "Kön",
                "Språk",
                "Svenskanivå",
                "Yrke/Utbildning",
                "Kommun",
                "Län",
                "Behöver",
            ],
            adepts,
        ),
        "mentors.csv": _csv(
            [
                "ID",
                "Namn",
                "Kön",
                "Yrke/Utbildning",
                "Språk",
                "Kommun",
                "Län",
                "Roll",
                "Kapacitet",
                "Kapacitet social mentor",
                "Kapacitet utbildningsmentor",
            ],
            mentors,
        ),
    }


_README = """# SMILE demo programmes with roles / demoprogram med roller

Synthetic data: every person and employer here is fictional. Generated by
`smile demo --out data/demo` (smile_core/demo/demo_roles.py); do not edit by hand.
UTF-8, comma, Swedish headers.

- vocational/: placements at foundries, wood-house factories and a workshop, a handledare at
  the placement and a mentor (column Behöver). W02 and W05 have more placements than
  handledare seats. / Praktikplats, handledare där och mentor; W02 och W05 har fler
  praktikplatser än handledarplatser.
- network/: a municipal mentor network: young people who need two or three of a company
  mentor, a social mentor and an education mentor; N28 offers two roles with a capacity each.
  / Ett kommunalt mentornätverk: unga som behöver två eller tre av företagsmentor, social
  mentor och utbildningsmentor.

Match with / matcha med:
`smile match --adepts roles/vocational/adepts.csv --mentors roles/vocational/mentors.csv
--workplaces roles/vocational/workplaces.csv --out plan.csv`
"""


def role_demo_files() -> dict[str, bytes]:
    """Every role demo file by its path under ``data/demo/``, in the order written."""
    files = {"roles/README.md": _README.encode("utf-8")}
    files |= {f"roles/vocational/{n}": c for n, c in vocational_files().items()}
    files |= {f"roles/network/{n}": c for n, c in network_files().items()}
    return files


# --------------------------------------------------------------------------- in the dashboard


def _demo(key: str, folder: str) -> DemoProgramme:
    # Titles and descriptions come from the text catalogue (both languages, read once).
    return DemoProgramme(
        key=key,
        folder=folder,
        title_sv=t(f"roles_ui.demo.{key}.title", "sv"),
        title_en=t(f"roles_ui.demo.{key}.title", "en"),
        description_sv=t(f"roles_ui.demo.{key}.description", "sv"),
        description_en=t(f"roles_ui.demo.{key}.description", "en"),
    )


#: The role demos as the dashboard offers them, after the classic demos.
ROLE_VOCATIONAL = _demo("roles_vocational", "roles/vocational")
ROLE_NETWORK = _demo("roles_network", "roles/network")
ROLE_DEMO_PROGRAMMES: tuple[DemoProgramme, ...] = (ROLE_VOCATIONAL, ROLE_NETWORK)
#: Every demo the dashboard offers: the classic ones, then the ones with roles.
DASHBOARD_DEMOS: tuple[DemoProgramme, ...] = (*DEMO_PROGRAMMES, *ROLE_DEMO_PROGRAMMES)


def dashboard_demo_files(key: str) -> dict[str, bytes]:
    """The files of the dashboard demo ``key`` by file name: a classic demo's five files, or
    a role demo's participant files (no follow-ups or evaluations; the network has no
    workplaces). ``ValueError`` for an unknown key."""
    if key == ROLE_VOCATIONAL.key:
        return vocational_files()
    if key == ROLE_NETWORK.key:
        return network_files()
    return demo_programme_files(key)

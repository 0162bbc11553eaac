"""Two synthetic demo programmes, generated deterministically, and the files they ship as.

``data/demo/`` holds exactly what :func:`write_demo` writes, and ``smile demo --out DIR``
re-creates it byte for byte. Each programme draws from its own ``random.Random`` with a fixed
seed; nothing depends on the clock, the hash seed or set iteration order. Every person and
every employer is fictional.

- ``vocational``: a SMILE/INGJUTA-style cohort of about 40 adepts with little Swedish, placed
  at foundries, wood-house factories, a workshop and warehouses around Sävsjö (Vrigstad),
  Värnamo and Jönköping, with handledare who work there. Written the way a Swedish
  coordinator's Excel export looks: semicolon-separated, Windows-1252, Swedish headers and
  values, CRLF line endings.
- ``academic``: a cohort in the style of the union programme for foreign-born academics:
  about 80 adepts and 70 mentors in Stockholm, Göteborg and Malmö. UTF-8 with BOM,
  comma-separated, canonical English headers and values, CRLF line endings.

Both carry a few rough edges a real file has (trailing spaces, inconsistent case, blank
optional cells, undisclosed gender, "och" as a list separator once) that validate without
errors; the only intended warnings are the undisclosed genders. Both ship ``followups.csv``
(status 3, 6 and 12 months after the start) and ``evaluations.csv`` (Likert answers 1-5),
UTF-8 and comma-separated, with outcome rates near the real programmes' published figures:
three in four in work after the vocational cohort, 64 % in qualified jobs after the academic
one, two in three of those saying the mentor contributed.

This module is the generator only: the tables it draws from (languages, origins and name
pools, employers, shares, word maps, answer weights) live in ``smile_core/demo/data/*.toml``,
shipped as package data; the draws and their order are here.
"""

from __future__ import annotations

import csv
import io
import random
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from smile_core.ingest.participants import Gender, MentorGenderPreference
from smile_core.ingest.vocabulary import TABLE_FIELDS

# Follow-up months and statuses (``left_programme`` is final: once left, an adept stays left).
from smile_core.outcomes.outcome_records import FOLLOW_UP_MONTHS, IN_WORK_STATUSES


@dataclass(frozen=True, slots=True)
class DemoProgramme:
    """A built-in synthetic programme: its key, its folder under ``data/demo/``, how to show it."""

    key: str
    folder: str
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str


VOCATIONAL = DemoProgramme(
    key="vocational",
    folder="vocational",
    title_sv="SMILE yrkesutbildning: gjuteri och trähus",
    title_en="SMILE vocational cohort: foundry and wood-house",
    description_sv=(
        "Cirka 40 adepter med lite svenska och handledare på gjuterier och trähusfabriker "
        "kring Sävsjö, Vrigstad, Värnamo och Jönköping (fiktiva personer och företag)."
    ),
    description_en=(
        "About 40 adepts with little Swedish and handledare at foundries and wood-house "
        "factories around Sävsjö, Vrigstad, Värnamo and Jönköping (fictional people and firms)."
    ),
)
ACADEMIC = DemoProgramme(
    key="academic",
    folder="academic",
    title_sv="Mentorprogram för utrikesfödda akademiker",
    title_en="Mentorship programme for foreign-born academics",
    description_sv=(
        "Cirka 80 ekonomer, jurister, samhällsvetare, personalvetare, IT-akademiker och "
        "kommunikatörer med 70 mentorer i Stockholm, Göteborg och Malmö (fiktiva personer)."
    ),
    description_en=(
        "About 80 economists, lawyers, social scientists, HR, IT and communications "
        "professionals with 70 mentors in Stockholm, Göteborg and Malmö (fictional people)."
    ),
)

#: The built-in programmes, in the order the dashboard offers them.
DEMO_PROGRAMMES: tuple[DemoProgramme, ...] = (VOCATIONAL, ACADEMIC)

#: The files each programme's folder holds, in the order they are written.
DEMO_FILE_NAMES: tuple[str, ...] = (
    "adepts.csv",
    "mentors.csv",
    "workplaces.csv",
    "followups.csv",
    "evaluations.csv",
)


#: Survey items each role answers (Likert 1-5, 5 = fully agree / very satisfied).
EVALUATION_ITEMS: dict[str, tuple[str, ...]] = {
    "adept": (
        "overall_satisfaction",
        "would_recommend",
        "meetings_useful",
        "learned_about_swedish_workplaces",
    ),
    "mentor": (
        "overall_satisfaction",
        "would_recommend",
        "meaningful",
        "understanding_of_labour_market",
        "developed_as_mentor",
    ),
}

#: The demo files' columns: each table's fields (:data:`~smile_core.ingest.vocabulary.TABLE_FIELDS`)
#: but the optional ones the demo never fills (must-match, a mentor's smallest group).
ADEPT_COLUMNS = tuple(c for c in TABLE_FIELDS["adepts"] if c != "must_match")
MENTOR_COLUMNS = tuple(c for c in TABLE_FIELDS["mentors"] if c != "min_group_size")
#: The academic demo's mentors also give their birth country and region: the union programme
#: matches "an academic with a similar background" (the opt-in similar-background score).
ACADEMIC_MENTOR_COLUMNS = (*MENTOR_COLUMNS, "birth_country", "birth_region")
WORKPLACE_COLUMNS = TABLE_FIELDS["workplaces"]
FOLLOW_UP_COLUMNS = ("adept_id", "months", "status", "mentor_contributed")
EVALUATION_COLUMNS = ("respondent_id", "role", "item", "answer")

#: The headers a Swedish coordinator writes, column for column with the canonical ones.
SWEDISH_HEADERS: dict[str, tuple[str, ...]] = {
    "adepts": (
        "ID",
        "Namn",
        "Kön",
        "Födelseland",
        "Födelseregion",
        "Språk",
        "Svenskanivå",
        "Yrke/Utbildning",
        "Önskat yrke",
        "Kommun",
        "Län",
        "Önskat kön på mentor",
        "Mål",
        "Tillgänglighet",
        "Kohort",
    ),
    "mentors": (
        "ID",
        "Namn",
        "Kön",
        "Arbetsplats",
        "Yrke/Utbildning",
        "Språk",
        "Kommun",
        "Län",
        "Kapacitet",
        "Erbjuder",
        "Tillgänglighet",
        "Mentorstyp",
    ),
    "workplaces": ("ID", "Namn", "Bransch", "Kommun", "Län", "Kapacitet"),
}

_VOCATIONAL_SEED = 20160310  # SMILE's first public post, 10 March 2016
_ACADEMIC_SEED = 20100901  # the academics' programme started in autumn 2010


def _data(name: str) -> dict[str, Any]:
    """One of the generator's tables in ``smile_core/demo/data/`` (shipped as package data)."""
    text = resources.files("smile_core.demo").joinpath("data", name).read_text("utf-8")
    return tomllib.loads(text)


_VOCABULARY = _data("vocabulary.toml")

# --------------------------------------------------------------------------------------------
# Vocabulary: languages, origins and names
# --------------------------------------------------------------------------------------------

_LANGUAGES: dict[str, tuple[str, str]] = {
    key: (names[0], names[1]) for key, names in _VOCABULARY["languages"].items()
}


@dataclass(frozen=True, slots=True)
class _Origin:
    """Where a fictional person was born: country and SCB-style region in Swedish, languages
    (always spoken, and others with their probability) and name pools."""

    country: str
    region: str
    languages: tuple[str, ...]
    extra_languages: tuple[tuple[str, float], ...]
    women: tuple[str, ...]
    men: tuple[str, ...]
    surnames: tuple[str, ...]


def _origins() -> dict[str, _Origin]:
    """Every origin of ``data/origins.toml`` by its code, in file order."""
    return {
        code: _Origin(
            row["country"],
            row["region"],
            tuple(row["languages"]),
            tuple((language, chance) for language, chance in row["extra_languages"]),
            tuple(row["women"]),
            tuple(row["men"]),
            tuple(row["surnames"]),
        )
        for code, row in _data("origins.toml").items()
    }


_ORIGINS = _origins()

_SWEDISH_TAGS: dict[str, str] = _VOCABULARY["tags"]["sv"]
_ENGLISH_TAGS: dict[str, str] = _VOCABULARY["tags"]["en"]
_SWEDISH_GENDER = {Gender(k): v for k, v in _VOCABULARY["gender"]["sv"].items()}
_ENGLISH_GENDER = {Gender(k): v for k, v in _VOCABULARY["gender"]["en"].items()}
_SWEDISH_PREFERENCE = {
    MentorGenderPreference(k): v for k, v in _VOCABULARY["preference"]["sv"].items()
}
_ENGLISH_PREFERENCE = {p: p.value for p in MentorGenderPreference}

# --------------------------------------------------------------------------------------------
# Small deterministic helpers
# --------------------------------------------------------------------------------------------

Row = dict[str, str]


def _weighted(rng: random.Random, options: Sequence[tuple[str, float]]) -> str:
    values = [value for value, _ in options]
    weights = [weight for _, weight in options]
    return rng.choices(values, weights=weights)[0]


def _counts(total: int, shares: Sequence[tuple[str, float]]) -> list[tuple[str, int]]:
    """Split ``total`` by ``shares`` (summing to 1) with largest remainders, ties in order."""
    raw = [(value, share * total) for value, share in shares]
    counts = {value: int(amount) for value, amount in raw}
    short = total - sum(counts.values())
    by_remainder = sorted(range(len(raw)), key=lambda i: (-(raw[i][1] - int(raw[i][1])), i))
    for i in by_remainder[:short]:
        counts[raw[i][0]] += 1
    return [(value, counts[value]) for value, _ in shares]


def _shuffled_counts(rng: random.Random, counts: Sequence[tuple[str, int]]) -> list[str]:
    values = [value for value, count in counts for _ in range(count)]
    rng.shuffle(values)
    return values


def _tags(rng: random.Random, chances: Sequence[tuple[str, float]]) -> list[str]:
    """Each tag independently with its chance, in the listed order; never none."""
    chosen = [tag for tag, chance in chances if rng.random() < chance]
    return chosen or [chances[0][0]]


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


class _Names:
    """Draws unique full names from origins' pools (only names the file's encoding can hold)."""

    def __init__(self, rng: random.Random, encoding: str) -> None:
        self._rng = rng
        self._encoding = encoding
        self._taken: set[str] = set()

    def draw(self, origin: _Origin, gender: Gender) -> str:
        if gender is Gender.WOMAN:
            firsts = origin.women
        elif gender is Gender.MAN:
            firsts = origin.men
        else:
            firsts = self._rng.choice((origin.women, origin.men))
        firsts = tuple(n for n in firsts if _encodable(n, self._encoding))
        lasts = tuple(n for n in origin.surnames if _encodable(n, self._encoding))
        for _ in range(200):
            name = f"{self._rng.choice(firsts)} {self._rng.choice(lasts)}"
            if name not in self._taken:
                self._taken.add(name)
                return name
        raise RuntimeError(f"name pool for {origin.country} exhausted")


def _languages(rng: random.Random, origin: _Origin, in_english: bool) -> list[str]:
    keys = list(origin.languages)
    keys += [key for key, chance in origin.extra_languages if rng.random() < chance]
    return [_LANGUAGES[key][1 if in_english else 0] for key in keys]


def _seats(capacity: dict[str, int], mentor_capacity: dict[str, int]) -> int:
    """Adepts the mentors can take once each workplace's own limit is applied."""
    return sum(min(capacity[w], mentor_capacity.get(w, 0)) for w in capacity)


def _fit_total(
    rng: random.Random,
    values: list[int],
    low: int,
    high: int,
    lowest: int,
    highest: int,
) -> None:
    """Nudge entries (kept within ``lowest``..``highest``) until their sum is in ``low..high``."""
    for _ in range(10_000):
        total = sum(values)
        if low <= total <= high:
            return
        step = 1 if total < low else -1
        movable = [i for i, v in enumerate(values) if lowest <= v + step <= highest]
        values[rng.choice(movable)] += step
    raise RuntimeError("cannot fit the capacities")


def _workplace_rows(
    workplace_ids: Sequence[str],
    employers: Sequence[_Employer],
    capacity: dict[str, int],
    region_of: Callable[[_Employer], str],
) -> list[Row]:
    """The workplaces file's rows: one per employer, with its id, seats and region."""
    return [
        {
            "id": workplace_id,
            "name": employer.name,
            "industry": employer.industry,
            "municipality": employer.municipality,
            "region": region_of(employer),
            "capacity": str(capacity[workplace_id]),
        }
        for workplace_id, employer in zip(workplace_ids, employers, strict=True)
    ]


def _workplace_capacities(
    rng: random.Random,
    workplace_ids: Sequence[str],
    mentor_capacity: dict[str, int],
    bounds: tuple[int, int],
    seats: tuple[int, int],
) -> dict[str, int]:
    """Workplace capacities within ``bounds``, some below their mentors' total (binding), such
    that the seats left for adepts fall in ``seats``."""
    lowest, highest = bounds
    capacity = {
        w: max(lowest, min(highest, mentor_capacity[w] - rng.choice((0, 0, 1, 1, 2))))
        for w in workplace_ids
    }
    for _ in range(10_000):
        total = _seats(capacity, mentor_capacity)
        binding = [w for w in workplace_ids if capacity[w] < mentor_capacity[w]]
        if seats[0] <= total <= seats[1] and binding:
            return capacity
        if total > seats[1] or not binding:
            movable = [
                w
                for w in workplace_ids
                if capacity[w] > lowest and capacity[w] <= mentor_capacity[w]
            ]
            capacity[rng.choice(movable)] -= 1
        else:
            movable = [w for w in workplace_ids if capacity[w] < min(highest, mentor_capacity[w])]
            capacity[rng.choice(movable)] += 1
    raise RuntimeError("cannot fit the workplace capacities")


# --------------------------------------------------------------------------------------------
# Programmes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Profile:
    """What the outcomes of one programme look like (see :func:`_follow_ups`)."""

    final_shares: tuple[tuple[str, float], ...]
    # status at a follow-up -> the statuses the adept may have had at the previous one
    before_12: dict[str, tuple[tuple[str, float], ...]]
    before_6: dict[str, tuple[tuple[str, float], ...]]
    active_before_leaving: str
    contributed_shares: tuple[tuple[str, float], ...]
    woman_penalty: float


@dataclass(frozen=True, slots=True)
class _Generated:
    """One programme's rows with canonical column keys, ready to render."""

    adepts: list[Row]
    mentors: list[Row]
    workplaces: list[Row]
    follow_ups: list[Row]
    evaluations: list[Row]


@dataclass(frozen=True, slots=True)
class _Person:
    """What outcomes depend on: id, gender and Swedish level rank."""

    id: str
    gender: Gender
    swedish_rank: int


_SWEDISH_RANK: dict[str, int] = _VOCABULARY["swedish_rank"]


@dataclass(frozen=True, slots=True)
class _Employer:
    """A fictional workplace and the fields of the mentors who work there, one per mentor."""

    name: str
    industry: str
    municipality: str
    mentor_fields: tuple[str, ...]


def _employers(rows: list[dict]) -> tuple[_Employer, ...]:
    """The ``[[employers]]`` of a programme's data file, in order."""
    return tuple(
        _Employer(row["name"], row["industry"], row["municipality"], tuple(row["mentor_fields"]))
        for row in rows
    )


_VOCATIONAL = _data("vocational.toml")
_VOCATIONAL_EMPLOYERS = _employers(_VOCATIONAL["employers"])
_VOCATIONAL_WOMEN_MENTORS: dict[str, int] = _VOCATIONAL["women_mentors"]
_VOCATIONAL_TARGETS = tuple(_VOCATIONAL["targets"].items())
_VOCATIONAL_BACKGROUNDS = {k: tuple(v) for k, v in _VOCATIONAL["backgrounds"].items()}

_VOCATIONAL_PROFILE = _Profile(
    # INGJUTA: "tre av fyra fick arbete efter utbildningen"
    final_shares=(
        ("qualified_job", 0.55),
        ("other_job", 0.20),
        ("internship", 0.025),
        ("studies", 0.075),
        ("seeking_work", 0.10),
        ("left_programme", 0.05),
    ),
    before_12={
        "qualified_job": (("qualified_job", 0.2), ("internship", 0.8)),
        "other_job": (("other_job", 0.15), ("internship", 0.85)),
        "internship": (("internship", 1.0),),
        "studies": (("studies", 0.3), ("internship", 0.7)),
        "seeking_work": (("internship", 1.0),),
    },
    # At three months everyone still in the 30-week course is in practice placement.
    before_6={
        "qualified_job": (("internship", 1.0),),
        "other_job": (("internship", 1.0),),
        "internship": (("internship", 1.0),),
        "studies": (("studies", 0.5), ("internship", 0.5)),
        "seeking_work": (("internship", 1.0),),
    },
    active_before_leaving="internship",
    # Handledare often hire their own adepts.
    contributed_shares=(("yes", 0.70), ("no", 0.22), ("", 0.08)),
    woman_penalty=0.3,
)

_ACADEMIC_PROFILE = _Profile(
    # "64 procent har fått kvalificerade jobb ... två av tre säger att mentorn bidrog"
    final_shares=(
        ("qualified_job", 0.64),
        ("other_job", 0.10),
        ("internship", 0.04),
        ("studies", 0.06),
        ("seeking_work", 0.11),
        ("left_programme", 0.05),
    ),
    before_12={
        "qualified_job": (
            ("qualified_job", 0.45),
            ("other_job", 0.10),
            ("internship", 0.20),
            ("seeking_work", 0.25),
        ),
        "other_job": (("other_job", 0.5), ("seeking_work", 0.4), ("internship", 0.1)),
        "internship": (("internship", 0.4), ("seeking_work", 0.6)),
        "studies": (("studies", 0.6), ("seeking_work", 0.4)),
        "seeking_work": (("seeking_work", 0.85), ("internship", 0.15)),
    },
    before_6={
        "qualified_job": (("qualified_job", 0.55), ("internship", 0.15), ("seeking_work", 0.3)),
        "other_job": (("other_job", 0.5), ("seeking_work", 0.5)),
        "internship": (("internship", 0.4), ("seeking_work", 0.6)),
        "studies": (("studies", 0.7), ("seeking_work", 0.3)),
        "seeking_work": (("seeking_work", 1.0),),
    },
    active_before_leaving="seeking_work",
    contributed_shares=(("yes", 0.67), ("no", 0.27), ("", 0.06)),
    woman_penalty=0.2,
)


def _vocational() -> _Generated:
    rng = random.Random(_VOCATIONAL_SEED)
    names = _Names(rng, "cp1252")
    region = "Jönköpings län"
    cohort = "SMILE 2026 vår"

    # Mentors first: the workplaces they work at decide their trades.
    mentor_plan: list[tuple[str, _Employer, str]] = []  # (workplace id, employer, field)
    workplace_ids: list[str] = []
    for index, employer in enumerate(_VOCATIONAL_EMPLOYERS, start=1):
        workplace_id = f"W{index:02d}"
        workplace_ids.append(workplace_id)
        mentor_plan += [(workplace_id, employer, field) for field in employer.mentor_fields]
    women: set[int] = set()
    for industry, count in _VOCATIONAL_WOMEN_MENTORS.items():
        in_industry = [i for i, (_, e, _) in enumerate(mentor_plan) if e.industry == industry]
        women.update(rng.sample(in_industry, count))
    mentor_capacity = [rng.choices((1, 2, 3), weights=(0.45, 0.4, 0.15))[0] for _ in mentor_plan]
    adept_count = 40
    _fit_total(rng, mentor_capacity, adept_count + 4, adept_count + 8, 1, 3)
    mentor_types = ["handledare"] * len(mentor_plan)
    for i in rng.sample(range(len(mentor_plan)), len(mentor_plan) // 4):
        mentor_types[i] = "mentor"

    mentor_origins = (("SE", 0.78), ("BA", 0.08), ("FI", 0.06), ("ER", 0.04), ("SY", 0.04))
    mentors: list[Row] = []
    capacity_at: dict[str, int] = {}
    for i, (workplace_id, employer, field) in enumerate(mentor_plan):
        gender = Gender.WOMAN if i in women else Gender.MAN
        origin = _ORIGINS[_weighted(rng, mentor_origins)]
        languages = ["Svenska"]
        if origin.languages != ("swedish",):
            languages += _languages(rng, origin, in_english=False)
        elif rng.random() < 0.4:
            languages.append("Engelska")
        if mentor_types[i] == "handledare":
            offers = _tags(
                rng,
                (
                    ("trade_skills", 0.95),
                    ("workplace_culture", 0.8),
                    ("language", 0.5),
                    ("network", 0.3),
                    ("labour_market", 0.2),
                ),
            )
        else:
            offers = _tags(
                rng,
                (
                    ("network", 0.7),
                    ("workplace_culture", 0.7),
                    ("labour_market", 0.6),
                    ("language", 0.5),
                    ("trade_skills", 0.5),
                    ("cv_interview", 0.3),
                ),
            )
        capacity_at[workplace_id] = capacity_at.get(workplace_id, 0) + mentor_capacity[i]
        mentors.append(
            {
                "id": f"M{i + 1:02d}",
                "name": names.draw(origin, gender),
                "gender": _SWEDISH_GENDER[gender],
                "workplace_id": workplace_id,
                "field": field,
                "languages": ", ".join(languages),
                "municipality": employer.municipality,
                "region": region,
                "capacity": str(mentor_capacity[i]),
                "offers": "; ".join(_SWEDISH_TAGS[t] for t in offers),
                "availability": _weighted(rng, (("vardagar", 0.85), ("vardagar, kvällar", 0.15))),
                "mentor_type": mentor_types[i],
            }
        )

    workplace_capacity = _workplace_capacities(
        rng, workplace_ids, capacity_at, bounds=(2, 6), seats=(adept_count + 1, adept_count + 4)
    )
    workplaces = _workplace_rows(
        workplace_ids, _VOCATIONAL_EMPLOYERS, workplace_capacity, lambda _: region
    )

    origins = (
        ("SY", 8),
        ("ER", 7),
        ("AF", 7),
        ("SO", 6),
        ("IQ", 4),
        ("IR", 2),
        ("BA", 2),
        ("ET", 2),
        ("UA", 1),
        ("TR", 1),
    )
    genders = _shuffled_counts(rng, (("woman", 12), ("man", 26), ("undisclosed", 2)))
    levels = _shuffled_counts(
        rng,
        (("SFI A", 4), ("SFI B", 10), ("SFI C", 10), ("SFI D", 3), ("A1", 4), ("A2", 7), ("B1", 2)),
    )
    targets = _shuffled_counts(rng, _counts(adept_count, _VOCATIONAL_TARGETS))
    origin_keys = _shuffled_counts(rng, origins)
    adepts: list[Row] = []
    people: list[_Person] = []
    for i in range(adept_count):
        gender = Gender(genders[i])
        origin = _ORIGINS[origin_keys[i]]
        target = targets[i]
        if gender is Gender.WOMAN:
            preference = _weighted(
                rng,
                (
                    (MentorGenderPreference.ANY, 0.6),
                    (MentorGenderPreference.WOMAN, 0.3),
                    (MentorGenderPreference.MAN, 0.1),
                ),
            )
        else:
            preference = _weighted(
                rng, ((MentorGenderPreference.ANY, 0.85), (MentorGenderPreference.MAN, 0.15))
            )
        goals = _tags(
            rng,
            (
                ("trade_skills", 0.8),
                ("language", 0.8),
                ("workplace_culture", 0.6),
                ("network", 0.4),
                ("labour_market", 0.3),
                ("cv_interview", 0.15),
            ),
        )
        adept_id = f"A{i + 1:02d}"
        adepts.append(
            {
                "id": adept_id,
                "name": names.draw(origin, gender),
                "gender": _SWEDISH_GENDER[gender],
                "birth_country": origin.country,
                "birth_region": origin.region,
                "languages": ", ".join(_languages(rng, origin, in_english=False)),
                "swedish_level": levels[i],
                "field": rng.choice(_VOCATIONAL_BACKGROUNDS[target]),
                "target_field": target,
                "municipality": _weighted(
                    rng,
                    (
                        ("Sävsjö", 0.28),
                        ("Värnamo", 0.28),
                        ("Jönköping", 0.24),
                        ("Vetlanda", 0.1),
                        ("Nässjö", 0.1),
                    ),
                ),
                "region": region,
                "preferred_mentor_gender": _SWEDISH_PREFERENCE[MentorGenderPreference(preference)],
                "goals": "; ".join(_SWEDISH_TAGS[t] for t in goals),
                "availability": _weighted(
                    rng, (("vardagar", 0.8), ("vardagar, kvällar", 0.15), ("kvällar", 0.05))
                ),
                "cohort": cohort,
            }
        )
        people.append(_Person(adept_id, gender, _SWEDISH_RANK[levels[i]]))

    _roughen_vocational(rng, adepts, mentors)
    follow_ups, final_status = _follow_ups(rng, people, _VOCATIONAL_PROFILE)
    evaluations = _evaluations(rng, people, final_status, [m["id"] for m in mentors])
    return _Generated(adepts, mentors, workplaces, follow_ups, evaluations)


_ACADEMIC = _data("academic.toml")
_ACADEMIC_REGIONS: dict[str, str] = _ACADEMIC["regions"]
_REGION_OF_MUNICIPALITY: dict[str, str] = _ACADEMIC["region_of_municipality"]
_ACADEMIC_EMPLOYERS = _employers(_ACADEMIC["employers"])
_ACADEMIC_FIELDS = tuple(_ACADEMIC["fields"].items())
_ACADEMIC_BACKGROUNDS = {k: tuple(v) for k, v in _ACADEMIC["backgrounds"].items()}
_ACADEMIC_TARGETS = {k: tuple(v.items()) for k, v in _ACADEMIC["targets"].items()}
_ACADEMIC_MUNICIPALITIES = {k: tuple(v.items()) for k, v in _ACADEMIC["municipalities"].items()}


def _academic() -> _Generated:
    rng = random.Random(_ACADEMIC_SEED)
    names = _Names(rng, "utf-8")
    cohort = "spring 2026"
    adept_count = 80

    mentor_plan: list[tuple[str, _Employer, str]] = []  # (workplace id, employer, field)
    workplace_ids: list[str] = []
    for index, employer in enumerate(_ACADEMIC_EMPLOYERS, start=1):
        workplace_id = f"W{index:03d}"
        workplace_ids.append(workplace_id)
        mentor_plan += [(workplace_id, employer, field) for field in employer.mentor_fields]
    mentor_genders = _shuffled_counts(rng, (("woman", 39), ("man", 31)))
    mentor_capacity = [rng.choices((1, 2, 3), weights=(0.78, 0.19, 0.03))[0] for _ in mentor_plan]
    _fit_total(rng, mentor_capacity, 84, 90, 1, 3)
    mentor_origins = (
        ("SE", 0.68),
        ("IR", 0.06),
        ("SY", 0.05),
        ("PL", 0.04),
        ("FI", 0.04),
        ("CL", 0.03),
        ("IN", 0.03),
        ("DE", 0.03),
        ("UA", 0.02),
        ("BA", 0.02),
    )
    mentors: list[Row] = []
    capacity_at: dict[str, int] = {}
    for i, (workplace_id, employer, field) in enumerate(mentor_plan):
        gender = Gender(mentor_genders[i])
        origin = _ORIGINS[_weighted(rng, mentor_origins)]
        languages = ["Swedish"]
        if rng.random() < 0.95:
            languages.append("English")
        if origin.languages != ("swedish",):
            languages += [
                lang for lang in _languages(rng, origin, in_english=True) if lang not in languages
            ]
        capacity_at[workplace_id] = capacity_at.get(workplace_id, 0) + mentor_capacity[i]
        mentors.append(
            {
                "id": f"M{i + 1:03d}",
                "name": names.draw(origin, gender),
                "gender": _ENGLISH_GENDER[gender],
                "birth_country": origin.country,
                "birth_region": origin.region,
                "workplace_id": workplace_id,
                "field": field,
                "languages": "; ".join(languages),
                "municipality": employer.municipality,
                "region": _ACADEMIC_REGIONS[_REGION_OF_MUNICIPALITY[employer.municipality]],
                "capacity": str(mentor_capacity[i]),
                "offers": "; ".join(
                    _ENGLISH_TAGS[t]
                    for t in _tags(
                        rng,
                        (
                            ("network", 0.8),
                            ("labour_market", 0.8),
                            ("workplace_culture", 0.6),
                            ("cv_interview", 0.55),
                            ("language", 0.35),
                            ("education", 0.1),
                        ),
                    )
                ),
                "availability": _weighted(
                    rng,
                    (
                        ("evenings", 0.3),
                        ("weekdays", 0.25),
                        ("weekdays; evenings", 0.3),
                        ("evenings; weekends", 0.1),
                        ("weekends", 0.05),
                    ),
                ),
                "mentor_type": "mentor",
            }
        )
    # Employers release fewer mentor hours than their mentors offer: most, not all, adepts fit.
    workplace_capacity = _workplace_capacities(
        rng, workplace_ids, capacity_at, bounds=(1, 8), seats=(adept_count - 4, adept_count - 1)
    )
    workplaces = _workplace_rows(
        workplace_ids,
        _ACADEMIC_EMPLOYERS,
        workplace_capacity,
        lambda e: _ACADEMIC_REGIONS[_REGION_OF_MUNICIPALITY[e.municipality]],
    )

    origins = (
        ("SY", 12),
        ("IR", 10),
        ("UA", 8),
        ("IQ", 6),
        ("IN", 6),
        ("CN", 5),
        ("AF", 4),
        ("TR", 4),
        ("ER", 3),
        ("SO", 3),
        ("PL", 3),
        ("RU", 3),
        ("PK", 3),
        ("EG", 3),
        ("CO", 3),
        ("BR", 3),
        ("ET", 2),
        ("MA", 2),
        ("CL", 2),
        ("VN", 2),
        ("BA", 2),
        ("NG", 1),
    )
    origin_keys = _shuffled_counts(rng, _counts(adept_count, [(k, n / 90) for k, n in origins]))
    genders = _shuffled_counts(rng, (("woman", 47), ("man", 32), ("undisclosed", 1)))
    levels = _shuffled_counts(
        rng,
        _counts(
            adept_count, (("A2", 0.05), ("B1", 0.25), ("B2", 0.35), ("C1", 0.28), ("C2", 0.07))
        ),
    )
    professions = _shuffled_counts(rng, _counts(adept_count, _ACADEMIC_FIELDS))
    regions = _shuffled_counts(
        rng, _counts(adept_count, (("stockholm", 0.5), ("vg", 0.28), ("skane", 0.22)))
    )
    adepts: list[Row] = []
    people: list[_Person] = []
    for i in range(adept_count):
        gender = Gender(genders[i])
        origin = _ORIGINS[origin_keys[i]]
        profession = professions[i]
        if gender is Gender.WOMAN:
            preference = _weighted(rng, (("any", 0.75), ("woman", 0.22), ("man", 0.03)))
        else:
            preference = _weighted(rng, (("any", 0.85), ("man", 0.12), ("woman", 0.03)))
        languages = _languages(rng, origin, in_english=True)
        if "English" not in languages and rng.random() < 0.7:
            languages.append("English")
        goals = _tags(
            rng,
            (
                ("network", 0.85),
                ("labour_market", 0.7),
                ("workplace_culture", 0.45),
                ("cv_interview", 0.45),
                ("language", 0.3),
                ("education", 0.1),
            ),
        )
        adept_id = f"A{i + 1:03d}"
        adepts.append(
            {
                "id": adept_id,
                "name": names.draw(origin, gender),
                "gender": _ENGLISH_GENDER[gender],
                "birth_country": origin.country,
                "birth_region": origin.region,
                "languages": "; ".join(languages),
                "swedish_level": levels[i],
                "field": rng.choice(_ACADEMIC_BACKGROUNDS[profession]),
                "target_field": _weighted(rng, _ACADEMIC_TARGETS[profession]),
                "municipality": _weighted(rng, _ACADEMIC_MUNICIPALITIES[regions[i]]),
                "region": _ACADEMIC_REGIONS[regions[i]],
                "preferred_mentor_gender": _ENGLISH_PREFERENCE[MentorGenderPreference(preference)],
                "goals": "; ".join(_ENGLISH_TAGS[t] for t in goals),
                "availability": _weighted(
                    rng,
                    (
                        ("weekdays; evenings", 0.35),
                        ("evenings", 0.25),
                        ("weekdays", 0.2),
                        ("evenings; weekends", 0.12),
                        ("weekdays; evenings; weekends", 0.08),
                    ),
                ),
                "cohort": cohort,
            }
        )
        people.append(_Person(adept_id, gender, _SWEDISH_RANK[levels[i]]))

    _roughen_academic(rng, adepts, mentors)
    follow_ups, final_status = _follow_ups(rng, people, _ACADEMIC_PROFILE)
    evaluations = _evaluations(rng, people, final_status, [m["id"] for m in mentors])
    return _Generated(adepts, mentors, workplaces, follow_ups, evaluations)


# --------------------------------------------------------------------------------------------
# Rough edges a real file has; each one still validates without an error
# --------------------------------------------------------------------------------------------


def _pick(rng: random.Random, rows: list[Row], where: Callable[[Row], bool]) -> Row:
    return rng.choice([row for row in rows if where(row)])


def _roughen_vocational(rng: random.Random, adepts: list[Row], mentors: list[Row]) -> None:
    # One adept declined to state a gender, one left the cell empty.
    declined = _pick(rng, adepts, lambda r: r["gender"] == "Vill ej ange")
    for row in adepts:
        if row["gender"] == "Vill ej ange" and row is not declined:
            row["gender"] = ""
    # "och" between two languages, typed by hand.
    row = _pick(rng, adepts, lambda r: r["languages"].count(", ") == 1)
    row["languages"] = row["languages"].replace(", ", " och ")
    # Trailing spaces and lower case in free-text categories.
    _pick(rng, adepts, lambda r: r["target_field"] == "Gjutare")["target_field"] = "Gjutare "
    _pick(rng, adepts, lambda r: r["target_field"] == "Gjutare")["target_field"] = "gjutare"
    _pick(rng, mentors, lambda r: r["field"] == "Gjutare")["field"] = "Gjutare "
    _pick(rng, adepts, lambda r: r["municipality"] == "Värnamo")["municipality"] = "Värnamo "
    _pick(rng, adepts, lambda r: r["region"] == "Jönköpings län")["region"] = "jönköpings län"
    _pick(rng, adepts, lambda r: r["swedish_level"] == "SFI C")["swedish_level"] = "Sfi C"
    # Blank optional cells.
    _pick(rng, adepts, lambda r: bool(r["birth_region"]))["birth_region"] = ""
    _pick(rng, adepts, lambda r: r["availability"] == "vardagar")["availability"] = ""
    _pick(rng, mentors, lambda r: r["languages"] == "Svenska")["languages"] = ""


def _roughen_academic(rng: random.Random, adepts: list[Row], mentors: list[Row]) -> None:
    _pick(rng, adepts, lambda r: r["field"] == "economist")["field"] = "economist "
    _pick(rng, adepts, lambda r: r["field"] == "economist")["field"] = "Economist"
    _pick(rng, mentors, lambda r: r["field"] == "HR specialist")["field"] = "HR Specialist"
    _pick(rng, mentors, lambda r: r["municipality"] == "Stockholm")["municipality"] = "Stockholm "
    # One coordinator typed a comma list into a cell (the file quotes it).
    row = _pick(rng, adepts, lambda r: r["languages"].count("; ") == 1)
    row["languages"] = row["languages"].replace("; ", ", ")
    # Blank optional cells.
    _pick(rng, adepts, lambda r: r["preferred_mentor_gender"] == "any")[
        "preferred_mentor_gender"
    ] = ""
    _pick(rng, mentors, lambda r: r["availability"] == "evenings")["availability"] = ""
    _pick(rng, adepts, lambda r: r["birth_country"] == "Syrien")["birth_region"] = ""


# --------------------------------------------------------------------------------------------
# Outcomes
# --------------------------------------------------------------------------------------------


def _follow_ups(
    rng: random.Random, people: list[_Person], profile: _Profile
) -> tuple[list[Row], dict[str, str]]:
    """Statuses at 3, 6 and 12 months, built backwards from the 12-month outcome.

    The 12-month statuses come in the profile's shares; who gets which leans on Swedish level
    (and, as in the labour market, a little against women). Earlier statuses come from the
    profile's "what came before" tables, so a path only moves forward; a leaver left at 3 or
    6 months and is ``left_programme`` at every later follow-up.
    """
    counts = dict(_counts(len(people), profile.final_shares))
    leavers = set(rng.sample([p.id for p in people], counts["left_programme"]))
    staying = [p for p in people if p.id not in leavers]
    propensity = {
        p.id: 0.35 * p.swedish_rank
        - (profile.woman_penalty if p.gender is Gender.WOMAN else 0.0)
        + rng.gauss(0.0, 1.0)
        for p in staying
    }
    ranked = sorted(staying, key=lambda p: (-propensity[p.id], p.id))
    final: dict[str, str] = {p: "left_programme" for p in sorted(leavers)}
    position = 0
    for status, _ in profile.final_shares:
        if status == "left_programme":
            continue
        for person in ranked[position : position + counts[status]]:
            final[person.id] = status
        position += counts[status]

    in_work = [p.id for p in people if final[p.id] in IN_WORK_STATUSES]
    answers = _shuffled_counts(rng, _counts(len(in_work), profile.contributed_shares))
    contributed = dict(zip(in_work, answers, strict=True))

    rows: list[Row] = []
    for person in people:
        at_12 = final[person.id]
        if at_12 == "left_programme":
            # Adepts leave during the programme: at the 3- or (more often) the 6-month mark.
            left_at = rng.choice((3, 6, 6))
            at_3 = "left_programme" if left_at == 3 else profile.active_before_leaving
            at_6 = "left_programme"
        else:
            at_6 = _weighted(rng, profile.before_12[at_12])
            at_3 = _weighted(rng, profile.before_6[at_6])
        for months, status in zip(FOLLOW_UP_MONTHS, (at_3, at_6, at_12), strict=True):
            answer = contributed.get(person.id, "") if status in IN_WORK_STATUSES else ""
            rows.append(
                {
                    "adept_id": person.id,
                    "months": str(months),
                    "status": status,
                    "mentor_contributed": answer,
                }
            )
    return rows, final


# Likert weights for answers 1..5 per (role, item), and the factors for adepts still
# without work at 12 months (see data/vocabulary.toml).
_ANSWER_WEIGHTS: dict[tuple[str, str], tuple[float, ...]] = {
    (role, item): tuple(weights)
    for role, items in _VOCABULARY["answer_weights"].items()
    for item, weights in items.items()
}
_DISAPPOINTED: tuple[float, ...] = tuple(_VOCABULARY["disappointed"]["factors"])


def _evaluations(
    rng: random.Random,
    people: list[_Person],
    final_status: dict[str, str],
    mentor_ids: list[str],
) -> list[Row]:
    """End-of-programme survey: about 85 % of adepts still in the programme answer (few who
    left do), about 80 % of mentors; every respondent answers every item of their role."""
    rows: list[Row] = []
    respondents: list[tuple[str, str, bool]] = []  # (id, role, disappointed)
    for person in people:
        status = final_status[person.id]
        chance = 0.15 if status == "left_programme" else 0.85
        if rng.random() < chance:
            respondents.append((person.id, "adept", status not in IN_WORK_STATUSES))
    respondents += [(m, "mentor", False) for m in mentor_ids if rng.random() < 0.8]
    for respondent_id, role, disappointed in respondents:
        for item in EVALUATION_ITEMS[role]:
            weights = _ANSWER_WEIGHTS[(role, item)]
            if disappointed:
                weights = tuple(w * f for w, f in zip(weights, _DISAPPOINTED, strict=True))
            answer = rng.choices((1, 2, 3, 4, 5), weights=weights)[0]
            rows.append(
                {"respondent_id": respondent_id, "role": role, "item": item, "answer": str(answer)}
            )
    return rows


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def _csv(
    rows: Sequence[Row],
    columns: Sequence[str],
    headers: Sequence[str],
    separator: str,
    encoding: str,
) -> bytes:
    """Rows as Excel writes them: quoted only where needed, CRLF after every line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row[column] for column in columns])
    return buffer.getvalue().encode(encoding)


def _programme_files(generated: _Generated, swedish: bool) -> dict[str, bytes]:
    mentor_columns = MENTOR_COLUMNS
    if swedish:
        separator, encoding = ";", "cp1252"
        headers = SWEDISH_HEADERS
    else:
        # The English demo is the academic one, whose mentors give a birth region.
        mentor_columns = ACADEMIC_MENTOR_COLUMNS
        separator, encoding = ",", "utf-8-sig"
        headers = {
            "adepts": ADEPT_COLUMNS,
            "mentors": mentor_columns,
            "workplaces": WORKPLACE_COLUMNS,
        }
    files = {
        "adepts.csv": _csv(generated.adepts, ADEPT_COLUMNS, headers["adepts"], separator, encoding),
        "mentors.csv": _csv(
            generated.mentors, mentor_columns, headers["mentors"], separator, encoding
        ),
        "workplaces.csv": _csv(
            generated.workplaces, WORKPLACE_COLUMNS, headers["workplaces"], separator, encoding
        ),
        "followups.csv": _csv(
            generated.follow_ups, FOLLOW_UP_COLUMNS, FOLLOW_UP_COLUMNS, ",", "utf-8"
        ),
        "evaluations.csv": _csv(
            generated.evaluations, EVALUATION_COLUMNS, EVALUATION_COLUMNS, ",", "utf-8"
        ),
    }
    return {name: files[name] for name in DEMO_FILE_NAMES}


def demo_programme_files(key: str) -> dict[str, bytes]:
    """The five files of the demo programme ``key`` (see :data:`DEMO_PROGRAMMES`), by file name.

    Identical on every call and every machine; what :func:`write_demo` writes to its folder.
    """
    if key == VOCATIONAL.key:
        return _programme_files(_vocational(), swedish=True)
    if key == ACADEMIC.key:
        return _programme_files(_academic(), swedish=False)
    known = ", ".join(p.key for p in DEMO_PROGRAMMES)
    raise ValueError(f"unknown demo programme {key!r} (known: {known})")


def _readme() -> bytes:
    lines = [
        "# SMILE demo programmes / demoprogram",
        "",
        "Synthetic data: every person and employer here is fictional. Generated by",
        "`smile demo --out data/demo` (smile_core/demo/programmes.py); do not edit by hand.",
        "",
        "Syntetiska data: alla personer och arbetsgivare är påhittade. Skapade med",
        "`smile demo --out data/demo` (smile_core/demo/programmes.py); redigera inte för hand.",
        "",
    ]
    for programme in DEMO_PROGRAMMES:
        lines += [
            f"## {programme.folder}/",
            "",
            f"- {programme.title_sv}: {programme.description_sv}",
            f"- {programme.title_en}: {programme.description_en}",
            "",
        ]
    lines += [
        "vocational/: adepts, mentors and workplaces as a Swedish Excel export (semicolon,",
        "Windows-1252, Swedish headers); academic/: UTF-8 with BOM, comma, English headers.",
        "followups.csv and evaluations.csv: UTF-8, comma, English headers, in both folders.",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def demo_files() -> dict[str, bytes]:
    """Every file of ``data/demo/`` by its relative (POSIX) path, in the order written."""
    files: dict[str, bytes] = {"README.md": _readme()}
    for programme in DEMO_PROGRAMMES:
        for name, content in demo_programme_files(programme.key).items():
            files[f"{programme.folder}/{name}"] = content
    # The programmes with roles (placements, handledare and mentors; a mentor network) have
    # a generator of their own; the dashboard does not list them yet.
    from smile_core.demo.demo_roles import role_demo_files

    files |= role_demo_files()
    return files


def write_demo(out_dir: Path) -> list[Path]:
    """Write both demo programmes under ``out_dir`` (one folder each, plus a README).

    Creates folders as needed and overwrites the demo's own files; leaves anything else in
    ``out_dir`` alone. Returns the written paths in the order written.
    """
    out_dir = Path(out_dir)
    written: list[Path] = []
    for relative, content in demo_files().items():
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written

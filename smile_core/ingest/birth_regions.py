"""Birth regions and migration background: the words coordinators write, and what they mean.

The union programme for immigrant academics matches an adept with a mentor "with a similar
background". SMILE reads that from two optional columns on either table:

- **Födelseregion / Birth region**: one of the regions below (SCB's grouping of countries of
  birth, as Swedish statistics publish it). A column **Födelseland / Country of birth** is
  turned into its region through :data:`COUNTRY_REGIONS` when no region is given.
- **Utländsk bakgrund / Migration background**: yes or no (SCB: born abroad, or both parents
  born abroad). Blank = not stated; a region other than Sweden implies yes.

Both are sensitive personal data (they can reveal ethnic origin, GDPR art. 9): they are stored
like the other participant data and erased with it, never logged, never exported, never shown
to the steering group, and they change a score only when the programme opts in
(``MatchSettings.similar_background_opt_in``).

Regions (stored code; Swedish and English label in the catalogue, ``birth_region.<code>``):

=================  ==========================  ======================================
code               Swedish (SCB)               English
=================  ==========================  ======================================
``sweden``         Sverige                     Sweden
``nordic``         Norden utom Sverige         Nordic countries except Sweden
``eu_efta``        EU/EFTA utom Norden         EU/EFTA except the Nordic countries
``europe_other``   Europa utom EU/EFTA         Europe outside EU/EFTA
``africa``         Afrika                      Africa
``asia``           Asien (with Turkey)         Asia
``north_america``  Nordamerika                 North America (with Central America)
``south_america``  Sydamerika                  South America
``oceania``        Oceanien                    Oceania
=================  ==========================  ======================================

Common sub-regions read as the region that holds them (Mellanöstern/Middle East and the parts
of Asia as Asien, Östafrika, Nordafrika and the other parts of Africa as Afrika, Centralamerika
and Karibien as Nordamerika, Västra Balkan as Europa utom EU/EFTA, Latinamerika as Sydamerika);
a word that straddles regions ("Östeuropa", "Balkan") is not guessed: it is reported.

The country table is small on purpose (the countries most adepts and mentors in Nordic
programmes come from, in Swedish and English); a country it lacks is kept as written with a
warning that asks for the region instead, so nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from smile_core.ingest.participants import Adept, Mentor
from smile_core.ingest.vocabulary import clean_text, is_blank, word_key

#: The regions in their fixed order (the order is the code the scorer compares).
REGIONS: tuple[str, ...] = (
    "sweden",
    "nordic",
    "eu_efta",
    "europe_other",
    "africa",
    "asia",
    "north_america",
    "south_america",
    "oceania",
)

_REGION_WORDS: dict[str, tuple[str, ...]] = {
    "sweden": ("sverige", "sweden", "född i sverige", "born in sweden"),
    "nordic": (
        "norden utom sverige",
        "norden",
        "nordic countries except sweden",
        "nordic countries",
        "nordic",
        "övriga norden",
    ),
    "eu_efta": (
        "eu/efta utom norden",
        "eu/efta",
        "eu",
        "eu28 utom norden",
        "eu27 utom norden",
        "eu utom norden",
        "eu/efta except the nordic countries",
        "eu/efta except nordic countries",
    ),
    "europe_other": (
        "europa utom eu/efta",
        "europa utom eu/efta och norden",
        "europa utom eu28 och norden",
        "övriga europa",
        "europe outside eu/efta",
        "rest of europe",
        "other europe",
        "västra balkan",
        "western balkans",
    ),
    "africa": (
        "afrika",
        "africa",
        "nordafrika",
        "north africa",
        "östafrika",
        "east africa",
        "afrikas horn",
        "horn of africa",
        "västafrika",
        "west africa",
        "centralafrika",
        "central africa",
        "södra afrika",
        "southern africa",
    ),
    "asia": (
        "asien",
        "asia",
        "mellanöstern",
        "mellersta östern",
        "middle east",
        "västasien",
        "western asia",
        "centralasien",
        "central asia",
        "sydasien",
        "south asia",
        "sydostasien",
        "south-east asia",
        "southeast asia",
        "östasien",
        "east asia",
    ),
    "north_america": (
        "nordamerika",
        "north america",
        "centralamerika",
        "central america",
        "karibien",
        "caribbean",
    ),
    "south_america": ("sydamerika", "south america", "latinamerika", "latin america"),
    "oceania": ("oceanien", "oceania"),
}

_REGION_INDEX: dict[str, str] = {
    word_key(word): region for region, words in _REGION_WORDS.items() for word in (region, *words)
}

#: The regions as a coordinator may write them, for messages.
REGION_WORDS_SV = (
    "Sverige, Norden utom Sverige, EU/EFTA utom Norden, Europa utom EU/EFTA, Afrika, Asien, "
    "Nordamerika, Sydamerika, Oceanien"
)
REGION_WORDS_EN = (
    "Sweden, Nordic countries except Sweden, EU/EFTA except the Nordic countries, Europe outside "
    "EU/EFTA, Africa, Asia, North America, South America, Oceania"
)

#: Countries of birth by region, in Swedish and English (see the module doc).
COUNTRY_REGIONS: dict[str, tuple[str, ...]] = {
    "sweden": ("sverige", "sweden"),
    "nordic": ("finland", "norge", "norway", "danmark", "denmark", "island", "iceland"),
    "eu_efta": (
        "polen",
        "poland",
        "tyskland",
        "germany",
        "rumänien",
        "romania",
        "grekland",
        "greece",
        "italien",
        "italy",
        "spanien",
        "spain",
        "frankrike",
        "france",
        "ungern",
        "hungary",
        "bulgarien",
        "bulgaria",
        "kroatien",
        "croatia",
        "litauen",
        "lithuania",
        "lettland",
        "latvia",
        "estland",
        "estonia",
        "nederländerna",
        "netherlands",
        "portugal",
        "österrike",
        "austria",
        "schweiz",
        "switzerland",
    ),
    "europe_other": (
        "bosnien och hercegovina",
        "bosnien-hercegovina",
        "bosnia and herzegovina",
        "serbien",
        "serbia",
        "kosovo",
        "nordmakedonien",
        "north macedonia",
        "albanien",
        "albania",
        "ukraina",
        "ukraine",
        "ryssland",
        "russia",
        "belarus",
        "vitryssland",
        "moldavien",
        "moldova",
        "storbritannien",
        "united kingdom",
    ),
    "africa": (
        "eritrea",
        "etiopien",
        "ethiopia",
        "somalia",
        "egypten",
        "egypt",
        "marocko",
        "morocco",
        "nigeria",
        "sudan",
        "sydsudan",
        "south sudan",
        "kenya",
        "uganda",
        "gambia",
        "ghana",
        "tunisien",
        "tunisia",
        "algeriet",
        "algeria",
        "libyen",
        "libya",
        "kongo",
        "kongo-kinshasa",
        "dr congo",
    ),
    "asia": (
        "syrien",
        "syria",
        "irak",
        "iraq",
        "iran",
        "afghanistan",
        "turkiet",
        "turkey",
        "türkiye",
        "libanon",
        "lebanon",
        "palestina",
        "palestine",
        "jordanien",
        "jordan",
        "jemen",
        "yemen",
        "kina",
        "china",
        "indien",
        "india",
        "pakistan",
        "bangladesh",
        "sri lanka",
        "vietnam",
        "thailand",
        "filippinerna",
        "philippines",
        "sydkorea",
        "south korea",
        "japan",
        "israel",
    ),
    "north_america": ("usa", "united states", "kanada", "canada", "mexiko", "mexico"),
    "south_america": (
        "colombia",
        "chile",
        "brasilien",
        "brazil",
        "argentina",
        "peru",
        "venezuela",
        "bolivia",
        "ecuador",
    ),
    "oceania": ("australien", "australia", "nya zeeland", "new zealand"),
}

_COUNTRY_INDEX: dict[str, str] = {
    word_key(country): region
    for region, countries in COUNTRY_REGIONS.items()
    for country in countries
}

#: How a migration background is stored: stated yes, stated no, or not stated.
MIGRATION_YES = "yes"
MIGRATION_NO = "no"


def parse_birth_region(text: str | None) -> str | None:
    """The region code (one of :data:`REGIONS`) ``text`` names, "" when blank, ``None`` when
    unknown. Region codes read as themselves, so a stored value parses again."""
    if is_blank(text):
        return ""
    return _REGION_INDEX.get(word_key(clean_text(text)))


def country_region(country: str | None) -> str | None:
    """The region of a country of birth ("Syrien" -> "asia"), "" when blank, ``None`` when the
    table does not have the country."""
    if is_blank(country):
        return ""
    return _COUNTRY_INDEX.get(word_key(clean_text(country)))


def background_region(birth_region: str, birth_country: str) -> str:
    """A person's region for the similar-background score: the stated region, else the
    country's region, else "" (not known)."""
    return parse_birth_region(birth_region) or country_region(birth_country) or ""


def has_migration_background(region: str, migration_background: str) -> bool | None:
    """Whether a person has a migration background: as stated, else implied by a known region
    (any region but Sweden), else ``None`` (not known)."""
    if migration_background == MIGRATION_YES:
        return True
    if migration_background == MIGRATION_NO:
        return False
    return (region != "sweden") if region else None


def background_columns(people: Sequence[Adept | Mentor], prefix: str) -> dict[str, pl.Series]:
    """Per person, in order: ``<prefix>bg_region``, the region's index in :data:`REGIONS`
    (Int8, null when not known), and ``<prefix>bg_migrant``, whether they have a migration
    background (null when not known): the scorer's side columns."""
    regions: list[int | None] = []
    migrants: list[bool | None] = []
    for person in people:
        region = background_region(person.birth_region, person.birth_country)
        regions.append(REGIONS.index(region) if region else None)
        migrants.append(has_migration_background(region, person.migration_background))
    return {
        f"{prefix}bg_region": pl.Series(regions, dtype=pl.Int8),
        f"{prefix}bg_migrant": pl.Series(migrants, dtype=pl.Boolean),
    }


def same_birth_region(a_region: str, a_country: str, m_region: str, m_country: str) -> bool | None:
    """Whether two people share a birth region; ``None`` when either's is not known."""
    first = background_region(a_region, a_country)
    second = background_region(m_region, m_country)
    return (first == second) if first and second else None

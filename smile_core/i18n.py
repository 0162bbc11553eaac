"""The one catalogue of dashboard text, in Swedish (the default) and English.

Every string a user reads in the dashboard comes from here through :func:`t`. Keys are
dotted, lower-case and grouped by where the text appears (``app.``, ``nav.``, ``page.<id>.``,
``error.``). Each key has a text for every language in :data:`LANGUAGES`, and the
``{placeholders}`` agree between languages (``tests/smile_core/test_i18n.py`` holds the
catalogue to that). To add text, add one entry to ``_CATALOGUE`` with both languages.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

#: Supported UI languages, the default first.
LANGUAGES: tuple[str, ...] = ("sv", "en")
DEFAULT_LANGUAGE = "sv"

#: Each language's name in itself, for the language switch.
LANGUAGE_NAMES: Mapping[str, str] = {"sv": "Svenska", "en": "English"}

_CATALOGUE: dict[str, dict[str, str]] = {
    # The frame every page shares.
    "app.title": {
        "sv": "SMILE – matchning av adepter och mentorer",
        "en": "SMILE – matching adepts and mentors",
    },
    "app.language_switch": {"sv": "Språk", "en": "Language"},
    "app.programme_switch": {"sv": "Program", "en": "Programme"},
    "app.programme_demo": {"sv": "Demoprogram: {name}", "en": "Demo programme: {name}"},
    "app.programme_uploaded": {"sv": "Uppladdat program", "en": "Uploaded programme"},
    # Navigation sections: who each group of pages is for.
    "nav.coordinator": {"sv": "Samordnare", "en": "Coordinator"},
    "nav.steering_group": {"sv": "Styrgrupp", "en": "Steering group"},
    # Pages: the title, and one line saying what the page is for.
    "page.overview.title": {"sv": "Översikt", "en": "Overview"},
    "page.overview.purpose": {
        "sv": "Programmet i korthet: adepter, mentorer och arbetsplatser, och om allt är klart "
        "för matchning.",
        "en": "The programme at a glance: adepts, mentors and workplaces, and whether everything "
        "is ready for matching.",
    },
    "page.participants.title": {"sv": "Deltagare", "en": "Participants"},
    "page.participants.purpose": {
        "sv": "Ladda upp adepter, mentorer och arbetsplatser från CSV eller Excel och se vad som "
        "behöver rättas.",
        "en": "Upload adepts, mentors and workplaces from CSV or Excel and see what needs fixing.",
    },
    "page.matching.title": {"sv": "Matchning", "en": "Matching"},
    "page.matching.purpose": {
        "sv": "Välj regler och vikter, låt SMILE föreslå par och justera planen: lås, förbjud "
        "eller byt mentor.",
        "en": "Choose rules and weights, let SMILE propose pairs and adjust the plan: lock, "
        "forbid or change mentor.",
    },
    "page.pairs.title": {"sv": "Par", "en": "Pairs"},
    "page.pairs.purpose": {
        "sv": "Utforska paren: poäng, deras delar och hur mentorer och arbetsplatser används.",
        "en": "Explore the pairs: scores, what they are made of and how mentors and workplaces "
        "are used.",
    },
    "page.equality.title": {"sv": "Jämställdhet", "en": "Equality"},
    "page.equality.purpose": {
        "sv": "Sökande och matchade efter kön, jämfört med målen. Grupper med färre än {k} "
        "personer visas inte.",
        "en": "Applicants and matched by gender, against the targets. Groups of fewer than {k} "
        "people are not shown.",
    },
    "page.outcomes.title": {"sv": "Utfall", "en": "Outcomes"},
    "page.outcomes.purpose": {
        "sv": "Vad adepterna gör 3, 6 och 12 månader efter starten, och vad deltagarna tyckte. "
        "Grupper med färre än {k} personer visas inte.",
        "en": "What adepts are doing 3, 6 and 12 months after the start, and what participants "
        "thought. Groups of fewer than {k} people are not shown.",
    },
    "page.export.title": {"sv": "Export", "en": "Export"},
    "page.export.purpose": {
        "sv": "Hämta planen som Excel eller CSV och en rapport till styrgruppen.",
        "en": "Download the plan as Excel or CSV and a report for the steering group.",
    },
    # Small-cell suppression, wherever a figure is hidden.
    "suppression.mark": {"sv": "–", "en": "–"},
    "suppression.note": {
        "sv": "– = dolt: färre än {k} personer, eller dolt för att en liten grupp annars kunde "
        "räknas fram ur summorna.",
        "en": "– = hidden: fewer than {k} people, or hidden because a small group could "
        "otherwise be worked out from the totals.",
    },
    # Errors.
    "error.generic": {
        "sv": "Något gick fel och sidan kunde inte visas helt. Försök igen eller ladda om "
        "sidan. Dina uppgifter har inte skickats någonstans.",
        "en": "Something went wrong and the page could not be shown in full. Try again or "
        "reload the page. Your data has not been sent anywhere.",
    },
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **fmt: object) -> str:
    """The text for ``key`` in ``lang``, with ``fmt`` filled into its ``{placeholders}``.

    Raises ``KeyError`` for a key not in the catalogue and ``ValueError`` for a language not
    in :data:`LANGUAGES`, so a typo fails in tests instead of showing a blank. A placeholder
    without a value in ``fmt`` raises ``KeyError`` too; write a literal brace as ``{{``.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    try:
        text = _CATALOGUE[key][lang]
    except KeyError:
        raise KeyError(f"no UI text for key {key!r}") from None
    return text.format(**fmt)


def all_keys() -> tuple[str, ...]:
    """Every key in the catalogue, sorted."""
    return tuple(sorted(_CATALOGUE))


def texts(key: str) -> Mapping[str, str]:
    """The texts for ``key`` by language, exactly as catalogued (placeholders unfilled)."""
    return dict(_CATALOGUE[key])


def placeholders(text: str) -> frozenset[str]:
    """The names of the ``{placeholders}`` in ``text`` (``{{`` and ``}}`` are literal braces)."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)

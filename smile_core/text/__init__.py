"""Every word a person reads, from one catalogue, and every number written one way.

The catalogue is one data file, :file:`catalogue.toml` beside this module: one entry per key
(``["area.what"]``, grouped by area: ``app``, ``page``, ``report``, ``reason``, ``edit``, ...)
with the Swedish and the English text side by side. :func:`t` renders an entry in a language
with its ``{parameters}`` filled in; an entry with plural forms (``sv.one``/``sv.other``,
``en.one``/``en.other``) is rendered in the form Babel's plural rule for that language picks
for its count parameter (``plural = "n"`` in the entry; ``count`` when not named).

Why one data file with a small renderer, not gettext ``.po`` files: gettext keeps each language
in its own file and needs a compile step (``.po`` to ``.mo``), while the coordinators who review
the Swedish and English texts read them side by side, key by key, in one file; and SMILE has two
languages and no translators' toolchain to serve. Babel does what a hand-written helper got
wrong: plural rules per language, and numbers, percentages and dates for ``sv_SE`` and ``en``
(:func:`number`, :func:`percent`, :func:`integer`, :func:`date`): ``2 328,6`` and ``26 %`` in
Swedish, ``2,328.6`` and ``26%`` in English, through one path everywhere.

Parameters: a ``float`` is written with :func:`number` (the language's decimal mark, at most
two decimals), a ``date``/``datetime`` with :func:`date`; every other value (``int``, a text
already formatted) with ``str``. The store keeps keys and parameters, never rendered text, so a
saved message reads in the reader's language.
"""

from __future__ import annotations

import datetime as _dt
import string
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

#: Supported languages, the default first.
LANGUAGES: tuple[str, ...] = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
#: Each language's name in itself, for the language switch.
LANGUAGE_NAMES: Mapping[str, str] = {"sv": "Svenska", "en": "English"}
#: The Babel locale each language formats numbers, dates and plurals with.
LOCALES: Mapping[str, str] = {"sv": "sv_SE", "en": "en"}
#: What a figure that is hidden or missing reads as.
MISSING = "–"
#: The plural forms an entry gives (Swedish and English need only these two).
PLURAL_FORMS: tuple[str, ...] = ("one", "other")

CATALOGUE_PATH = Path(__file__).with_name("catalogue.toml")

Entry = Mapping[str, object]


@cache
def catalogue() -> Mapping[str, Entry]:
    """The catalogue file, read once: key -> {"sv": text or {one, other}, "en": ..., ...}."""
    with CATALOGUE_PATH.open("rb") as f:
        return tomllib.load(f)


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])


def _check(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The text for ``key`` in ``lang``, with ``params`` filled into its ``{placeholders}``.

    Raises ``KeyError`` for a key not in the catalogue (or a placeholder without a value) and
    ``ValueError`` for a language not in :data:`LANGUAGES`, so a typo fails in tests instead of
    showing a blank. A plural entry needs its count parameter.
    """
    _check(lang)
    try:
        entry = catalogue()[key]
    except KeyError:
        raise KeyError(f"no text for key {key!r}") from None
    return _render(entry, lang, params)


def _render(entry: Entry, lang: str, params: Mapping[str, object]) -> str:
    text = entry[lang]
    if isinstance(text, Mapping):
        count = params[str(entry.get("plural", "count"))]
        text = text[plural_form(count, lang)]  # type: ignore[arg-type]
    return str(text).format(**{name: _param(value, lang) for name, value in params.items()})


def _param(value: object, lang: str) -> object:
    if isinstance(value, float):
        return number(value, lang, decimals=2, fixed=False)
    if isinstance(value, _dt.date):
        return date(value, lang)
    return value


def plural_form(count: object, lang: str) -> str:
    """``one`` or ``other``: the form Babel's plural rule for ``lang`` picks for ``count``."""
    form = _locale(lang).plural_form(abs(count))  # type: ignore[arg-type]
    return form if form in PLURAL_FORMS else "other"


def number(
    value: float | int | None, lang: str, decimals: int = 0, *, fixed: bool = True
) -> str:
    """``value`` grouped in thousands, as ``lang`` writes it (Babel, ``sv_SE`` / ``en``).

    ``decimals`` decimals, always (``fixed``) or at most (``fixed=False``: ``2,5`` not
    ``2,50``). Swedish: ``2 328,63`` (a no-break space between thousands, a decimal comma);
    English: ``2,328.63``. ``None`` reads as :data:`MISSING`.
    """
    _check(lang)
    if value is None:
        return MISSING
    fraction = ("0" if fixed else "#") * decimals
    pattern = "#,##0" + (f".{fraction}" if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale(lang), decimal_quantization=True)


def integer(value: int | None, lang: str) -> str:
    """A whole number (a count) as ``lang`` writes it; ``None`` reads as :data:`MISSING`."""
    return number(value, lang, 0)


def percent(share: float | None, lang: str, decimals: int = 0) -> str:
    """A share (0.25) as a percentage: ``25 %`` in Swedish, ``25%`` in English (Babel)."""
    _check(lang)
    if share is None:
        return MISSING
    pattern = _locale(lang).percent_formats[None].pattern  # "#,##0\u00a0%" in Swedish
    if decimals:
        pattern = pattern.replace("0", "0." + "0" * decimals, 1)
    return format_percent(share, format=pattern, locale=_locale(lang), decimal_quantization=True)


def date(value: _dt.date, lang: str, form: str = "medium") -> str:
    """A date as ``lang`` writes it (Babel ``form``: short, medium, long)."""
    _check(lang)
    return format_date(value, form, locale=_locale(lang))


def all_keys() -> tuple[str, ...]:
    """Every key in the catalogue, sorted."""
    return tuple(sorted(catalogue()))


def texts(key: str) -> Mapping[str, object]:
    """The texts for ``key`` by language, exactly as catalogued (placeholders unfilled)."""
    entry = catalogue()[key]
    return {lang: entry[lang] for lang in LANGUAGES if lang in entry}


def has(key: str) -> bool:
    """Whether the catalogue has ``key``."""
    return key in catalogue()


def placeholders(text: str) -> frozenset[str]:
    """The names of the ``{placeholders}`` in ``text`` (``{{`` and ``}}`` are literal braces)."""
    return frozenset(
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in string.Formatter().parse(text)
        if name is not None
    )


def both(key: str, **params: object) -> tuple[str, str]:
    """``key`` in Swedish and in English: for a value object that keeps both (a problem)."""
    return t(key, "sv", **params), t(key, "en", **params)

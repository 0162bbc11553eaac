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
import math
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, format_decimal, format_percent, parse_pattern

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
    return _Formatter(lang).vformat(str(text), (), params)


#: Format specs a catalogue text may give a parameter: ``{share:percent}``, ``{gap:number1}``.
#: Besides these, ``{group:definite}`` reads a nested message ``groups.woman`` as its definite
#: form ``groups.woman.definite`` ("kvinnorna") where the catalogue has one.
_SPECS = {
    "percent": lambda v, lang: percent(v, lang),
    "percent1": lambda v, lang: percent(v, lang, 1),
    "number": lambda v, lang: number(v, lang),
    "number1": lambda v, lang: number(v, lang, 1),
    "number2": lambda v, lang: number(v, lang, 2),
    "decimal": lambda v, lang: number(v, lang, 2, fixed=False),
    "integer": lambda v, lang: integer(v, lang),
    "date": lambda v, lang: date(v, lang),
}


class _Formatter(string.Formatter):
    """``str.format`` with the language's number formats and nested messages."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if isinstance(value, str) and format_spec in (*_SPECS, "and", "sentences", "definite"):
            return value  # already words (a text filled in by hand, a test's stand-in)
        if format_spec == "definite":  # "av de 20 {group:definite}": kvinnorna, männen
            if isinstance(value, Message) and has(f"{value.key}.definite"):
                value = Message(f"{value.key}.definite", value.params)
            format_spec = ""
        if format_spec in _SPECS:
            return _SPECS[format_spec](value, self.lang)
        if format_spec == "and":  # 'a', 'a och b', 'a, b och c'
            items = [str(v) for v in value]  # type: ignore[attr-defined]
            if len(items) == 1:
                return items[0]
            return f"{', '.join(items[:-1])} {t('text.and', self.lang)} {items[-1]}"
        if format_spec == "sentences":
            return " ".join(v.render(self.lang) for v in value)  # type: ignore[attr-defined]
        if isinstance(value, Message):
            value = value.render(self.lang)
        elif isinstance(value, tuple | list) and all(isinstance(v, Message) for v in value):
            value = ", ".join(v.render(self.lang) for v in value)
        elif isinstance(value, float) and not format_spec:
            value = number(value, self.lang, decimals=2, fixed=False)
        elif isinstance(value, _dt.date) and not format_spec:
            value = date(value, self.lang)
        return super().format_field(value, format_spec)


@dataclass(frozen=True, slots=True)
class Message:
    """A text to render later, in the reader's language: a catalogue key and its parameters.

    What the store keeps instead of sentences. A parameter is a text, a number, another
    :class:`Message` (rendered in the same language) or a tuple of them (joined with commas).
    """

    key: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **params: object) -> Message:
        """The message ``key`` with ``params``."""
        return cls(key, tuple(params.items()))

    def render(self, lang: str) -> str:
        """The message in ``lang``."""
        return t(self.key, lang, **dict(self.params))

    def to_json(self) -> dict[str, object]:
        """The key and parameters as plain JSON values (nested messages as objects)."""
        return {"key": self.key, "params": {k: _to_json(v) for k, v in self.params}}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Message:
        """The message :meth:`to_json` wrote."""
        params = data.get("params") or {}
        return cls(str(data["key"]), tuple((k, _from_json(v)) for k, v in params.items()))  # type: ignore[union-attr]


def _to_json(value: object) -> object:
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, tuple | list):
        return [_to_json(v) for v in value]
    return value


def _from_json(value: object) -> object:
    if isinstance(value, Mapping) and "key" in value:
        return Message.from_json(value)
    if isinstance(value, list):
        return tuple(_from_json(v) for v in value)
    return value


#: The key a message stored before the catalogue reads back through: its old Swedish and
#: English sentences as the parameters ``sv`` and ``en`` (migration 0004).
STORED_KEY = "text.stored"


def stored(sv: str, en: str) -> Message:
    """A message kept from before the catalogue: its two sentences as they were stored."""
    return Message.of(STORED_KEY, sv=sv, en=en)


def plural_form(count: object, lang: str) -> str:
    """``one`` or ``other``: the form Babel's plural rule for ``lang`` picks for ``count``."""
    form = _locale(lang).plural_form(abs(count))  # type: ignore[arg-type]
    return form if form in PLURAL_FORMS else "other"


def number(value: float | int | None, lang: str, decimals: int = 0, *, fixed: bool = True) -> str:
    """``value`` grouped in thousands, as ``lang`` writes it (Babel, ``sv_SE`` / ``en``).

    ``decimals`` decimals, always (``fixed``) or at most (``fixed=False``: ``2,5`` not
    ``2,50``). Swedish: ``2 328,63`` (a no-break space between thousands, a decimal comma);
    English: ``2,328.63``. ``None`` reads as :data:`MISSING`.
    """
    _check(lang)
    if value is None:
        return MISSING
    pattern = _decimal_pattern(decimals, fixed)
    return format_decimal(value, format=pattern, locale=_locale(lang), decimal_quantization=True)


@cache
def _decimal_pattern(decimals: int, fixed: bool) -> NumberPattern:
    # Parsed once: Babel parses a pattern string on every call, a third of a number's cost.
    fraction = ("0" if fixed else "#") * decimals
    return parse_pattern("#,##0" + (f".{fraction}" if decimals else ""))


def integer(value: int | None, lang: str) -> str:
    """A whole number (a count) as ``lang`` writes it; ``None`` reads as :data:`MISSING`."""
    return number(value, lang, 0)


def percent(share: float | None, lang: str, decimals: int = 0) -> str:
    """A share (0.25) as a percentage: ``25 %`` in Swedish, ``25%`` in English (Babel)."""
    _check(lang)
    if share is None:
        return MISSING
    pattern = _percent_pattern(lang, decimals)
    return format_percent(share, format=pattern, locale=_locale(lang), decimal_quantization=True)


#: The smallest gap written in digits; below it a gap reads "< 0,000001 %".
_LEAST_GAP = 1e-8


def gap_percent(gap: float | None, lang: str) -> str:
    """A plan's relative gap as a percentage that never reads as 0 when it is not 0: two
    decimals (``0,25 %``), or for a gap under 0.005 % the decimals its first two significant
    digits need (``0,0017 %``, not ``0,00 %`` beside "raise the time limit"); below
    0.000001 % ``< 0,000001 %``. No gap (none known) is :data:`MISSING`."""
    if gap is None or not math.isfinite(gap):
        return MISSING
    if gap <= 0 or gap >= 0.00005:
        return percent(gap, lang, 2)
    if gap < _LEAST_GAP:
        return f"< {percent(_LEAST_GAP, lang, 6)}"
    decimals = min(6, 1 - math.floor(math.log10(gap * 100)))
    return percent(gap, lang, decimals)


@cache
def _percent_pattern(lang: str, decimals: int) -> NumberPattern:
    pattern = _locale(lang).percent_formats[None].pattern  # "#,##0\u00a0%" in Swedish
    if decimals:
        pattern = pattern.replace("0", "0." + "0" * decimals, 1)
    return parse_pattern(pattern)


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

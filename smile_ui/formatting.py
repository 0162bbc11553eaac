"""Option labels for select boxes, radios and multiselects, as picklable callables.

Streamlit keeps each widget's ``format_func`` with the widget, and this app runs with
``runner.enforceSerializableSessionState``; under ``AppTest`` that pickles them. A lambda or a
function defined in a page script cannot be pickled, so every ``format_func`` in the
dashboard is one of these small frozen dataclasses.

A widget whose option labels depend on the UI language carries the language in its key
(``f"..._{lang}"``): Streamlit 1.67 matches a widget's value to its options by their labels,
so after a language switch a widget with the same key would hold the old language's label
instead of an option. A new key gives a fresh widget, set from what the session stores.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from smile_core.text import t


@dataclass(frozen=True)
class Label:
    """``option`` -> the catalogue text ``<prefix>.<option>`` in ``lang``.

    ``none_key`` and ``blank_key`` give the catalogue keys for the options ``None`` and ``""``;
    an option without a catalogue entry is shown as written.
    """

    prefix: str
    lang: str
    none_key: str | None = None
    blank_key: str | None = None

    def __call__(self, option: object) -> str:
        if option is None and self.none_key:
            return t(self.none_key, self.lang)
        if option == "" and self.blank_key:
            return t(self.blank_key, self.lang)
        try:
            return t(f"{self.prefix}.{option}", self.lang)
        except KeyError:
            return str(option)


@dataclass(frozen=True)
class ProgrammeTitle:
    """A programme key -> its name in ``lang`` (see :func:`smile_ui.session.programme_title`)."""

    lang: str

    def __call__(self, key: str) -> str:
        from smile_ui.session import programme_title

        return programme_title(key, self.lang)


@dataclass(frozen=True)
class Lookup:
    """``option`` -> ``labels[option]``, or the option itself when it has no label."""

    labels: tuple[tuple[object, str], ...]

    @cached_property
    def _by_option(self) -> dict[object, str]:
        # Built once: Streamlit calls a format_func once per option, so building the dict
        # per call made a 700-mentor select box cost 700 × 700 steps on every run.
        return dict(self.labels)

    def __call__(self, option: object) -> str:
        return self._by_option.get(option, str(option))

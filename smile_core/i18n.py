"""The dashboard's text calls, kept for the callers that import them from here.

The text itself lives in one catalogue, :mod:`smile_core.text` (``catalogue.toml``, Swedish and
English side by side); this module re-exports its functions so ``from smile_core.i18n import t``
keeps working. To add text, add an entry to ``smile_core/text/catalogue.toml``.
"""

from smile_core.text import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    all_keys,
    placeholders,
    t,
    texts,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "all_keys",
    "placeholders",
    "t",
    "texts",
]

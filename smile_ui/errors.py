"""No traceback reaches a user: errors in a page become one clear, translated message.

The message is the same whatever went wrong, because an exception's text can carry personal
data from an uploaded file (a name in a ``ValueError``). For the same reason the log gets only
the exception's type and the file, line and function where it was raised, never its message.
Streamlit's own control flow (``st.rerun``, ``st.stop``, ``st.switch_page``) raises
``BaseException`` subclasses, which pass through untouched.
"""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ParamSpec, TypeVar

import streamlit as st

from smile_core.text import t
from smile_ui.state import current_language

logger = logging.getLogger("smile.ui")

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def shown_as_error(lang: str | None = None) -> Iterator[None]:
    """Run the block; if it raises, show the generic error in ``lang`` and log the type only.

    ``app.py`` runs every page inside this, so pages need not catch anything themselves.
    ``lang`` defaults to the session's language.
    """
    try:
        yield
    except Exception as error:
        report(error, lang)


def guarded(func: Callable[P, R]) -> Callable[P, R | None]:
    """Decorate a widget callback so that an exception in it is shown like a page error."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | None:
        with shown_as_error():
            return func(*args, **kwargs)
        return None

    return wrapper


def report(error: Exception, lang: str | None = None) -> None:
    """Log ``error``'s type and location (not its message) and show the generic message."""
    logger.error("%s in %s", type(error).__name__, _where(error))
    st.error(t("error.generic", lang or current_language()), icon=":material/error:")


def _where(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "unknown place"
    frame = frames[-1]
    return f"{Path(frame.filename).name}:{frame.lineno} ({frame.name})"

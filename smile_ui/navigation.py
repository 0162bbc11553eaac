"""The dashboard's pages, who they are for, and the navigation built from them.

:data:`PAGES` is the one list of pages: ``app.py`` builds ``st.navigation`` from it and the
tests visit every entry. A page's title and purpose come from the catalogue keys
``page.<id>.title`` and ``page.<id>.purpose``; its file is ``pages/<id>.py``; its URL is
``/<url_path>``, Swedish and the same in every language (the first page's is the root, ``/``).
Each page names the roles whose navigation lists it (the local single user sees every page).
Hiding a page is only the navigation: the refusal itself is in :mod:`smile_core.access`.

The URLs are Swedish and never equal a file name in ``pages/``: a server started with a plain
``streamlit run app.py`` (not ``python -m smile_ui.serve``, see there) serves its first request
in Streamlit's legacy ``pages/`` mode, where a URL equal to a file name would run that file
without ``app.py``'s frame (no sidebar, no error guard).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from smile_core.access import Role, User
from smile_core.text import t

COORDINATOR = "nav.coordinator"
STEERING_GROUP = "nav.steering_group"
ADMINISTRATION = "nav.administration"

_COORDINATORS = frozenset({Role.COORDINATOR})
_FIGURES = frozenset({Role.COORDINATOR, Role.STEERING})
_ADMINS = frozenset({Role.ADMIN})


@dataclass(frozen=True)
class PageSpec:
    """One page: its id (file name and text keys), URL path, navigation section, icon, and the
    roles whose navigation lists it."""

    page_id: str
    url_path: str
    section: str
    icon: str
    roles: frozenset[Role] = _COORDINATORS

    def for_user(self, user: User) -> bool:
        """Whether ``user``'s navigation lists the page (the local user's lists all)."""
        return user.local or user.role in self.roles

    @property
    def path(self) -> str:
        """The page's script, relative to ``app.py``."""
        return f"pages/{self.page_id}.py"

    def title(self, lang: str) -> str:
        """The page's title in ``lang``."""
        return t(f"page.{self.page_id}.title", lang)


#: Every page, in navigation order; the first is where the app opens.
PAGES: tuple[PageSpec, ...] = (
    # The start page is served at the root URL; Streamlit ignores a default page's url_path.
    PageSpec("overview", "", COORDINATOR, ":material/dashboard:"),
    PageSpec("participants", "deltagare", COORDINATOR, ":material/group:"),
    PageSpec("matching", "matchning", COORDINATOR, ":material/handshake:"),
    PageSpec("pairs", "par", COORDINATOR, ":material/scatter_plot:"),
    PageSpec("export", "exportera", COORDINATOR, ":material/download:"),
    PageSpec("programmes", "program", COORDINATOR, ":material/folder_managed:"),
    PageSpec("equality", "jamstalldhet", STEERING_GROUP, ":material/balance:"),
    PageSpec("outcomes", "utfall", STEERING_GROUP, ":material/work:"),
    PageSpec("figures", "styrgrupp", STEERING_GROUP, ":material/query_stats:", _FIGURES),
    PageSpec("privacy", "dataskydd", ADMINISTRATION, ":material/shield_person:", _ADMINS),
    PageSpec("users", "konton", ADMINISTRATION, ":material/manage_accounts:", _ADMINS),
)


def pages_for(user: User) -> tuple[PageSpec, ...]:
    """The pages ``user``'s navigation lists, in order (the first is where they start)."""
    return tuple(spec for spec in PAGES if spec.for_user(user))


def sections(lang: str, user: User) -> dict[str, list[st.Page]]:
    """``user``'s pages as ``st.Page`` objects grouped under their translated section headers."""
    grouped: dict[str, list[st.Page]] = {}
    for index, spec in enumerate(pages_for(user)):
        page = st.Page(
            spec.path,
            title=spec.title(lang),
            icon=spec.icon,
            url_path=spec.url_path,
            default=index == 0,
        )
        grouped.setdefault(t(spec.section, lang), []).append(page)
    return grouped

"""Cohort intakes: one upload split by its Kohort column, and an intake's start date from its name.

Programmes take people in more than once a year (a union programme's September and February
intakes). A coordinator may send one file for several intakes, with the intake in the adepts'
``Kohort`` column; :func:`split_by_cohort` makes one programme per intake to match on its own.
:func:`start_from_name` reads the start date a name such as "HT 2026", "Våren 2027" or
"September 2026" implies, to offer it when the cohort is created.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from smile_core.ingest.participants import Programme

#: Month words (Swedish and English, full and short) and the month they name.
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("mars", "march", "mar"),
            ("april", "apr"),
            ("maj", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("augusti", "august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
#: Term words and the month their intake starts: autumn in September, spring in February.
_TERMS = {
    "ht": 9,
    "höst": 9,
    "hösten": 9,
    "autumn": 9,
    "fall": 9,
    "vt": 2,
    "vår": 2,
    "våren": 2,
    "spring": 2,
}


def cohort_names(programme: Programme) -> list[str]:
    """The distinct Kohort values of the adepts, in the order they first appear ("" when some
    adept has none)."""
    names: list[str] = []
    for adept in programme.adepts:
        if adept.cohort not in names:
            names.append(adept.cohort)
    return names


def split_by_cohort(programme: Programme) -> dict[str, Programme]:
    """One programme per Kohort value (key "" for adepts without one), in first-seen order.

    Each holds that intake's adepts and every mentor and workplace of the upload: the mentors
    serve whichever intake they are matched in, each intake with their full capacity. The
    name is the intake's (or the upload's for "").
    """
    return {
        name: replace(
            programme,
            adepts=tuple(a for a in programme.adepts if a.cohort == name),
            name=name or programme.name,
        )
        for name in cohort_names(programme)
    }


def start_from_name(name: str) -> date | None:
    """The first day an intake called ``name`` starts, when its name says it; else None.

    Understood: an ISO date ("2026-09-01") or month ("2026-09"); a month word and a year
    ("september 2026", "feb 27"); a term and a year ("HT 2026", "Våren 2027", "VT27",
    "autumn 2026"): autumn starts in September, spring in February.
    """
    text = name.strip().casefold()
    iso = re.search(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b", text)
    if iso:
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3] or 1)
        try:
            return date(year, month, day)
        except ValueError:
            return None
    words = re.findall(r"[^\W\d_]+|\d+", text)
    year = next((_year(w) for w in words if w.isdigit() and _year(w)), None)
    starts = {**_MONTHS, **_TERMS}
    month = next((starts[w] for w in words if w in starts), None)
    if year is None or month is None:
        return None
    return date(year, month, 1)


def _year(digits: str) -> int | None:
    if len(digits) == 4 and 1990 <= int(digits) <= 2100:
        return int(digits)
    if len(digits) == 2:
        return 2000 + int(digits)
    return None

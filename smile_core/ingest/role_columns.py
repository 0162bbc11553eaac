"""The role columns of the coordinator's files, read at the boundary.

- Mentors: a "Roll"/"Role" cell may list several roles ("handledare; mentor"); columns
  "Kapacitet <roll>" / "Capacity <role>" give a capacity per role ("Kapacitet handledare",
  "Kapacitet mentor"). A blank per-role capacity is 0 unless the mentor's role list names
  the role, then the mentor's own capacity.
- Adepts: "Behöver"/"Needs" lists the roles the adept needs ("praktikplats, handledare,
  mentor"); blank = the programme's default.

Every problem names the file, row, column and value; unknown role words are kept as written
(a warning), a capacity that is not a whole number ≥ 0 is an error. The result is the same
:class:`~smile_core.ingest.participants.Programme` with ``Mentor.roles`` and ``Adept.needs`` set.
"""

from __future__ import annotations

import dataclasses
import re

from smile_core.ingest.participants import Programme
from smile_core.ingest.problems import Problem
from smile_core.ingest.reading import RawTable
from smile_core.ingest.vocabulary import clean_text, is_blank, split_items, word_key
from smile_core.matching.roles import PLACEMENT, parse_role
from smile_core.text.messages import error, quoted, texts, warning

_CAPACITY = re.compile(r"^(?:kapacitet|capacity|platser|seats)[\s_:-]*(.+)$", re.IGNORECASE)
_ROLE_LIST = {word_key(w) for w in ("roll", "role", "roller", "roles", "mentorstyp", "mentor type")}
_NEEDS = {word_key(w) for w in ("behöver", "behov", "needs", "roller", "roles")}


def role_capacity_column(header: str) -> str | None:
    """The role a "Kapacitet <roll>" header names, else ``None``."""
    found = _CAPACITY.match(clean_text(header))
    if found is None:
        return None
    role, known = parse_role(found.group(1))
    return role if known and role != PLACEMENT else None


def claims_column(table: str, header: str) -> bool:
    """Whether this module reads ``header`` of ``table`` (so it is not an unknown column)."""
    if table == "mentors":
        # The role list itself is the mentor-type column (vocabulary): only capacities here.
        return role_capacity_column(header) is not None
    if table == "adepts":
        return word_key(header) in _NEEDS
    return False


def apply_role_columns(
    programme: Programme, raws: dict[str, RawTable]
) -> tuple[Programme, list[Problem]]:
    """``programme`` with the role columns of ``raws`` applied, and every problem found."""
    problems: list[Problem] = []
    mentors = list(programme.mentors)
    adepts = list(programme.adepts)
    raw = raws.get("mentors")
    if raw is not None and raw.height == len(mentors):
        for i, mentor in enumerate(mentors):
            roles, found = _mentor_roles(raw, i, mentor.capacity)
            problems += found
            if roles:
                mentors[i] = dataclasses.replace(mentor, roles=roles, mentor_type=roles[0][0])
    raw = raws.get("adepts")
    if raw is not None and raw.height == len(adepts):
        needs_header = next((h for h in raw.headers if word_key(h) in _NEEDS), None)
        if needs_header is not None:
            for i, adept in enumerate(adepts):
                needs, found = _roles_in(raw, i, needs_header)
                problems += found
                if needs:
                    adepts[i] = dataclasses.replace(adept, needs=needs)
    if not problems and mentors == list(programme.mentors) and adepts == list(programme.adepts):
        return programme, []
    return dataclasses.replace(programme, adepts=tuple(adepts), mentors=tuple(mentors)), problems


def _roles_in(raw: RawTable, i: int, header: str) -> tuple[tuple[str, ...], list[Problem]]:
    """The role keys listed in one cell, in order without repeats, and unknown-word warnings."""
    text = raw.frame[header][i]
    out: list[str] = []
    problems = []
    for item in split_items(text):
        key, known = parse_role(item)
        if not known:
            problems.append(
                warning(
                    raw.file,
                    *texts("role.unknown_word", role=quoted(item)),
                    row=raw.row_numbers[i],
                    column=header,
                    value=item,
                )
            )
        if key and key not in out:
            out.append(key)
    return tuple(out), problems


def _mentor_roles(
    raw: RawTable, i: int, capacity: int
) -> tuple[tuple[tuple[str, int], ...], list[Problem]]:
    """One mentor's (role, capacity) pairs; empty when the row says nothing about roles."""
    problems: list[Problem] = []
    listed: tuple[str, ...] = ()
    list_header = next((h for h in raw.headers if word_key(h) in _ROLE_LIST), None)
    if list_header is not None:
        listed, _unknown = _roles_in(raw, i, list_header)  # the mentor-type column warns
        listed = tuple(k for k in listed if k != PLACEMENT)
    seats: dict[str, int] = {}
    for header in raw.headers:
        role = role_capacity_column(header)
        if role is None:
            continue
        text = clean_text(raw.frame[header][i])
        if is_blank(text):
            continue
        compact = text.replace(" ", "")
        if not re.fullmatch(r"\d+(?:[.,]0+)?", compact):
            problems.append(
                error(
                    raw.file,
                    *texts("role.bad_capacity", value=quoted(text)),
                    row=raw.row_numbers[i],
                    column=header,
                    value=text,
                )
            )
            continue
        seats[role] = int(re.split(r"[.,]", compact)[0])
    if not seats and len(listed) <= 1:
        return (), problems
    for role in listed:
        seats.setdefault(role, capacity)
    order = [*listed, *(r for r in seats if r not in listed)]
    return tuple((r, seats[r]) for r in order if seats[r] > 0), problems

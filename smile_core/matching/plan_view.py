"""The plan as a coordinator pages through it at 1,000+ adepts: filters, sorting, pages,
ranked mentor choices and refusals that name the row and the rule.

- :class:`PlanView` and :func:`view_rows`: search, workplace, gender, score range and
  "unmatched only" filters over the plan's rows (pairs and adepts without a mentor), a sort
  that reads numbers in text as numbers ("Workplace 2" before "Workplace 10"), and one page.
- :func:`natural_key`: that numeric-aware sort key.
- :func:`mentor_choices`: every mentor for one adept, the allowed ones first, each group best
  score first, with room and a label for a select box.
- :func:`refusal_lines`: a refused edit's violations, each naming the edited row and the rule.
- :func:`page_of`: one page of any frame (e.g. the workplaces of a chart).

No Streamlit here: the pages draw the widgets and call these.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from smile_core.ingest.participants import AdeptId, MentorId, Programme
from smile_core.matching.plan import Plan

#: Sort orders of :class:`PlanView`: the plan's own order, or by a column.
SORTS: tuple[str, ...] = ("plan", "adept", "workplace", "mentor", "score_desc", "score_asc")
#: Rows per page unless a view says otherwise.
PAGE_SIZE = 50

_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str | None) -> tuple[tuple[int, int | str], ...]:
    """A sort key that reads runs of digits as numbers and ignores case: "Workplace 2" sorts
    before "Workplace 10", and "w9" before "W10". ``None`` sorts like an empty text."""
    parts = _DIGITS.split((text or "").casefold())
    # (0, number) and (1, text) never compare a number with a text.
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts if part)


@dataclass(frozen=True)
class PlanView:
    """What the coordinator asked to see of the plan: filters, sort and page (1-based).

    ``search`` matches the adept's or mentor's id or name (case ignored, plain text);
    ``workplaces`` and ``genders`` (the adept's gender code) keep rows with one of the values
    (empty = all); ``score_min``/``score_max`` keep pairs scored in that range (adepts without
    a mentor only while the range is the full 0–100); ``unmatched_only`` keeps only adepts
    without a mentor.
    """

    search: str = ""
    workplaces: tuple[str, ...] = ()
    genders: tuple[str, ...] = ()
    score_min: float = 0.0
    score_max: float = 100.0
    unmatched_only: bool = False
    sort: str = "plan"
    page: int = 1
    page_size: int = PAGE_SIZE

    def signature(self) -> str:
        """A short text that differs between views showing different rows in different places:
        empty for the default view (the first page of the whole plan, in plan order)."""
        if self == PlanView(page_size=self.page_size) and self.page_size == PAGE_SIZE:
            return ""
        return f"v{abs(hash(self)) % 10**10}"


@dataclass(frozen=True)
class ViewPage:
    """One page of a view: its ``rows``, how many rows the filters kept (``total``), and the
    ``page`` shown (clamped to 1..``pages``)."""

    rows: pl.DataFrame
    total: int
    page: int
    pages: int


def view_rows(rows: pl.DataFrame, view: PlanView) -> ViewPage:
    """Filter, sort and page ``rows`` (the plan editor's rows: ``adept_id``, ``adept_name``,
    ``mentor_id`` (null for an adept without a mentor), ``mentor_name``, ``workplace_name``,
    ``score`` and optionally ``adept_gender``) as ``view`` says.

    Sorting is stable and numeric-aware (:func:`natural_key`); rows without a value (no mentor,
    no score) come last. A page past the end shows the last page.
    """
    condition = pl.lit(True)
    needle = view.search.strip().casefold()
    if needle:
        text = [
            pl.col(c).fill_null("").str.to_lowercase().str.contains(needle, literal=True)
            for c in ("adept_id", "adept_name", "mentor_id", "mentor_name")
        ]
        condition &= pl.any_horizontal(text)
    if view.workplaces:
        condition &= pl.col("workplace_name").is_in(list(view.workplaces))
    if view.genders and "adept_gender" in rows.columns:
        condition &= pl.col("adept_gender").is_in(list(view.genders))
    if view.unmatched_only:
        condition &= pl.col("mentor_id").is_null()
    if view.score_min > 0 or view.score_max < 100:
        condition &= pl.col("score").is_between(view.score_min, view.score_max).fill_null(False)
    kept = rows.filter(condition)
    kept = _sorted(kept, view.sort)
    pages = max(1, math.ceil(kept.height / view.page_size))
    page = min(max(1, view.page), pages)
    return ViewPage(
        kept.slice((page - 1) * view.page_size, view.page_size), kept.height, page, pages
    )


def _sorted(rows: pl.DataFrame, sort: str) -> pl.DataFrame:
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; expected one of {SORTS}")
    if sort == "plan" or rows.is_empty():
        return rows
    if sort in ("score_desc", "score_asc"):
        return rows.sort(
            "score", descending=sort == "score_desc", nulls_last=True, maintain_order=True
        )
    column = {"adept": "adept_name", "workplace": "workplace_name", "mentor": "mentor_name"}[sort]
    values = rows[column].to_list()
    # Blank values last, then numbers in text as numbers; sorted() is stable.
    order = sorted(range(len(values)), key=lambda i: (not values[i], natural_key(values[i])))
    return rows[order]


def page_of(frame: pl.DataFrame, page: int, page_size: int) -> tuple[pl.DataFrame, int, int]:
    """``(rows, page, pages)``: page ``page`` (1-based, clamped) of ``frame`` in its order."""
    pages = max(1, math.ceil(frame.height / page_size))
    page = min(max(1, page), pages)
    return frame.slice((page - 1) * page_size, page_size), page, pages


def natural_order(values: Iterable[str]) -> list[str]:
    """The distinct non-blank ``values`` in numeric-aware order (a filter's options)."""
    return sorted({v for v in values if v}, key=natural_key)


# --------------------------------------------------------------------------- mentor choices

_CHOICE_SCHEMA: dict[str, pl.DataType] = {
    "mentor_id": pl.String(),
    "mentor_name": pl.String(),
    "score": pl.Float64(),
    "allowed": pl.Boolean(),
    "load": pl.Int64(),
    "capacity": pl.Int64(),
    "has_room": pl.Boolean(),
    "current": pl.Boolean(),
}


def mentor_choices(
    scores: pl.DataFrame, programme: Programme, adept_id: AdeptId, plan: Plan | None = None
) -> pl.DataFrame:
    """Every mentor of ``programme`` as a choice for ``adept_id``: the pairs the matching rules
    allow first, then the others, each group best score first (ties by mentor id, numeric-aware).

    Columns of ``_CHOICE_SCHEMA``: ``score`` (null when the pair was not scored), ``allowed``,
    ``load`` (the mentor's other adepts in ``plan``), ``capacity``, ``has_room`` (the mentor
    and the mentor's workplace can take this adept) and ``current`` (the adept's mentor now).
    """
    plan = plan or Plan()
    others = [p for p in plan.pairs if p.adept_id != adept_id]
    mentor_load = Counter(p.mentor_id for p in others)
    workplace_of = {m.id: m.workplace_id for m in programme.mentors}
    workplace_load = Counter(workplace_of.get(p.mentor_id, "") for p in others)
    current = plan.mentor_of.get(adept_id)
    mine = scores.filter(pl.col("adept_id") == adept_id).select("mentor_id", "score", "allowed")
    scored = {m: (s, ok) for m, s, ok in mine.iter_rows()}
    rows = []
    for mentor in programme.mentors:
        score, ok = scored.get(mentor.id, (None, False))
        workplace = programme.workplace_by_id.get(mentor.workplace_id)
        load = mentor_load[mentor.id]
        room = load < mentor.capacity and (
            workplace is None or workplace_load[mentor.workplace_id] < workplace.capacity
        )
        rows.append(
            (
                mentor.id,
                mentor.name,
                score,
                bool(ok),
                load,
                mentor.capacity,
                room,
                mentor.id == current,
            )
        )
    frame = pl.DataFrame(rows, schema=_CHOICE_SCHEMA, orient="row")
    order = sorted(
        range(frame.height),
        key=lambda i: (
            not rows[i][3],
            -(rows[i][2] if rows[i][2] is not None else -1.0),
            natural_key(rows[i][0]),
        ),
    )
    return frame[order]


# --------------------------------------------------------------------------- refusals


def refusal_lines(
    violations: Sequence[object],
    row_of_adept: Mapping[AdeptId, int],
    new_mentor_of: Mapping[AdeptId, MentorId | None],
    rule_names: Mapping[str, str],
    row_word: str,
    lang: str,
) -> list[str]:
    """Each blocking violation as "<row_word> 3 · <rule>: <what is wrong>".

    ``violations`` are :class:`~smile_core.workflows.edit_checks.EditViolation` with ``rule``,
    ``blocking``, ``text(lang)`` and the facts of the check (``facts``: adept ``a``,
    mentor ``m``). The row is the edited row (1-based number as on screen, from
    ``row_of_adept``) of the adept the violation names, else of the edit that gave the named
    mentor a new adept (``new_mentor_of``); a violation no edited row explains has no row.
    ``rule_names`` words each rule (a rule without a name is shown by its code).
    """
    lines = []
    for violation in violations:
        if not violation.blocking:
            continue
        facts = dict(getattr(violation, "facts", ()) or ())
        rows = []
        if facts.get("a") in row_of_adept:
            rows = [row_of_adept[facts["a"]]]
        elif "m" in facts:
            rows = sorted(
                row_of_adept[a]
                for a, m in new_mentor_of.items()
                if m == facts["m"] and a in row_of_adept
            )
        rule = rule_names.get(violation.rule, violation.rule)
        where = f"{row_word} {', '.join(str(r) for r in rows)} · " if rows else ""
        lines.append(f"{where}{rule}: {violation.text(lang)}")
    return lines


@dataclass(frozen=True)
class PageSlice:
    """Which rows a page holds: rows ``first``–``last`` (1-based) of ``total``, page ``page``
    of ``pages`` (0 pages when there is nothing to show)."""

    first: int
    last: int
    total: int
    page: int
    pages: int


def workplace_page_of(
    workplaces: pl.DataFrame, page: int, page_size: int
) -> tuple[pl.DataFrame, PageSlice]:
    """One page of ``workplaces`` (a frame with ``workplace_name`` and ``workplace_id``, e.g.
    :func:`smile_core.matching.pair_views.capacity_use`'s), sorted by name reading numbers as
    numbers ("Arbetsplats 2" before "Arbetsplats 10"; the id breaks ties). ``page`` is clamped."""
    if workplaces.is_empty():
        return workplaces, PageSlice(0, 0, 0, 1, 0)
    names = workplaces["workplace_name"].to_list()
    ids = workplaces["workplace_id"].to_list()
    order = sorted(range(len(names)), key=lambda i: (natural_key(names[i]), natural_key(ids[i])))
    rows, page, pages = page_of(workplaces[order], page, page_size)
    first = (page - 1) * page_size + 1
    return rows, PageSlice(first, first + rows.height - 1, workplaces.height, page, pages)


# --------------------------------------------------------------------------- pair lookups


@dataclass(frozen=True)
class PairIndex:
    """Where a pair's row lies in a score frame laid out as
    :func:`smile_core.matching.scoring.score_pairs` lays it out (each adept's rows together, mentors
    in the same order within each adept), so a few thousand pairs are found by position instead
    of a join over every pair (17.5 million rows at 5,000 adepts: about a second per join).

    :meth:`rows` checks every row it finds by its ids and looks up the rest by a join, so a
    frame laid out otherwise (sparse candidates, another order) gives the same answer, only
    slower.
    """

    offsets: Mapping[AdeptId, tuple[int, int]]
    positions: Mapping[MentorId, int]

    @classmethod
    def of(cls, scores: pl.DataFrame) -> PairIndex:
        """The index of ``scores`` (columns ``adept_id`` and ``mentor_id``)."""
        if scores.is_empty():
            return cls({}, {})
        runs = scores.select(pl.col("adept_id").rle()).unnest("adept_id")
        lengths, adepts = runs["len"].to_list(), runs["value"].to_list()
        starts = [0]
        for length in lengths[:-1]:
            starts.append(starts[-1] + length)
        offsets = dict(zip(adepts, zip(starts, lengths, strict=True), strict=True))
        first = scores["mentor_id"].head(lengths[0]).to_list()
        return cls(offsets, {m: i for i, m in enumerate(first)})

    def rows(self, scores: pl.DataFrame, keys: Iterable[tuple[AdeptId, MentorId]]) -> pl.DataFrame:
        """The rows of ``scores`` for the pairs ``keys`` (each at most once; pairs not in
        ``scores`` are left out), in no particular order."""
        wanted = pl.DataFrame(
            list(dict.fromkeys(keys)),
            schema={"adept_id": pl.String, "mentor_id": pl.String},
            orient="row",
        )
        guesses = []
        for adept_id, mentor_id in wanted.iter_rows():
            start, length = self.offsets.get(adept_id, (0, 0))
            position = self.positions.get(mentor_id, length)
            if position < length and start + position < scores.height:
                guesses.append(start + position)
        found = scores[guesses].join(wanted, on=["adept_id", "mentor_id"], how="semi")
        if found.height == wanted.height:
            return found
        missing = wanted.join(found, on=["adept_id", "mentor_id"], how="anti")
        rest = scores.join(missing, on=["adept_id", "mentor_id"], how="semi")
        return pl.concat([found, rest])

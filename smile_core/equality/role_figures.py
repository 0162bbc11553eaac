"""Equality by role for the steering group: per role (and the placement) and gender, how many
adepts need it, how many have it and the share — suppressed (issue 10).

The coordinator's Matching and Pairs pages show these counts in full
(:func:`smile_core.matching.role_view.role_gender_table`); a steering group reads them only
from here. The rules are those of :mod:`smile_core.equality.figures`:

- **Gender rows** are the rows of :func:`~smile_core.equality.figures.adept_figures` (small
  categories merged into "other or not given"), with a last row for everyone.
- **Groups.** The adepts of a gender row who need a role are a group: hidden when it counts 1
  to ``min_count - 1`` (and then how many of them have the role too). A 0 is hidden when the
  gender row itself is that small. Within a group of at least ``min_count`` the split is
  shown, even when few or none have the role (group disclosure, as for matched adepts).
- **Judged together.** These figures describe the same adepts as the report's and the
  Equality page's figures by gender and workplace. So they are protected in one
  :class:`~smile_core.equality.suppression.LinkedCells` with them: the atoms are the adepts
  by gender row, place (the mentor's workplace in the one-mentor plan) and state in each role
  (had it, needed it but had nobody, did not need it). Those figures' release is fixed (what
  they show is public, what they hide stays hidden), and only figures by role are hidden
  besides, by least information lost, until no hidden figure can be narrowed below three
  values. The one-mentor plan's pairs are the main role's: that link is given to the
  attacker as a public figure (its true count of adepts where they differ), so the
  protection never relies on the attacker not knowing it.
- **Share** is shown only when both its counts are and at least ``min_count`` need the role.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Hashable, Iterable
from functools import lru_cache

import polars as pl

from smile_core.equality.figures import (
    NO_WORKPLACE,
    UNPLACED,
    AdeptFigures,
    adept_places,
    protected_figures,
    workplaces_judged,
)
from smile_core.equality.metrics import MAIN_GENDERS
from smile_core.equality.suppression import (
    DEFAULT_MIN_COUNT,
    PROTECTION_VALUES,
    LinkedCells,
    check_min_count,
    feasible_ranges,
    protect,
    range_values,
)
from smile_core.ingest.participants import Programme
from smile_core.matching.plan import Plan
from smile_core.matching.role_plan import RolePlan
from smile_core.matching.roles import PLACEMENT
from smile_core.matching.solver.role_parts import main_role

#: An adept's state in one column of a plan with roles.
HAD, MISSING, NOT_NEEDED = 0, 1, 2

_COST_MAIN, _COST_TOTAL, _COST_SMALL = 1000.0, 100.0, 10.0

#: The columns of :func:`role_gender_figures`, in order.
ROLE_FIGURE_SCHEMA: dict[str, pl.DataType] = {
    "column": pl.String(),
    "column_order": pl.Int64(),
    "gender": pl.String(),
    "needed": pl.Int64(),
    "filled": pl.Int64(),
    "share": pl.Float64(),
    "needed_suppressed": pl.Boolean(),
    "filled_suppressed": pl.Boolean(),
    "share_suppressed": pl.Boolean(),
}


def report_roles(roles: RolePlan, plan: Plan | None) -> RolePlan:
    """``roles`` with its main role's pairs replaced by ``plan``'s when they differ (the
    coordinator's hand edits of the one-mentor plan), so figures by role and by gender
    describe the same plan."""
    if plan is None:
        return roles
    main = main_role(roles.setup)
    edited = {p.key for p in plan.pairs}
    current = {(p.adept_id, p.mentor_id) for p in roles.pairs if p.role == main}
    return roles if edited == current else roles.with_pairs_of(main, sorted(edited))


def _states(roles: RolePlan) -> dict[str, tuple[int, ...]]:
    """Each adept's state (:data:`HAD`, :data:`MISSING`, :data:`NOT_NEEDED`) per column of
    ``roles``. Only needed roles are filled in a valid plan (the role checks say so); a
    filled role an adept does not need counts as not needed."""
    needs = dict(roles.needs)
    have = {(p.adept_id, PLACEMENT) for p in roles.placements}
    have |= {(p.adept_id, p.role) for p in roles.pairs}
    out = {}
    for adept, needed in needs.items():
        out[adept] = tuple(
            (HAD if (adept, c) in have else MISSING) if c in needed else NOT_NEEDED
            for c in roles.columns
        )
    return out


def role_gender_figures(
    programme: Programme,
    plan: Plan,
    roles: RolePlan,
    *,
    min_count: int = DEFAULT_MIN_COUNT,
) -> pl.DataFrame:
    """Per column of ``roles`` (placement first, then each role) and gender row (null:
    everyone): ``needed`` (adepts needing it), ``filled`` (of them, those who have it) and
    ``share`` (0–1), each null where hidden, with its ``_suppressed`` flag (rules in the
    module doc). ``plan`` is the one-mentor plan the other figures describe: its pairs are
    taken as the main role's (:func:`report_roles`). Rows of a gender nobody needs the column in
    are left out when the gender row is shown, as on the Matching page."""
    check_min_count(min_count)
    roles = report_roles(roles, plan)  # the same plan as the figures by gender, always
    states = _states(roles)
    columns = roles.columns
    judged = workplaces_judged(programme)
    workplaces = tuple(w.id for w in programme.workplaces) if judged else ()
    people = []
    for adept, gender, place in adept_places(programme, plan):
        if not judged and place != UNPLACED:
            place = NO_WORKPLACE  # as adept_figures judges a programme with many workplaces
        people.append((gender, place, states.get(adept, (NOT_NEEDED,) * len(columns))))
    main = columns.index(main_role(roles.setup)) if roles.setup.keys else None
    groups, true, hidden = _protected(
        tuple(sorted(people)), workplaces, len(columns), main, min_count
    )
    rows = []
    for c, column in enumerate(columns):
        for g in (*groups, None):
            needed_key, filled_key = ("role", c, "needed", g), ("role", c, "filled", g)
            needed = None if needed_key in hidden else true[needed_key]
            filled = None if filled_key in hidden else true[filled_key]
            if needed == 0 and g is not None:
                continue  # nobody of this gender needs it: no row, as on the Matching page
            share_shown = needed is not None and filled is not None and needed >= min_count
            rows.append(
                {
                    "column": column,
                    "column_order": c,
                    "gender": g,
                    "needed": needed,
                    "filled": filled,
                    "share": filled / needed if share_shown else None,  # type: ignore[operator]
                    "needed_suppressed": needed is None,
                    "filled_suppressed": filled is None,
                    "share_suppressed": not share_shown and true[needed_key] > 0,
                }
            )
    return pl.DataFrame(rows, schema=ROLE_FIGURE_SCHEMA)


#: The most columns (placement and roles) whose figures by role are protected exactly; see
#: :func:`_protected` for what happens beyond.
EXACT_COLUMNS = 4


@lru_cache(maxsize=32)
def _protected(
    people: tuple[tuple[str, str, tuple[int, ...]], ...],
    workplaces: tuple[str, ...],
    width: int,
    main: int | None,
    min_count: int,
) -> tuple[tuple[str, ...], dict[Hashable, int], frozenset[Hashable]]:
    """The protection of :func:`role_gender_figures` from (gender, place, states) per adept:
    the gender rows, every figure's true value and the hidden figures. Cached, since a
    report asked for again (another language, a second click) judges the same people."""
    base = protected_figures(((g, p) for g, p, _s in people), workplaces, min_count)
    linked, true = _linked(base, people, width, main)
    groups = base.groups

    def small(key: Hashable) -> bool:
        return 0 < true[key] < min_count

    primary: set[Hashable] = set()
    for c in range(width):
        for g in (*groups, None):
            needed, filled = ("role", c, "needed", g), ("role", c, "filled", g)
            row_hidden = base.shown[("applicants", g)] is None
            if small(needed) or (true[needed] == 0 and row_hidden):
                primary |= {needed, filled}
    # The figures by gender (and workplace) are already released: keep what they show public
    # and what they hide hidden; only figures by role may be hidden besides.
    public = {k for k, v in base.shown.items() if v is not None and k in linked.cells}
    primary |= {k for k, v in base.shown.items() if v is None and k in linked.cells}
    if ("link",) in linked.cells:
        public.add(("link",))
    cost = {
        k: (_COST_TOTAL if k[3] is None else _COST_MAIN if k[3] in MAIN_GENDERS else _COST_SMALL)
        + true[k] / 1000
        for k in linked.cells
        if k[0] == "role"
    }
    role_keys = [k for k in linked.cells if k[0] == "role"]
    if width > EXACT_COLUMNS and any(k[0] == "role" for k in primary):
        # The linked cells grow as 3 ** columns (each adept had / missed / did not need each
        # column): measured with 3 non-binary adepts, 5 columns took 15 s and 7 took 200 s
        # on a page. Beyond EXACT_COLUMNS, with something to protect, every figure by role
        # is hidden by rule: nothing by role is shown, so nothing can be worked out.
        return groups, true, frozenset(primary | set(role_keys))
    hidden = protect(linked, primary, cost=cost, public=public)
    # The engine gives a figure up when its time-limited cover finds no choice; then hide
    # more by rule (every total by role, then every figure by role) until the exact audit
    # finds no hidden figure narrowed below what the public figures alone leave it.
    for more in ([k for k in role_keys if k[3] is None], role_keys):
        if not _exposed(linked, hidden, public):
            break
        hidden = protect(linked, primary | hidden | set(more), cost=cost, public=public)
    return groups, true, frozenset(hidden)


def _exposed(linked: LinkedCells, hidden: set[Hashable], public: set[Hashable]) -> bool:
    """Whether an attacker with every published figure narrows some hidden one below
    :data:`PROTECTION_VALUES` values and below its range from the public figures alone."""
    published = {k: linked.value(k) for k in linked.cells if k not in hidden}
    known = {k: linked.value(k) for k in public}
    for key, (low, high) in feasible_ranges(linked, published, sorted(hidden, key=str)).items():
        if range_values(low, high) >= PROTECTION_VALUES:
            continue
        if range_values(low, high) < range_values(*feasible_ranges(linked, known, [key])[key]):
            return True
    return False


def _linked(
    base: AdeptFigures,
    people: Iterable[tuple[str, str, tuple[int, ...]]],
    width: int,
    main: int | None,
) -> tuple[LinkedCells, dict[Hashable, int]]:
    """The figures by gender and workplace of ``base`` and the figures by role, as sums of
    atoms (one per base atom and combination of states), with their true values."""
    combos = list(itertools.product((HAD, MISSING, NOT_NEEDED), repeat=width))
    index = {combo: i for i, combo in enumerate(combos)}
    size = len(combos)
    counts = Counter(base.atom(g, p) * size + index[s] for g, p, s in people)
    atoms = tuple(counts[i] for i in range(len(base.linked.atoms) * size))
    cells: dict[Hashable, tuple[int, ...]] = {
        key: tuple(b * size + i for b in members for i in range(size))
        for key, members in base.linked.cells.items()
    }
    row_of = {g: set(base.linked.cells[("applicants", g)]) for g in (*base.groups, None)}
    for c in range(width):
        for g, members in row_of.items():
            cells[("role", c, "needed", g)] = tuple(
                b * size + i
                for b in sorted(members)
                for i, s in enumerate(combos)
                if s[c] != NOT_NEEDED
            )
            cells[("role", c, "filled", g)] = tuple(
                b * size + i for b in sorted(members) for i, s in enumerate(combos) if s[c] == HAD
            )
    # What an attacker may know: the one-mentor plan's pairs are the main role's. Its true
    # value (adepts where plan and main role differ; 0 unless the plan is inconsistent).
    if main is not None:
        unplaced = {base.atom(g, UNPLACED) for g in base.groups}
        cells[("link",)] = tuple(
            b * size + i
            for b in range(len(base.linked.atoms))
            for i, s in enumerate(combos)
            if (b in unplaced) == (s[main] == HAD)
        )
    linked = LinkedCells(atoms, cells)
    return linked, {k: linked.value(k) for k in cells}


#: The figures of an outcomes-by-role table, hidden together by :func:`protect_role_outcomes`.
_OUTCOME_FIGURES = (
    "n",
    "share",
    "group_total",
    "in_work_n",
    "in_work_rate",
    "qualified_n",
    "qualified_rate",
)


def protect_role_outcomes(
    rates: pl.DataFrame,
    programme: Programme,
    plan: Plan,
    roles: RolePlan,
    column: str,
    *,
    min_count: int = DEFAULT_MIN_COUNT,
) -> pl.DataFrame:
    """``rates`` (:func:`~smile_core.outcomes.outcome_figures.outcome_rates` by ``column`` of
    ``roles``) with every count, share and rate hidden when the equality figures by role hide
    anything in that column.

    The outcomes groups (had it / needed it, had nobody / did not need it) are the same
    people as the equality figures' "filled" and "needed" totals whenever everyone has a
    follow-up: "had a placement: 33" next to a hidden "all: 33 filled" gave away the small
    group's count by subtraction (found by review, 3 non-binary adepts). Protecting the two
    tables as one set of linked cells would keep more; until then the column's outcomes are
    withheld, never shown beside figures they could complete."""
    figures = role_gender_figures(programme, plan, roles, min_count=min_count)
    mine = figures.filter(pl.col("column") == column)
    flags = ("needed_suppressed", "filled_suppressed", "share_suppressed")
    if not mine.select(pl.any_horizontal(*flags).any()).item():
        return rates
    return rates.with_columns(
        *(pl.lit(None, dtype=rates.schema[name]).alias(name) for name in _OUTCOME_FIGURES),
        *(pl.lit(True).alias(f"{name}_suppressed") for name in _OUTCOME_FIGURES),
    )

"""An independent oracle for the lifted (leximin) plans: a MILP solved by HiGHS (scipy).

Shares no code with the engine's flows or CP-SAT model; it trusts only the scoring (the
candidate pairs and their scores, via :func:`instances.candidates`). Stages, each fixed before
the next: the sum of the k lowest group rates for k = 1.. (leximin over the constrained
gender groups and, when anyone is outside them, one "other" group), the number matched
(coverage priority), the total score.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
from instances import candidates
from scipy.optimize import Bounds, LinearConstraint
from scipy.optimize import milp as _highs_milp
from scipy.sparse import lil_matrix

from smile_core.ingest.participants import Programme
from smile_core.matching.settings import MatchSettings, Priority

#: A sparse row of a MILP: (coefficient by variable index, lower bound, upper bound).
Row = tuple[dict[int, float], float, float]


def _linear_rows(rows: list[Row], n_vars: int) -> LinearConstraint:
    """Sparse rows ``(coefficients by variable, lower, upper)`` as one scipy constraint."""
    matrix = lil_matrix((len(rows), n_vars))
    for r, (row, _, _) in enumerate(rows):
        for i, v in row.items():
            matrix[r, i] = v
    return LinearConstraint(matrix.tocsr(), [r[1] for r in rows], [r[2] for r in rows])


def milp(*args, options: dict | None = None, **kwargs):
    """scipy's ``milp`` with no relative gap: HiGHS stops by default within 0.01 % of its
    bound (measured: 186,749 on 40 binding adepts, where the engine holds a plan of
    186,750), which is not an optimum to compare an engine's proven plan with."""
    return _highs_milp(*args, options={"mip_rel_gap": 0.0, **(options or {})}, **kwargs)


@dataclass(frozen=True)
class LiftOptimum:
    """The oracle's counts per lifting group (constrained genders, "other"), matched total and
    total score (centi)."""

    counts: dict[str, int]
    matched: int
    total_centi: int


def milp_lift(prog: Programme, settings: MatchSettings) -> LiftOptimum:
    """The lifted optimum for ``prog`` (no locks, forbids or must-match; quality off)."""
    pairs = candidates(prog, settings, (), ())
    keys = sorted(pairs)
    n = len(keys)
    genders = [a.gender.value for a in prog.adepts]
    k = settings.equality.min_group_size
    groups = [g for g in ("woman", "man", "non_binary") if genders.count(g) >= k]
    # Everyone outside the constrained groups is one more group ("other") when there is any.
    label = {a.id: (a.gender.value if a.gender.value in groups else "other") for a in prog.adepts}
    if groups and "other" in label.values():
        groups.append("other")
    sizes = {g: list(label.values()).count(g) for g in groups}
    scale = math.lcm(*(sizes[g] for g in groups)) if groups else 1
    subsets = [s for k in range(1, len(groups) + 1) for s in itertools.combinations(groups, k)]
    levels = len(groups)
    n_vars = n + levels
    gender = label
    rows: list[tuple[dict[int, float], float, float]] = []
    for a in prog.adepts:
        rows.append(({i: 1 for i, k in enumerate(keys) if k[0] == a.id}, -np.inf, 1))
    for m in prog.mentors:
        rows.append(({i: 1 for i, k in enumerate(keys) if k[1] == m.id}, -np.inf, m.capacity))
    for w in prog.workplaces:
        row = {i: 1 for i, k in enumerate(keys) if prog.mentor_by_id[k[1]].workplace_id == w.id}
        rows.append((row, -np.inf, w.capacity))
    for subset in subsets:
        # s_k - sum_{g in subset} (scale / n_g) * M_g <= 0
        row = {n + len(subset) - 1: 1.0}
        for i, k in enumerate(keys):
            g = gender[k[0]]
            if g in subset:
                row[i] = -scale / sizes[g]
        rows.append((row, -np.inf, 0))
    constraints = [_linear_rows(rows, n_vars)]
    var_lo = np.zeros(n_vars)
    var_hi = np.concatenate([np.ones(n), np.full(levels, float(levels * scale))])
    integrality = np.ones(n_vars)
    objectives = []
    for k in range(levels):
        c = np.zeros(n_vars)
        c[n + k] = 1
        objectives.append(c)
    if settings.priority is Priority.COVERAGE:
        objectives.append(np.concatenate([np.ones(n), np.zeros(levels)]))
    objectives.append(np.concatenate([[pairs[k] for k in keys], np.zeros(levels)]))
    x = None
    for c in objectives:
        extra = list(constraints)
        result = milp(
            -c,
            constraints=extra,
            integrality=integrality,
            bounds=Bounds(var_lo, var_hi),
            options={"time_limit": 60},
        )
        assert result.success, result.message
        x = np.round(result.x)
        value = float(c @ x)
        constraints.append(LinearConstraint(c.reshape(1, -1), [value - 1e-6], [np.inf]))
    assert x is not None
    chosen = [keys[i] for i in range(n) if x[i] > 0.5]
    counts = {g: sum(1 for a, _ in chosen if gender[a] == g) for g in groups}
    return LiftOptimum(counts, len(chosen), sum(pairs[k] for k in chosen))


@dataclass(frozen=True)
class MaximinOptimum:
    """The oracle's MAXIMIN stage at fixed counts: the worse-off mean scaled by both counts
    (min(S_w * M_m, S_m * M_w), centipoints) and then the best total score (centi)."""

    worst_scaled: int
    total_centi: int


def milp_maximin(
    prog: Programme, settings: MatchSettings, counts: dict[str, int]
) -> MaximinOptimum:
    """With each group's matched count fixed to ``counts`` (woman, man, and "other" when
    given), maximise the lower of the women's and men's mean scores exactly (as S_w * M_m
    and S_m * M_w), then the total score."""
    pairs = candidates(prog, settings, (), ())
    keys = sorted(pairs)
    n = len(keys)
    gender = {a.id: a.gender.value for a in prog.adepts}
    k = settings.equality.min_group_size
    label = {
        a: (g if sum(1 for v in gender.values() if v == g) >= k and g in counts else "other")
        for a, g in gender.items()
    }
    m_w, m_m = counts["woman"], counts["man"]
    n_vars = n + 1  # the pairs, then z
    rows: list[tuple[dict[int, float], float, float]] = []
    for a in prog.adepts:
        rows.append(({i: 1 for i, key in enumerate(keys) if key[0] == a.id}, -np.inf, 1))
    for m in prog.mentors:
        rows.append(({i: 1 for i, key in enumerate(keys) if key[1] == m.id}, -np.inf, m.capacity))
    for w in prog.workplaces:
        row = {i: 1 for i, key in enumerate(keys) if prog.mentor_by_id[key[1]].workplace_id == w.id}
        rows.append((row, -np.inf, w.capacity))
    for g, c in counts.items():
        rows.append(({i: 1 for i, key in enumerate(keys) if label[key[0]] == g}, c, c))
    # z - S_w * M_m <= 0 and z - S_m * M_w <= 0
    for g, factor in (("woman", m_m), ("man", m_w)):
        row = {i: -pairs[key] * factor for i, key in enumerate(keys) if label[key[0]] == g}
        row[n] = 1
        rows.append((row, -np.inf, 0))
    constraints = [_linear_rows(rows, n_vars)]
    bounds = Bounds(np.zeros(n_vars), np.concatenate([np.ones(n), [1e12]]))
    integrality = np.ones(n_vars)
    stage = np.zeros(n_vars)
    stage[n] = 1
    result = milp(-stage, constraints=constraints, integrality=integrality, bounds=bounds)
    assert result.success, result.message
    worst = round(-result.fun)
    constraints.append(LinearConstraint(stage.reshape(1, -1), [worst - 0.5], [np.inf]))
    total = np.concatenate([[pairs[key] for key in keys], [0]])
    result = milp(-total, constraints=constraints, integrality=integrality, bounds=bounds)
    assert result.success, result.message
    return MaximinOptimum(worst, round(-result.fun))


def milp_strict(prog: Programme, settings: MatchSettings) -> tuple[int, int]:
    """The strict match-rate option's optimum (coverage priority): the most adepts matched with
    every gender group of at least the group limit keeping ``M_g / M >= n_g / N - X / 100``,
    then the best total score (centi). Returns (matched, total score)."""
    pairs = candidates(prog, settings, (), ())
    keys = sorted(pairs)
    n = len(keys)
    genders = {a.id: a.gender.value for a in prog.adepts}
    n_all = len(prog.adepts)
    limit = settings.equality.min_group_size
    groups = [g for g in set(genders.values()) if list(genders.values()).count(g) >= limit]
    shortfall = round(100 * settings.equality.match_rate.max_shortfall_points)
    rows: list[tuple[dict[int, float], float, float]] = []
    for a in prog.adepts:
        rows.append(({i: 1 for i, key in enumerate(keys) if key[0] == a.id}, -np.inf, 1))
    for m in prog.mentors:
        rows.append(({i: 1 for i, key in enumerate(keys) if key[1] == m.id}, -np.inf, m.capacity))
    for w in prog.workplaces:
        row = {i: 1 for i, key in enumerate(keys) if prog.mentor_by_id[key[1]].workplace_id == w.id}
        rows.append((row, -np.inf, w.capacity))
    for g in groups:
        n_g = list(genders.values()).count(g)
        need = 10000 * n_g - shortfall * n_all
        row = {i: 10000 * n_all * (genders[key[0]] == g) - need for i, key in enumerate(keys)}
        rows.append((row, 0, np.inf))
    constraints = [_linear_rows(rows, n)]
    ones = np.ones(n)
    result = milp(-ones, constraints=constraints, integrality=ones, bounds=Bounds(0, 1))
    if not result.success:
        return 0, 0
    matched = round(-result.fun)
    constraints.append(LinearConstraint(ones.reshape(1, -1), [matched - 0.5], [np.inf]))
    score = np.array([pairs[key] for key in keys], dtype=float)
    result = milp(-score, constraints=constraints, integrality=ones, bounds=Bounds(0, 1))
    assert result.success, result.message
    return matched, round(-result.fun)


def milp_gap_target(
    prog: Programme,
    settings: MatchSettings,
    counts: dict[str, int],
    gap_centi: int,
    *,
    relaxed: bool = False,
) -> float | None:
    """The best total score (centi) with each gender's matched count fixed to ``counts``
    (woman, man; everyone else unmatched... free: "other" given in ``counts`` too) and the
    women's and men's mean scores within ``gap_centi`` (|S_w * M_m - S_m * M_w| <=
    gap * M_w * M_m); ``None`` when no plan keeps it. With ``relaxed``, the linear
    relaxation's optimum instead (pairs may be fractions): an upper bound on that best."""
    pairs = candidates(prog, settings, (), ())
    keys = sorted(pairs)
    n = len(keys)
    gender = {a.id: a.gender.value for a in prog.adepts}
    label = {a: (g if g in counts else "other") for a, g in gender.items()}
    m_w, m_m = counts["woman"], counts["man"]
    rows: list[tuple[dict[int, float], float, float]] = []
    for a in prog.adepts:
        rows.append(({i: 1 for i, key in enumerate(keys) if key[0] == a.id}, -np.inf, 1))
    for m in prog.mentors:
        rows.append(({i: 1 for i, key in enumerate(keys) if key[1] == m.id}, -np.inf, m.capacity))
    for w in prog.workplaces:
        row = {i: 1 for i, key in enumerate(keys) if prog.mentor_by_id[key[1]].workplace_id == w.id}
        rows.append((row, -np.inf, w.capacity))
    for g, c in counts.items():
        rows.append(({i: 1 for i, key in enumerate(keys) if label[key[0]] == g}, c, c))
    band = gap_centi * m_w * m_m
    gap_row = {}
    for i, key in enumerate(keys):
        if label[key[0]] == "woman":
            gap_row[i] = pairs[key] * m_m
        elif label[key[0]] == "man":
            gap_row[i] = -pairs[key] * m_w
    rows.append((gap_row, -band, band))
    constraints = [_linear_rows(rows, n)]
    score = np.array([pairs[key] for key in keys], dtype=float)
    result = milp(
        -score,
        constraints=constraints,
        integrality=np.zeros(n) if relaxed else np.ones(n),
        bounds=Bounds(0, 1),
        options={"time_limit": 120},
    )
    if result.status == 2:
        return None
    assert result.status == 0, result.message
    return -result.fun if relaxed else round(-result.fun)


def milp_fewest_missing(prog: Programme, settings: MatchSettings, counts: dict[str, int]) -> int:
    """With each lifting group's matched count fixed to ``counts`` (keys: the constrained
    genders and "other"), the fewest women missing from the workplace mix's share, summed
    over the workplaces with two or more adepts (the rule's own definition, as whole
    percents: ``100 * (women + missing) >= share * placed`` there)."""
    return milp_mix_score(prog, settings, counts, None, score=False)[0]


def milp_mix_score(
    prog: Programme,
    settings: MatchSettings,
    counts: dict[str, int],
    gap_centi: int | None,
    *,
    score: bool = True,
) -> tuple[int, int | None]:
    """With each lifting group's matched count fixed to ``counts`` and, when ``gap_centi`` is
    given, the women's and men's mean scores within it (the gap target kept): the fewest
    women missing from the workplace mix's share (as in :func:`milp_fewest_missing`), then
    the best total score (centi) with no more missing. Returns (fewest, best total; None
    without ``score``)."""
    pairs = candidates(prog, settings, (), ())
    keys = sorted(pairs)
    n = len(keys)
    workplaces = [w.id for w in prog.workplaces]
    n_w = len(workplaces)
    share = round(100 * settings.equality.workplace_mix.min_women_share)
    gender = {a.id: a.gender.value for a in prog.adepts}
    label = {a: (g if g in counts else "other") for a, g in gender.items()}
    at = [prog.mentor_by_id[m].workplace_id for _, m in keys]
    # Variables: the pairs, then per workplace its women missing, then "two or more placed".
    n_vars = n + 2 * n_w
    rows: list[Row] = []
    for a in prog.adepts:
        rows.append(({i: 1 for i, k in enumerate(keys) if k[0] == a.id}, -np.inf, 1))
    for m in prog.mentors:
        rows.append(({i: 1 for i, k in enumerate(keys) if k[1] == m.id}, -np.inf, m.capacity))
    for g, count in counts.items():
        rows.append(({i: 1 for i, k in enumerate(keys) if label[k[0]] == g}, count, count))
    if gap_centi is not None:
        m_w, m_m = counts["woman"], counts["man"]
        gap_row = {}
        for i, (a, _) in enumerate(keys):
            if gender[a] == "woman":
                gap_row[i] = pairs[keys[i]] * m_m
            elif gender[a] == "man":
                gap_row[i] = -pairs[keys[i]] * m_w
        band = gap_centi * m_w * m_m
        rows.append((gap_row, -band, band))
    for j, w in enumerate(workplaces):
        here = [i for i in range(n) if at[i] == w]
        capacity = prog.workplace_by_id[w].capacity
        rows.append((dict.fromkeys(here, 1), -np.inf, capacity))
        rows.append(({**dict.fromkeys(here, 1), n + n_w + j: -2}, 0, np.inf))
        rows.append(({**dict.fromkeys(here, 1), n + n_w + j: -capacity}, -np.inf, 1))
        big = share * capacity
        row = {i: (100 if gender[keys[i][0]] == "woman" else 0) - share for i in here}
        row[n + j] = 100
        row[n + n_w + j] = -big
        rows.append((row, -big, np.inf))
    capacities = [prog.workplace_by_id[w].capacity for w in workplaces]
    bounds = Bounds(np.zeros(n_vars), np.concatenate([np.ones(n), capacities, np.ones(n_w)]))
    missing = np.zeros(n_vars)
    missing[n : n + n_w] = 1
    first = milp(
        missing,
        constraints=[_linear_rows(rows, n_vars)],
        integrality=np.ones(n_vars),
        bounds=bounds,
        options={"time_limit": 60},
    )
    assert first.success, first.message
    fewest = round(first.fun)
    if not score:
        return fewest, None
    rows.append(({n + j: 1 for j in range(n_w)}, -np.inf, fewest))
    totals = np.zeros(n_vars)
    totals[:n] = [-pairs[k] for k in keys]
    second = milp(
        totals,
        constraints=[_linear_rows(rows, n_vars)],
        integrality=np.ones(n_vars),
        bounds=bounds,
        options={"time_limit": 120},
    )
    assert second.success, second.message
    return fewest, round(-second.fun)

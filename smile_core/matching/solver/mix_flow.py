"""The workplace mix target at the lifted counts: the fewest women missing, proven on the class
graph, and a plan that reaches it, by flows.

The mix stage asks only *how many* of each kind of adept each workplace takes, never who with
whom, so it is decided on the class graph of :mod:`.leximin` (adepts of one group with the same
candidate mentors are one class; mentors of one workplace reached by the same classes are one):
a small CP-SAT model over the class-to-class amounts, with the group counts fixed, gives the
fewest women missing over every plan at those counts (any class flow splits into pairs, as
every adept of a class may take every mentor of a reached class). That is a lower bound on the
mix stage, which comes after the quality stage and so has fewer plans to choose from.

A plan that reaches it: the women's amounts are handed out pair by pair (best score first),
and everyone else is placed again by the lifted min-cost flow (:func:`~.leximin.lifted_plan`:
the same count per group, then the best total) with each workplace's seats cut to what its
women carry — at most ``floor(100 * women / share)`` adepts, at least one (a lone adept misses
nobody), and where the class optimum leaves women missing, its own number placed there. The
class optimum's own amounts fit that network, so it has a plan, and every plan of it misses at
most the optimum's number of women.

Measured on 200 binding adepts with the hard wish and a 25 % mix (17,146 pairs): CP-SAT's mix
stage on the pairs, hinted with the lifted plan (8 women missing), improved nothing in 19 s
and proved no bound (0 missing took it 12.8 s with linearization level 2); HiGHS found 0 in
4.5 s.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from smile_core.matching.solver.leximin import Lift, _supply, group_labels, lifted_plan
from smile_core.matching.solver.problem import MatchProblem, restrict
from smile_core.matching.solver.rules import workplace_mix

#: CP-SAT's work (deterministic seconds) for the class model: a few hundred variables, proven in
#: 0.02-0.1 s at 200 binding adepts (25 % and 50 %, with the share by count).
_CLASS_WORK = 1.0
#: Above this many adept × mentor cells the classes are not worked out (the stage is then
#: CP-SAT's on the pairs).
_MAX_CELLS = 20_000_000


@dataclass(frozen=True, eq=False)
class MixOptimum:
    """The fewest women missing from the share at the counts (proven), and a plan that misses
    that many (pair indices, sorted; ``None`` when none was found by flows)."""

    fewest: int
    plan: np.ndarray | None


def fewest_missing(
    problem: MatchProblem, lift: Lift, gain: np.ndarray, bonus: int
) -> MixOptimum | None:
    """The mix target's optimum at ``lift.counts`` (see the module docstring), or ``None``
    when the share is 0, the classes are too many, or CP-SAT did not prove it in its work."""
    share = round(100 * problem.settings.equality.workplace_mix.min_women_share)
    if share <= 0 or problem.n_adepts * max(len(problem.mentor_ids), 1) > _MAX_CELLS:
        return None
    if "woman" not in lift.groups:
        return None  # the women's count is not one the lift fixes
    solved = _class_optimum(problem, lift, share)
    if solved is None:
        return None
    fewest, women_amounts, carried, placed, missing = solved
    seats = np.where(missing > 0, placed, np.maximum(100 * carried // share, 1))
    plan = None
    # The women by the best flow with the optimum's women per workplace, then the rest around
    # them; when that leaves the others no room, the women as the class optimum hands them out.
    by_flow = _women_flow(problem, lift, gain, carried)
    for women in (by_flow, _hand_out(problem, lift, women_amounts)):
        if women is None:
            continue
        plan = place_around(problem, lift, women, gain, bonus, seats)
        if plan is not None:
            break
    return MixOptimum(fewest, plan)


def _women_flow(
    problem: MatchProblem, lift: Lift, gain: np.ndarray, carried: np.ndarray
) -> np.ndarray | None:
    """The best plan of the women alone (their lifted count) with exactly ``carried[w]`` of
    them at each workplace (at most, and the counts add up), with the locked pairs."""
    women = problem.gender_members("woman")
    keep = np.flatnonzero(women[problem.pair_adept] | problem.pair_locked)
    sub = restrict(problem, keep)
    sub = dataclasses.replace(
        sub, workplace_capacity=np.minimum(problem.workplace_capacity, carried)
    )
    counts = {g: (lift.counts[g] if g == "woman" else 0) for g in lift.groups}
    alone = Lift(lift.groups, lift.applicants, counts, lift.alone)
    supply = _supply(sub, lift.groups)
    if not supply.ok or not supply.reach(counts):
        return None
    return keep[lifted_plan(sub, alone, gain[keep], 0).chosen]


@dataclass(frozen=True, eq=False)
class _Classes:
    adept_class: np.ndarray  # per adept: its class, -1 when not free or in no group
    class_group: np.ndarray  # per class: the group's index in lift.groups
    class_size: np.ndarray
    class_must: np.ndarray  # per class: its adepts must be matched
    mentor_class: np.ndarray  # per mentor
    mentor_class_workplace: np.ndarray  # per mentor class (-1: none)
    seats: np.ndarray  # per mentor class: seats left after the locks
    reach: np.ndarray  # adept class × mentor class


def _classes(problem: MatchProblem, lift: Lift) -> _Classes:
    supply = _supply(problem, lift.groups)
    n_a, n_m = problem.n_adepts, len(problem.mentor_ids)
    free = supply.free_adept & (supply.adept_group >= 0)
    pairs = supply.free_pairs[free[problem.pair_adept[supply.free_pairs]]]
    adjacency = np.zeros((n_a, n_m), dtype=bool)
    adjacency[problem.pair_adept[pairs], problem.pair_mentor[pairs]] = True
    must = np.zeros(n_a, dtype=bool)
    must[list(problem.must_match)] = True
    signature = np.concatenate(
        [
            supply.adept_group[:, None].astype(np.int64),
            must[:, None].astype(np.int64),
            np.packbits(adjacency, axis=1).astype(np.int64),
        ],
        axis=1,
    )
    ids = np.flatnonzero(free)
    adept_class = np.full(n_a, -1, dtype=np.int64)
    _, first, inverse = np.unique(signature[ids], axis=0, return_index=True, return_inverse=True)
    adept_class[ids] = inverse.reshape(-1)
    first = ids[first]
    n_c = len(first)
    class_adjacency = adjacency[first]
    workplace = problem.mentor_workplace.astype(np.int64)
    mentor_signature = np.concatenate(
        [workplace[:, None], np.packbits(class_adjacency.T, axis=1).astype(np.int64)], axis=1
    )
    _, mentor_first, mentor_class = np.unique(
        mentor_signature, axis=0, return_index=True, return_inverse=True
    )
    mentor_class = mentor_class.reshape(-1)
    n_mc = len(mentor_first)
    return _Classes(
        adept_class=adept_class,
        class_group=supply.adept_group[first],
        class_size=np.bincount(adept_class[ids], minlength=n_c),
        class_must=must[first],
        mentor_class=mentor_class,
        mentor_class_workplace=workplace[mentor_first],
        seats=np.bincount(mentor_class, weights=supply.mentor_left, minlength=n_mc).astype(
            np.int64
        ),
        reach=class_adjacency[:, mentor_first],
    )


def _class_optimum(
    problem: MatchProblem, lift: Lift, share: int
) -> tuple[int, dict[tuple[int, int], int], np.ndarray, np.ndarray, np.ndarray] | None:
    """CP-SAT on the class amounts: (fewest missing, the women classes' amounts per (adept
    class, mentor class), and per workplace the women, the adepts and the women missing in
    that optimum, locked pairs included)."""
    supply = _supply(problem, lift.groups)
    if not supply.ok:
        return None
    classes = _classes(problem, lift)
    n_w = len(problem.workplace_ids)
    women_group = lift.groups.index("woman") if "woman" in lift.groups else -1
    locked = np.flatnonzero(problem.pair_locked)
    locked_wp = problem.workplace_of(locked)
    locked_women = problem.gender_members("woman")[problem.pair_adept[locked]]
    base_placed = np.bincount(locked_wp[locked_wp >= 0], minlength=n_w)
    base_women = np.bincount(locked_wp[(locked_wp >= 0) & locked_women], minlength=n_w)

    model = cp_model.CpModel()
    amounts: dict[tuple[int, int], cp_model.IntVar] = {}
    for c, k in zip(*np.nonzero(classes.reach), strict=True):
        top = int(min(classes.class_size[c], classes.seats[k]))
        if top > 0:
            amounts[(int(c), int(k))] = model.new_int_var(0, top, "")
    by_class: dict[int, list] = {}
    by_mentor_class: dict[int, list] = {}
    for (c, k), var in amounts.items():
        by_class.setdefault(c, []).append(var)
        by_mentor_class.setdefault(k, []).append(var)
    for c, size in enumerate(classes.class_size):
        taken = sum(by_class.get(c, []))
        if classes.class_must[c]:
            model.add(taken == int(size))
        else:
            model.add(taken <= int(size))
    for k, seats in enumerate(classes.seats):
        model.add(sum(by_mentor_class.get(k, [])) <= int(seats))
    for index, group in enumerate(lift.groups):
        members = [v for (c, _), v in amounts.items() if classes.class_group[c] == index]
        model.add(sum(members) == lift.counts[group] - supply.locked_count[group])
    missing_vars = []
    placed_exprs, women_exprs = [], []
    for w in range(n_w):
        here = [(c, v) for (c, k), v in amounts.items() if classes.mentor_class_workplace[k] == w]
        placed = sum(v for _, v in here) + int(base_placed[w])
        women = sum(v for c, v in here if classes.class_group[c] == women_group) + int(
            base_women[w]
        )
        model.add(placed <= int(problem.workplace_capacity[w]))
        top = int(problem.workplace_capacity[w])
        two_or_more = model.new_bool_var("")
        model.add(placed >= 2).only_enforce_if(two_or_more)
        model.add(placed <= 1).only_enforce_if(~two_or_more)
        missing = model.new_int_var(0, max(top, 0), "")
        model.add(100 * (women + missing) >= share * placed).only_enforce_if(two_or_more)
        model.add(missing == 0).only_enforce_if(~two_or_more)
        if 0 < top <= workplace_mix.MAX_BY_COUNT:
            # The share by count, exact at every whole point (see workplace_mix._by_count):
            # the guarded row alone leaves the relaxation's bound at 0 missing.
            count = [model.new_bool_var("") for _ in range(top + 1)]
            model.add(women + missing >= workplace_mix.needed_by_count(model, placed, count, share))
        missing_vars.append(missing)
        placed_exprs.append(placed)
        women_exprs.append(women)
    model.minimize(sum(missing_vars))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = problem.settings.seed
    solver.parameters.max_deterministic_time = _CLASS_WORK
    if solver.solve(model) != cp_model.OPTIMAL:
        return None
    fewest = round(solver.objective_value)
    if fewest > solver.best_objective_bound + 1e-6:
        return None  # stopped at a gap limit, not proven
    # Among the optimal amounts, those closest to the lifted flow plan's (least moved, in
    # sum): a plan near them keeps most of the flow's score. (Measured on 200 binding
    # adepts: 11,343 points from the first optimum found, 11,6xx from the closest.)
    reference = Counter(
        zip(
            classes.adept_class[problem.pair_adept[lift.chosen]].tolist(),
            classes.mentor_class[problem.pair_mentor[lift.chosen]].tolist(),
            strict=True,
        )
    )
    model.add(sum(missing_vars) == fewest)
    moved = []
    for key, var in amounts.items():
        was = reference.get(key, 0)
        top = int(max(model.proto.variables[var.index].domain[1], was))
        deviation = model.new_int_var(0, top, "")
        model.add(deviation >= var - was)
        model.add(deviation >= was - var)
        moved.append(deviation)
        model.add_hint(var, solver.value(var))
    model.minimize(sum(moved))
    closest = cp_model.CpSolver()
    closest.parameters.num_workers = 1
    closest.parameters.random_seed = problem.settings.seed
    closest.parameters.max_deterministic_time = _CLASS_WORK
    if closest.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        solver = closest
    women_amounts = {
        key: int(solver.value(var))
        for key, var in amounts.items()
        if classes.class_group[key[0]] == women_group and solver.value(var) > 0
    }
    carried = np.array([solver.value(e) for e in women_exprs], dtype=np.int64)
    placed = np.array([solver.value(e) for e in placed_exprs], dtype=np.int64)
    missing = np.array([solver.value(v) for v in missing_vars], dtype=np.int64)
    return fewest, women_amounts, carried, placed, missing


def _hand_out(
    problem: MatchProblem, lift: Lift, amounts: dict[tuple[int, int], int]
) -> np.ndarray | None:
    """Pairs for the women classes' ``amounts`` (plus the locked pairs): best score first,
    then whatever is left. Always possible (every adept of a class may take every mentor of a
    reached class, and the amounts keep the class sizes and the seats), so ``None`` only if
    that reasoning fails."""
    classes = _classes(problem, lift)
    locked = np.flatnonzero(problem.pair_locked)
    left = dict(amounts)
    adept_used = np.zeros(problem.n_adepts, dtype=bool)
    adept_used[problem.pair_adept[locked]] = True
    mentor_left = problem.mentor_capacity - np.bincount(
        problem.pair_mentor[locked], minlength=len(problem.mentor_ids)
    )
    pair_class = classes.adept_class[problem.pair_adept]
    pair_mentor_class = classes.mentor_class[problem.pair_mentor]
    n_mc = len(classes.seats)
    quota = np.zeros(len(classes.class_size) * n_mc, dtype=bool)
    for c, k in left:
        quota[c * n_mc + k] = True
    in_class = (pair_class >= 0) & ~problem.pair_locked
    candidates = np.flatnonzero(in_class)
    candidates = candidates[quota[pair_class[candidates] * n_mc + pair_mentor_class[candidates]]]
    order = candidates[np.argsort(-problem.pair_value[candidates], kind="stable")]
    chosen = list(locked)
    for p in order:
        a, m = int(problem.pair_adept[p]), int(problem.pair_mentor[p])
        key = (int(pair_class[p]), int(pair_mentor_class[p]))
        if left[key] == 0 or adept_used[a] or mentor_left[m] == 0:
            continue
        left[key] -= 1
        adept_used[a] = True
        mentor_left[m] -= 1
        chosen.append(p)
    if any(left.values()):
        return None
    return np.sort(np.array(chosen, dtype=np.int64))


def place_around(
    problem: MatchProblem,
    lift: Lift,
    fixed: np.ndarray,
    gain: np.ndarray,
    bonus: int,
    seats: np.ndarray,
) -> np.ndarray | None:
    """The best plan (by ``gain``, ``bonus`` per matched adept) with ``lift.counts`` per group
    that keeps the women's pairs in ``fixed`` (and every locked pair) and places everyone else
    with at most ``seats[w]`` adepts in all at each workplace; ``None`` when there is none."""
    fixed = np.asarray(fixed, dtype=np.int64)
    women = problem.gender_members("woman")[problem.pair_adept]
    in_fixed = np.zeros(problem.n_pairs, dtype=bool)
    in_fixed[fixed] = True
    labels = np.array(group_labels(problem))
    # The fixed women keep their pairs (as locks); no other woman's pair is a candidate, so
    # the women's count is the fixed plan's.
    keep = np.flatnonzero(~women | in_fixed)
    sub = restrict(problem, keep)
    sub = dataclasses.replace(
        sub,
        pair_locked=sub.pair_locked | (women[keep] & in_fixed[keep]),
        workplace_capacity=np.minimum(problem.workplace_capacity, seats),
    )
    if (
        "woman" in lift.groups
        and int((labels[problem.pair_adept[fixed]] == "woman").sum()) != (lift.counts["woman"])
    ):
        return None
    supply = _supply(sub, lift.groups)
    if not supply.ok or not supply.reach(lift.counts):
        return None
    found = lifted_plan(sub, lift, gain[keep], bonus)
    return keep[found.chosen]

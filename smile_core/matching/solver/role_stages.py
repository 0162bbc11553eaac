"""The lexicographic stages of a jointly solved part, each proven before the next.

1. With the coverage priority, the most needs met (placements and role pairs).
2. The equality rule, lift never level down, per line (placement first, then each role with
   the rule): at that coverage the line's gender group rates are maximised leximin — the
   lowest as high as it goes, then the other — and fixed before the next line.
3. The best total score.

Placement + one role tied to it (the vocational handledare) is a flow: every stage is exact
there (:mod:`.role_flow`) and needs no CP-SAT; a lock or a must-match adept makes the adept a
forced unit placed on the arcs that keep it. Where the flow cannot carry a rule (roles coupled
through a shared person, a handledare line the flow cannot settle, forced units no flow can
place), the stages run on the CP-SAT model (:mod:`.role_model`), seeded with the flow's plan
as a hint and its counts and bounds as constraints. The result is ``optimal`` only when every
stage is proven.
"""

from __future__ import annotations

import math
import time
from fractions import Fraction

import numpy as np
from ortools.sat.python import cp_model

from smile_core.matching.plan import Status
from smile_core.matching.role_plan import Placement, RolePair
from smile_core.matching.roles import PLACEMENT, offered
from smile_core.matching.settings import Priority
from smile_core.matching.solver.role_flow import Line, PlacementNetwork, solve_flow
from smile_core.matching.solver.role_model import JointModel

Got = tuple[list[Placement], list[RolePair]]


class JointStages:
    """Runs the stages on one :class:`JointModel`; ``stages`` names what ran."""

    def __init__(self, joint: JointModel) -> None:
        self.joint = joint
        self.stages: list[str] = []
        self._started = time.perf_counter()
        self._bound = 0.0

    def solve(self) -> tuple[Status, float, Got | None]:
        """(status, gap, the plan) for the part."""
        self._started = time.perf_counter()
        joint = self.joint
        network = self._network()
        coverage_first = joint.settings.priority is Priority.COVERAGE
        if network is not None and coverage_first:
            net, place_line, role_line, _role = network
            outcome = solve_flow(net, role_line, lift_placements=place_line is not None)
            self.stages += outcome.stages
            ys, xs = self._keys(net, outcome.used_y, outcome.used_x)
            if outcome.exact:
                return Status.OPTIMAL, 0.0, joint.read(ys, xs)
            hint = joint.hint(ys, xs)
            return self._on_model(hint, outcome.coverage, outcome, done={PLACEMENT})
        hint = None
        if network is not None:
            # The quality priority: the best-score flow is a plan and its score a bound.
            net, _p, _r, _role = network
            used = net.run(net.y_score, net.x_score)
            assert used is not None
            hint = joint.hint(*self._keys(net, *used))
            joint.model.add(joint.score() <= net.score(used))
            self.stages.append("flow score bound")
        elif joint.keep_y or joint.keep_x:
            # A re-solve where the flow cannot go (e.g. locks no flow can place): the previous plan,
            # made to fit the locks, is where the search starts.
            hint = joint.hint(*self._previous_fitted())
        return self._on_model(hint, None, None, done=set())

    def _previous_fitted(self) -> tuple[set, set]:
        """The previous plan's kept placements and pairs with the locks put in: a kept choice
        a lock replaces (same adept and role, or the placement a lock moves, with the
        handledare there) is dropped, and so is a kept pair whose seat a lock now takes, or
        a kept placement (with its handledare) whose place a lock's placement now takes."""
        joint = self.joint
        ys = {k for k in joint.keep_y}
        xs = {k for k in joint.keep_x}
        tied = {k.key for k in joint.setup.roles if k.at_placement}
        held: set[tuple[str, str]] = set()  # placements the locks so far put in

        def unplace(adept: str) -> None:
            nonlocal ys, xs
            ys = {k for k in ys if k[0] != adept}
            xs = {k for k in xs if not (k[0] == adept and k[2] in tied)}

        def place(adept: str, workplace: str) -> None:
            # A hint that breaks a workplace's capacity is no start at all: CP-SAT drops it
            # and the re-solve moves far (1,414 choices at 1,000 adepts for one placement).
            nonlocal ys
            held.add((adept, workplace))
            if (adept, workplace) in ys:
                return
            unplace(adept)
            there = sorted(k for k in ys if k[1] == workplace and k not in held)
            capacity = joint.programme.workplace_by_id[workplace].capacity
            over = sum(1 for k in ys if k[1] == workplace) + 1 - capacity
            for other, _w in there[: max(0, over)]:
                unplace(other)
            ys.add((adept, workplace))

        for a, p, r in sorted(joint.locked):  # sorted: the same hint in every process
            if r == PLACEMENT:
                place(a, p)
                continue
            xs = {k for k in xs if (k[0], k[2]) != (a, r) and k[:2] != (a, p)}
            if joint.setup.role(r).at_placement:
                place(a, joint.workplace_of[p])
            taken = sorted(k for k in xs if k[1:] == (p, r) and k[0] != a)
            seats = offered(joint.programme.mentor_by_id[p]).get(r, 0)
            xs -= set(taken[: max(0, len(taken) + 1 - seats)])
            xs.add((a, p, r))
        return ys, xs

    # The flow network ------------------------------------------------------------------

    def _network(self):
        """(network, placement line, role line, role) for placement + one role tied to it
        (locked and must-match adepts are forced adepts of the network); else ``None``."""
        joint = self.joint
        tied = [k for k in joint.part if k != PLACEMENT]
        if (
            PLACEMENT not in joint.part
            or len(tied) != 1
            or not joint.setup.role(tied[0]).at_placement
        ):
            return None
        role = tied[0]
        adepts = sorted({a for a, _w in joint.y})
        workplaces = sorted({w for _a, w in joint.y})
        people = sorted({m for _a, m, _r in joint.x})
        a_ix = {a: i for i, a in enumerate(adepts)}
        if any(a not in a_ix for a, _p, _r in joint.locked) or any(
            a not in a_ix for a, _k in joint.must_needs
        ):
            return None  # a locked or must-match adept with no arc at all: CP-SAT says why
        w_ix = {w: i for i, w in enumerate(workplaces)}
        m_ix = {m: i for i, m in enumerate(people)}
        y_keys = list(joint.y)
        x_keys = list(joint.x)
        programme = joint.programme
        net = PlacementNetwork(
            len(adepts),
            np.array([a_ix[a] for a, _w in y_keys], np.int64),
            np.array([w_ix[w] for _a, w in y_keys], np.int64),
            np.array([joint.y[k] + joint.keep_y.get(k, 0) for k in y_keys], np.int64),
            np.array([a_ix[a] for a, _m, _r in x_keys], np.int64),
            np.array([m_ix[m] for _a, m, _r in x_keys], np.int64),
            # A handledare arc brings its placement: its score (and any bonus for keeping
            # a previous choice) is the pair's plus the placement's there.
            np.array(
                [
                    s + joint.keep_x.get(k, 0) + joint.y[(k[0], w)] + joint.keep_y.get((k[0], w), 0)
                    for k, s in joint.x.items()
                    for w in (joint.workplace_of[k[1]],)
                ],
                np.int64,
            ),
            np.array([w_ix[joint.workplace_of[m]] for m in people], np.int64),
            np.array([offered(programme.mentor_by_id[m]).get(role, 0) for m in people], np.int64),
            np.array([programme.workplace_by_id[w].capacity for w in workplaces], np.int64),
            self._line(PLACEMENT, adepts),
            *self._forced(a_ix, y_keys, x_keys),
        )
        if (joint.locked or joint.must_needs) and net.run(
            np.zeros(len(y_keys), np.int64), np.zeros(len(x_keys), np.int64)
        ) is None:
            return None  # no plan keeps the locks and must-match: CP-SAT says why
        return net, net.place_line, self._line(role, adepts), role

    def _forced(self, a_ix: dict, y_keys: list, x_keys: list) -> tuple:
        """(forced adepts, closed arcs) of the locks and must-match adepts: such an adept is
        placed on an arc that keeps every lock of theirs (a placement lock: the arcs at that
        workplace; a lock in the tied role: that person's arc only) and, when they must be
        matched and need the tied role, brings a person in it (its arcs only);
        (None, None) when there are none."""
        joint = self.joint
        if not joint.locked and not joint.must_needs:
            return None, None
        locks: dict[str, list[tuple[str, str]]] = {}
        for a, p, r in sorted(joint.locked):
            locks.setdefault(a, []).append((p, r))
        must = {a for a, _k in joint.must_needs}
        with_role = {a for a, k in joint.must_needs if k != PLACEMENT}
        forced_ids = set(locks) | must

        def keeps(adept: str, workplace: str, person: str | None) -> bool:
            if person is None and adept in with_role:
                return False  # a placement alone leaves a must-match adept's role unmet
            return all(
                (p == workplace) if r == PLACEMENT else (p == person)
                for p, r in locks.get(adept, ())
            )

        closed = [a in forced_ids and not keeps(a, w, None) for a, w in y_keys]
        closed += [
            a in forced_ids and not keeps(a, joint.workplace_of[m], m) for a, m, _r in x_keys
        ]
        forced = np.array(sorted(a_ix[a] for a in forced_ids), np.int64)
        return forced, np.array(closed, bool)

    def _line(self, key: str, adepts: list[str]) -> Line | None:
        lines = dict(self.joint.lines())
        if key not in lines:
            return None
        names = tuple(lines[key])
        gender = {a.id: a.gender.value for a in self.joint.programme.adepts}
        index = {g: i for i, g in enumerate(names)}
        return Line(
            names,
            np.array([index.get(gender[a], -1) for a in adepts], np.int64),
            tuple(lines[key].values()),
        )

    def _keys(self, net: PlacementNetwork, used_y, used_x) -> tuple[set, set]:
        """The placement and role-pair keys of a flow plan (a handledare brings its
        placement)."""
        joint = self.joint
        ys = {k for k, on in zip(joint.y, used_y, strict=True) if on}
        xs = {k for k, on in zip(joint.x, used_x, strict=True) if on}
        ys |= {(a, joint.workplace_of[m]) for a, m, _r in xs}
        return ys, xs

    # The CP-SAT stages -----------------------------------------------------------------

    def _on_model(
        self, hint, coverage, outcome, done: set[str]
    ) -> tuple[Status, float, Got | None]:
        """The stages on the CP-SAT model; ``coverage``/``outcome`` from the flow (its counts
        fixed and its bound kept), ``done`` the lines already lifted exactly."""
        joint, model = self.joint, self.joint.model
        proven = True
        if coverage is not None:
            model.add(joint.coverage() == coverage)
        elif joint.settings.priority is Priority.COVERAGE:
            status, value, hint = self._run("coverage", joint.coverage(), hint)
            if hint is None:
                return self._failed(status)
            proven &= status == cp_model.OPTIMAL
            model.add(joint.coverage() >= value)
        counts = outcome.placement_counts if outcome is not None else None
        for key, groups in joint.lines():
            if key in done:
                for g in groups:
                    if counts is not None:
                        model.add(sum(joint.line_vars(key, g)) == counts[g])
                continue
            bound = outcome.role_bound if outcome is not None else None
            members = [(joint.line_vars(key, g), n, g) for g, n in groups.items()]
            result = self._lift(key, members, hint, bound)
            if not isinstance(result, tuple):
                if hint is not None:
                    self.stages.append(f"lift {key} unproven")
                    return Status.FEASIBLE, 1.0, joint.read(*joint.chosen(hint))
                return self._failed(result)
            ok, hint = result
            proven &= ok
        status, value, found = self._run("score", joint.score(), hint)
        if found is None:
            return self._failed(status)
        proven &= status == cp_model.OPTIMAL
        gap = 0.0
        if not proven:
            bound = max(self._bound, value)
            gap = (bound - value) / bound if bound > 0 else 0.0
        return (
            (Status.OPTIMAL if proven else Status.FEASIBLE),
            gap,
            joint.read(*joint.chosen(found)),
        )

    def _lift(self, key: str, groups: list, hint, bound: Fraction | None):
        """Leximin over the line's groups (two): the lowest rate, then the sum of rates (with
        the lowest fixed, the other is the sum less it). Rates are exact: each group's count
        is scaled to the least common multiple of the applicants. (proven, solution), or the
        CP-SAT status when no solution was found."""
        model = self.joint.model
        scale = math.lcm(*(n for _v, n, _g in groups))
        scaled = [sum(vars_) * (scale // n) for vars_, n, _g in groups]
        start = (
            min(sum(hint[v] for v in vars_) * (scale // n) for vars_, n, _g in groups)
            if hint
            else 0
        )
        top = scale if bound is None else math.floor(bound * scale)
        t = model.new_int_var(min(start, top), top, "")
        for expr in scaled:
            model.add(expr >= t)
        proven = True
        status, value, found = self._run(f"lift {key}", t, {**(hint or {}), t: min(start, top)})
        if found is None:
            return status
        proven &= status == cp_model.OPTIMAL
        model.add(t >= value)
        status, total, found2 = self._run(f"lift {key} next", sum(scaled), found)
        if found2 is None:
            return status
        proven &= status == cp_model.OPTIMAL
        model.add(sum(scaled) >= total)
        return proven, found2

    def _run(self, name: str, objective, hint: dict | None) -> tuple[int, int, dict | None]:
        """Maximise ``objective``; returns (CP-SAT status, value, solution values)."""
        from smile_core.matching.solver.solve import _search

        model = self.joint.model
        model.clear_hints()
        if hint:
            for var, value in hint.items():
                model.add_hint(var, value)
        model.maximize(objective)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(self._left(), 0.5)
        solver.parameters.random_seed = self.joint.settings.seed
        solver.parameters.num_workers = 1
        # Measured on 200 generated vocational adepts: every stage proven in 0.3-0.7 s with
        # the stronger linear relaxation, against over 20 s without it.
        solver.parameters.linearization_level = 2
        status = _search(solver, model)
        self.stages.append(name)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return status, 0, None
        values = {v: solver.value(v) for v in self.joint.all_vars()}
        self._bound = solver.best_objective_bound
        return status, round(solver.objective_value), values

    def _left(self) -> float:
        return self.joint.settings.time_limit_seconds - (time.perf_counter() - self._started)

    def _failed(self, status: int) -> tuple[Status, float, None]:
        self.stages.append("no plan")
        kind = Status.INFEASIBLE if status == cp_model.INFEASIBLE else Status.NO_SOLUTION_IN_TIME
        return kind, 1.0, None

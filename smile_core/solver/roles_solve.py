"""Placements, handledare and mentors chosen in one solve (the role-aware path of ``solve``).

The rules, for a programme with a :class:`~smile_core.roles.RoleSetup`:

- Each adept gets at most one placement (a workplace with placement capacity that fits their
  field — the same field, a related one, or a workplace without an industry — and their place —
  the same region, or either side blank) and at most one person per role they need.
- A workplace takes at most its capacity of placed adepts; a mentor at most their capacity per
  role; nobody holds two roles for the same adept.
- A role tied to the placement (the handledare) must be filled by someone who works at the
  adept's placement workplace: placement and handledare are decided together.
- Locks and forbids name a role: ``(adept, mentor, role)``; role ``placement`` with a
  workplace id locks or forbids a placement; a blank role means the programme's main role.

Roles coupled by a placement, or by a mentor who offers several of them, are solved jointly
in one CP-SAT model, in lexicographic stages each proven before the next: (1) with the
coverage priority, the most needs met (placements and role pairs); (2) the equality rule,
lift never level down, per role and for placements: at that coverage, the lowest gender
group's rate of each role in turn is raised as far as it goes (a max-min stage per role,
each fixed before the next); (3) the best total score. A role coupled to nothing else (no
placement, no shared mentor: e.g. the mentor beside placement + handledare) is an
independent problem with the same optimum on its own, so it goes to the classic one-role
engine, with its leximin lift, reasons and proofs. The result is ``optimal`` only when every
stage of every part is proven.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable

from ortools.sat.python import cp_model

from smile_core.fields import field_similarity
from smile_core.metrics import gender_figures
from smile_core.participants import Adept, Programme, Workplace
from smile_core.plan import MatchResult, Pair, Plan, Status, Unmatched, UnmatchedReason
from smile_core.role_plan import Placement, RolePair, RolePlan, RoleUnmatched
from smile_core.roles import PLACEMENT, Role, RoleSetup, offered
from smile_core.scoring import score_pairs
from smile_core.settings import MatchSettings, Priority
from smile_core.solver.problem import PlanInputError

#: A lock or forbid with its role: (adept, mentor or workplace, role).
RoleKey = tuple[str, str, str]

#: Rates are compared in thousandths (an exact integer model of count / applicants).
_RATE_SCALE = 1000


def role_keys(setup: RoleSetup, items: Iterable[tuple[str, ...]]) -> tuple[RoleKey, ...]:
    """Locks/forbids as (adept, person, role): a 2-tuple or a blank role is the main role."""
    main = main_role(setup)
    out = []
    for item in items:
        adept, person = item[0], item[1]
        role = item[2] if len(item) > 2 and item[2] else main
        out.append((adept, person, role))
    return tuple(out)


def main_role(setup: RoleSetup) -> str:
    """The role whose pairs fill the classic plan: ``mentor`` if there, else the first role
    not tied to the placement, else the first."""
    if "mentor" in setup.keys:
        return "mentor"
    free = [r.key for r in setup.roles if not r.at_placement]
    return (free or list(setup.keys))[0]


def solve_roles(
    programme: Programme,
    settings: MatchSettings,
    setup: RoleSetup,
    *,
    locks: Iterable[tuple[str, ...]] = (),
    forbids: Iterable[tuple[str, ...]] = (),
    classic: Callable[..., MatchResult],
    progress: Callable[[str, float], None] | None = None,
) -> MatchResult:
    """The best plan with placements and roles (see the module docstring).

    ``classic`` is the one-role engine (``solve`` itself), used for independent roles.
    Raises :class:`PlanInputError` for a lock or forbid naming someone or a role not there.
    """
    started = time.perf_counter()
    report = progress or (lambda _s, _t: None)
    lock_keys = role_keys(setup, locks)
    forbid_keys = role_keys(setup, forbids)
    _check_keys(programme, setup, (*lock_keys, *forbid_keys))
    needs = {a.id: setup.needs_of(a) for a in programme.adepts}
    parts = _components(programme, setup)
    placements: list[Placement] = []
    pairs: list[RolePair] = []
    unmatched: list[RoleUnmatched] = []
    statuses: list[Status] = []
    gaps: list[float] = []
    stages: list[str] = []
    for part in parts:
        if len(part) == 1 and part[0] != PLACEMENT:
            role = setup.role(part[0])
            result = _classic_role(
                programme, settings, role, needs, lock_keys, forbid_keys, classic
            )
            statuses.append(result.status)
            gaps.append(result.gap)
            stages += [f"{role.key}: {s}" for s in result.stages]
            pairs += [
                RolePair(p.adept_id, p.mentor_id, role.key, p.workplace_id, p.score, p.locked)
                for p in result.plan.pairs
            ]
            unmatched += [
                RoleUnmatched(u.adept_id, role.key, u.reason, u.message_sv, u.message_en)
                for u in result.unmatched
            ]
        else:
            joint = _Joint(programme, settings, setup, part, needs, lock_keys, forbid_keys)
            status, gap, got = joint.solve()
            statuses.append(status)
            gaps.append(gap)
            stages += [f"{'+'.join(part)}: {s}" for s in joint.stages]
            if got is not None:
                placements += got[0]
                pairs += got[1]
                unmatched += joint.reasons(got)
        report(f"roles: {'+'.join(part)}", time.perf_counter() - started)
    status = _overall(statuses)
    role_plan = RolePlan(
        setup=setup,
        placements=tuple(sorted(placements, key=lambda p: p.adept_id)),
        pairs=tuple(sorted(pairs, key=lambda p: (p.adept_id, setup.keys.index(p.role)))),
        unmatched=tuple(sorted(unmatched, key=lambda u: (u.adept_id, u.role))),
        needs=tuple(sorted(needs.items())),
    )
    main = main_role(setup)
    plan = Plan(
        tuple(
            Pair(p.adept_id, p.mentor_id, p.workplace_id, p.score, locked=p.locked)
            for p in role_plan.pairs
            if p.role == main
        )
    )
    total = round(sum(round(p.score * 100) for p in role_plan.pairs) / 100, 2)
    gap = max(gaps, default=0.0) if status is not Status.OPTIMAL else 0.0
    return MatchResult(
        status=status,
        plan=plan if status in (Status.OPTIMAL, Status.FEASIBLE) else Plan(),
        unmatched=tuple(
            Unmatched(u.adept_id, u.reason, u.message_sv, u.message_en)
            for u in role_plan.unmatched
            if u.role == main
        ),
        total_score=total,
        objective=total,
        best_bound=round(total / (1 - gap), 2) if gap < 1 else total,
        gap=gap,
        solve_seconds=round(time.perf_counter() - started, 3),
        by_gender=gender_figures(
            _role_programme(programme, main, needs), {p.adept_id: p.score for p in plan.pairs}
        ),
        stages=tuple(stages),
        seed=settings.seed,
        roles=role_plan,
    )


def _overall(statuses: list[Status]) -> Status:
    for worst in (Status.INFEASIBLE, Status.NO_SOLUTION_IN_TIME, Status.FEASIBLE):
        if worst in statuses:
            return worst
    return Status.OPTIMAL


def _check_keys(programme: Programme, setup: RoleSetup, keys: Iterable[RoleKey]) -> None:
    bad = []
    for adept, person, role in keys:
        if adept not in programme.adept_by_id:
            bad.append(f"adept {adept!r}")
        if role == PLACEMENT:
            if not setup.placements or person not in programme.workplace_by_id:
                bad.append(f"placement at {person!r}")
        elif role not in setup.keys:
            bad.append(f"role {role!r}")
        elif person not in programme.mentor_by_id:
            bad.append(f"mentor {person!r}")
    if bad:
        raise PlanInputError("not in the programme: " + ", ".join(sorted(set(bad))))


def _components(programme: Programme, setup: RoleSetup) -> list[tuple[str, ...]]:
    """The roles (and ``placement``) that must be solved together, in the setup's order.

    Coupled: a role tied to the placement with the placement; roles one mentor offers.
    """
    nodes = ([PLACEMENT] if setup.placements else []) + list(setup.keys)
    parent = {n: n for n in nodes}

    def root(n: str) -> str:
        while parent[n] != n:
            n = parent[n]
        return n

    def join(a: str, b: str) -> None:
        parent[root(a)] = root(b)

    for role in setup.roles:
        if role.at_placement:
            join(role.key, PLACEMENT)
    for mentor in programme.mentors:
        keys = [k for k in offered(mentor) if k in parent]
        for other in keys[1:]:
            join(keys[0], other)
    groups: dict[str, list[str]] = {}
    for n in nodes:
        groups.setdefault(root(n), []).append(n)
    return [tuple(g) for g in groups.values()]


def _role_settings(settings: MatchSettings, role: Role) -> MatchSettings:
    out = settings
    if role.weights is not None:
        out = dataclasses.replace(out, weights=role.weights)
    if not role.equality:
        out = dataclasses.replace(out, equality=out.equality.all_off())
    return out


def _role_programme(
    programme: Programme, role: str, needs: dict[str, tuple[str, ...]]
) -> Programme:
    """The adepts needing ``role`` and the mentors offering it (capacity = the role's), with
    workplaces unlimited: only placements are bounded by a workplace's capacity."""
    adepts = tuple(
        dataclasses.replace(a, needs=()) for a in programme.adepts if role in needs[a.id]
    )
    mentors = []
    for m in programme.mentors:
        seats = offered(m).get(role, 0)
        if seats > 0:
            mentors.append(
                dataclasses.replace(
                    m,
                    capacity=seats,
                    mentor_type=role,
                    roles=(),
                    min_group_size=min(m.min_group_size, seats),
                )
            )
    total = sum(m.capacity for m in mentors)
    workplaces = tuple(
        dataclasses.replace(w, capacity=max(w.capacity, total)) for w in programme.workplaces
    )
    return Programme(adepts=adepts, mentors=tuple(mentors), workplaces=workplaces)


def _classic_role(
    programme: Programme,
    settings: MatchSettings,
    role: Role,
    needs: dict[str, tuple[str, ...]],
    locks: tuple[RoleKey, ...],
    forbids: tuple[RoleKey, ...],
    classic: Callable[..., MatchResult],
) -> MatchResult:
    sub = _role_programme(programme, role.key, needs)
    if not sub.adepts or not sub.mentors:
        return MatchResult(
            status=Status.OPTIMAL,
            plan=Plan(),
            unmatched=tuple(_nobody(a.id, role) for a in sub.adepts),
            total_score=0.0,
            objective=0.0,
            best_bound=0.0,
            gap=0.0,
            solve_seconds=0.0,
            by_gender=(),
        )
    return classic(
        sub,
        _role_settings(settings, role),
        locks=[(a, m) for a, m, r in locks if r == role.key],
        forbids=[(a, m) for a, m, r in forbids if r == role.key],
    )


def _nobody(adept: str, role: Role) -> Unmatched:
    return Unmatched(
        adept,
        UnmatchedReason.NO_ALLOWED_MENTOR,
        f"Ingen i programmet erbjuder rollen {role.name_sv}.",
        f"Nobody in the programme offers the role {role.name_en}.",
    )


def placement_fits(adept: Adept, workplace: Workplace, related_credit: float) -> float | None:
    """How well a placement at ``workplace`` fits ``adept`` (0–100), ``None`` when it does not.

    Field: the workplace's industry is the adept's wished field or their own (1), a related
    one (the related credit), or blank (0.5); another field does not fit. Place: the same
    municipality adds, another region does not fit (either side blank fits).
    """
    if workplace.capacity <= 0:
        return None
    if adept.region and workplace.region and adept.region != workplace.region:
        return None
    if workplace.industry:
        fit = max(
            field_similarity(adept.target_field or adept.field, workplace.industry, related_credit),
            field_similarity(adept.field, workplace.industry, related_credit),
        )
        if fit <= 0:
            return None
    else:
        fit = 0.5
    near = 1.0 if adept.municipality and adept.municipality == workplace.municipality else 0.5
    return round(70 * fit + 30 * near, 2)


class _Joint:
    """One CP-SAT model for coupled roles (and placements): see the module docstring."""

    def __init__(
        self,
        programme: Programme,
        settings: MatchSettings,
        setup: RoleSetup,
        part: tuple[str, ...],
        needs: dict[str, tuple[str, ...]],
        locks: tuple[RoleKey, ...],
        forbids: tuple[RoleKey, ...],
    ) -> None:
        self.programme, self.settings, self.setup, self.part = programme, settings, setup, part
        self.needs = needs
        self.stages: list[str] = []
        forbidden = {k for k in forbids if k[2] in part}
        locked = {k for k in locks if k[2] in part}
        self.locked = locked
        model = cp_model.CpModel()
        self.model = model
        # Placements: (adept, workplace) → (var, score centi).
        self.y: dict[tuple[str, str], tuple[cp_model.IntVar, int]] = {}
        self.fitting: dict[str, int] = {}  # adept → fitting workplaces before forbids
        if PLACEMENT in part:
            for a in programme.adepts:
                if PLACEMENT not in needs[a.id]:
                    continue
                for w in programme.workplaces:
                    fit = placement_fits(a, w, settings.related_field_credit)
                    key = (a.id, w.id, PLACEMENT)
                    if fit is not None:
                        self.fitting[a.id] = self.fitting.get(a.id, 0) + 1
                    if key in locked:
                        fit = fit if fit is not None else 0.0
                    if fit is None or key in forbidden:
                        continue
                    self.y[(a.id, w.id)] = (model.new_bool_var(""), round(fit * 100))
        # Role pairs: (adept, mentor, role) → (var, score centi).
        self.x: dict[RoleKey, tuple[cp_model.IntVar, int]] = {}
        self.allowed: dict[tuple[str, str], int] = {}  # (adept, role) → allowed before seats
        for key in part:
            if key == PLACEMENT:
                continue
            role = setup.role(key)
            sub = _role_programme(programme, key, needs)
            if not sub.adepts or not sub.mentors:
                continue
            frame = score_pairs(sub, _role_settings(settings, role))
            workplace_of = {m.id: m.workplace_id for m in programme.mentors}
            rows = frame.select("adept_id", "mentor_id", "score_centi", "allowed")
            for a, m, centi, allowed in rows.iter_rows():
                triple = (a, m, key)
                if triple in locked:
                    allowed = True
                if not allowed:
                    continue
                if role.at_placement and (a, workplace_of[m]) not in self.y:
                    continue
                self.allowed[(a, key)] = self.allowed.get((a, key), 0) + 1
                if triple in forbidden:
                    continue
                self.x[triple] = (model.new_bool_var(""), int(centi))
        self._constrain()

    def _constrain(self) -> None:
        model, programme = self.model, self.programme
        by_adept_place: dict[str, list] = {}
        by_workplace: dict[str, list] = {}
        for (a, w), (var, _s) in self.y.items():
            by_adept_place.setdefault(a, []).append(var)
            by_workplace.setdefault(w, []).append(var)
        for vars_ in by_adept_place.values():
            model.add_at_most_one(vars_)
        for w, vars_ in by_workplace.items():
            model.add(sum(vars_) <= programme.workplace_by_id[w].capacity)
        per_role: dict[tuple[str, str], list] = {}
        per_seat: dict[tuple[str, str], list] = {}
        per_person: dict[tuple[str, str], list] = {}
        workplace_of = {m.id: m.workplace_id for m in programme.mentors}
        for (a, m, r), (var, _s) in self.x.items():
            per_role.setdefault((a, r), []).append(var)
            per_seat.setdefault((m, r), []).append(var)
            per_person.setdefault((a, m), []).append(var)
            if self.setup.role(r).at_placement:
                model.add_implication(var, self.y[(a, workplace_of[m])][0])
        for vars_ in (*per_role.values(), *per_person.values()):
            if len(vars_) > 1:
                model.add_at_most_one(vars_)
        for (m, r), vars_ in per_seat.items():
            model.add(sum(vars_) <= offered(programme.mentor_by_id[m]).get(r, 0))
        for a, p, r in self.locked:
            var = self.y.get((a, p)) if r == PLACEMENT else self.x.get((a, p, r))
            if var is None:
                model.add_bool_or([])  # a lock that cannot hold: no plan
            else:
                model.add(var[0] == 1)

    def _lines(self) -> list[tuple[str, list[tuple[list, int]]]]:
        """Per role (placement first) the gender groups the equality rule compares: each with
        its chosen-variables and its number of applicants."""
        rule = self.settings.equality
        if not rule.match_rate.enabled:
            return []
        gender = {a.id: a.gender.value for a in self.programme.adepts}
        out = []
        for key in self.part:
            if key == PLACEMENT:
                if not self.setup.placement_equality:
                    continue
                items = [(a, v) for (a, _w), (v, _s) in self.y.items()]
            else:
                if not self.setup.role(key).equality:
                    continue
                items = [(a, v) for (a, _m, r), (v, _s) in self.x.items() if r == key]
            groups = []
            for g in ("woman", "man"):
                applicants = sum(1 for a, n in self.needs.items() if key in n and gender[a] == g)
                if applicants >= max(rule.min_group_size, 1):
                    groups.append(([v for a, v in items if gender[a] == g], applicants, g))
            if len(groups) > 1:
                out.append((key, groups))
        return out

    def _run(self, name: str, objective, hint: dict | None) -> tuple[int, int, dict | None]:
        """Maximise ``objective``; returns (CP-SAT status, value, solution values)."""
        from smile_core.solver.solve import _search

        model = self.model
        model.clear_hints()
        if hint:
            for var, value in hint.items():
                model.add_hint(var, value)
        model.maximize(objective)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(self._left(), 0.5)
        solver.parameters.random_seed = self.settings.seed
        solver.parameters.num_workers = 1
        # Measured on 200 generated vocational adepts: every stage proven in 0.3-0.7 s with
        # the stronger linear relaxation, against over 20 s without it.
        solver.parameters.linearization_level = 2
        status = _search(solver, model)
        self.stages.append(name)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return status, 0, None
        values = {v: solver.value(v) for v in self._all_vars()}
        self._bound = solver.best_objective_bound
        return status, round(solver.objective_value), values

    def _all_vars(self) -> list:
        return [v for v, _s in self.y.values()] + [v for v, _s in self.x.values()]

    def _left(self) -> float:
        return self.settings.time_limit_seconds - (time.perf_counter() - self._started)

    def solve(self):
        self._started = time.perf_counter()
        model = self.model
        proven = True
        hint = None
        everything = self._all_vars()
        score = sum(s * v for v, s in self.y.values()) + sum(s * v for v, s in self.x.values())
        flow = self._flow()
        if flow is not None:
            # Exact for placement + one role tied to it: the flow's (coverage, score) optimum.
            hint, coverage, best_score = flow
            self.stages.append("flow")
            if self.settings.priority is Priority.COVERAGE:
                model.add(sum(everything) >= coverage)
            # No plan at this coverage scores more than the flow's: a valid bound below.
            model.add(score <= best_score)
        elif self.settings.priority is Priority.COVERAGE:
            status, value, hint = self._run("coverage", sum(everything), hint)
            if hint is None:
                return self._failed(status)
            proven &= status == cp_model.OPTIMAL
            model.add(sum(everything) >= value)
        lines = self._lines()
        if flow is not None and all(self._settled(key, flow[0], groups) for key, groups in lines):
            # Every line's lowest group is as high as any plan at this coverage puts it, so
            # the flow plan is leximin at the top of each line and the best score: optimal.
            self.stages += [f"lift {key} settled by flow" for key, _g in lines]
            return Status.OPTIMAL, 0.0, self._read(flow[0])
        flow_kept = flow is not None
        for key, groups in lines:
            # The hint's own lowest rate is reachable: the search starts from it.
            start = (
                min(sum(hint[v] for v in vars_) * _RATE_SCALE // n for vars_, n, _g in groups)
                if hint
                else 0
            )
            t = model.new_int_var(start, _RATE_SCALE, "")
            for vars_, applicants, _g in groups:
                model.add(sum(vars_) * _RATE_SCALE >= t * applicants)
            status, value, found = self._run(f"lift {key}", t, {**(hint or {}), t: start})
            if found is None and hint is not None:
                # Out of time: the plan in hand keeps every rule; its lift is not proven.
                self.stages.append(f"lift {key} unproven")
                return Status.FEASIBLE, self._gap_unknown(), self._read(hint)
            if found is None:
                return self._failed(status)
            if flow is not None:
                # The flow plan's own rate here: when the lift reaches no higher, the flow
                # plan keeps the lift and stays the best score.
                flow_kept &= (
                    min(
                        sum(flow[0][v] for v in vars_) * _RATE_SCALE // applicants
                        for vars_, applicants, _g in groups
                    )
                    >= value
                )
            hint = found
            proven &= status == cp_model.OPTIMAL
            model.add(t >= value)
        if flow_kept:
            self.stages.append("flow plan kept")
            return (Status.OPTIMAL if proven else Status.FEASIBLE), 0.0, self._read(flow[0])
        status, value, found = self._run("score", score, hint)
        if found is None:
            return self._failed(status)
        proven &= status == cp_model.OPTIMAL
        gap = 0.0
        if not proven:
            bound = max(self._bound, value)
            gap = (bound - value) / bound if bound > 0 else 0.0
        return (
            Status.OPTIMAL if proven else Status.FEASIBLE,
            gap,
            self._read(found),
        )

    def _settled(self, key: str, values: dict, groups: list) -> bool:
        """Whether the plan's lowest group on line ``key`` cannot be raised at this coverage
        (its most possible count, by flow, gives it no higher rate): then no plan has a
        higher lowest rate, since the lowest rate is at most any group's best rate."""
        gender = {a.id: a.gender.value for a in self.programme.adepts}
        low, g, applicants = min(
            (sum(values[v] for v in vars_) * _RATE_SCALE // n, g, n) for vars_, n, g in groups
        )
        kinds = {"y", "x"} if key == PLACEMENT else {"x"}
        best = self._flow(lambda a, kind: gender[a] == g and kind in kinds)
        return best is not None and best[2] * _RATE_SCALE // applicants <= low

    def _flow(
        self, count: Callable[[str, str], bool] | None = None
    ) -> tuple[dict, int, int] | None:
        """The (coverage, score) optimum by min-cost flow when the part is a placement and one
        role tied to it without locks: (values of every variable, coverage, score); else None.

        Network: source → adept (1); adept → workplace (a placement: gain 1 + its score);
        adept → person (placement at their workplace with them: gain 2 + both scores);
        person → workplace (their seats); workplace → sink (its placements); adept → sink
        (unplaced). Coverage is worth more than any score (with the coverage priority).

        With ``count(adept, kind)`` (kind ``y`` = a placement, ``x`` = a person), the flow
        instead maximises coverage first and then how many arcs ``count`` marks: the third
        value is that count (a bound for the equality lift)."""
        tied = [k for k in self.part if k != PLACEMENT]
        if (
            PLACEMENT not in self.part
            or len(tied) != 1
            or not self.setup.role(tied[0]).at_placement
            or self.locked
        ):
            return None
        from ortools.graph.python import min_cost_flow

        role = tied[0]
        adepts = sorted({a for a, _w in self.y})
        workplaces = sorted({w for _a, w in self.y})
        people = sorted({m for _a, m, _r in self.x})
        node = {("a", a): i + 2 for i, a in enumerate(adepts)}
        node |= {("w", w): len(node) + 2 + i for i, w in enumerate(workplaces)}
        node |= {("m", m): len(node) + 2 + i for i, m in enumerate(people)}
        coverage_first = self.settings.priority is Priority.COVERAGE
        big = 1 + sum(s for _v, s in self.y.values()) + sum(s for _v, s in self.x.values())
        big = big if coverage_first else 0
        if count is not None:
            big = 2 * len(self.y) + 1  # coverage first, then the count, no score
        workplace_of = {m.id: m.workplace_id for m in self.programme.mentors}
        tails, heads, caps, costs, what = [], [], [], [], []

        def arc(tail: int, head: int, cap: int, cost: int, key: object = None) -> None:
            tails.append(tail)
            heads.append(head)
            caps.append(cap)
            costs.append(cost)
            what.append(key)

        for a in adepts:
            arc(0, node[("a", a)], 1, 0)
            arc(node[("a", a)], 1, 1, 0)
        for (a, w), (_v, sc) in self.y.items():
            gain = sc if count is None else int(count(a, "y"))
            arc(node[("a", a)], node[("w", w)], 1, -(big + gain), ("y", a, w))
        for (a, m, _r), (_v, sc) in self.x.items():
            w = workplace_of[m]
            gain = sc + self.y[(a, w)][1] if count is None else int(count(a, "x"))
            arc(node[("a", a)], node[("m", m)], 1, -(2 * big + gain), ("x", a, m))
        for m in people:
            seats = offered(self.programme.mentor_by_id[m]).get(role, 0)
            arc(node[("m", m)], node[("w", workplace_of[m])], seats, 0)
        for w in workplaces:
            arc(node[("w", w)], 1, self.programme.workplace_by_id[w].capacity, 0)
        network = min_cost_flow.SimpleMinCostFlow()
        arcs = network.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
        supplies = [0] * (len(node) + 2)
        supplies[0], supplies[1] = len(adepts), -len(adepts)
        network.set_nodes_supplies(list(range(len(supplies))), supplies)
        if network.solve() != network.OPTIMAL:
            return None
        flows = network.flows(arcs)
        if count is not None:
            marked = sum(
                int(f > 0 and count(k[1], k[0])) for k, f in zip(what, flows, strict=True) if k
            )
            return {}, 0, marked
        values = dict.fromkeys(self._all_vars(), 0)
        coverage = score = 0
        for key, flow in zip(what, flows, strict=True):
            if key is None or flow == 0:
                continue
            if key[0] == "y":
                var, sc = self.y[(key[1], key[2])]
                values[var] = 1
                coverage, score = coverage + 1, score + sc
            else:
                a, m = key[1], key[2]
                var, sc = self.x[(a, m, role)]
                place, psc = self.y[(a, workplace_of[m])]
                values[var] = values[place] = 1
                coverage, score = coverage + 2, score + sc + psc
        return values, coverage, score

    def _gap_unknown(self) -> float:
        """The gap of a plan whose lift stage ran out of time: the score stage never ran, so
        no bound on it is proven; reported as 1 (nothing claimed)."""
        return 1.0

    def _failed(self, status: int):
        self.stages.append("no plan")
        kind = Status.INFEASIBLE if status == cp_model.INFEASIBLE else Status.NO_SOLUTION_IN_TIME
        return kind, 1.0, None

    def _read(self, values: dict) -> tuple[list[Placement], list[RolePair]]:
        workplace_of = {m.id: m.workplace_id for m in self.programme.mentors}
        placements = [
            Placement(a, w, s / 100, (a, w, PLACEMENT) in self.locked)
            for (a, w), (v, s) in self.y.items()
            if values[v]
        ]
        pairs = [
            RolePair(a, m, r, workplace_of[m], s / 100, (a, m, r) in self.locked)
            for (a, m, r), (v, s) in self.x.items()
            if values[v]
        ]
        return placements, pairs

    def _allowed_here(self, a: str, key: str, got: tuple) -> bool:
        """Whether anyone allowed could fill ``key`` for ``a`` (for a role tied to the
        placement: someone at the workplace the adept was placed at)."""
        if not self.setup.role(key).at_placement:
            return bool(self.allowed.get((a, key)))
        place = next(p.workplace_id for p in got[0] if p.adept_id == a)
        workplace_of = {m.id: m.workplace_id for m in self.programme.mentors}
        return any(k[0] == a and k[2] == key and workplace_of[k[1]] == place for k in self.x)

    def reasons(self, got: tuple[list[Placement], list[RolePair]]) -> list[RoleUnmatched]:
        """Why each need of the joint part is unmet, in words."""
        placed = {p.adept_id for p in got[0]}
        filled = {(p.adept_id, p.role) for p in got[1]}
        out = []
        for a, needs in self.needs.items():
            for key in needs:
                if key not in self.part:
                    continue
                if key == PLACEMENT:
                    if a in placed:
                        continue
                    if self.fitting.get(a) and not any(k[0] == a for k in self.y):
                        out.append(
                            RoleUnmatched(
                                a,
                                key,
                                UnmatchedReason.FORBIDDEN,
                                "Varje passande praktikplats är förbjuden för adepten.",
                                "Every fitting placement is forbidden for the adept.",
                            )
                        )
                    elif not self.fitting.get(a):
                        out.append(
                            RoleUnmatched(
                                a,
                                key,
                                UnmatchedReason.WORKPLACE_CLOSED,
                                "Ingen arbetsplats med praktikplatser passar yrke och ort.",
                                "No workplace with placements fits the field and place.",
                            )
                        )
                    else:
                        out.append(
                            RoleUnmatched(
                                a,
                                key,
                                UnmatchedReason.WORKPLACE_FULL,
                                "Alla passande arbetsplatsers praktikplatser är tagna.",
                                "Every fitting workplace's placements are taken.",
                            )
                        )
                    continue
                if (a, key) in filled:
                    continue
                role = self.setup.role(key)
                if role.at_placement and a not in placed:
                    out.append(
                        RoleUnmatched(
                            a,
                            key,
                            UnmatchedReason.ALL_FULL,
                            f"Ingen praktikplats, så ingen {role.name_sv} där.",
                            f"No placement, so no {role.name_en} there.",
                        )
                    )
                elif not self._allowed_here(a, key, got):
                    where_sv = " på praktikplatsen" if role.at_placement else ""
                    where_en = " at the placement" if role.at_placement else ""
                    out.append(
                        RoleUnmatched(
                            a,
                            key,
                            UnmatchedReason.NO_ALLOWED_MENTOR,
                            f"Ingen {role.name_sv}{where_sv} passar adepten.",
                            f"No {role.name_en}{where_en} fits the adept.",
                        )
                    )
                else:
                    out.append(
                        RoleUnmatched(
                            a,
                            key,
                            UnmatchedReason.MENTOR_FULL,
                            f"Alla passande med rollen {role.name_sv} är fullbokade.",
                            f"Everyone fitting in the role {role.name_en} is full.",
                        )
                    )
        return out

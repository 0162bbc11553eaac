"""The CP-SAT model of a jointly solved part: placements and coupled roles, with their rules.

Variables: one per allowed placement (adept, workplace) and per allowed role pair (adept,
person, role), each with its score in hundredths. Rules: at most one placement per adept and
one person per role; a workplace's placement capacity; a person's seats per role; nobody in
two roles for one adept; a role tied to the placement only with someone at the adept's
placement workplace; locks hold, forbids are left out; a must-match adept gets every need;
a previous plan's choices (``kept``) earn the stability weight in the score.
The allowed arcs and their scores are built at once; the CP-SAT model only when a stage
needs it (the flow path does not).
:mod:`.role_stages` decides which objectives it is given.
"""

from __future__ import annotations

import polars as pl
from ortools.sat.python import cp_model

from smile_core.ingest.participants import Programme
from smile_core.matching.role_plan import Placement, RolePair
from smile_core.matching.roles import PLACEMENT, RoleSetup, offered
from smile_core.matching.scoring import score_pairs
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver.role_fit import placement_fits
from smile_core.matching.solver.role_parts import RoleKey, role_programme, role_settings


class JointModel:
    """One CP-SAT model for a part: see the module docstring.

    ``y``: (adept, workplace) → score centi; ``x``: (adept, person, role) → score centi;
    ``fitting``/``allowed``/``role_places``/``placeable`` serve the reasons; :attr:`model`
    with :attr:`yv`/:attr:`xv` (the variables) is the CP-SAT model, built on first use.
    """

    def __init__(
        self,
        programme: Programme,
        settings: MatchSettings,
        setup: RoleSetup,
        part: tuple[str, ...],
        needs: dict[str, tuple[str, ...]],
        locks: tuple[RoleKey, ...],
        forbids: tuple[RoleKey, ...],
        must: frozenset[str] = frozenset(),
        kept: frozenset[RoleKey] = frozenset(),
    ) -> None:
        self.programme, self.settings, self.setup, self.part = programme, settings, setup, part
        self.needs = needs
        # Must-match adepts: every need of theirs in this part is met (placement and roles).
        self.must_needs = tuple(
            (a, key) for a in sorted(must) if a in needs for key in needs[a] if key in part
        )
        self.workplace_of = {m.id: m.workplace_id for m in programme.mentors}
        forbidden = {k for k in forbids if k[2] in part}
        self.locked = {k for k in locks if k[2] in part}
        self._model: cp_model.CpModel | None = None
        self.yv: dict[tuple[str, str], cp_model.IntVar] = {}
        self.xv: dict[RoleKey, cp_model.IntVar] = {}
        self.y: dict[tuple[str, str], int] = {}
        self.fitting: dict[str, int] = {}  # adept → fitting workplaces before forbids
        # The fit depends on an adept's place and fields only: computed once per such profile.
        fits: dict[tuple, float | None] = {}
        if PLACEMENT in part:
            for a in programme.adepts:
                if PLACEMENT not in needs[a.id]:
                    continue
                profile = (a.region, a.municipality, a.target_field, a.field)
                for w in programme.workplaces:
                    if (profile, w.id) not in fits:
                        fits[(profile, w.id)] = placement_fits(a, w, settings.related_field_credit)
                    fit = fits[(profile, w.id)]
                    key = (a.id, w.id, PLACEMENT)
                    if fit is not None:
                        self.fitting[a.id] = self.fitting.get(a.id, 0) + 1
                    if key in self.locked:
                        fit = fit if fit is not None else 0.0
                    if fit is None or key in forbidden:
                        continue
                    self.y[(a.id, w.id)] = round(fit * 100)
        self.placeable = {a for a, _w in self.y}
        self.x: dict[RoleKey, int] = {}
        self.allowed: dict[tuple[str, str], int] = {}  # (adept, role) → allowed before seats
        # Per role tied to the placement: the (adept, workplace) pairs someone there could fill.
        self.role_places: dict[str, set[tuple[str, str]]] = {}
        for key in part:
            if key != PLACEMENT:
                self._add_role(key, forbidden)
        # Minimal change: keeping a previous plan's placement or role pair earns the settings'
        # stability weight in the score stage, as on the one-mentor path; coverage and the
        # equality lift still come first.
        bonus = round(settings.stability_weight * 100)
        self.keep_y = {(a, w): bonus for a, w, r in kept if r == PLACEMENT and (a, w) in self.y}
        self.keep_x = {k: bonus for k in kept if k in self.x}

    @property
    def model(self) -> cp_model.CpModel:
        """The CP-SAT model with every rule (built on first use)."""
        if self._model is None:
            self._model = cp_model.CpModel()
            self.yv = {k: self._model.new_bool_var("") for k in self.y}
            self.xv = {k: self._model.new_bool_var("") for k in self.x}
            self._constrain()
        return self._model

    def _add_role(self, key: str, forbidden: set[RoleKey]) -> None:
        role = self.setup.role(key)
        sub = role_programme(self.programme, key, self.needs)
        if not sub.adepts or not sub.mentors:
            return
        frame = score_pairs(sub, role_settings(self.settings, role))
        locked_adepts = [a for a, _m, r in self.locked if r == key]
        rows = frame.filter(pl.col("allowed") | pl.col("adept_id").is_in(locked_adepts)).select(
            "adept_id", "mentor_id", "score_centi", "allowed"
        )
        places = self.role_places.setdefault(key, set())
        for a, m, centi, allowed in rows.iter_rows():
            triple = (a, m, key)
            if triple in self.locked:
                allowed = True
            if not allowed:
                continue
            if role.at_placement:
                if (a, self.workplace_of[m]) not in self.y:
                    continue
                places.add((a, self.workplace_of[m]))
            self.allowed[(a, key)] = self.allowed.get((a, key), 0) + 1
            if triple in forbidden:
                continue
            self.x[triple] = int(centi)

    def _constrain(self) -> None:
        model, programme = self._model, self.programme
        assert model is not None
        by_adept_place: dict[str, list] = {}
        by_workplace: dict[str, list] = {}
        for (a, w), var in self.yv.items():
            by_adept_place.setdefault(a, []).append(var)
            by_workplace.setdefault(w, []).append(var)
        for vars_ in by_adept_place.values():
            model.add_at_most_one(vars_)
        for w, vars_ in by_workplace.items():
            model.add(sum(vars_) <= programme.workplace_by_id[w].capacity)
        per_role: dict[tuple[str, str], list] = {}
        per_seat: dict[tuple[str, str], list] = {}
        per_person: dict[tuple[str, str], list] = {}
        for (a, m, r), var in self.xv.items():
            per_role.setdefault((a, r), []).append(var)
            per_seat.setdefault((m, r), []).append(var)
            per_person.setdefault((a, m), []).append(var)
            if self.setup.role(r).at_placement:
                model.add_implication(var, self.yv[(a, self.workplace_of[m])])
        for vars_ in (*per_role.values(), *per_person.values()):
            if len(vars_) > 1:
                model.add_at_most_one(vars_)
        for (m, r), vars_ in per_seat.items():
            model.add(sum(vars_) <= offered(programme.mentor_by_id[m]).get(r, 0))
        for a, p, r in self.locked:
            var = self.yv.get((a, p)) if r == PLACEMENT else self.xv.get((a, p, r))
            if var is None:
                model.add_bool_or([])  # a lock that cannot hold: no plan
            else:
                model.add(var == 1)
        for a, key in self.must_needs:
            vars_ = by_adept_place.get(a, []) if key == PLACEMENT else per_role.get((a, key), [])
            model.add_bool_or(vars_)  # none allowed: no plan (the reasons say why)

    def all_vars(self) -> list:
        """Every decision variable: placements, then role pairs."""
        self.model  # noqa: B018 - builds the variables
        return [*self.yv.values(), *self.xv.values()]

    def coverage(self):
        """Needs met: the number of placements and role pairs chosen."""
        return sum(self.all_vars())

    def score(self):
        """The total score in hundredths, with the bonus for each previous choice kept."""
        self.model  # noqa: B018 - builds the variables
        return (
            sum(s * self.yv[k] for k, s in self.y.items())
            + sum(s * self.xv[k] for k, s in self.x.items())
            + sum(b * self.yv[k] for k, b in self.keep_y.items())
            + sum(b * self.xv[k] for k, b in self.keep_x.items())
        )

    def lines(self) -> list[tuple[str, dict[str, int]]]:
        """Per line (placement first, then each role) with the equality rule on: its gender
        groups with their numbers of applicants (at least two groups of at least
        ``min_group_size`` applicants, else the line is left out)."""
        if not self.settings.equality.match_rate.enabled:
            return []
        out = []
        for key in self.part:
            if key == PLACEMENT and not self.setup.placement_equality:
                continue
            if key != PLACEMENT and not self.setup.role(key).equality:
                continue
            groups = self.applicants(key)
            if len(groups) > 1:
                out.append((key, groups))
        return out

    def applicants(self, key: str) -> dict[str, int]:
        """The line's groups (woman, man) with at least ``min_group_size`` applicants."""
        least = max(self.settings.equality.min_group_size, 1)
        gender = {a.id: a.gender.value for a in self.programme.adepts}
        out = {}
        for g in ("woman", "man"):
            n = sum(1 for a, need in self.needs.items() if key in need and gender[a] == g)
            if n >= least:
                out[g] = n
        return out

    def line_vars(self, key: str, group: str) -> list:
        """The variables that count a need of ``key`` met for an adept of ``group``."""
        self.model  # noqa: B018 - builds the variables
        gender = {a.id: a.gender.value for a in self.programme.adepts}
        if key == PLACEMENT:
            return [v for (a, _w), v in self.yv.items() if gender[a] == group]
        return [v for (a, _m, r), v in self.xv.items() if r == key and gender[a] == group]

    def chosen(self, values: dict) -> tuple[set, set]:
        """The placement and role-pair keys a CP-SAT solution (variable → 0/1) chooses."""
        return (
            {k for k, v in self.yv.items() if values[v]},
            {k for k, v in self.xv.items() if values[v]},
        )

    def hint(self, ys: set, xs: set) -> dict:
        """The CP-SAT values of a plan given by its keys."""
        self.model  # noqa: B018 - builds the variables
        values = {v: int(k in ys) for k, v in self.yv.items()}
        values |= {v: int(k in xs) for k, v in self.xv.items()}
        return values

    def read(self, ys: set, xs: set) -> tuple[list[Placement], list[RolePair]]:
        """The placements and role pairs of a plan given by its keys."""
        placements = [
            Placement(a, w, s / 100, (a, w, PLACEMENT) in self.locked)
            for (a, w), s in self.y.items()
            if (a, w) in ys
        ]
        pairs = [
            RolePair(a, m, r, self.workplace_of[m], s / 100, (a, m, r) in self.locked)
            for (a, m, r), s in self.x.items()
            if (a, m, r) in xs
        ]
        return placements, pairs

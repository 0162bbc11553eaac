"""The CP-SAT model of a jointly solved part: placements and coupled roles, with their rules.

Variables: one per allowed placement (adept, workplace) and per allowed role pair (adept,
person, role), each with its score in hundredths. Rules: at most one placement per adept and
one person per role; a workplace's placement capacity; a person's seats per role; nobody in
two roles for one adept; a role tied to the placement only with someone at the adept's
placement workplace; locks hold, forbids are left out. The model is the record every
plan of the part is read from; :mod:`.role_stages` decides which objectives it is given.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from smile_core.participants import Programme
from smile_core.role_plan import Placement, RolePair
from smile_core.roles import PLACEMENT, RoleSetup, offered
from smile_core.scoring import score_pairs
from smile_core.settings import MatchSettings
from smile_core.solver.role_fit import placement_fits
from smile_core.solver.role_parts import RoleKey, role_programme, role_settings


class JointModel:
    """One CP-SAT model for a part: see the module docstring.

    ``y``: (adept, workplace) → (variable, score centi); ``x``: (adept, person, role) →
    (variable, score centi); ``fitting``/``allowed``/``role_places`` serve the reasons.
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
    ) -> None:
        self.programme, self.settings, self.setup, self.part = programme, settings, setup, part
        self.needs = needs
        self.workplace_of = {m.id: m.workplace_id for m in programme.mentors}
        forbidden = {k for k in forbids if k[2] in part}
        self.locked = {k for k in locks if k[2] in part}
        self.model = model = cp_model.CpModel()
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
                    if key in self.locked:
                        fit = fit if fit is not None else 0.0
                    if fit is None or key in forbidden:
                        continue
                    self.y[(a.id, w.id)] = (model.new_bool_var(""), round(fit * 100))
        self.x: dict[RoleKey, tuple[cp_model.IntVar, int]] = {}
        self.allowed: dict[tuple[str, str], int] = {}  # (adept, role) → allowed before seats
        # Per role tied to the placement: the (adept, workplace) pairs someone there could fill.
        self.role_places: dict[str, set[tuple[str, str]]] = {}
        for key in part:
            if key != PLACEMENT:
                self._add_role(key, forbidden)
        self._constrain()

    def _add_role(self, key: str, forbidden: set[RoleKey]) -> None:
        role = self.setup.role(key)
        sub = role_programme(self.programme, key, self.needs)
        if not sub.adepts or not sub.mentors:
            return
        frame = score_pairs(sub, role_settings(self.settings, role))
        rows = frame.select("adept_id", "mentor_id", "score_centi", "allowed")
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
            self.x[triple] = (self.model.new_bool_var(""), int(centi))

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
        for (a, m, r), (var, _s) in self.x.items():
            per_role.setdefault((a, r), []).append(var)
            per_seat.setdefault((m, r), []).append(var)
            per_person.setdefault((a, m), []).append(var)
            if self.setup.role(r).at_placement:
                model.add_implication(var, self.y[(a, self.workplace_of[m])][0])
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

    def all_vars(self) -> list:
        """Every decision variable: placements, then role pairs."""
        return [v for v, _s in self.y.values()] + [v for v, _s in self.x.values()]

    def coverage(self):
        """Needs met: the number of placements and role pairs chosen."""
        return sum(self.all_vars())

    def score(self):
        """The total score in hundredths."""
        return sum(s * v for v, s in self.y.values()) + sum(s * v for v, s in self.x.values())

    def lines(self) -> list[tuple[str, list[tuple[list, int, str]]]]:
        """Per role (placement first) the gender groups the equality rule compares: each with
        its chosen-variables, its number of applicants and its name (at least two groups of
        at least ``min_group_size`` applicants, else the line is left out)."""
        rule = self.settings.equality
        if not rule.match_rate.enabled:
            return []
        out = []
        for key in self.part:
            if key == PLACEMENT and not self.setup.placement_equality:
                continue
            if key != PLACEMENT and not self.setup.role(key).equality:
                continue
            groups = [(self.line_vars(key, g), n, g) for g, n in self.applicants(key).items()]
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
        gender = {a.id: a.gender.value for a in self.programme.adepts}
        if key == PLACEMENT:
            return [v for (a, _w), (v, _s) in self.y.items() if gender[a] == group]
        return [v for (a, _m, r), (v, _s) in self.x.items() if r == key and gender[a] == group]

    def read(self, values: dict) -> tuple[list[Placement], list[RolePair]]:
        """The placements and role pairs a solution (variable → 0/1) chooses."""
        placements = [
            Placement(a, w, s / 100, (a, w, PLACEMENT) in self.locked)
            for (a, w), (v, s) in self.y.items()
            if values[v]
        ]
        pairs = [
            RolePair(a, m, r, self.workplace_of[m], s / 100, (a, m, r) in self.locked)
            for (a, m, r), (v, s) in self.x.items()
            if values[v]
        ]
        return placements, pairs

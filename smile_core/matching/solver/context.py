"""The CP-SAT model under construction, shared by the rule modules.

A :class:`ModelContext` holds the model, one Boolean per candidate pair, and — when the model is
built to explain infeasibility — a named guard literal per coordinator-controllable rule
(a lock, a capacity, an equality target), so a conflicting set can be named in words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from ortools.sat.python import cp_model

from smile_core.matching.plan import Conflict
from smile_core.matching.solver.problem import MatchProblem
from smile_core.text import Message


@dataclass
class ModelContext:
    """Model, pair variables and (in explain mode) the guards of every rule."""

    problem: MatchProblem
    explain: bool = False
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    x: list[cp_model.IntVar] = field(default_factory=list)
    guards: list[tuple[cp_model.IntVar, Conflict]] = field(default_factory=list)
    #: Auxiliary variables and how to compute each from a plan (a Boolean mask over the pairs),
    #: so a warm start can hint every variable: CP-SAT uses a complete hint at once.
    derived: list[tuple[cp_model.IntVar, Callable[[np.ndarray], int]]] = field(default_factory=list)
    #: Group counts (by gender group) that every plan of this model has, held by rows the
    #: façade adds: a rule may use them as numbers (a linear row instead of products).
    known_counts: dict[str, int] | None = None

    def __post_init__(self) -> None:
        # Names cost time and memory on big models; only the explain model needs them.
        self.x = [
            self.model.new_bool_var(f"x{p}" if self.explain else "")
            for p in range(self.problem.n_pairs)
        ]

    def guard(
        self,
        kind: str,
        text: Message,
        subject: str = "",
        limit: int | None = None,
    ) -> cp_model.IntVar | None:
        """A literal that switches one rule on, in explain mode; ``None`` otherwise (always on)."""
        if not self.explain:
            return None
        literal = self.model.new_bool_var(f"guard{len(self.guards)}")
        self.guards.append((literal, Conflict(kind, text, subject, limit)))
        return literal

    def total(
        self, pairs: np.ndarray, coefficients: np.ndarray | None = None
    ) -> cp_model.LinearExprT:
        """Sum of ``coefficients[i] * x[pairs[i]]`` (plain count without coefficients)."""
        variables = [self.x[int(p)] for p in pairs]
        if coefficients is None:
            return cp_model.LinearExpr.sum(variables)
        return cp_model.LinearExpr.weighted_sum(variables, [int(c) for c in coefficients])

    def derive(
        self, var: cp_model.IntVar, value_of: Callable[[np.ndarray], int]
    ) -> cp_model.IntVar:
        """Register how ``var``'s value follows from a plan; returns ``var``."""
        self.derived.append((var, value_of))
        return var

    def value(self, var: cp_model.IntVar, chosen: np.ndarray) -> int:
        """The value a derived variable takes for a plan (a Boolean mask over the pairs)."""
        for known, value_of in self.derived:
            if known.index == var.index:
                return int(value_of(chosen))
        raise KeyError(f"variable {var.index} has no derivation")

    def hint(self, chosen: np.ndarray) -> None:
        """Hint every variable from a plan given as a Boolean mask over the pairs."""
        self.model.clear_hints()
        for p, var in enumerate(self.x):
            self.model.add_hint(var, bool(chosen[p]))
        for var, value_of in self.derived:
            self.model.add_hint(var, int(value_of(chosen)))


def enforce(constraint: cp_model.Constraint, guard: cp_model.IntVar | None) -> None:
    """Make ``constraint`` conditional on ``guard`` when there is one."""
    if guard is not None:
        constraint.only_enforce_if(guard)

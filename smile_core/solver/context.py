"""The CP-SAT model under construction, shared by the rule modules.

A :class:`ModelContext` holds the model, one Boolean per candidate pair, and — when the model is
built to explain infeasibility — a named guard literal per coordinator-controllable rule
(a lock, a capacity, an equality target), so a conflicting set can be named in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from ortools.sat.python import cp_model

from smile_core.plan import Conflict
from smile_core.solver.problem import MatchProblem


@dataclass
class ModelContext:
    """Model, pair variables and (in explain mode) the guards of every rule."""

    problem: MatchProblem
    explain: bool = False
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    x: list[cp_model.IntVar] = field(default_factory=list)
    guards: list[tuple[cp_model.IntVar, Conflict]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Names cost time and memory on big models; only the explain model needs them.
        self.x = [
            self.model.new_bool_var(f"x{p}" if self.explain else "")
            for p in range(self.problem.n_pairs)
        ]

    def guard(
        self,
        kind: str,
        message_sv: str,
        message_en: str,
        subject: str = "",
        limit: int | None = None,
    ) -> cp_model.IntVar | None:
        """A literal that switches one rule on, in explain mode; ``None`` otherwise (always on)."""
        if not self.explain:
            return None
        literal = self.model.new_bool_var(f"guard{len(self.guards)}")
        self.guards.append((literal, Conflict(kind, message_sv, message_en, subject, limit)))
        return literal

    def total(
        self, pairs: np.ndarray, coefficients: np.ndarray | None = None
    ) -> cp_model.LinearExprT:
        """Sum of ``coefficients[i] * x[pairs[i]]`` (plain count without coefficients)."""
        variables = [self.x[int(p)] for p in pairs]
        if coefficients is None:
            return cp_model.LinearExpr.sum(variables)
        return cp_model.LinearExpr.weighted_sum(variables, [int(c) for c in coefficients])


def enforce(constraint: cp_model.Constraint, guard: cp_model.IntVar | None) -> None:
    """Make ``constraint`` conditional on ``guard`` when there is one."""
    if guard is not None:
        constraint.only_enforce_if(guard)

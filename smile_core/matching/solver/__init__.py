"""The matching engine: :func:`solve` turns a programme and settings into a :class:`MatchResult`.

Only plain values cross this boundary; CP-SAT and flow objects stay inside the package.
"""

from smile_core.matching.solver.problem import PlanInputError
from smile_core.matching.solver.solve import solve

__all__ = ["PlanInputError", "solve"]

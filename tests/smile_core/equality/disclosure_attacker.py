"""The attacker of the disclosure tests: from published sums, each hidden figure's range."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

from ortools.sat.python import cp_model

Equation = tuple[tuple[Hashable, ...], int]  # the atoms that add up, and the published sum


def hidden_ranges(
    atoms: Iterable[Hashable],
    published: list[Equation],
    hidden: Mapping[Hashable, tuple[Hashable, ...]],
) -> dict[Hashable, tuple[int, int | None]]:
    """Smallest and largest value of each hidden figure (None above: unbounded)."""
    atoms = list(atoms)
    bound = 10 * max([v for _, v in published] + [10])
    model = cp_model.CpModel()
    x = {a: model.new_int_var(0, bound, str(a)) for a in atoms}
    for cells, value in published:
        model.add(sum(x[a] for a in cells) == value)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    found = {}
    for name, cells in hidden.items():
        ends = []
        for sense in (model.minimize, model.maximize):
            sense(sum(x[a] for a in cells))
            assert solver.solve(model) == cp_model.OPTIMAL, "published figures contradict"
            ends.append(round(solver.objective_value))
        found[name] = (ends[0], None if ends[1] >= bound else ends[1])
    return found

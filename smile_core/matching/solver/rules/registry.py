"""The rule registry: every rule of the matching model, in the order the model is built.

Each rule is one module in :mod:`smile_core.matching.solver.rules` ending in ``RULE = Rule(...)``
(:class:`~smile_core.matching.solver.rules.rule.Rule`), which declares in one place:

- its name (also its text key ``rules.<name>``, Swedish and English),
- the settings that switch it on or shape it,
- its constraint builder and objective terms (``build``: CP-SAT rows on the
  :class:`~smile_core.matching.solver.context.ModelContext`, guarded so the explainer can name
  them),
- its independent public check (``check``: plain Python over the plan's ids, no solver),
- its fast array mirror for warm starts (``mirror``), where a flow plan could break it,
- its part in an unmatched adept's reason (``room_reason``), where it has one.

Who iterates :data:`RULES` instead of naming rules: the façade's model
(:func:`smile_core.matching.solver.solve._build`), the explainer
(:func:`smile_core.matching.solver.explain.conflicts`: every rule that is not objective-only), the
warm-start mirror (:func:`smile_core.matching.solver.feasibility.satisfies_rules`), the unmatched
reasons (:mod:`smile_core.matching.solver.reasons`) and the public checks
(:func:`smile_core.matching.checks.check_plan`, :func:`~smile_core.matching.checks.check_equality`).

**Adding a rule** = one module + one line here:

1. Write ``smile_core/matching/solver/rules/<name>.py`` with ``add(ctx)`` (rows, each
   coordinator-facing row guarded by ``ctx.guard(code, sv, en)``),
   ``check(plan: PlanFacts) -> list[Violation]``, a ``mirror(problem, chosen)`` when the
   flows do not keep it by construction, and
   ``RULE = Rule(name=..., settings=(...), applies=..., build=..., check=..., codes=(...))``.
2. Add ``<name>.RULE`` to :data:`RULES` below (order = model-building order; it changes the
   CP-SAT model and so, with a fixed seed, may change which of equally good plans is found).
3. Add the text key ``rules.<name>`` in Swedish and English.
   ``tests/smile_core/matching/solver/test_registry.py`` then requires a check, both texts, real
   setting names, and that a plan breaking the rule is caught by its check.

A rule the flows cannot carry (like the workplace mix) is still kept: CP-SAT, the model of
record, carries every registered rule and confirms every plan a flow or mirror proposes; the
solver tests judge the plans returned by every ``check``.

Not iterated (rule-specific by nature): the Lagrangian multipliers of the warm start
(:mod:`smile_core.matching.solver.hint`: match rate and quality gap), the equality notes
(:mod:`smile_core.matching.solver.notes`), the leximin lift and its flows, and the settings form's
widgets (:mod:`smile_ui.settings_form`); combinations of settings no solve can honour are
decided by :func:`smile_core.matching.settings.unsolvable_combinations`.
"""

from __future__ import annotations

from smile_core.matching.solver.rules import (
    assignment,
    capacity,
    group_size,
    locks,
    match_rate,
    quality_parity,
    score,
    spread_load,
    workplace_mix,
)
from smile_core.matching.solver.rules.rule import Rule

#: Every rule, in model-building order.
RULES: tuple[Rule, ...] = (
    assignment.RULE,
    capacity.RULE,
    group_size.RULE,
    locks.RULE,
    match_rate.RULE,
    quality_parity.RULE,
    workplace_mix.RULE,
    score.RULE,
    spread_load.RULE,
)

#: The rules a plan can break (each has a public check), in model-building order.
CHECKED: tuple[Rule, ...] = tuple(r for r in RULES if not r.objective_only)

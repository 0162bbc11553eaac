"""What a rule declares: :class:`Rule`, one per module in :mod:`smile_core.matching.solver.rules`.

The registry (:mod:`.registry`) orders them; everything that needs "every rule" iterates it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from smile_core.matching.plan import UnmatchedReason
from smile_core.matching.settings import MatchSettings
from smile_core.matching.violation import PlanFacts, Violation

#: A rule's model part: ``build(ctx, counts_fixed)`` adds its constraints to the
#: :class:`~smile_core.matching.solver.context.ModelContext` and returns its objective terms by name
#: (empty when it has none). ``counts_fixed``: the façade fixes the group counts before the
#: quality stage (and the explainer builds the rules only), so a rule may build a lighter form.
Build = Callable[[Any, bool], Mapping[str, Any]]


@dataclass(frozen=True)
class Rule:
    """One rule of the matching model, declared in one place.

    - ``name``: the code, also the text key ``rules.<name>`` (Swedish and English).
    - ``settings``: the dotted :class:`~smile_core.matching.settings.MatchSettings` fields
      that switch the rule on or shape it (empty: always on); ``applies(settings)`` says
      whether it is on.
    - ``build``: its constraints and objective terms (see :data:`Build`). Term names are
      shared across rules: ``coverage``, ``score``; ``score_cost`` is subtracted from
      ``score``; the quality stage terms.
    - ``check``: the independent public check (plain Python over the plan's ids, no solver),
      ``None`` only for a pure objective term (``objective_only``): no plan can break it.
    - ``codes``: the :class:`~smile_core.matching.violation.Violation` rules and
      :class:`~smile_core.matching.plan.Conflict` kinds it produces (the explainer's guards).
    - ``mirror``: a fast array check on a candidate plan (pair indices) used to trust a flow
      plan as a warm start; ``None`` when every candidate plan keeps the rule by construction
      (at-most-one, capacities, locks in the flows).
    - ``room_reason``: the rule's part in why an unmatched adept stays out although a mentor
      has room: ``room_reason(problem, with_room, mentor_load)`` gives the reason when this
      rule alone keeps them out, else ``None`` (:mod:`smile_core.matching.solver.reasons`).
    - ``equality``: an equality rule (judged by :func:`smile_core.matching.checks.check_equality`).
    """

    name: str
    settings: tuple[str, ...]
    applies: Callable[[MatchSettings], bool]
    build: Build
    check: Callable[[PlanFacts], list[Violation]] | None
    codes: tuple[str, ...] = ()
    mirror: Callable[[Any, np.ndarray], bool] | None = None
    room_reason: Callable[[Any, np.ndarray, np.ndarray], UnmatchedReason | None] | None = None
    equality: bool = False
    objective_only: bool = False

    @property
    def text_key(self) -> str:
        """The text key naming the rule (``t(rule.text_key, lang)``)."""
        return f"rules.{self.name}"


def always(_settings: MatchSettings) -> bool:
    """For a rule that is always on."""
    return True

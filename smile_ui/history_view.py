"""The Matching page's glue for history and load: earlier cohorts' pairs, and the prices shown.

- :func:`earlier_for_active`: the pairs of earlier cohorts' agreed plans (same programme in
  the store) whose two people are in the programme on screen; nothing for the synthetic demo
  programmes (their ids repeat between demos) or when the store cannot be read.
- :func:`history_and_spread`: one caption each for what the last solve did about earlier
  mentors and what spreading the load cost.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from smile_core.matching.history import EarlierPair, current_pairs, earlier_pairs
from smile_core.store import StoreError
from smile_core.text import t
from smile_ui import persistence, session
from smile_ui.session import PairKey, Workspace
from smile_ui.text import number


def earlier_for_active() -> Mapping[PairKey, EarlierPair]:
    """Earlier cohorts' pairs found in the active programme, by today's ids (read-only)."""
    if session.is_demo():
        return {}
    try:
        programme_id, cohort_id = persistence.ensure_cohort()
        repo = persistence.service()
        earlier = earlier_pairs(repo, programme_id, before_cohort=cohort_id)
        if not earlier:
            return {}
        keys = {(m.role, m.source_id): m.person_key for m in repo.list_members(cohort_id)}
    except StoreError:
        return {}  # without the store there is no history; the plan is still made
    return current_pairs(earlier, session.active_programme(), keys)


def history_and_spread(ws: Workspace, lang: str) -> None:
    """Captions: adepts whose earlier mentor the rule touched, and the spread's price."""
    if ws.history:
        rule = ws.settings.earlier_mentor.value
        st.caption(t(f"matching.history.{rule}", lang, count=len(ws.history)))
    price = ws.spread_price
    if price is not None:
        st.caption(
            t(
                "matching.spread.price",
                lang,
                cost=number(price.cost, lang, 2),
                before=number(price.total_without, lang, 2),
                after=number(price.total_with, lang, 2),
                mentors_before=price.mentors_without,
                mentors_after=price.mentors_with,
                doubled_before=price.doubled_without,
                doubled_after=price.doubled_with,
            )
        )

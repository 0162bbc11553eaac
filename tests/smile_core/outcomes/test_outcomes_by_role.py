"""Outcomes by role: adepts who had a placement / a handledare / a mentor against the rest."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_outcome_figures import K, _determined_unknowns

from smile_core.matching.role_plan import Placement, RolePair, RolePlan
from smile_core.matching.roles import KNOWN_ROLES, RoleSetup
from smile_core.outcomes.outcome_figures import ROLE_GROUPS, group_rates, outcome_rates
from smile_core.outcomes.outcome_records import FOLLOW_UP_STATUSES

SETUP = RoleSetup((KNOWN_ROLES["supervisor"], KNOWN_ROLES["mentor"]), placements=True)


def _plan(kinds: list[str]) -> RolePlan:
    """Adept i: "full" (placement, handledare, mentor), "mentor_only" (needs a mentor only,
    has one), "placed" (placement, no handledare) or "none" (needs all, has nothing)."""
    placements, pairs, needs = [], [], []
    for i, kind in enumerate(kinds):
        adept = f"A{i}"
        need = ("mentor",) if kind == "mentor_only" else ("placement", "supervisor", "mentor")
        needs.append((adept, need))
        if kind in ("full", "placed"):
            placements.append(Placement(adept, "W1"))
        if kind == "full":
            pairs.append(RolePair(adept, "H1", "supervisor", "W1"))
        if kind in ("full", "mentor_only"):
            pairs.append(RolePair(adept, "M1", "mentor"))
    return RolePlan(SETUP, tuple(placements), tuple(pairs), (), tuple(needs))


def _followups(statuses: list[str]) -> pl.DataFrame:
    n = len(statuses)
    return pl.DataFrame(
        {"adept_id": [f"A{i}" for i in range(n)], "months": [6] * n, "status": statuses}
    )


def test_adepts_split_by_whether_they_had_the_role():
    """Had a handledare, needed one and had none, did not need one: counted and named."""
    kinds = ["full"] * 8 + ["placed"] * 6 + ["mentor_only"] * 5
    statuses = ["qualified_job"] * 8 + ["other_job"] * 6 + ["studies"] * 5
    rates = group_rates(
        outcome_rates(
            _followups(statuses), by="role", role="supervisor", roles=_plan(kinds), months=6
        )
    )
    assert rates["group"].to_list() == list(ROLE_GROUPS)
    assert rates["group_total"].to_list() == [8, 6, 5]
    assert rates["in_work_rate"].to_list() == pytest.approx([1.0, 1.0, 0.0])
    assert rates["label_sv"].to_list() == [
        "Med handledare",
        "Behövde handledare, fick ingen",
        "Behövde ingen handledare",
    ]
    assert rates["label_en"][0] == "With a workplace supervisor"


def test_the_placement_is_a_grouping_too():
    """By placement: every placed adept is in the first group, whatever their handledare."""
    kinds = ["full"] * 5 + ["placed"] * 5 + ["none"] * 5
    rates = group_rates(
        outcome_rates(
            _followups(["other_job"] * 15),
            by="role",
            role="placement",
            roles=_plan(kinds),
            months=6,
        )
    )
    assert dict(zip(rates["group"], rates["group_total"], strict=True)) == {
        "role_had": 10,
        "role_missing": 5,
    }
    assert rates["label_en"][0] == "With a placement"


def test_a_role_grouping_needs_the_plan_with_roles_and_a_role_it_has():
    """Without a plan with roles, or with a role the plan lacks, there is no such grouping."""
    followups = _followups(["other_job"] * 5)
    with pytest.raises(ValueError, match="needs the plan with roles"):
        outcome_rates(followups, by="role", role="mentor", months=6)
    with pytest.raises(ValueError, match="no role 'social_mentor'"):
        outcome_rates(
            followups, by="role", role="social_mentor", roles=_plan(["full"] * 5), months=6
        )


def test_small_role_groups_are_hidden_like_any_other_group():
    """Three adepts without a handledare: their counts and rates are hidden, never shown."""
    kinds = ["full"] * 12 + ["placed"] * 3
    table = outcome_rates(
        _followups(["other_job"] * 15), by="role", role="supervisor", roles=_plan(kinds), months=6
    )
    missing = table.filter(pl.col("group") == "role_missing")
    assert missing["n"].null_count() == len(FOLLOW_UP_STATUSES)
    assert missing["in_work_rate"].null_count() == len(FOLLOW_UP_STATUSES)
    assert group_rates(table).filter(pl.col("group") == "role_missing")[
        "group_total_suppressed"
    ].to_list() == [True]


@st.composite
def _role_cases(draw):
    n = draw(st.integers(1, 45))
    kinds = draw(
        st.lists(st.sampled_from(["full", "placed", "mentor_only", "none"]), min_size=n, max_size=n)
    )
    weights = st.sampled_from(FOLLOW_UP_STATUSES[:2] * 3 + FOLLOW_UP_STATUSES)
    statuses = draw(st.lists(weights, min_size=n, max_size=n))
    return kinds, statuses, draw(st.sampled_from(["placement", "supervisor", "mentor"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_role_cases())
def test_no_role_table_publishes_a_small_or_recoverable_count(case):
    """Any plan with roles: no shown count of 1 to K-1, and no hidden count follows from the
    shown ones and the programme's own status totals."""
    kinds, statuses, role = case
    followups = _followups(statuses).with_columns(months=pl.lit(12))
    table = outcome_rates(followups, by="role", role=role, roles=_plan(kinds))
    for column in ("n", "group_total", "in_work_n", "qualified_n"):
        assert all(n == 0 or n >= K for n in table[column].drop_nulls())
    assert _determined_unknowns(table, followups) == []

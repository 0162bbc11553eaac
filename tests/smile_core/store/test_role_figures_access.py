"""The steering group's figures by role (``Service.cohort_role_figures``): from the run the
figures by gender describe, suppressed exactly as on the Equality page, and only for users
given the programme (issue 10)."""

from __future__ import annotations

import dataclasses

import polars as pl
import pytest
from role_demo_data import role_demo

from smile_core.access import Service, User
from smile_core.equality.role_figures import role_gender_figures
from smile_core.matching.settings import MatchSettings
from smile_core.store import NotFound, Repository
from smile_core.store.accounts import Accounts
from smile_core.workflows import runs

PASSWORD = "correct horse battery"
#: Three adepts written as non-binary: a small gender group, hidden in every role.
NONBINARY = ("A01", "A04", "A05")


def _user(repo: Repository, name: str, role: str, programme_ids=()) -> User:
    accounts = Accounts(repo.engine)
    accounts.add_user(name, role, PASSWORD, "test", list(programme_ids))
    return User.from_record(accounts.authenticate(name, PASSWORD))


@pytest.fixture
def stored(repo: Repository) -> tuple[int, int]:
    """(programme id, cohort id) of the vocational role demo (three non-binary adepts)."""
    programme, _result = role_demo("vocational", NONBINARY)
    programme_id = repo.create_programme("Yrkes med roller", "vocational", {}, "kim")
    cohort_id = repo.create_cohort(programme_id, "2026 höst", "kim")
    repo.save_participants(cohort_id, programme, "kim")
    return programme_id, cohort_id


def test_steering_figures_by_role_are_the_equality_pages(
    repo: Repository, stored: tuple[int, int]
) -> None:
    """A coordinator saves the plan; the steering user reads the same suppressed figures by
    role as the Equality page computes from the plan on screen, hidden cells included."""
    programme_id, cohort_id = stored
    programme, result = role_demo("vocational", NONBINARY)
    coordinator = Service(repo, _user(repo, "kim", "coordinator", [programme_id]))
    runs.save_run(coordinator, cohort_id, MatchSettings(seed=1), result, 1)
    board = Service(repo, _user(repo, "board", "steering", [programme_id]))
    answer = board.cohort_role_figures(cohort_id)
    assert answer is not None
    setup, figures = answer
    on_page = role_gender_figures(programme, result.plan, result.roles)
    assert setup == result.roles.setup
    assert figures.equals(on_page)
    hidden = figures.filter(pl.col("gender") == "other")
    assert hidden.height > 0 and hidden["needed"].is_null().all()
    assert figures["needed_suppressed"].any()


def test_the_figures_by_role_follow_the_agreed_run(
    repo: Repository, stored: tuple[int, int]
) -> None:
    """With an agreed run without roles there are none by role; agreeing the role run brings
    them; a cohort without a plan has none."""
    programme_id, cohort_id = stored
    _programme, result = role_demo("vocational", NONBINARY)
    service = Service(repo, _user(repo, "kim", "coordinator", [programme_id]))
    assert service.cohort_role_figures(cohort_id) is None
    with_roles = runs.save_run(service, cohort_id, MatchSettings(seed=1), result, 1)
    plain = runs.save_run(
        service, cohort_id, MatchSettings(seed=1), dataclasses.replace(result, roles=None), 1
    )
    service.mark_agreed(plain)
    assert service.cohort_role_figures(cohort_id) is None
    assert service.cohort_figures(cohort_id) is not None
    service.mark_agreed(with_roles)
    assert service.cohort_role_figures(cohort_id) is not None


def test_a_user_without_the_programme_is_refused_the_figures_by_role(
    repo: Repository, stored: tuple[int, int]
) -> None:
    """A steering user given another programme, and an administrator, get NotFound, as for a
    cohort that does not exist."""
    programme_id, cohort_id = stored
    _programme, result = role_demo("vocational", NONBINARY)
    repo.save_run(cohort_id, MatchSettings(seed=1), result, 1, "kim")
    other = repo.create_programme("Annat", "academic", {}, "kim")
    for user in (_user(repo, "board", "steering", [other]), _user(repo, "root", "admin")):
        with pytest.raises(NotFound):
            Service(repo, user).cohort_role_figures(cohort_id)
    with pytest.raises(NotFound):
        Service(repo, _user(repo, "board2", "steering", [programme_id])).cohort_role_figures(
            cohort_id + 100
        )

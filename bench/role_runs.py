"""Saving and reloading a plan with roles (issue 10): the store's side of a role run.

For the vocational role demo (``data/demo/roles/vocational``) and a generated vocational
programme of 1,000 adepts (``bench.roles.vocational_roles_programme``), solved once: the time to
save the run with its plan by role (``run_role_choices``), to read it back in full and rebuild
the result with roles (what a reload does: ``load_run`` + ``result_from_stored``), and to
compute the steering group's figures by role from the store (``cohort_role_figures`` with
nothing kept: the plan, participants and suppression); beside the save, the same run saved
without its roles (what the roles add). On a fresh SQLite file, and on PostgreSQL when
``SMILE_TEST_POSTGRES_URL`` is set. Each figure is the best of ``--repeat`` tries; the stored
plan is checked to equal the solve's.

Usage: ``python -m bench.role_runs [--sizes 1000] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url

from bench.roles import _demo, vocational_roles_programme
from smile_core.access import LOCAL_USER, Service
from smile_core.equality.role_figures import _protected
from smile_core.ingest.participants import Programme
from smile_core.matching.plan import MatchResult
from smile_core.matching.saved_runs import result_from_stored
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve
from smile_core.store import Repository, create_engine, read_cache, upgrade


@contextmanager
def _databases() -> Iterator[list[str]]:
    """URLs of an empty SQLite file, and of a fresh PostgreSQL schema when set."""
    with tempfile.TemporaryDirectory() as folder:
        urls = [f"sqlite:///{Path(folder) / 'smile.db'}"]
        postgres = os.environ.get("SMILE_TEST_POSTGRES_URL", "").strip()
        schema = f"b_{uuid.uuid4().hex[:12]}"
        if postgres:
            admin = create_engine(postgres)
            with admin.begin() as connection:
                connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
            url = make_url(postgres).update_query_dict({"options": f"-csearch_path={schema}"})
            urls.append(url.render_as_string(hide_password=False))
        try:
            yield urls
        finally:
            if postgres:
                with admin.begin() as connection:
                    connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
                admin.dispose()


def _best(repeat: int, work: Callable[[], object]) -> tuple[float, object]:
    best, value = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        value = work()
        best = min(best, time.perf_counter() - started)
    return best, value


def _row(name: str, programme: Programme, result: MatchResult, url: str, repeat: int) -> None:
    engine = create_engine(url)
    upgrade(engine)
    repo = Repository(engine)
    programme_id = repo.create_programme(f"bench {uuid.uuid4().hex[:8]}", "vocational", {}, "b")
    cohort_id = repo.create_cohort(programme_id, "c", "b")
    repo.save_participants(cohort_id, programme, "b")
    settings = MatchSettings(seed=1)
    save, run_id = _best(repeat, lambda: repo.save_run(cohort_id, settings, result, 1, "b"))
    # The same run without its roles: what the roles add to a save.
    plain = dataclasses.replace(result, roles=None)
    save_plain, _ = _best(repeat, lambda: repo.save_run(cohort_id, settings, plain, 1, "b"))

    def reload() -> MatchResult:
        read_cache.bump(engine)  # a reload after another write: nothing kept in memory
        return result_from_stored(repo.load_run(run_id), programme)  # type: ignore[arg-type]

    load, back = _best(repeat, reload)
    assert back.roles == dataclasses.replace(result.roles, diff=None)  # type: ignore[union-attr]
    service = Service(repo, LOCAL_USER)
    repo.mark_agreed(run_id, "b")  # the figures describe the agreed run (the one with roles)

    def figures() -> object:
        read_cache.bump(engine)
        _protected.cache_clear()  # the suppression judged anew, as on a first visit
        return service.cohort_role_figures(cohort_id)

    steering, answer = _best(repeat, figures)
    assert answer is not None
    rows = len(result.roles.placements) + len(result.roles.pairs) + len(result.roles.unmatched)  # type: ignore[union-attr]
    database = url.split(":")[0].split("+")[0]
    print(
        f"{name:>22} {database:>10} {rows:>5} {save:>7.3f} {save_plain:>9.3f} {load:>8.3f} "
        f"{steering:>9.3f}"
    )
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cases = [("demo roles/vocational", _demo("vocational"))]
    cases += [(f"vocational {n:,}", vocational_roles_programme(n, args.seed)) for n in args.sizes]
    solved = [
        (name, p, solve(p, MatchSettings(seed=1, time_limit_seconds=60))) for name, p in cases
    ]
    print("save and reload of a plan with roles; seconds, best of", args.repeat)
    print(
        f"{'programme':>22} {'database':>10} {'rows':>5} {'save s':>7} {'no roles s':>9} "
        f"{'reload s':>8} {'figures s':>9}"
    )
    with _databases() as urls:
        for url in urls:
            for name, programme, result in solved:
                _row(name, programme, result, url, args.repeat)


if __name__ == "__main__":
    main()

"""Roles benchmark (issue 10): placement + handledare + mentor chosen in one solve.

A generated vocational programme (``vocational_roles_programme``: 5 regions, 4 trades, one
workplace per 7 adepts with 3–9 placements and 1–3 handledare of capacity 1–2 each, so some
workplaces have more placements than handledare seats; a mentor per 3 adepts with capacity
2–4; 35 % women) at 200 and 1,000 adepts, default rules (coverage, equality on), and the
two role demos (``data/demo/roles``); each with its status, wall time, whether the target is
met, the independent checks' violations and the needs met per role.

Targets: 1,000 adepts proven optimal in at most 10 s; each demo in at most 1 s.

Usage: ``python -m bench.roles [--sizes 200 1000] [--seed 1]``.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from smile_core.ingest.participants import Adept, Gender, Mentor, Programme, Workplace
from smile_core.ingest.reading import SourceFile
from smile_core.ingest.validation import load_programme
from smile_core.matching.role_checks import check_role_plan
from smile_core.matching.roles import PLACEMENT
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve

_TRADES = ("gjuteri", "trähus", "verkstad", "svetsning")
_REGIONS = ("jönköpings län", "kronobergs län", "kalmar län", "hallands län", "örebro län")
_LANGUAGES = ("arabiska", "tigrinja", "somaliska", "dari")


def vocational_roles_programme(n: int, seed: int) -> Programme:
    """A generated vocational programme with placements, handledare and mentors (see above)."""
    rng = random.Random(seed)
    workplaces, mentors = [], []
    for i in range(max(1, n // 7)):
        wid = f"W{i:04d}"
        region, trade = rng.choice(_REGIONS), rng.choice(_TRADES)
        workplaces.append(
            Workplace(wid, f"Fabrik {i}", trade, region=region, capacity=rng.randint(3, 9))
        )
        for j in range(rng.randint(1, 3)):
            mentors.append(
                Mentor(
                    f"H{i:04d}{j}",
                    Gender.WOMAN if rng.random() < 0.25 else Gender.MAN,
                    trade,
                    workplace_id=wid,
                    languages=("swedish",),
                    region=region,
                    capacity=rng.randint(1, 2),
                    mentor_type="supervisor",
                )
            )
    for i in range(max(1, n // 3)):
        languages = ("swedish",) + ((rng.choice(_LANGUAGES),) if rng.random() < 0.3 else ())
        mentors.append(
            Mentor(
                f"M{i:04d}",
                Gender.WOMAN if rng.random() < 0.4 else Gender.MAN,
                rng.choice(_TRADES),
                languages=languages,
                region=rng.choice(_REGIONS),
                capacity=rng.randint(2, 4),
            )
        )
    adepts = tuple(
        Adept(
            f"A{i:05d}",
            Gender.WOMAN if rng.random() < 0.35 else Gender.MAN,
            trade := rng.choice(_TRADES),
            languages=(rng.choice(_LANGUAGES),),
            swedish_level=rng.choice(("sfi c", "sfi d", "a2", "b1")),
            target_field=trade,
            region=rng.choice(_REGIONS),
            needs=(PLACEMENT, "supervisor", "mentor"),
        )
        for i in range(n)
    )
    return Programme(adepts, tuple(mentors), tuple(workplaces))


def _demo(folder: str) -> Programme:
    root = Path(__file__).resolve().parent.parent / "data" / "demo" / "roles" / folder
    files = {
        t: SourceFile(f"{t}.csv", (root / f"{t}.csv").read_bytes())
        for t in ("adepts", "mentors", "workplaces")
        if (root / f"{t}.csv").exists()
    }
    return load_programme(**files).programme


def _row(name: str, programme: Programme, target: float) -> None:
    started = time.perf_counter()
    result = solve(programme, MatchSettings(time_limit_seconds=60))
    seconds = time.perf_counter() - started
    plan = result.roles
    filled = " ".join(f"{k}={plan.filled(k)}/{plan.needing(k)}" for k in plan.columns)
    broken = len(check_role_plan(programme, plan))
    met = "yes" if result.status.value == "optimal" and seconds <= target else "NO"
    print(
        f"{name:>22} {result.status.value:>9} {seconds:>7.2f} {target:>6.1f} {met:>4} "
        f"{broken:>6}  {filled}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print("solve with roles, default settings (coverage priority, equality rules on)")
    print(f"{'programme':>22} {'status':>9} {'time s':>7} {'target':>6} {'met':>4} {'broken':>6}")
    _row("demo roles/vocational", _demo("vocational"), 1.0)
    _row("demo roles/network", _demo("network"), 1.0)
    for n in args.sizes:
        _row(
            f"vocational {n:,}",
            vocational_roles_programme(n, args.seed),
            10.0 if n <= 1000 else 60.0,
        )


if __name__ == "__main__":
    main()

"""Scale benchmark (issue 11): ``solve`` with the default rules (equality on, lifting) on
generated programmes of growing size, each size in a child process of its own so its peak
memory is its own.

One row per size: adepts, allowed pairs (the engine holds each as a listed pair, 12 bytes,
or — above ``POOL_FROM_PAIRS`` adept × mentor pairs — as a cell of its pair pool, 2 bytes),
peak resident memory of the child that generates the programme and solves it (``peak MB``),
seconds per stage (as the engine reports them through its progress callback: scoring,
leximin flow, CP-SAT check or search, the result with its notes and reasons), status and
gap, the independent checks' verdict (``smile_core.matching.checks``), and the
min-cost-flow reference, computed in a second child of its own (``ref MB``): the quality-only
optimum (equality off) as one min-cost flow over the allowed pairs alone (``score_store``,
every allowed pair as one arc), beside the engine's quality-only total on the same
programme. A pooled size has no reference: one arc per allowed pair (a billion at 50,000
adepts) would not fit in memory; its plan is proven by the flows' pricing of every pair, and
the tests compare pooled and listed solves exactly. ``bench.match_cli`` times the same sizes
end to end through ``smile match``.

Targets: 1,000 adepts <= 2 s; 10,000 <= 60 s and <= 3 GB; 50,000 within 0.1 % of the bound
in <= 5 min and <= 12 GB. Sizes above ``--max-size`` are reported as skipped, not run.

Usage: ``python -m bench.scale [--sizes 1000 5000 10000 50000] [--seed 1] [--max-size 50000]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one(n: int, seed: int) -> dict:
    """Solve one generated programme; every figure of its row (run in the child)."""
    from smile_core.demo.synthetic import random_programme
    from smile_core.matching.checks import check_plan
    from smile_core.matching.pair_pool import score_pool
    from smile_core.matching.settings import MatchSettings
    from smile_core.matching.solver import solve
    from smile_core.matching.solver.solve import poolable

    programme = random_programme(n, seed)
    settings = MatchSettings(time_limit_seconds=300)
    stages: dict[str, float] = {}
    last = [0.0]

    def progress(stage: str, seconds: float) -> None:
        stages[stage] = stages.get(stage, 0.0) + seconds - last[0]
        last[0] = seconds

    pooled = poolable(programme, settings)
    started = time.perf_counter()
    # A pooled size is scored here as solve would score it (the same call), so that the
    # pool's allowed cells can be counted after the solve.
    pool = score_pool(programme, settings) if pooled else None
    scored = time.perf_counter() - started
    result = solve(programme, settings, progress=progress, scores=pool)
    total = time.perf_counter() - started
    stages["result"] = total - scored - last[0]
    stages["scored"] = stages.get("scored", 0.0) + scored
    pairs = [(p.adept_id, p.mentor_id) for p in result.plan.pairs]
    checked = time.perf_counter()
    violations = check_plan(programme, pairs, settings)
    check_seconds = time.perf_counter() - checked
    # Block by block for the pool: no bool copy of the whole table. A listed size's allowed
    # pairs are counted by its reference's child.
    kept = pool.allowed_pairs() if pool is not None else None
    return {
        "adepts": n,
        "mentors": len(programme.mentors),
        "pooled": pooled,
        "pairs": kept,
        "stages": stages,
        "seconds": total,
        "status": result.status.value,
        "gap": result.gap,
        "matched": result.matched,
        "total": result.total_score,
        "checks": "ok" if not violations else f"{len(violations)} violations",
        "check_seconds": check_seconds,
    }


def reference_row(n: int, seed: int) -> dict:
    """The min-cost-flow reference and the engine's quality-only total (run in a child of its
    own, so that its flow of every allowed pair does not count in the engine's peak)."""
    from smile_core.demo.synthetic import random_programme
    from smile_core.matching.settings import MatchSettings, Priority
    from smile_core.matching.solver import solve

    programme = random_programme(n, seed)
    settings = MatchSettings(time_limit_seconds=300)
    reference, ref_seconds, kept = _reference(programme, settings)
    quality_only = dataclasses.replace(settings, priority=Priority.QUALITY)
    quality_only = dataclasses.replace(quality_only, equality=quality_only.equality.all_off())
    engine_quality = solve(programme, quality_only).total_score
    return {
        "pairs": kept,
        "reference": reference,
        "reference_seconds": ref_seconds,
        "engine_quality": engine_quality,
    }


def _reference(programme, settings) -> tuple[float, float, int]:
    """The quality-only optimum (equality off) as one min-cost flow over every allowed pair:
    (its total, its seconds, the allowed pairs)."""
    import numpy as np
    from ortools.graph.python import min_cost_flow

    from smile_core.matching.scoring import score_store

    # The reference: a min-cost flow over every allowed pair (quality only).
    ref_started = time.perf_counter()
    store = score_store(programme, settings)
    kept = store.n_pairs
    w_of = {w.id: i for i, w in enumerate(programme.workplaces)}
    n_a, n_m = len(programme.adepts), len(programme.mentors)
    a0, m0, w0 = 2, 2 + n_a, 2 + n_a + n_m
    adepts, mentors = store.adept.astype(np.int64), store.mentor.astype(np.int64)
    cents = store.score_centi.astype(np.int64)
    del store
    m_head = [w0 + w_of[m.workplace_id] if m.workplace_id else 1 for m in programme.mentors]
    tails = np.concatenate(
        [np.zeros(n_a), a0 + adepts, m0 + np.arange(n_m), w0 + np.arange(len(w_of)), [0]]
    )
    heads = np.concatenate([a0 + np.arange(n_a), m0 + mentors, m_head, np.ones(len(w_of)), [1]])
    caps = np.concatenate(
        [
            np.ones(n_a + len(adepts)),
            [m.capacity for m in programme.mentors],
            [w.capacity for w in programme.workplaces],
            [n_a],
        ]
    )
    costs = np.concatenate([np.zeros(n_a), -cents, np.zeros(n_m + len(w_of) + 1)])
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        *(x.astype(np.int64) for x in (tails, heads, caps, costs))
    )
    flow.set_node_supply(0, n_a)
    flow.set_node_supply(1, -n_a)
    assert flow.solve() == flow.OPTIMAL
    reference = -flow.optimal_cost() / 100
    ref_seconds = time.perf_counter() - ref_started
    return reference, ref_seconds, kept


def run_child(n: int, seed: int, part: str = "--one") -> tuple[dict | None, float, str]:
    """``one`` (or with ``part="--reference"``, ``reference_row``) in a child process of its own:
    (its row or None, its peak memory in MB, its last output)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.scale", part, str(n), "--seed", str(seed)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    peak_mb = usage.ru_maxrss / 1024
    if os.waitstatus_to_exitcode(status) != 0:
        return None, peak_mb, output.strip().splitlines()[-1] if output.strip() else "no output"
    return json.loads(output.strip().splitlines()[-1]), peak_mb, ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000, 50000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-size", type=int, default=50000)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--reference", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.one, args.seed)))
        return
    if args.reference is not None:
        print(json.dumps(reference_row(args.reference, args.seed)))
        return
    print("solve, default rules (equality on, lifting); the solve and its reference each in a")
    print("process of its own, so peak MB is the solve's alone (the generated programme included)")
    print(
        f"{'adepts':>7} {'pairs kept':>13} {'peak MB':>8} {'total s':>8}  "
        f"{'stages (s)':<58} {'status':>8} {'gap':>8} {'checks':>7} | "
        f"{'ref qual':>11} {'ref s':>6} {'ref MB':>7} {'engine qual':>11}"
    )
    for n in args.sizes:
        if n > args.max_size:
            print(f"{n:>7}  skipped: above --max-size {args.max_size}")
            continue
        row, peak, error = run_child(n, args.seed)
        if row is None:
            print(f"{n:>7}  FAILED ({peak:,.0f} MB): {error}")
            continue
        if row["pooled"]:
            reference = "  pooled: no reference (one arc per allowed pair would not fit)"
        else:
            ref, ref_peak, error = run_child(n, args.seed, "--reference")
            if ref is None:
                reference = f"  reference FAILED ({ref_peak:,.0f} MB): {error}"
            else:
                row["pairs"] = ref["pairs"]
                reference = (
                    f"{ref['reference']:>11.2f} {ref['reference_seconds']:>6.1f} "
                    f"{ref_peak:>7,.0f} {ref['engine_quality']:>11.2f}"
                )
        pairs = f"{row['pairs']:>13,}" if row["pairs"] is not None else f"{'?':>13}"
        stages = ", ".join(f"{k} {v:.1f}" for k, v in row["stages"].items())
        print(
            f"{n:>7} {pairs} {peak:>8,.0f} {row['seconds']:>8.1f}  {stages:<58} "
            f"{row['status']:>8} {row['gap']:>8.4%} {row['checks']:>7} | {reference}",
            flush=True,
        )


if __name__ == "__main__":
    main()

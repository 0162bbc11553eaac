"""``smile match`` end to end, as a coordinator runs it: files in, plan out (issue 11's targets).

For each size a generated programme (:func:`smile_core.demo.synthetic.random_programme`) is
written as the three CSV files a coordinator uploads (``bench.reading``'s Swedish headers), and
``smile match --json --out pairs.csv`` runs on them in a child process of its own with the
default rules (equality on, lifting). The figures are the child's: wall-clock seconds from
start to exit (interpreter start, reading and validating, scoring, solving, writing the plan),
and its peak resident memory (``ru_maxrss`` from ``wait4``). The status, gap and matched count
are the CLI's own JSON; the plan it wrote is then read back and judged by the independent
checks (``smile_core.matching.checks.check_plan``) here, outside the timed child.

Targets (issue 11): 1,000 adepts <= 2 s; 10,000 adepts <= 60 s and <= 3 GB; 50,000 adepts
within 0.1 % of the bound in <= 5 min and <= 12 GB. Binding cohorts (issue 8;
:func:`~smile_core.demo.synthetic.binding_programme`, where the equality rules bind) of 40 to
300 adepts: proven optimal by the whole ``smile match`` in <= 5 s. A size with no target is
reported without a verdict. Exit code 1 when a target is missed or a run fails.

Usage: ``python -m bench.match_cli [--sizes 1000 10000 50000] [--binding 40 100 200 300]
[--seed 1] [--rounds 3]`` (``--rounds`` repeats sizes up to 1,000, whose figure is dominated
by start-up; the best round is the row).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from bench.reading import participant_files
from smile_core.demo.synthetic import binding_programme, random_programme
from smile_core.matching.checks import check_plan
from smile_core.matching.settings import MatchSettings

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Target:
    """What a size must meet: seconds, memory and, when given, the largest gap."""

    seconds: float
    memory_mb: float | None = None
    gap: float | None = None


TARGETS = {
    1_000: Target(seconds=2.0),
    10_000: Target(seconds=60.0, memory_mb=3 * 1024),
    50_000: Target(seconds=300.0, memory_mb=12 * 1024, gap=0.001),
}
#: Binding cohorts: the whole run in 5 s with the plan proven optimal (gap 0).
BINDING_TARGET = Target(seconds=5.0, gap=0.0)


@dataclass(frozen=True)
class CliRun:
    """One ``smile match`` run: its exit code, wall seconds, peak memory and JSON answer."""

    exit_code: int
    seconds: float
    peak_mb: float
    answer: dict | None
    tail: str


def run_match(folder: Path) -> CliRun:
    """``smile match`` on the three files in ``folder``, in a child process of its own."""
    command = [
        sys.executable,
        "-m",
        "smile_core.cli",
        "match",
        "--adepts",
        str(folder / "adepter.csv"),
        "--mentors",
        str(folder / "mentorer.csv"),
        "--workplaces",
        str(folder / "arbetsplatser.csv"),
        "--json",
        "--out",
        str(folder / "pairs.csv"),
    ]
    out, err = folder / "answer.json", folder / "stderr.txt"
    started = time.perf_counter()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        # Output to files, not pipes: then wait4 can reap the child and give its own peak.
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=stdout,
            stderr=stderr,
        )
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = exit_code = os.waitstatus_to_exitcode(status)
    answer = json.loads(out.read_text(encoding="utf-8")) if exit_code == 0 else None
    said = (err.read_text(encoding="utf-8") or out.read_text(encoding="utf-8")).strip()
    tail = said.splitlines()[-1] if exit_code and said else ""
    # ru_maxrss is in kilobytes on Linux.
    return CliRun(exit_code, seconds, usage.ru_maxrss / 1024, answer, tail)


def verdict(n: int, run: CliRun, target: Target | None = None) -> str:
    """``met``, ``MISSED (...)`` naming each missed figure, or ``no target`` for the size
    (``target``, else the size's row of ``TARGETS``)."""
    target = target or TARGETS.get(n)
    if target is None:
        return "no target"
    assert run.answer is not None
    missed = []
    if run.seconds > target.seconds:
        missed.append(f"{run.seconds:.1f} s > {target.seconds:.0f} s")
    if target.memory_mb is not None and run.peak_mb > target.memory_mb:
        missed.append(f"{run.peak_mb:,.0f} MB > {target.memory_mb:,.0f} MB")
    if target.gap is not None and run.answer["gap"] > target.gap:
        missed.append(f"gap {run.answer['gap']:.4%} > {target.gap:.1%}")
    if target.gap == 0.0 and run.answer["status"] != "optimal":
        missed.append(f"{run.answer['status']}, not proven optimal")
    return "met" if not missed else "MISSED (" + "; ".join(missed) + ")"


def main(argv: list[str] | None = None) -> int:
    """Print one row per size; 1 when a run fails, breaks a rule or misses its target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 50_000])
    parser.add_argument("--binding", type=int, nargs="*", default=[40, 100, 200, 300])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    print("smile match end to end (CSV files in, --json answer and pairs.csv out), default rules")
    print(
        f"{'cohort':>8} {'adepts':>7} {'mentors':>8} {'seconds':>8} {'peak MB':>8} "
        f"{'status':>9} {'gap':>9} {'matched':>8} {'checks':>8}  target"
    )
    failed = False
    cohorts = [("random", n, random_programme(n, args.seed), None) for n in args.sizes]
    cohorts += [
        ("binding", n, binding_programme(n, args.seed), BINDING_TARGET) for n in args.binding
    ]
    for kind, n, programme, target in cohorts:
        with tempfile.TemporaryDirectory(prefix="smile-bench-") as name:
            folder = Path(name)
            for source in participant_files(programme).values():
                (folder / source.name).write_bytes(source.data)
            rounds = args.rounds if n <= 1_000 else 1
            runs = [run_match(folder) for _ in range(rounds)]
            run = min(runs, key=lambda r: (r.exit_code != 0, r.seconds))
            if run.exit_code != 0:
                print(f"{kind:>8} {n:>7}  FAILED (exit {run.exit_code}): {run.tail}", flush=True)
                failed = True
                continue
            plan = pl.read_csv(folder / "pairs.csv", schema_overrides={"adept_id": pl.String})
        pairs = list(zip(plan["adept_id"].to_list(), plan["mentor_id"].to_list(), strict=True))
        violations = check_plan(programme, pairs, MatchSettings())
        answer = run.answer
        assert answer is not None
        # The file written must be the plan reported, every pair of it.
        broken = len(violations) + (len(pairs) != answer["matched"])
        checks = "ok" if not broken else f"{broken} broken"
        shown = verdict(n, run, target)
        failed |= bool(broken) or shown.startswith("MISSED")
        print(
            f"{kind:>8} {n:>7} {len(programme.mentors):>8} {run.seconds:>8.2f} "
            f"{run.peak_mb:>8,.0f} {answer['status']:>9} {answer['gap']:>9.4%} "
            f"{answer['matched']:>8} {checks:>8}  {shown}",
            flush=True,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Run every benchmark in ``bench/`` and write ``bench/results.md`` (``make bench``).

Each benchmark module (every ``bench/*.py`` with a ``main`` and a usage line, except this one)
runs in a child process of its own, so its peak memory is its own: the table gives each
benchmark's exit code, wall-clock seconds and peak resident memory (the child's ``ru_maxrss``
from ``wait4``), and below it the benchmark's own printed table. The machine's facts (cores,
memory, Python, the packages that shape speed) head the file, so a figure is never read without
the machine it was measured on.

Exit code 0 when every benchmark ran to its end; 1 otherwise (the results file is written
either way, with the failing benchmark's last lines).

Usage: ``python -m bench.run_all [--only matching page_switch] [--out bench/results.md]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
#: Packages whose versions shape the figures.
PACKAGES = ("ortools", "polars", "streamlit", "numpy", "numba")


@dataclass(frozen=True)
class BenchRun:
    """One benchmark's run: what it printed and what it cost."""

    name: str
    exit_code: int
    seconds: float
    peak_mb: float
    output: str


def benchmark_names() -> list[str]:
    """Every benchmark module in ``bench/``: a ``.py`` file other than this one and ``__init__``
    that defines ``main`` (a module a developer can run as ``python -m bench.NAME``)."""
    names = []
    for path in sorted(BENCH_DIR.glob("*.py")):
        if path.stem in {"__init__", "run_all"}:
            continue
        if "def main(" in path.read_text(encoding="utf-8"):
            names.append(path.stem)
    return names


def run_benchmark(name: str) -> BenchRun:
    """Run ``python -m bench.NAME`` from the project root; its peak memory is the child's own."""
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", f"bench.{name}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        # Echoed as it comes, so a long benchmark shows it is alive.
        print(f"[{name}] {line}", end="", flush=True)
        lines.append(line)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return BenchRun(
        name=name,
        exit_code=process.returncode,
        seconds=time.perf_counter() - started,
        # ru_maxrss is in kilobytes on Linux.
        peak_mb=usage.ru_maxrss / 1024,
        output="".join(lines),
    )


def machine_lines() -> list[str]:
    """The facts a reader needs to weigh the figures."""
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = []
    for package in PACKAGES:
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            continue
    return [
        f"- Measured: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {os.cpu_count()} cores, {memory_gb:.0f} GiB, {platform.machine()}, "
        f"Python {platform.python_version()}",
        f"- Packages: {', '.join(versions)}",
    ]


def results_markdown(runs: list[BenchRun]) -> str:
    """``bench/results.md``: a summary table, then each benchmark's own output."""
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`python -m bench.run_all`); do not edit by hand.",
        "",
        *machine_lines(),
        "",
        "| benchmark | result | seconds | peak memory (MB) |",
        "|---|---|---:|---:|",
    ]
    for run in runs:
        result = "ran to its end" if run.exit_code == 0 else f"FAILED (exit {run.exit_code})"
        lines.append(f"| `{run.name}` | {result} | {run.seconds:.1f} | {run.peak_mb:,.0f} |")
    for run in runs:
        lines += ["", f"## {run.name}", "", "```", run.output.rstrip(), "```"]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", help="run only these benchmarks")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "results.md")
    args = parser.parse_args()
    names = benchmark_names()
    if args.only:
        unknown = sorted(set(args.only) - set(names))
        if unknown:
            parser.error(f"no such benchmark: {', '.join(unknown)} (have: {', '.join(names)})")
        names = [n for n in names if n in args.only]
    runs = [run_benchmark(name) for name in names]
    args.out.write_text(results_markdown(runs), encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0 if all(run.exit_code == 0 for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())

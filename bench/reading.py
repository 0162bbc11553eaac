"""How long reading and validating a large participants file takes (the table reader).

Writes a synthetic programme (:func:`smile_core.demo.synthetic.random_programme`) as the CSV files
a coordinator uploads (Swedish headers, semicolons, lists joined with commas) and times
:func:`smile_core.ingest.validation.load_programme` on them in this process (no child process, so
the figure is the reader's own work). The target: 50,000 adepts read and checked in at most 10 s.

Usage: ``python -m bench.reading [--adepts 50000] [--seed 1] [--rounds 3]``.
"""

from __future__ import annotations

import argparse
import csv
import io
import time

from smile_core.demo.synthetic import random_programme
from smile_core.ingest.participants import Programme
from smile_core.ingest.reading import SourceFile
from smile_core.ingest.validation import load_programme

TARGET_SECONDS = 10.0

_ADEPT_COLUMNS = (
    ("ID", "id"),
    ("Kön", "gender"),
    ("Språk", "languages"),
    ("Svenskanivå", "swedish_level"),
    ("Yrke/Utbildning", "field"),
    ("Önskat yrke", "target_field"),
    ("Kommun", "municipality"),
    ("Län", "region"),
    ("Önskat kön på mentor", "preferred_mentor_gender"),
    ("Mål", "goals"),
)
_MENTOR_COLUMNS = (
    ("ID", "id"),
    ("Kön", "gender"),
    ("Arbetsplats", "workplace_id"),
    ("Yrke/Utbildning", "field"),
    ("Språk", "languages"),
    ("Kommun", "municipality"),
    ("Län", "region"),
    ("Kapacitet", "capacity"),
    ("Erbjuder", "offers"),
)
_WORKPLACE_COLUMNS = (
    ("ID", "id"),
    ("Namn", "name"),
    ("Kommun", "municipality"),
    ("Län", "region"),
    ("Kapacitet", "capacity"),
)


def _cell(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)


def _csv(items: tuple, columns: tuple[tuple[str, str], ...]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([header for header, _ in columns])
    for item in items:
        writer.writerow([_cell(getattr(item, name)) for _, name in columns])
    return buffer.getvalue().encode("utf-8")


def participant_files(programme: Programme) -> dict[str, SourceFile]:
    """The programme as three CSV files, the way a coordinator's export looks."""
    return {
        "adepts": SourceFile("adepter.csv", _csv(programme.adepts, _ADEPT_COLUMNS)),
        "mentors": SourceFile("mentorer.csv", _csv(programme.mentors, _MENTOR_COLUMNS)),
        "workplaces": SourceFile(
            "arbetsplatser.csv", _csv(programme.workplaces, _WORKPLACE_COLUMNS)
        ),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the seconds per round of reading and validating the files; 1 when over target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adepts", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    files = participant_files(random_programme(args.adepts, args.seed))
    rounds = ", ".join(map(str, range(1, args.rounds + 1)))
    print(f"| adepts | mentors | seconds (round {rounds}) |")
    print("|---:|---:|---|")
    seconds = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        result = load_programme(**files)
        seconds.append(time.perf_counter() - started)
        if not result.ok:
            print("\n".join(p.message for p in result.report.errors[:5]))
            return 1
    programme = result.programme
    assert programme is not None
    shown = ", ".join(f"{s:.2f}" for s in seconds)
    print(f"| {len(programme.adepts)} | {len(programme.mentors)} | {shown} |")
    best = min(seconds)
    verdict = "met" if best <= TARGET_SECONDS else "MISSED"
    print(f"\nbest {best:.2f} s; target {TARGET_SECONDS:.0f} s: {verdict}")
    return 0 if best <= TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""The ``smile`` command: check participant files, write the demo programmes.

One function per subcommand, registered with argparse subparsers in :data:`COMMANDS`; a new
subcommand (``smile match`` ...) adds a ``_add_<name>`` function that builds its parser and
sets ``handler``. Handlers return the exit code: 0 for success, 1 when the files have errors
or cannot be opened (argparse's own usage errors exit 2).

Nothing is logged. The report goes to the terminal of the person who ran the command; it may
show cell values, which is their own data on their own screen.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from smile_core import __version__
from smile_core.problems import Problem, Severity
from smile_core.reading import DEFAULT_LIMITS, SourceFile
from smile_core.validation import LoadResult, load_programme
from smile_core.vocabulary import TABLE_LABELS, TABLES


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``smile`` command with ``argv`` (default: the process's arguments)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand in :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog="smile",
        description="SMILE: matchning av adepter och mentorer / matching adepts and mentors.",
    )
    parser.add_argument("--version", action="version", version=f"smile {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add_command in COMMANDS:
        add_command(subparsers)
    return parser


# --------------------------------------------------------------------------- smile validate


def _add_validate(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "validate",
        help="kontrollera deltagarfilerna / check the participant files",
        description=(
            "Läs adepter, mentorer och arbetsplatser och visa alla problem. Slutkod 0 när "
            "inget fel finns, 1 annars. / Read adepts, mentors and workplaces and show every "
            "problem. Exit code 0 when there are no errors, 1 otherwise."
        ),
    )
    command.add_argument("--adepts", type=Path, metavar="FIL", help="adepts file (CSV/XLSX)")
    command.add_argument("--mentors", type=Path, metavar="FIL", help="mentors file (CSV/XLSX)")
    command.add_argument("--workplaces", type=Path, metavar="FIL", help="workplaces (optional)")
    command.add_argument(
        "--workbook", type=Path, metavar="FIL.xlsx", help="or: one workbook with all sheets"
    )
    command.add_argument("--json", action="store_true", help="print the report as JSON")
    command.set_defaults(handler=_validate)


def _validate(args: argparse.Namespace) -> int:
    separate = (args.adepts, args.mentors, args.workplaces)
    if (args.workbook is None) == all(path is None for path in separate):
        _say(
            "Ange --adepts och --mentors (och --workplaces), eller --workbook; inte båda.",
            "Give --adepts and --mentors (and --workplaces), or --workbook; not both.",
        )
        return 1
    paths = {
        "workbook": args.workbook,
        "adepts": args.adepts,
        "mentors": args.mentors,
        "workplaces": args.workplaces,
    }
    sources: dict[str, SourceFile] = {}
    for role, path in paths.items():
        if path is None:
            continue
        source = _open(path)
        if source is None:
            return 1
        sources[role] = source
    result = load_programme(**sources)
    print(_report_json(result) if args.json else _report_text(result))
    return 0 if result.report.ok else 1


def _open(path: Path) -> SourceFile | None:
    """The file's name and bytes (at most one byte past the size limit), or a message and None."""
    try:
        with path.open("rb") as handle:
            data = handle.read(DEFAULT_LIMITS.max_bytes + 1)
    except FileNotFoundError:
        _say(f"Filen finns inte: {path}", f"File not found: {path}")
        return None
    except IsADirectoryError:
        _say(f"Det är en mapp, inte en fil: {path}", f"That is a folder, not a file: {path}")
        return None
    except OSError as exc:
        _say(
            f"Filen kunde inte öppnas: {path} ({exc.strerror})",
            f"The file could not be opened: {path} ({exc.strerror})",
        )
        return None
    return SourceFile(path.name, data)


def _say(*lines: str) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def _report_json(result: LoadResult) -> str:
    """``{"counts": ..., "errors": [...], "warnings": [...]}``, each problem as a dict."""
    report = {
        "counts": result.counts,
        "errors": [p.to_dict() for p in result.report.errors],
        "warnings": [p.to_dict() for p in result.report.warnings],
    }
    return json.dumps(report, ensure_ascii=False, indent=2)


_SINGULAR = {
    "adepts": ("adept", "adept"),
    "mentors": ("mentor", "mentor"),
    "workplaces": ("arbetsplats", "workplace"),
}
_SEVERITY_WORDS = {Severity.ERROR: "FEL/ERROR", Severity.WARNING: "VARNING/WARNING"}


def _report_text(result: LoadResult) -> str:
    """The report for a person: per file its row count and problems (row order), then totals."""
    lines: list[str] = []
    by_file: dict[str, list[Problem]] = {}
    for problem in result.report.problems:
        by_file.setdefault(problem.file, []).append(problem)
    if "" in by_file:
        lines += ["Allmänt / General", *_problem_lines(by_file.pop(""))]
    for table in TABLES:
        if table not in result.files:
            continue
        count = result.counts[table]
        label_sv, label_en = _SINGULAR[table] if count == 1 else TABLE_LABELS[table]
        file = result.files[table]
        lines += ["", f"{file}: {count} {label_sv} / {label_en}"]
        own = by_file.pop(file, [])
        lines += _problem_lines(own) if own else ["  Inga problem. / No problems."]
    for file, problems in by_file.items():  # files that could not be read as a table
        lines += ["", file, *_problem_lines(problems)]
    errors, warnings = len(result.report.errors), len(result.report.warnings)
    lines += [
        "",
        f"Totalt / Total: {errors} fel / {_count(errors, 'error')}, "
        f"{warnings} {'varning' if warnings == 1 else 'varningar'} / "
        f"{_count(warnings, 'warning')}.",
        "Filerna kan användas för matchning. / The files can be used for matching."
        if result.report.ok
        else "Rätta felen och kör igen. / Fix the errors and run again.",
    ]
    return "\n".join(lines).lstrip("\n")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _problem_lines(problems: list[Problem]) -> list[str]:
    ordered = sorted(problems, key=lambda p: (p.row is not None, p.row or 0))
    lines = []
    for problem in ordered:
        word = _SEVERITY_WORDS[problem.severity]
        lines += [f"  {word:<15} {problem.message_sv}", f"  {'':<15} {problem.message_en}"]
    return lines


# --------------------------------------------------------------------------- smile demo


def _add_demo(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "demo",
        help="skriv demoprogrammen / write the demo programmes",
        description="Skriv de två demoprogrammen som CSV-filer. / Write the two demo programmes.",
    )
    command.add_argument("--out", type=Path, required=True, metavar="MAPP", help="output folder")
    command.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    from smile_core.demo import write_demo  # the generator is big; only this command needs it

    try:
        written = write_demo(Path(args.out))
    except OSError as exc:
        _say(
            f"Demofilerna kunde inte skrivas i {args.out} ({exc.strerror}).",
            f"The demo files could not be written to {args.out} ({exc.strerror}).",
        )
        return 1
    for path in written:
        print(path)
    return 0


#: Each subcommand's parser builder, in the order ``smile --help`` lists them.
COMMANDS: tuple[Callable[[argparse._SubParsersAction], None], ...] = (_add_validate, _add_demo)

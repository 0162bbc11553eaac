"""The ``smile`` command: check participant files, match, write the demo programmes.

One function per subcommand, registered with argparse subparsers in :data:`COMMANDS`; a new
subcommand (``smile match`` ...) adds a ``_add_<name>`` function that builds its parser and
sets ``handler``. Handlers return the exit code: 0 for success, 1 when the files have errors
or cannot be opened (argparse's own usage errors exit 2).

``validate`` and ``match`` read the files through an optional column mapping (``--map
mapping.toml``, see :mod:`smile_core.ingest.mapping`). ``validate`` also prints the readiness check
(:mod:`smile_core.ingest.readiness`) and exits 0 only when the files have no errors *and* a useful
plan is possible: at least one adept has an allowed mentor with a usable seat. A programme in
which every pair is blocked (e.g. by a rule the data cannot meet) is not "usable".

Nothing is logged. The report goes to the terminal of the person who ran the command; it may
show cell values, which is their own data on their own screen. Everything printed passes
:func:`terminal_safe` first, so a value from a file cannot move the cursor, recolour or clear
the terminal, or hide text behind right-to-left marks.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import os
import re
import sys
import threading
import time
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import polars as pl

from smile_core import __version__
from smile_core.ingest.isolation import load_programme_isolated
from smile_core.ingest.mapping import ColumnMapping, load_mapping
from smile_core.ingest.participants import has_gender_data
from smile_core.ingest.problems import Problem, Severity
from smile_core.ingest.readiness import Readiness, readiness
from smile_core.ingest.reading import DEFAULT_LIMITS, SourceFile
from smile_core.ingest.validation import LoadResult
from smile_core.ingest.vocabulary import TABLES
from smile_core.matching.roles import parse_role
from smile_core.matching.settings import (
    MatchSettings,
    Priority,
    load_settings,
    settings_from_mapping,
    unsolvable_combinations,
)
from smile_core.progress import stage_line
from smile_core.reports.export import to_plain_csv_bytes
from smile_core.reports.match_output import candidate_rows, plan_rows, result_json, result_text
from smile_core.reports.role_output import role_json, role_rows, role_text
from smile_core.text import LANGUAGES, Message, both

if TYPE_CHECKING:
    from smile_core.store.accounts import Accounts


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``smile`` command with ``argv`` (default: the process's arguments)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except BrokenPipeError:
        # The reader left early (``smile match --json | head``). The files are written; the
        # rest of the answer has nowhere to go. Send it to /dev/null so that the interpreter's
        # own flush at exit does not print a traceback, and say so in the exit code.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand in :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog="smile",
        description=_lines("cli.help.smile.description"),
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
        help=_lines("cli.help.validate.validate.help"),
        description=(_lines("cli.help.validate.validate.description")),
    )
    _add_input_arguments(command)
    command.add_argument(
        "--settings", type=Path, metavar="S.toml", help=_lines("cli.help.validate.settings.help")
    )
    command.add_argument("--json", action="store_true", help=_lines("cli.help.validate.json.help"))
    command.set_defaults(handler=_validate)


def _add_input_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--adepts", type=Path, metavar="FIL", help=_lines("cli.help.input_arguments.adepts.help")
    )
    command.add_argument(
        "--mentors", type=Path, metavar="FIL", help=_lines("cli.help.input_arguments.mentors.help")
    )
    command.add_argument(
        "--workplaces",
        type=Path,
        metavar="FIL",
        help=_lines("cli.help.input_arguments.workplaces.help"),
    )
    command.add_argument(
        "--workbook",
        type=Path,
        metavar="FIL.xlsx",
        help=_lines("cli.help.input_arguments.workbook.help"),
    )
    command.add_argument(
        "--map",
        type=Path,
        metavar="mapping.toml",
        help=_lines("cli.help.input_arguments.map.help"),
    )
    command.add_argument(
        "--progress",
        action="store_true",
        help=_lines("cli.help.input_arguments.progress.help"),
    )


Reporter = Callable[[str, float], None]


def _progress(args: argparse.Namespace) -> Reporter:
    """A progress callback that prints one line per stage (Swedish / English, with the seconds
    since the command started) on standard error, never on standard output (it may be JSON):
    with ``--progress``, or when standard error is a terminal; else one that prints nothing.
    A stage reported twice in a row (the pairs scored before the solve, and by it) prints once.
    """
    if not (args.progress or sys.stderr.isatty()):
        return lambda _stage, _seconds: None
    started = time.perf_counter()
    last: list[str] = []

    def report(stage: str, _seconds: float) -> None:
        if last and last[-1] == stage:
            return
        last.append(stage)
        seconds = time.perf_counter() - started
        line = f"{stage_line(stage, seconds, 'sv')} / {stage_line(stage, seconds, 'en')}"
        print(line, file=sys.stderr, flush=True)

    return report


#: What ``match`` and ``report`` need after the files are read: the engine, whose imports
#: (OR-Tools with pandas, numba) take about a second.
_ENGINE_MODULES = (
    "smile_core.matching.solver",
    "smile_core.matching.scoring",
    "smile_core.matching.role_locks",
    "smile_core.matching.solver.pool_pricing",
)


def _start_engine_import() -> threading.Thread:
    """Import the engine in a thread while the files are parsed in their child process.

    The parse is mostly a wait on the child, so on a second core the imports cost nothing:
    ``smile match`` on 1,000 adepts went from 2.1 s to 1.7 s (five runs each). The handler
    still imports what it uses itself; Python's import lock makes that wait for (not repeat)
    this import. An import that fails here is left to fail, with its own message, where the
    handler imports it.
    """

    def import_engine() -> None:
        for name in _ENGINE_MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # raised again, with its message, by the handler's own import
                return

    thread = threading.Thread(target=import_engine, name="smile-engine-import", daemon=True)
    thread.start()
    return thread


def _load(args: argparse.Namespace, report: Reporter | None = None) -> LoadResult | None:
    """Read and validate the files named in ``args``; None (after a message) if one is missing.
    ``report`` hears ``"validated"`` once the files are read and checked."""
    separate = (args.adepts, args.mentors, args.workplaces)
    if (args.workbook is None) == all(path is None for path in separate):
        _say(*both("cli.give_files"))
        return None
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
            return None
        sources[role] = source
    mapping = _mapping(args.map)
    if mapping is None:
        return None
    # Parsed in a limited child process: no file can stop the CLI's host.
    loaded = load_programme_isolated(**sources, mapping=mapping)
    if report is not None:
        report("validated", 0.0)
    return loaded


def _mapping(path: Path | None) -> ColumnMapping | None:
    """The mapping file's mapping (an empty one without ``--map``), or a message and None."""
    if path is None:
        return ColumnMapping()
    try:
        return load_mapping(path)
    except FileNotFoundError:
        _say(*both("cli.file_not_found", path=str(path)))
    except IsADirectoryError:
        _say(*both("cli.folder_not_file", path=str(path)))
    except ValueError as exc:
        _say(f"{path}: {exc}")
    return None


def _validate(args: argparse.Namespace) -> int:
    report = _progress(args)
    result = _load(args, report)
    if result is None:
        return 1
    ready = None
    if result.programme is not None:
        settings = _match_settings(args)
        if settings is None:
            return 1
        ready = readiness(result.programme, settings)
        report("readiness", 0.0)
    if args.json:
        _print(_report_json(result, ready))
    else:
        _print(_report_text(result))
        if ready is not None:
            _print("\n" + _readiness_text(ready))
    return 0 if result.report.ok and ready is not None and useful_plan_possible(ready) else 1


def useful_plan_possible(ready: Readiness) -> bool:
    """True when at least one adept has an allowed mentor and there is a usable seat."""
    return ready.adepts > ready.no_allowed_mentor.height and ready.usable_seats > 0


def _readiness_text(ready: Readiness, shown: int = 10) -> str:
    """The readiness check for a person: counts, every gap, the first blocked adepts."""
    lines = [
        _lines("cli.readiness.heading"),
        "  "
        + _lines(
            "cli.readiness.counts",
            adepts=Message.of("cli.count.adepts", count=ready.adepts),
            mentors=Message.of("cli.count.mentors", count=ready.mentors),
            seats=Message.of("cli.count.seats", count=ready.usable_seats),
        ),
    ]
    for gap in ready.gaps:
        lines += [f"  - {gap.message_sv}", f"    {gap.message_en}"]
    blocked = ready.no_allowed_mentor
    for row in blocked.head(shown).iter_rows(named=True):
        who = row["adept_id"] + (f" ({row['adept_name']})" if row["adept_name"] else "")
        lines += [f"    {who}: {row['message_sv']}", f"    {'':<{len(who)}}  {row['message_en']}"]
    if blocked.height > shown:
        more = blocked.height - shown
        lines.append("    " + _lines("cli.readiness.more", more=more))
    if useful_plan_possible(ready):
        lines.append(_lines("cli.readiness.possible"))
    else:
        lines.append(_lines("cli.readiness.impossible"))
    return "\n".join(lines)


def _open(path: Path) -> SourceFile | None:
    """The file's name and bytes (at most one byte past the size limit), or a message and None."""
    try:
        with path.open("rb") as handle:
            data = handle.read(DEFAULT_LIMITS.max_bytes + 1)
    except FileNotFoundError:
        _say(*both("cli.file_not_found", path=str(path)))
        return None
    except IsADirectoryError:
        _say(*both("cli.folder_not_file", path=str(path)))
        return None
    except OSError as exc:
        _say(*both("cli.file_not_opened", path=str(path), why=exc.strerror))
        return None
    return SourceFile(path.name, data)


def _say(*lines: str) -> None:
    for line in lines:
        _print(line, file=sys.stderr)


# C0 and C1 control characters (ESC starts terminal escape sequences, CSI is \x9b) and the
# bidirectional overrides and isolates that reorder what a terminal shows.
_UNSAFE_FOR_TERMINAL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str, *, keep_line_breaks: bool = True) -> str:
    """``text`` with every control character shown as ``\\uXXXX`` (line breaks kept if asked).

    The escape is visible and also valid inside a JSON string, so ``--json`` output stays
    JSON. SMILE's own output is made of lines; a problem's message, which can quote a value
    with a line break in it, is passed with ``keep_line_breaks=False`` so it stays one line.
    """
    if not keep_line_breaks:
        return _UNSAFE_FOR_TERMINAL.sub(_escaped, text)
    return "\n".join(_UNSAFE_FOR_TERMINAL.sub(_escaped, line) for line in text.split("\n"))


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _print(text: str, file: TextIO | None = None) -> None:
    print(terminal_safe(text), file=file or sys.stdout)


def _report_json(result: LoadResult, ready: Readiness | None = None) -> str:
    """``{"counts": ..., "errors": [...], "warnings": [...], "readiness": ...}``, each problem
    as a dict; ``readiness`` (null when the files have errors) has ``useful_plan_possible``,
    ``adepts``, ``usable_seats``, ``gaps`` and ``no_allowed_mentor`` (ids and reasons)."""
    report: dict[str, object] = {
        "counts": result.counts,
        "errors": [p.to_dict() for p in result.report.errors],
        "warnings": [p.to_dict() for p in result.report.warnings],
        "readiness": None,
    }
    if ready is not None:
        report["readiness"] = {
            "useful_plan_possible": useful_plan_possible(ready),
            "adepts": ready.adepts,
            "usable_seats": ready.usable_seats,
            "gaps": [{"message": f"{g.message_sv} / {g.message_en}"} for g in ready.gaps],
            "no_allowed_mentor": [
                {"adept_id": row["adept_id"], "reasons": row["reasons"]}
                for row in ready.no_allowed_mentor.iter_rows(named=True)
            ],
        }
    return json.dumps(report, ensure_ascii=False, indent=2)


def _lines(key: str, **params: object) -> str:
    """``key`` in Swedish and English on one line: "sv / en" (the CLI speaks both)."""
    return " / ".join(both(key, **params))


_SEVERITY_WORDS = {
    Severity.ERROR: "/".join(both("cli.severity.error")).upper(),
    Severity.WARNING: "/".join(both("cli.severity.warning")).upper(),
}


def _report_text(result: LoadResult) -> str:
    """The report for a person: per file its row count and problems (row order), then totals."""
    lines: list[str] = []
    by_file: dict[str, list[Problem]] = {}
    for problem in result.report.problems:
        by_file.setdefault(problem.file, []).append(problem)
    if "" in by_file:
        lines += [_lines("cli.report.general"), *_problem_lines(by_file.pop(""))]
    for table in TABLES:
        if table not in result.files:
            continue
        count = result.counts[table]
        file = result.files[table]
        lines += ["", f"{file}: " + _lines(f"cli.report.rows.{table}", count=count)]
        own = by_file.pop(file, [])
        lines += _problem_lines(own) if own else ["  " + _lines("cli.report.no_problems")]
    for file, problems in by_file.items():  # files that could not be read as a table
        lines += ["", file, *_problem_lines(problems)]
    errors, warnings = len(result.report.errors), len(result.report.warnings)
    lines += [
        "",
        _lines(
            "cli.report.total",
            errors=Message.of("cli.count.errors", count=errors),
            warnings=Message.of("cli.count.warnings", count=warnings),
        ),
        _lines("cli.report.ok") if result.report.ok else _lines("cli.report.fix"),
    ]
    return "\n".join(lines).lstrip("\n")


def _problem_lines(problems: list[Problem]) -> list[str]:
    ordered = sorted(problems, key=lambda p: (p.row is not None, p.row or 0))
    lines = []
    for problem in ordered:
        word = _SEVERITY_WORDS[problem.severity]
        sv, en = (
            terminal_safe(m, keep_line_breaks=False)
            for m in (problem.message_sv, problem.message_en)
        )
        lines += [f"  {word:<15} {sv}", f"  {'':<15} {en}"]
    return lines


# --------------------------------------------------------------------------- smile match


def _add_settings_arguments(command: argparse.ArgumentParser) -> None:
    """The options that shape a plan, the same for every command that solves."""
    command.add_argument(
        "--settings",
        type=Path,
        metavar="S.toml",
        help=_lines("cli.help.settings_arguments.settings.help"),
    )
    command.add_argument("--priority", choices=[p.value for p in Priority])
    command.add_argument(
        "--no-equality",
        action="store_true",
        help=_lines("cli.help.settings_arguments.no_equality.help"),
    )
    command.add_argument("--seed", type=int, help=_lines("cli.help.settings_arguments.seed.help"))
    command.add_argument(
        "--time-limit",
        type=float,
        metavar="S",
        help=_lines("cli.help.settings_arguments.time_limit.help"),
    )


def _add_match(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "match",
        help=_lines("cli.help.match.match.help"),
        description=(_lines("cli.help.match.match.description")),
    )
    _add_input_arguments(command)
    _add_settings_arguments(command)
    command.add_argument(
        "--lock",
        action="append",
        default=[],
        metavar="ADEPT:MENTOR[:ROLE]",
        help=_lines("cli.help.match.lock.help"),
    )
    command.add_argument(
        "--forbid",
        action="append",
        default=[],
        metavar="ADEPT:MENTOR[:ROLE]",
        help=_lines("cli.help.match.forbid.help"),
    )
    command.add_argument(
        "--must-match",
        action="append",
        default=[],
        metavar="ADEPT",
        help=_lines("cli.help.match.must_match.help"),
    )
    command.add_argument(
        "--out", type=Path, metavar="pairs.csv", help=_lines("cli.help.match.out.help")
    )
    command.add_argument(
        "--scores-out",
        type=Path,
        metavar="candidates.csv",
        help=_lines("cli.help.match.scores_out.help"),
    )
    command.add_argument("--json", action="store_true", help=_lines("cli.help.match.json.help"))
    command.set_defaults(handler=_match)


def _match(args: argparse.Namespace) -> int:
    report = _progress(args)
    _start_engine_import()
    loaded = _load(args, report)
    if loaded is None:
        return 1
    from smile_core.matching.role_locks import RoleLocksRefused
    from smile_core.matching.scoring import pair_rows, score_store
    from smile_core.matching.solver import PlanInputError, solve
    from smile_core.matching.solver.pool_pricing import ScaleRefused

    if not loaded.report.ok:
        _print(_report_json(loaded) if args.json else _report_text(loaded))
        return 1
    settings = _match_settings(args)
    pairs = _pair_arguments(args.lock, "--lock"), _pair_arguments(args.forbid, "--forbid")
    if settings is None or None in pairs:
        return 1
    locks, forbids = pairs
    programme = loaded.programme
    if not has_gender_data(programme):
        # Nothing for the equality rules to act on; say so rather than print empty figures.
        settings = dataclasses.replace(settings, equality=settings.equality.all_off())
        if not args.json:
            _print(_lines("cli.no_gender_data") + "\n")
    # Only the allowed pairs, compactly (the dense frame of every pair does not fit at scale),
    # and kept here only for --scores-out: otherwise the engine scores and drops them itself.
    scores = score_store(programme, settings) if args.scores_out is not None else None
    if scores is not None:
        # Otherwise the solve scores and says so when it has (88 s of 217 at 50,000 adepts:
        # saying "scored" before it began misled).
        report("scored", 0.0)
    try:
        result = solve(
            programme,
            settings,
            locks=locks,
            forbids=forbids,
            must_match=[adept.strip() for adept in args.must_match],
            scores=scores,
            progress=report,
        )
    except RoleLocksRefused as exc:
        # The words the dashboard's form refuses the same lock with: adept, role and rule.
        for refusal in exc.refusals:
            _say(*(refusal.message(lang) for lang in LANGUAGES))
        return 1
    except PlanInputError as exc:
        _say(*both("cli.unknown_id", id=str(exc)))
        return 1
    except ScaleRefused as exc:
        _say(*(exc.message.render(lang) for lang in LANGUAGES))
        return 1
    # With roles, one row per adept with a column per role and the placement.
    rows = plan_rows(result) if result.roles is None else role_rows(result.roles, programme)
    candidates = (
        candidate_rows(pair_rows(programme, settings, scores.adept, scores.mentor))
        if scores is not None
        else None
    )
    written = _write_csv(args.out, rows) and (
        candidates is None or _write_csv(args.scores_out, candidates)
    )
    summary = result_json(result)
    text = result_text(result)
    if result.roles is not None:
        summary |= role_json(result.roles)
        text = "\n".join([text, *role_text(result.roles)])
    _print(json.dumps(summary, ensure_ascii=False, indent=2) if args.json else text)
    if not args.json and programme.adepts and result.matched == 0:
        # "Proven best plan: 0 matched" is true but useless without the why.
        _print("\n" + _readiness_text(readiness(programme, settings)))
    return 0 if result.has_plan and written else 1


def _match_settings(args: argparse.Namespace) -> MatchSettings | None:
    try:
        settings = load_settings(args.settings) if args.settings else MatchSettings()
        overrides: dict[str, object] = {}
        # ``validate`` has only --settings; the other options are ``match``'s.
        if getattr(args, "priority", None):
            overrides["priority"] = args.priority
        if getattr(args, "seed", None) is not None:
            overrides["seed"] = args.seed
        if getattr(args, "time_limit", None) is not None:
            overrides["time_limit_seconds"] = args.time_limit
        settings = settings_from_mapping(overrides, settings)
    except FileNotFoundError:
        _say(*both("cli.file_not_found", path=str(args.settings)))
        return None
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        _say(*both("cli.settings_unusable", why=str(exc)))
        return None
    if getattr(args, "no_equality", False):
        settings = dataclasses.replace(settings, equality=settings.equality.all_off())
    # As in the dashboard's form: a combination no solve can honour is refused by name,
    # never silently dropped.
    refused = unsolvable_combinations(settings)
    for combination in refused:
        _say(*(combination.text.render(lang) for lang in LANGUAGES))
    return None if refused else settings


def _pair_arguments(values: list[str], flag: str) -> list[tuple[str, ...]] | None:
    """ADEPT:MENTOR, or ADEPT:MENTOR:ROLE (a role word such as handledare or mentor;
    ADEPT:WORKPLACE:praktikplats for a placement) as (adept, mentor[, role key])."""
    pairs: list[tuple[str, ...]] = []
    for value in values:
        parts = [part.strip() for part in value.split(":")]
        role = ""
        if len(parts) == 3 and parts[2]:
            role, known = parse_role(parts[2])
            if not known:
                _say(*both("cli.role_unknown", flag=flag, value=repr(value), role=repr(parts[2])))
                return None
        if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
            _say(*both("cli.pair_format", flag=flag, value=repr(value)))
            return None
        pairs.append((parts[0], parts[1], role) if role else (parts[0], parts[1]))
    return pairs


def _write_csv(path: Path | None, frame: pl.DataFrame) -> bool:
    if path is None:
        return True
    try:
        # Plain CSV (comma, UTF-8, decimal point) for other programs; every text cell is
        # guarded all the same, as in every export, whatever separator it is opened with.
        path.write_bytes(to_plain_csv_bytes(frame))
    except OSError as exc:
        _say(*both("cli.file_not_written", path=str(path), why=exc.strerror))
        return False
    return True


# --------------------------------------------------------------------------- smile report


def _add_report(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "report",
        help=_lines("cli.help.report.report.help"),
        description=(_lines("cli.help.report.report.description")),
    )
    _add_input_arguments(command)
    command.add_argument(
        "--pdf",
        type=Path,
        required=True,
        metavar="OUT.pdf",
        help=_lines("cli.help.report.pdf.help"),
    )
    command.add_argument(
        "--lang", choices=("sv", "en"), default="sv", help=_lines("cli.help.report.lang.help")
    )
    command.add_argument("--title", default="", help=_lines("cli.help.report.title.help"))
    _add_settings_arguments(command)
    command.set_defaults(handler=_report)


def _report(args: argparse.Namespace) -> int:
    from smile_core.reports.meeting_pack import (
        meeting_pack_pdf,  # fpdf2 loads only for this command
    )

    report = _progress(args)
    _start_engine_import()
    loaded = _load(args, report)
    if loaded is None:
        return 1
    if not loaded.report.ok:
        _print(_report_text(loaded))
        return 1
    settings = _match_settings(args)
    if settings is None:
        return 1
    programme = loaded.programme
    from smile_core.matching.solver import solve

    result = solve(programme, settings, progress=report)
    title = args.title or (args.workbook or args.adepts).stem
    pdf = meeting_pack_pdf(title, result, programme, args.lang, settings=settings)
    try:
        args.pdf.write_bytes(pdf)
    except OSError as exc:
        _say(*both("cli.file_not_written", path=str(args.pdf), why=exc.strerror))
        return 1
    report("pdf", 0.0)
    _print(result_text(result))
    _print(f"{args.pdf}")
    return 0


# --------------------------------------------------------------------------- smile demo


def _add_demo(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "demo",
        help=_lines("cli.help.demo.demo.help"),
        description=_lines("cli.help.demo.demo.description"),
    )
    command.add_argument(
        "--out", type=Path, required=True, metavar="MAPP", help=_lines("cli.help.demo.out.help")
    )
    command.add_argument("--store", action="store_true", help=_lines("cli.help.demo.store.help"))
    command.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    from smile_core.demo.programmes import (
        write_demo,  # the generator is big; only this command needs it
    )

    try:
        written = write_demo(Path(args.out))
    except OSError as exc:
        _say(*both("cli.demo_not_written", path=str(args.out), why=exc.strerror))
        return 1
    for path in written:
        _print(str(path))
    return _demo_store() if args.store else 0


def _demo_store() -> int:
    """Store the Finnish group-mentoring demo (three generations of groups) in the database."""
    from smile_core.access import LOCAL_USER, Service
    from smile_core.demo.group_cascade import PROGRAMME_NAME, seed_group_cascade
    from smile_core.store import Repository, StoreError, create_engine, upgrade

    engine = create_engine()
    upgrade(engine)
    service = Service(Repository(engine), LOCAL_USER)
    if any(p.name == PROGRAMME_NAME for p in service.list_programmes()):
        _say(*both("cli.demo_store_exists", name=PROGRAMME_NAME))
        return 0
    try:
        seed_group_cascade(service)
    except StoreError as error:
        _say(error.message_sv, error.message_en)
        return 1
    _say(*both("cli.demo_stored", name=PROGRAMME_NAME))
    return 0


# --------------------------------------------------------------------------- smile users


def _add_users(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "users",
        help=_lines("cli.help.users.users.help"),
        description=(_lines("cli.help.users.users.description")),
    )
    actions = command.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser(
        "add",
        help=_lines("cli.help.users.add.help"),
        description=(_lines("cli.help.users.add.description")),
    )
    add.add_argument("name", metavar="NAMN")
    add.add_argument("--role", required=True, choices=("coordinator", "steering", "admin"))
    add.add_argument(
        "--programme",
        type=int,
        action="append",
        default=[],
        metavar="ID",
        help=_lines("cli.help.users.programme.help"),
    )
    add.set_defaults(handler=_users_add)
    listing = actions.add_parser("list", help=_lines("cli.help.users.list.help"))
    listing.set_defaults(handler=_users_list)
    programmes = actions.add_parser("programmes", help=_lines("cli.help.users.programmes.help"))
    programmes.set_defaults(handler=_users_programmes)
    password = actions.add_parser(
        "password",
        help=_lines("cli.help.users.password.help"),
        description=_lines("cli.help.users.password.description"),
    )
    password.add_argument("name", metavar="NAMN")
    password.set_defaults(handler=_users_password)
    remove = actions.add_parser("remove", help=_lines("cli.help.users.remove.help"))
    remove.add_argument("name", metavar="NAMN")
    remove.set_defaults(handler=_users_remove)


def _accounts() -> Accounts:
    # Imported here: only the users commands need the database.
    from smile_core.store import create_engine, upgrade
    from smile_core.store.accounts import Accounts

    engine = create_engine()
    upgrade(engine)
    return Accounts(engine)


def _read_password() -> str | None:
    import getpass

    if sys.stdin.isatty():
        first = getpass.getpass(_lines("cli.users.password") + ": ")
        if getpass.getpass(_lines("cli.users.again") + ": ") != first:
            _say(*both("cli.users.passwords_differ"))
            return None
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _users_add(args: argparse.Namespace) -> int:
    from smile_core.store import StoreError

    password = _read_password()
    if password is None:
        return 1
    try:
        _accounts().add_user(
            args.name, args.role, password, "smile users add", programme_ids=args.programme
        )
    except StoreError as error:
        _say(error.message_sv, error.message_en)
        return 1
    print(f"{args.name}: {args.role}")
    return 0


def _users_list(args: argparse.Namespace) -> int:
    for user in _accounts().list_users():
        programmes = ",".join(str(p) for p in sorted(user.programme_ids)) or "-"
        print(f"{user.name}\t{user.role}\t{programmes}")
    return 0


def _users_programmes(args: argparse.Namespace) -> int:
    from smile_core.store import Repository

    for programme in Repository(_accounts().engine).list_programmes():
        print(f"{programme.id}\t{programme.name}")
    return 0


def _users_password(args: argparse.Namespace) -> int:
    from smile_core.store import StoreError

    password = _read_password()
    if password is None:
        return 1
    try:
        _accounts().set_password(args.name, password, "smile users password")
    except StoreError as error:
        _say(error.message_sv, error.message_en)
        return 1
    return 0


def _users_remove(args: argparse.Namespace) -> int:
    from smile_core.store import StoreError

    try:
        _accounts().remove_user(args.name, "smile users remove")
    except StoreError as error:
        _say(error.message_sv, error.message_en)
        return 1
    return 0


#: Each subcommand's parser builder, in the order ``smile --help`` lists them.
COMMANDS: tuple[Callable[[argparse._SubParsersAction], None], ...] = (
    _add_validate,
    _add_match,
    _add_report,
    _add_demo,
    _add_users,
)


if __name__ == "__main__":  # python -m smile_core.cli, e.g. from a checkout without install
    sys.exit(main())

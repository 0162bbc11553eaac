"""Progress lines on standard error: with --progress or a terminal, never on standard output."""

import json
import sys
from pathlib import Path

from smile_core.cli import main
from smile_core.progress import stage_line

DEMO = Path(__file__).parent.parent.parent / "data" / "demo" / "vocational"
FILES = [
    "--adepts",
    str(DEMO / "adepts.csv"),
    "--mentors",
    str(DEMO / "mentors.csv"),
    "--workplaces",
    str(DEMO / "workplaces.csv"),
]


def test_match_with_progress_prints_stages_on_stderr_and_clean_json_on_stdout(capsys):
    """--progress --json: stdout is JSON alone; stderr has a line per stage, read to solve."""
    assert main(["match", *FILES, "--json", "--progress"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["status"] == "optimal"
    lines = err.splitlines()
    assert lines[0].startswith("Filerna kontrollerade") and "/ Files checked" in lines[0]
    assert lines[1].startswith("Poäng för alla par klara")
    assert sum("Every pair scored" in line for line in lines) == 1  # said once
    assert any("CP-SAT" in line for line in lines)


def test_without_progress_and_not_a_terminal_stderr_stays_empty(capsys):
    """No --progress and stderr not a terminal (a pipe, a log): nothing on stderr."""
    assert not sys.stderr.isatty()
    assert main(["match", *FILES, "--json"]) == 0
    assert capsys.readouterr().err == ""


def test_validate_reports_reading_and_readiness(capsys):
    """validate --progress: the files checked, then the readiness."""
    main(["validate", *FILES, "--progress"])
    err = capsys.readouterr().err.splitlines()
    assert [line.split(" (")[0] for line in err] == ["Filerna kontrollerade", "Beredskapen bedömd"]


def test_unknown_stage_reads_as_working():
    """A stage the catalogue does not name still gives a line, with decimal comma in Swedish."""
    assert stage_line("something new", 1.25, "sv") == "Arbetar (1,2 s)"
    assert stage_line("cp-sat", 2.0, "en") == "CP-SAT's search done (2.0 s)"

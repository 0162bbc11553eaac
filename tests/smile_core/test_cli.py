"""The `smile` command: validate files and print the report, write the demo."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from spreadsheet_files import SWEDISH_HEADERS, csv_bytes, xlsx_bytes

from smile_core.cli import main

TINY = Path(__file__).parent.parent / "data" / "tiny_programme"


def _tiny_args(*extra: str) -> list[str]:
    return [
        "validate",
        "--adepts",
        str(TINY / "adepts.csv"),
        "--mentors",
        str(TINY / "mentors.csv"),
        "--workplaces",
        str(TINY / "workplaces.csv"),
        *extra,
    ]


def _write(path: Path, rows, **options) -> Path:
    path.write_bytes(csv_bytes(rows, **options))
    return path


def test_valid_files_exit_0_with_counts_per_file(capsys):
    """A clean programme: exit 0, each file with its row count, and the verdict."""
    assert main(_tiny_args()) == 0
    out = capsys.readouterr().out
    assert "adepts.csv: 4 adepter / 4 adepts" in out
    assert "mentors.csv: 3 mentorer / 3 mentors" in out
    assert "workplaces.csv: 2 arbetsplatser / 2 workplaces" in out
    assert "Totalt: 0 fel, 1 varning. / Total: 0 errors, 1 warning." in out
    assert "Filerna kan användas för matchning." in out


def test_errors_exit_1_and_are_printed_in_both_languages(tmp_path, capsys):
    """A bad gender: exit 1, the Swedish and English message with row and column."""
    rows = [
        SWEDISH_HEADERS["adepts"],
        ["A1", "Åsa", "Kvinna", *[""] * 4, "Ekonom", *[""] * 8],
        ["A2", "Bo", "kvinnna", *[""] * 4, "Ekonom", *[""] * 8],
    ]
    adepts = _write(tmp_path / "adepter.csv", rows)
    mentors = _write(tmp_path / "mentorer.csv", [["ID", "Kön", "Yrke"], ["M1", "Man", "Ekonom"]])
    code = main(["validate", "--adepts", str(adepts), "--mentors", str(mentors)])
    out = capsys.readouterr().out
    assert code == 1
    assert "Rad 3, kolumn Kön: 'kvinnna' är inget känt kön." in out
    assert "Row 3, column Kön: 'kvinnna' is not a known gender." in out
    assert "FEL/ERROR" in out
    assert "Rätta felen och kör igen." in out


def test_json_report_has_exactly_counts_errors_and_warnings(capsys):
    """--json prints counts, errors, warnings; problems carry file, row, column, value, message."""
    assert main(_tiny_args("--json")) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"counts", "errors", "warnings", "readiness"}
    assert report["counts"] == {"adepts": 4, "mentors": 3, "workplaces": 2}
    assert report["errors"] == []
    [warning] = report["warnings"]
    assert {"file", "row", "column", "value", "message"} <= set(warning)
    assert (warning["file"], warning["row"], warning["column"]) == ("adepts.csv", 5, "Kön")
    assert " / " in warning["message"]


def test_json_report_with_errors_exits_1(tmp_path, capsys):
    """Errors in JSON mode still exit 1, and each error is there."""
    adepts = _write(tmp_path / "a.csv", [["ID", "Kön", "Yrke"], ["A1", "Kvinna", "Ekonom"]])
    mentors = _write(
        tmp_path / "m.csv", [["ID", "Kön", "Yrke", "Kapacitet"], ["M1", "Man", "Ekonom", "x"]]
    )
    code = main(["validate", "--adepts", str(adepts), "--mentors", str(mentors), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    [error] = report["errors"]
    assert (error["file"], error["row"], error["column"], error["value"]) == (
        "m.csv",
        2,
        "Kapacitet",
        "x",
    )


def test_missing_file_is_a_clear_message_and_exit_1(tmp_path, capsys):
    """A path that does not exist: said plainly on stderr, exit 1, no traceback."""
    missing = tmp_path / "finns-inte.csv"
    code = main(["validate", "--adepts", str(missing), "--mentors", str(TINY / "mentors.csv")])
    err = capsys.readouterr().err
    assert code == 1
    assert f"Filen finns inte: {missing}" in err
    assert f"File not found: {missing}" in err


def test_folder_instead_of_file_is_a_clear_message(tmp_path, capsys):
    """A folder given as a file is refused with a message."""
    code = main(["validate", "--adepts", str(tmp_path), "--mentors", str(TINY / "mentors.csv")])
    assert code == 1
    assert "mapp" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [["validate"], ["validate", "--workbook", "p.xlsx", "--adepts", "a.csv"]],
)
def test_neither_or_both_kinds_of_source_is_refused(args, capsys):
    """Separate files or one workbook: not none, not both."""
    assert main(args) == 1
    assert "--workbook" in capsys.readouterr().err


def test_workbook_option(tmp_path, capsys):
    """--workbook reads the Swedish-named sheets."""
    path = tmp_path / "program.xlsx"
    path.write_bytes(
        xlsx_bytes(
            {
                "Adepter": [["ID", "Kön", "Yrke"], ["A1", "Kvinna", "Ekonom"]],
                "Mentorer": [["ID", "Kön", "Yrke", "Kapacitet"], ["M1", "Man", "Ekonom", 2]],
            }
        )
    )
    assert main(["validate", "--workbook", str(path)]) == 0
    out = capsys.readouterr().out
    assert "program.xlsx [Adepter]: 1 adept / 1 adept" in out
    assert "program.xlsx [Mentorer]: 1 mentor / 1 mentor" in out


def test_junk_file_reports_the_file_not_a_traceback(tmp_path, capsys):
    """Binary junk named .csv is reported under its name, exit 1."""
    junk = tmp_path / "adepter.csv"
    junk.write_bytes(bytes(range(256)) * 8)
    code = main(["validate", "--adepts", str(junk), "--mentors", str(TINY / "mentors.csv")])
    out = capsys.readouterr().out
    assert code == 1
    assert "adepter.csv" in out
    assert "varken en CSV-fil eller en Excel-arbetsbok" in out


def test_real_swedish_excel_export_validates_cleanly(tmp_path, capsys):
    """Semicolons, Windows-1252, CRLF, Swedish headers and values: no errors, no warnings."""
    adepts = [
        SWEDISH_HEADERS["adepts"],
        [
            "A01",
            "Åsa Öberg",
            "Kvinna",
            "Syrien",
            "Mellanöstern",
            "Arabiska, Engelska",
            "SFI C",
            "Ekonom ",
            "Redovisningsekonom",
            "Jönköping",
            "Jönköpings län",
            "Spelar ingen roll",
            "Nätverk; CV och intervju",
            "Vardagar",
            "VT 2026",
            "Nej",
        ],
        [
            "A02",
            "Yonas Tesfay",
            "Man",
            "Eritrea",
            "Östafrika",
            "Tigrinja och svenska",
            "sfi-b",
            "Svetsare",
            "",
            "Värnamo",
            "Jönköpings län",
            "Man",
            "Yrkeskunskap",
            "",
            "VT 2026",
            "",
        ],
    ]
    mentors = [
        SWEDISH_HEADERS["mentors"],
        [
            "M01",
            "Göran Ström",
            "Man",
            "Sävsjö Gjuteri AB",
            "Svetsare",
            "Svenska",
            "Sävsjö",
            "Jönköpings län",
            "2",
            "Yrkeskunskap; Arbetsplatskultur",
            "Vardagar",
            "Handledare",
            "",
        ],
        [
            "M02",
            "Märta Åkesson",
            "Kvinna",
            "",
            "Ekonom",
            "Svenska, Engelska",
            "Jönköping",
            "Jönköpings län",
            "",
            "Nätverk, Arbetsmarknad",
            "Kvällar",
            "Mentor",
            "",
        ],
    ]
    workplaces = [
        SWEDISH_HEADERS["workplaces"],
        ["W01", "Sävsjö Gjuteri AB", "Gjuteri", "Sävsjö", "Jönköpings län", "3"],
    ]
    export = {"separator": ";", "encoding": "cp1252", "newline": "\r\n"}
    paths = [
        _write(tmp_path / "adepter.csv", adepts, **export),
        _write(tmp_path / "mentorer.csv", mentors, **export),
        _write(tmp_path / "arbetsplatser.csv", workplaces, **export),
    ]
    assert b"\xc5sa \xd6berg" in paths[0].read_bytes()  # really Windows-1252
    args = ["--adepts", paths[0], "--mentors", paths[1], "--workplaces", paths[2]]
    code = main(["validate", *map(str, args), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert report["readiness"]["useful_plan_possible"]
    del report["readiness"]
    assert report == {
        "counts": {"adepts": 2, "mentors": 2, "workplaces": 1},
        "errors": [],
        "warnings": [],
    }


def test_demo_writes_files_that_validate(tmp_path, capsys):
    """`smile demo --out DIR` writes the demo programmes, and `smile validate` accepts them."""
    assert main(["demo", "--out", str(tmp_path)]) == 0
    written = [Path(line) for line in capsys.readouterr().out.splitlines()]
    assert written and all(path.is_file() for path in written)
    folders = {path.parent for path in written if path.name == "adepts.csv"}
    assert folders
    for folder in folders:
        args = ["validate", "--adepts", str(folder / "adepts.csv")]
        args += ["--mentors", str(folder / "mentors.csv")]
        if (folder / "workplaces.csv").exists():
            args += ["--workplaces", str(folder / "workplaces.csv")]
        assert main(args) == 0, capsys.readouterr().out
        capsys.readouterr()


def test_console_script_runs_without_traceback(tmp_path):
    """The installed `smile` command exits 1 on a junk file and prints no traceback."""
    smile = Path(sys.executable).with_name("smile")
    if not smile.exists():
        pytest.skip("the smile console script is not installed in this environment")
    junk = tmp_path / "a.xlsx"
    junk.write_bytes(b"PK\x03\x04not really a zip")
    run = subprocess.run(
        [str(smile), "validate", "--adepts", str(junk), "--mentors", str(junk)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert "a.xlsx" in run.stdout


def test_demo_store_adds_the_finnish_group_cascade_once(tmp_path, capsys, monkeypatch):
    """`smile demo --store` stores the Finnish demo's three generations; a second run keeps it."""
    from smile_core.access import LOCAL_USER, Service
    from smile_core.store import Repository, create_engine
    from smile_core.text import t
    from smile_core.workflows.groups import programme_groups

    url = f"sqlite:///{tmp_path / 'smile.db'}"
    monkeypatch.setenv("SMILE_DATABASE_URL", url)
    assert main(["demo", "--out", str(tmp_path / "demo"), "--store"]) == 0
    assert "Mentorointi" in capsys.readouterr().err
    assert main(["demo", "--out", str(tmp_path / "demo"), "--store"]) == 0
    assert t("cli.demo_store_exists", "en", name="x").split("x")[-1] in capsys.readouterr().err
    service = Service(Repository(create_engine(url)), LOCAL_USER)
    (programme,) = service.list_programmes()
    assert programme.kind == "group"
    assert len(programme_groups(service, programme.id)) == 9

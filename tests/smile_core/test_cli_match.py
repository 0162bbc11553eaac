"""`smile match`: files in, plan and candidates out, JSON summary, exit codes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import polars as pl

from smile_core.cli import main

DEMO = Path(__file__).parent.parent.parent / "data" / "demo" / "vocational"
TINY = Path(__file__).parent.parent / "data" / "tiny_programme"


def _files(folder: Path) -> list[str]:
    return [
        "--adepts",
        str(folder / "adepts.csv"),
        "--mentors",
        str(folder / "mentors.csv"),
        "--workplaces",
        str(folder / "workplaces.csv"),
    ]


def test_match_writes_plan_and_candidates_and_prints_json(tmp_path, capsys):
    """The demo: exit 0, JSON with every documented key, plan rows that keep every capacity."""
    out, cand = tmp_path / "pairs.csv", tmp_path / "candidates.csv"
    args = ["match", *_files(DEMO), "--json", "--out", str(out), "--scores-out", str(cand)]
    assert main(args) == 0
    summary = json.loads(capsys.readouterr().out)
    for key in ("status", "matched", "unmatched", "total_score", "best_bound", "gap"):
        assert key in summary
    assert set(summary["by_gender"]["woman"]) == {"applicants", "matched", "mean_score"}
    assert summary["status"] == "optimal" and summary["gap"] == 0
    plan = pl.read_csv(out)
    assert plan.height == summary["matched"]
    assert plan["adept_id"].n_unique() == plan.height
    assert abs(plan["score"].sum() - summary["total_score"]) < 0.01
    candidates = pl.read_csv(cand)
    assert {"adept_id", "mentor_id", "score", "target_field", "language"} <= set(candidates.columns)
    plan_keys = set(zip(plan["adept_id"], plan["mentor_id"], strict=True))
    assert plan_keys <= set(zip(candidates["adept_id"], candidates["mentor_id"], strict=True))


def test_no_equality_never_scores_lower_than_with_equality(capsys):
    """Switching the equality rules off can only keep or raise the total (fewer rules)."""
    main(["match", *_files(DEMO), "--json", "--priority", "quality"])
    with_rules = json.loads(capsys.readouterr().out)["total_score"]
    main(["match", *_files(DEMO), "--json", "--priority", "quality", "--no-equality"])
    without = json.loads(capsys.readouterr().out)["total_score"]
    assert without >= with_rules


def test_locks_over_capacity_exit_1_and_name_the_conflict(capsys):
    """Two locks on a capacity-1 mentor: no plan, exit 1, the conflict in words."""
    code = main(["match", *_files(TINY), "--lock", "A01:M03", "--lock", "A03:M03"])
    out = capsys.readouterr().out
    assert code == 1
    assert "Locked pairs A01–M03 and A03–M03 exceed mentor M03's capacity of 1" in out
    assert "Låsta par A01–M03 och A03–M03 överskrider mentor M03:s kapacitet på 1" in out


def test_invalid_files_print_the_validation_report_and_exit_1(tmp_path, capsys):
    """Bad input: the validation report, not a plan."""
    adepts = tmp_path / "a.csv"
    adepts.write_text("ID;Kön;Yrke\nA1;kvinnna;ekonom\n", encoding="utf-8")
    mentors = tmp_path / "m.csv"
    mentors.write_text("ID;Kön;Yrke\nM1;Man;ekonom\n", encoding="utf-8")
    code = main(["match", "--adepts", str(adepts), "--mentors", str(mentors)])
    out = capsys.readouterr().out
    assert code == 1
    assert "Rad 2, kolumn Kön" in out


def test_bad_lock_argument_and_unknown_ids_are_clear(capsys):
    """A lock without a colon, or naming nobody, is a message and exit 1, not a traceback."""
    assert main(["match", *_files(TINY), "--lock", "A01M03"]) == 1
    assert "ADEPT:MENTOR" in capsys.readouterr().err
    assert main(["match", *_files(TINY), "--lock", "A99:M03"]) == 1
    assert "A99" in capsys.readouterr().err


def test_settings_file_is_read_and_bad_keys_are_named(tmp_path, capsys):
    """A TOML file sets the priority; an unknown key is named in the message."""
    good = tmp_path / "good.toml"
    good.write_text('priority = "quality"\n[equality.match_rate]\nenabled = false\n')
    assert main(["match", *_files(TINY), "--settings", str(good)]) == 0
    bad = tmp_path / "bad.toml"
    bad.write_text("colour = 3\n")
    assert main(["match", *_files(TINY), "--settings", str(bad)]) == 1
    assert "colour" in capsys.readouterr().err


def test_a_settings_file_combining_maximin_with_strict_quality_is_refused(tmp_path, capsys):
    """MAXIMIN with the strict quality rule is refused naming both settings, not run silently."""
    both = tmp_path / "both.toml"
    both.write_text('[equality.quality]\nenabled = true\nmode = "maximin"\nstrict = true\n')
    assert main(["match", *_files(TINY), "--settings", str(both)]) == 1
    err = capsys.readouterr().err
    assert "cannot be combined" in err and "går inte att kombinera" in err


def test_same_seed_same_plan(tmp_path):
    """Two runs with one seed write the same plan file."""
    first, second = tmp_path / "1.csv", tmp_path / "2.csv"
    assert main(["match", *_files(DEMO), "--seed", "3", "--out", str(first)]) == 0
    assert main(["match", *_files(DEMO), "--seed", "3", "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_must_match_flag_forces_the_adept_or_says_why_not(capsys):
    """--must-match A02 (no mentor shares a language): exit 1, the conflict names A02 and why."""
    assert main(["match", *_files(TINY), "--must-match", "A02"]) == 1
    out = capsys.readouterr().out
    assert "Adept A02 must be matched, but no mentor is allowed for them" in out
    assert main(["match", *_files(TINY), "--must-match", "A03", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["matched"] == 3


def test_must_match_flag_with_an_unknown_adept_is_refused(capsys):
    """An id that is no adept: exit 1 and the unknown id said, no plan."""
    assert main(["match", *_files(TINY), "--must-match", "NOPE"]) == 1
    assert "no adept 'NOPE'" in capsys.readouterr().err


def test_a_reader_that_leaves_early_gets_no_traceback(tmp_path):
    """`smile match --json | head -c 1`: the plan is written, exit 1, and no traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first byte is written
    out = tmp_path / "pairs.csv"
    command = [sys.executable, "-m", "smile_core.cli", "match", *_files(TINY), "--json"]
    try:
        run = subprocess.run(
            [*command, "--out", str(out)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            cwd=Path(__file__).parent.parent.parent,
        )
    finally:
        os.close(write_end)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert pl.read_csv(out).height > 0


def test_the_command_loads_the_engine_only_when_it_solves():
    """Importing the CLI (as `smile validate` does) loads neither OR-Tools nor numba."""
    probe = (
        "import sys, smile_core.cli; "
        "print(sorted(m for m in ('ortools.sat.python.cp_model', 'numba') if m in sys.modules))"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent.parent,
    )
    assert run.stdout.strip() == "[]"

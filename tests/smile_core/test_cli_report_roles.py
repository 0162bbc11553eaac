"""`smile report --pdf` on a programme with roles: the pack has the plan by role."""

from pathlib import Path

from pypdf import PdfReader

from smile_core.cli import main
from smile_core.text import t

ROLES = Path(__file__).resolve().parents[2] / "data" / "demo" / "roles" / "vocational"


def test_report_on_the_role_demo_writes_the_plan_by_role(tmp_path):
    """The vocational role demo's files in: the PDF has the section with a column per role."""
    out = tmp_path / "möte.pdf"
    files = [f"--{k}={ROLES / f'{k}.csv'}" for k in ("adepts", "mentors", "workplaces")]
    assert main(["report", *files, "--pdf", str(out), "--seed", "1"]) == 0
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert t("meeting.roles.heading", "sv") in text
    assert "Adept Praktikplats Handledare Mentor" in text
    assert "Ali Karimi (A01)" in text

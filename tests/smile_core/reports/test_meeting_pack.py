"""The matching meeting's PDF pack: rendered, then read back as text."""

from __future__ import annotations

import dataclasses
import io

import pytest
from demo_data import demo_programme, demo_result
from pypdf import PdfReader

from smile_core.demo.synthetic import binding_programme
from smile_core.equality.figures import (
    gender_table,
    target_checks,
    workplace_mix,
    workplace_mix_words,
)
from smile_core.equality.metrics import OTHER
from smile_core.ingest.participants import Adept, Gender, Mentor, Programme, Workplace
from smile_core.matching.plan import Status
from smile_core.matching.settings import EqualitySettings, MatchSettings, WorkplaceMix
from smile_core.matching.solver import solve
from smile_core.reports.meeting_pack import HIDDEN_MARK, meeting_pack_pdf, pair_reasons
from smile_core.text import t

MARKUP = "**Fet** <b>x</b> {lang}"


def _text(pdf: bytes) -> str:
    """Every page's text, whitespace collapsed (line breaks fall anywhere in running text)."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def _programme() -> Programme:
    adepts = (
        Adept(
            "A1",
            Gender.WOMAN,
            "svetsare",
            name="Åsa Öberg",
            target_field="svetsare",
            languages=("arabic",),
            municipality="växjö",
        ),
        Adept("A2", Gender.MAN, "kock", name=MARKUP, target_field="kock", languages=("somali",)),
        Adept("A3", Gender.MAN, "bagare", name="Ärlig Ödmjuk", languages=("finnish",)),
    )
    mentors = (
        Mentor(
            "märta@example.se",
            Gender.WOMAN,
            "svetsare",
            name="Märta Ångström",
            workplace_id="W1",
            languages=("arabic", "swedish"),
            municipality="växjö",
        ),
        Mentor("M2", Gender.MAN, "kock", name="Jöns Häll", languages=("somali",)),
    )
    workplaces = (Workplace("W1", name="Smedjan i Älmhult AB", capacity=2),)
    return Programme(adepts, mentors, workplaces)


@pytest.fixture(scope="module")
def small():
    programme = _programme()
    settings = MatchSettings(time_limit_seconds=5)
    return programme, solve(programme, settings), settings


def test_cards_name_both_people_the_workplace_and_why(small):
    """Each pair's card names adept, mentor, workplace, contact and the reasons in Swedish."""
    programme, result, settings = small
    text = _text(meeting_pack_pdf("Vårens kohort", result, programme, "sv", settings=settings))
    assert "Matchningsmöte: Vårens kohort" in text
    assert "Åsa Öberg (A1) – Märta Ångström (märta@example.se)" in text
    assert "Adept: Åsa Öberg (A1), önskat yrke: svetsare" in text
    assert "Smedjan i Älmhult AB (W1)" in text
    assert "Kontakt: märta@example.se" in text
    assert "Mentorn arbetar med adeptens önskade yrke (svetsare)" in text
    assert "De delar språk: arabic" in text
    assert "Samma kommun (Växjö)" in text


def test_unmatched_adepts_are_listed_with_their_reason(small):
    """An adept without an allowed mentor is listed with the reason in words."""
    programme, result, settings = small
    text = _text(meeting_pack_pdf("", result, programme, "sv", settings=settings))
    assert "Adepter utan mentor" in text
    assert "Ärlig Ödmjuk (A3)" in text
    assert "Ingen tillåten mentor" in text


def test_english_pack_is_in_english(small):
    """With lang="en" the headings and reasons are English; the names stay as typed."""
    programme, result, settings = small
    text = _text(meeting_pack_pdf("Spring", result, programme, "en", settings=settings))
    assert "Matching meeting: Spring" in text
    assert "Adepts without a mentor" in text
    assert "The mentor works in the adept's wished job (svetsare)" in text
    assert "Åsa Öberg" in text


def test_uploaded_text_is_printed_as_typed_never_as_markup(small):
    """Markdown, HTML and format braces in a name print as the very characters typed."""
    programme, result, settings = small
    text = _text(meeting_pack_pdf(MARKUP, result, programme, "sv", settings=settings))
    assert text.count(MARKUP) >= 2  # the title and the card


def test_notes_and_extra_reasons_are_printed(small):
    """The coordinator's note and an extra reason sentence appear on the card."""
    programme, result, settings = small
    pdf = meeting_pack_pdf(
        "",
        result,
        programme,
        "sv",
        settings=settings,
        notes={"A1": "Träffas på fredag"},
        extra_reasons={"A3": [("Tidigare mentor erbjuds inte igen", "Earlier mentor")]},
    )
    text = _text(pdf)
    assert "Anteckning: Träffas på fredag" in text
    assert "Tidigare mentor erbjuds inte igen" in text


def test_equality_summary_uses_the_suppressed_figures():
    """The pack prints the published figures: women's and men's, the small group as hidden."""
    programme, result = demo_programme("vocational"), demo_result("vocational")
    table = gender_table(programme, result.plan)
    other = table.filter(gender=OTHER).row(0, named=True)
    assert other["applicants"] is None  # the demo's premise: a small group, hidden
    women = table.filter(gender="woman").row(0, named=True)
    text = _text(meeting_pack_pdf("Småland", result, programme, "sv"))
    assert f"Kvinna {women['applicants']} {women['matched']}" in text
    assert f"Annat eller ej angivet {HIDDEN_MARK} {HIDDEN_MARK}" in text


def test_pair_reasons_follow_the_weights(small):
    """The strongest component comes first and every sentence carries its points."""
    programme, result, settings = small
    pair = next(p for p in result.plan.pairs if p.adept_id == "A1")
    reasons = pair_reasons(pair, programme, settings, "en")
    assert reasons[0].startswith("The mentor works in the adept's wished job")
    assert all("(+" in reason for reason in reasons)


def test_unknown_language_is_refused(small):
    """Only Swedish and English packs exist."""
    programme, result, _ = small
    with pytest.raises(ValueError, match="language"):
        meeting_pack_pdf("", result, programme, "de")


def test_letters_the_font_lacks_are_not_logged(caplog):
    """A name in a script the font lacks renders (as boxes), and no letter of it is logged."""
    adept = Adept("A1", Gender.WOMAN, "x", name="محمد 李雷", swedish_level="b1")
    programme = Programme((adept,), (Mentor("M1", Gender.MAN, "x", languages=("swedish",)),))
    with caplog.at_level("DEBUG"):
        pdf = meeting_pack_pdf("", solve(programme), programme)
    assert pdf.startswith(b"%PDF")
    assert "李" not in caplog.text and "\u0645" not in caplog.text


def test_an_email_column_is_the_pairs_contact():
    """A participant's e-mail column (other tools' exports) is printed as the pair's contact."""
    programme = _programme()
    first = programme.adepts[0]
    adepts = (dataclasses.replace(first, email="asa.oberg@exempel.se"), *programme.adepts[1:])
    programme = Programme(adepts, programme.mentors, programme.workplaces)
    settings = MatchSettings(time_limit_seconds=5)
    result = solve(programme, settings)
    assert any(p.adept_id == "A1" for p in result.plan.pairs)
    text = _text(meeting_pack_pdf("Test", result, programme, "sv", settings=settings))
    assert "asa.oberg@exempel.se" in text


def test_opening_the_export_page_does_not_import_fpdf2():
    """Importing the meeting pack leaves fpdf2 (half a second) until a PDF is made."""
    import subprocess
    import sys

    code = "import sys, smile_core.reports.meeting_pack; print('fpdf' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_plan_changed_by_hand_is_not_called_proven_best():
    """After hand edits the pack says the plan was changed and gives the solver's own verdict."""
    programme, result = demo_programme("vocational"), demo_result("vocational")
    edited = dataclasses.replace(result, hand_edits=3)
    text = _text(meeting_pack_pdf("Demo", edited, programme, "en"))
    proven = t("meeting.status.optimal", "en")
    assert t("meeting.status.edited", "en", count=3, solver=proven) in text
    assert proven in _text(meeting_pack_pdf("Demo", result, programme, "en"))


def test_the_targets_count_the_workplaces_below_the_womens_share():
    """200 binding adepts, the mix rule on at 25 %: the pack prints target_checks' count of
    workplaces below the share, in words, after the gender rows."""
    programme = binding_programme(200, 1)
    mix = WorkplaceMix(enabled=True, min_women_share=0.25)
    settings = MatchSettings(equality=EqualitySettings(workplace_mix=mix))
    result = solve(programme, settings)
    table = gender_table(programme, result.plan)
    row = target_checks(table, settings, workplace_mix(programme, result.plan)).row(-1, named=True)
    what, value, target = workplace_mix_words(row, mix, "sv")
    text = _text(meeting_pack_pdf("Gjuteriet", result, programme, "sv", settings=settings))
    verdict = t(f"meeting.verdict.{row['status']}", "sv")
    # Compared without spaces: the PDF's text runs a cell's last word into the next cell.
    # A count that could tell a hidden share is itself hidden (which it is depends on the plan).
    value = value or HIDDEN_MARK
    assert "".join(f"{what}{value}{target}{verdict}".split()) in "".join(text.split())


def test_an_unproven_score_is_said_in_points_in_the_pack():
    """A plan stopped 7 points below its bound: the pack says so in points, not in a share alone."""
    programme, result = demo_programme("vocational"), demo_result("vocational")
    bound = result.objective + 7.0
    stopped = dataclasses.replace(result, status=Status.FEASIBLE, best_bound=bound, gap=7.0 / bound)
    text = _text(meeting_pack_pdf("Demo", stopped, programme, "en"))
    assert "at most 7.00 points more in total" in text

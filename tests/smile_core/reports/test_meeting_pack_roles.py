"""The matching meeting's pack for a plan with roles: a column per role, and the unmet needs."""

from __future__ import annotations

import io

import pytest
from demo_data import demo_programme, demo_result
from pypdf import PdfReader
from role_demo_data import role_demo

from smile_core.matching.role_view import role_name
from smile_core.reports.meeting_pack import meeting_pack_pdf
from smile_core.reports.role_output import role_table
from smile_core.text import t


def _text(pdf: bytes) -> str:
    """Every page's text, whitespace collapsed."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("key", ["vocational", "network"])
def test_the_pack_has_a_row_per_adept_with_a_column_per_role(key, lang):
    """Headed by the placement and each role in the language; each adept who needs anything
    reads as name (id), then the placement's workplace and the person in each role."""
    programme, result = role_demo(key)
    text = _text(meeting_pack_pdf("Demo", result, programme, lang))
    roles = result.roles
    heading = t("meeting.roles.heading", lang)
    assert heading in text
    section = text[text.index(heading) :]
    header = " ".join(
        [t("role.column.adept", lang), *(role_name(roles.setup, c, lang) for c in roles.columns)]
    )
    assert header in section
    frame = role_table(roles, programme, lang)
    for row in frame.iter_rows():
        adept_id, name, *cells, _unmet = row
        line = " ".join([f"{name} ({adept_id})", *(c for c in cells if c)])
        assert line in section, line


def test_each_unmet_need_is_listed_with_its_role_and_reason():
    """Vocational: every unmet placement, handledare or mentor is a line with the adept, the
    role and the reason in words."""
    programme, result = role_demo("vocational")
    text = _text(meeting_pack_pdf("Demo", result, programme, "en"))
    assert result.roles.unmatched
    section = text[text.index(t("meeting.roles.unmet", "en")) :]
    for unmet in result.roles.unmatched:
        adept = programme.adept_by_id[unmet.adept_id]
        role = role_name(result.roles.setup, unmet.role, "en")
        line = f"{adept.name} ({adept.id}) – {role}: {unmet.message('en').rstrip('.')}."
        assert line in section, line


def test_every_need_met_is_said():
    """Network: every young person has the mentor types they need, and the pack says so."""
    programme, result = role_demo("network")
    assert not result.roles.unmatched
    text = _text(meeting_pack_pdf("Demo", result, programme, "sv"))
    assert t("meeting.roles.all_met", "sv") in text


def test_a_pack_without_roles_has_no_role_section():
    """The classic vocational demo (one mentor each): no plan by role."""
    text = _text(meeting_pack_pdf("Demo", demo_result("vocational"), demo_programme("vocational")))
    assert t("meeting.roles.heading", "sv") not in text

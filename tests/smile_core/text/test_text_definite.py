"""smile_core.text's {group:definite}: a group named inside a sentence in its definite form."""

import pytest

from smile_core.text import Message, t


@pytest.mark.parametrize(
    ("group", "sv", "en"),
    [
        ("woman", "högst 13 av de 20 kvinnorna kan", "at most 13 of the 20 women can"),
        ("man", "högst 13 av de 20 männen kan", "at most 13 of the 20 men can"),
    ],
)
def test_the_supply_cause_names_the_group_in_its_definite_form(group, sv, en):
    """'av de 100 kvinnor' read wrong; the cause now says 'av de 100 kvinnorna' / 'männen'."""
    words = Message.of(f"groups.{group}")
    assert sv in t("note.cause.supply", "sv", most=13, n=20, group=words)
    assert en in t("note.cause.supply", "en", most=13, n=20, group=words)
    conflict = t(
        "conflict.match_rate_numbers", "sv", most=13, n=20, group=words, points=5, others=7
    )
    assert conflict.startswith(sv.replace("högst", "Högst").removesuffix(" kan"))


def test_the_supply_cause_points_to_the_overview_readiness_section_by_name():
    """'(se Beredskap)' named no section; the cause names 'Klart för matchning?' on Översikt."""
    words = Message.of("groups.woman")
    for lang in ("sv", "en"):
        cause = t("note.cause.supply", lang, most=13, n=20, group=words)
        assert t("overview.readiness.heading", lang) in cause
        assert t("page.overview.title", lang) in cause
        assert "Beredskap" not in cause and "Readiness" not in cause


def test_definite_falls_back_to_the_plain_words_and_passes_text_through():
    """A message without a definite form reads as itself; a plain string is used as given."""
    assert t("note.cause.supply", "sv", most=1, n=2, group="kvinnorna").count("kvinnorna") == 1
    plain = Message.of("gender.woman")
    assert t("gender.woman", "sv") in t("note.cause.supply", "sv", most=1, n=2, group=plain)

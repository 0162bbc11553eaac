"""The UI text catalogue: complete in every language, placeholders consistent, lookups strict."""

import pytest

from smile_core import i18n
from smile_core.i18n import LANGUAGES, t


def test_swedish_is_the_default_language():
    """Swedish comes first in LANGUAGES and is what t() uses when no language is given."""
    assert LANGUAGES[0] == i18n.DEFAULT_LANGUAGE == "sv"
    assert t("page.overview.title") == "Översikt"


def test_every_language_has_a_name_for_the_switch():
    """The language switch can name every supported language in that language."""
    assert set(i18n.LANGUAGE_NAMES) == set(LANGUAGES)


@pytest.mark.parametrize("key", i18n.all_keys())
def test_every_key_has_a_non_blank_text_in_every_language(key):
    """No key is missing a language or has a blank text in one."""
    texts = i18n.texts(key)
    assert set(texts) == set(LANGUAGES), f"{key}: languages {sorted(texts)}"
    assert all(text.strip() for text in texts.values()), f"{key}: blank text"


@pytest.mark.parametrize("key", i18n.all_keys())
def test_placeholders_agree_between_languages(key):
    """A key's {placeholders} are the same in every language, so one call fills them all."""
    by_language = {lang: i18n.placeholders(text) for lang, text in i18n.texts(key).items()}
    assert len(set(by_language.values())) == 1, f"{key}: {by_language}"


@pytest.mark.parametrize("key", i18n.all_keys())
def test_every_text_formats_with_its_placeholders_filled(key):
    """Each text formats once its placeholders have values (no stray or unbalanced braces)."""
    names = i18n.placeholders(i18n.texts(key)["sv"])
    for lang in LANGUAGES:
        assert t(key, lang, **dict.fromkeys(names, "x"))


def test_keys_are_dotted_lower_case():
    """Keys look alike (lower case, dotted, no spaces) so they can be grepped and sorted."""
    odd = [key for key in i18n.all_keys() if key != key.lower() or "." not in key or " " in key]
    assert not odd


def test_page_titles_in_both_languages():
    """The shell's page titles read as agreed, in Swedish and in English."""
    expected = {
        "overview": ("Översikt", "Overview"),
        "participants": ("Deltagare", "Participants"),
        "matching": ("Matchning", "Matching"),
        "pairs": ("Par", "Pairs"),
        "equality": ("Jämställdhet", "Equality"),
        "outcomes": ("Utfall", "Outcomes"),
        "export": ("Export", "Export"),
    }
    for page, (sv, en) in expected.items():
        assert (t(f"page.{page}.title", "sv"), t(f"page.{page}.title", "en")) == (sv, en)


def test_format_values_are_filled_in():
    """Keyword arguments fill the text's placeholders."""
    assert "fewer than 5 people" in t("page.equality.purpose", "en", k=5)
    assert "färre än 7 personer" in t("page.equality.purpose", "sv", k=7)


def test_missing_format_value_raises():
    """A text with a placeholder but no value for it raises rather than showing '{k}'."""
    with pytest.raises(KeyError):
        t("page.equality.purpose", "sv")


def test_unknown_key_raises_key_error():
    """A key not in the catalogue raises KeyError naming the key."""
    with pytest.raises(KeyError, match=r"page\.nowhere\.title"):
        t("page.nowhere.title")


def test_unknown_language_raises_value_error():
    """A language not in LANGUAGES raises ValueError instead of falling back silently."""
    with pytest.raises(ValueError, match="'de'"):
        t("app.title", "de")


def test_placeholders_ignore_literal_braces():
    """Doubled braces are literal text, not placeholders."""
    assert i18n.placeholders("{{literal}} and {name} and {k:d}") == {"name", "k"}

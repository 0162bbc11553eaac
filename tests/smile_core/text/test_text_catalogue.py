"""The text catalogue: complete in every language, placeholders consistent, plural forms
present, lookups strict, numbers written by Babel the way each language writes them."""

import datetime
import tomllib

import pytest

from smile_core import text
from smile_core.text import LANGUAGES, Message, number, percent, plural_form, t

#: Keys whose languages fill different placeholders on purpose: a message stored before the
#: catalogue keeps its Swedish sentence in {sv} and its English one in {en}.
_OWN_PLACEHOLDERS = {text.STORED_KEY}


def _forms(value):
    """The texts of one language's entry: the text, or each plural form's."""
    return list(value.values()) if isinstance(value, dict) else [value]


def _names(value):
    return frozenset().union(*(text.placeholders(v) for v in _forms(value)))


def test_swedish_is_the_default_language():
    """Swedish comes first in LANGUAGES and is what t() uses when no language is given."""
    assert LANGUAGES[0] == text.DEFAULT_LANGUAGE == "sv"
    assert t("page.overview.title") == "Översikt"


def test_every_language_has_a_name_for_the_switch():
    """The language switch can name every supported language in that language."""
    assert set(text.LANGUAGE_NAMES) == set(LANGUAGES)


@pytest.mark.parametrize("key", text.all_keys())
def test_every_key_has_a_non_blank_text_in_every_language(key):
    """No key is missing a language or has a blank text in one."""
    texts = text.texts(key)
    assert set(texts) == set(LANGUAGES), f"{key}: languages {sorted(texts)}"
    assert all(v.strip() for value in texts.values() for v in _forms(value)), f"{key}: blank"


@pytest.mark.parametrize("key", text.all_keys())
def test_placeholders_agree_between_languages(key):
    """A key's {placeholders} are the same in every language, so one call fills them all."""
    if key in _OWN_PLACEHOLDERS:
        return
    by_language = {lang: _names(value) for lang, value in text.texts(key).items()}
    assert len(set(by_language.values())) == 1, f"{key}: {by_language}"


@pytest.mark.parametrize("key", text.all_keys())
def test_every_text_formats_with_its_placeholders_filled(key):
    """Each text formats once its placeholders have values (no stray or unbalanced braces)."""
    names = set().union(*(_names(v) for v in text.texts(key).values()))
    entry = text.catalogue()[key]
    values = dict.fromkeys(names, "x")
    if "plural" in entry or any(isinstance(entry[lang], dict) for lang in LANGUAGES):
        values[entry.get("plural", "count")] = 1
    for lang in LANGUAGES:
        assert t(key, lang, **values)


def test_keys_are_dotted_lower_case():
    """Keys look alike (lower case, dotted, no spaces) so they can be grepped and sorted."""
    odd = [key for key in text.all_keys() if key != key.lower() or "." not in key or " " in key]
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
    assert text.placeholders("{{literal}} and {name} and {k:d}") == {"name", "k"}


@pytest.mark.parametrize("key", text.all_keys())
def test_plural_entries_give_every_form_in_every_language(key):
    """A plural entry has one/other in both languages, and names a count its texts use."""
    entry = text.catalogue()[key]
    plural = [lang for lang in LANGUAGES if isinstance(entry[lang], dict)]
    if not plural and "plural" not in entry:
        return
    assert plural == list(LANGUAGES), f"{key}: plural forms only in {plural}"
    for lang in LANGUAGES:
        assert set(entry[lang]) == set(text.PLURAL_FORMS), f"{key}/{lang}: {set(entry[lang])}"
    count = entry.get("plural", "count")
    assert all(count in _names(entry[lang]) for lang in LANGUAGES), f"{key}: no {{{count}}}"


def test_an_entry_has_only_known_fields():
    """Every entry holds sv, en and at most the name of its plural count; nothing else."""
    with text.CATALOGUE_PATH.open("rb") as f:
        raw = tomllib.load(f)
    odd = {k: sorted(v) for k, v in raw.items() if set(v) - {"sv", "en", "plural"}}
    assert not odd


def test_babel_plural_rules_choose_the_form():
    """One adept, two adepts, in both languages; zero takes the plural form."""
    for lang in LANGUAGES:
        assert [plural_form(n, lang) for n in (0, 1, 2)] == ["other", "one", "other"]
    assert t("conflict.mentor_capacity", "sv", mentor="M1", count=1).endswith("1 adept")
    assert t("conflict.mentor_capacity", "sv", mentor="M1", count=3).endswith("3 adepter")
    assert t("conflict.mentor_capacity", "en", mentor="M1", count=1).endswith("1 adept")


def test_numbers_percentages_and_dates_as_each_language_writes_them():
    """Babel with sv_SE and en: a decimal comma and no-break spaces in Swedish."""
    assert number(2328.634, "sv", 2) == "2\u00a0328,63"
    assert number(2328.634, "en", 2) == "2,328.63"
    assert number(87.5, "sv", 1) == "87,5" and number(87.5, "en", 1) == "87.5"
    assert percent(0.806, "sv", 1) == "80,6\u00a0%" and percent(0.806, "en", 1) == "80.6%"
    assert number(None, "sv") == "–"
    assert text.date(datetime.date(2026, 3, 4), "sv", "long") == "4 mars 2026"
    assert text.date(datetime.date(2026, 3, 4), "en", "long") == "March 4, 2026"


def test_a_float_parameter_is_written_in_the_language():
    """A float filled into a text gets the language's decimal mark."""
    assert t("report.score_points", "sv", value=2.5) == "2,5 poäng"
    assert t("report.score_points", "en", value=2.5) == "2.5 points"


def test_a_message_keeps_key_and_parameters_and_reads_in_either_language():
    """A message round-trips through JSON, nested messages included, and renders per language."""
    message = Message.of(
        "conflict.blocked",
        rule=Message.of("conflict.lock", adept="A1", mentor="M1"),
        cause=Message.of("reason.forbidden.short"),
    )
    assert Message.from_json(message.to_json()) == message
    assert message.render("sv").startswith("Låst par A1–M1 (")
    assert message.render("en").startswith("Locked pair A1–M1 (")


def test_one_label_per_gender_value():
    """ "undisclosed" reads the same everywhere: the gender label and the labels module agree."""
    from smile_core.text.labels import label

    assert t("gender.undisclosed", "sv") == label("gender", "undisclosed", "sv") == "Vill ej ange"
    assert label("gender", "undisclosed", "en") == "Prefer not to say"

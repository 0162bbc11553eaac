"""Deltagare: a mapping file for a form export, saved for the programme and offered again."""

from apptest_support import APP_PATH, REPO_ROOT, RUN_TIMEOUT_SECONDS, assert_no_error
from streamlit.testing.v1 import AppTest

from smile_core.text import t

FORMS = REPO_ROOT / "tests" / "data" / "other_tools"


def _file(name: str) -> tuple[str, bytes, str]:
    return (name, (FORMS / name).read_bytes(), "text/plain")


def _upload_forms(at: AppTest) -> None:
    for table, name in (
        ("adepts", "google_forms_adepts.csv"),
        ("mentors", "google_forms_mentors.csv"),
    ):
        next(u for u in at.file_uploader if u.key == f"upload_{table}").set_value(_file(name))
    at.run()
    at.button(key="upload_check").click().run()
    assert_no_error(at)


def test_a_mapping_file_loads_a_form_export_and_is_offered_to_the_next_session(open_page):
    """The form's questions load through the mapping file; a new session is offered it again."""
    at = open_page("participants", lang="en")
    assert not _has(at, "mapping_saved_use"), "nothing saved yet, nothing offered"
    uploader = next(u for u in at.file_uploader if u.key == "mapping_file")
    uploader.set_value(_file("google_forms_mapping.toml"))
    at.run()
    at.button(key="mapping_file_apply").click().run()
    assert_no_error(at)
    _upload_forms(at)
    loaded = t("participants.check.loaded", "en", adepts=8, mentors=6, workplaces=0)
    assert [s.value for s in at.success] == [loaded]

    later = AppTest.from_file(str(APP_PATH), default_timeout=RUN_TIMEOUT_SECONDS)
    later.session_state["lang"] = "en"
    later.run()
    later.switch_page("pages/participants.py").run()
    assert_no_error(later)
    assert t("participants.mapping.saved_offer", "en") in [i.value for i in later.info]
    later.button(key="mapping_saved_use").click().run()
    _upload_forms(later)
    assert [s.value for s in later.success] == [loaded]


def test_a_broken_mapping_file_is_an_error_message(open_page):
    """A mapping naming a field SMILE lacks is refused with a message, not a traceback."""
    at = open_page("participants", lang="en")
    uploader = next(u for u in at.file_uploader if u.key == "mapping_file")
    uploader.set_value(("bad.toml", b'[adepts.columns]\n"X" = "shoe_size"\n', "text/plain"))
    at.run()
    at.button(key="mapping_file_apply").click().run()
    assert not at.exception
    assert any("shoe" in e.value and "is not a field" in e.value for e in at.error)


def _has(at: AppTest, key: str) -> bool:
    return any(b.key == key for b in at.button)


def test_an_unknown_gender_word_is_translated_on_the_page(open_page):
    """'Dam' is not a gender SMILE knows: the coordinator says it means kvinna, and it loads."""
    adepts = "ID;Namn;Kön;Yrke/Utbildning;Språk\nA1;Åsa;Dam;Ekonom;svenska\n"
    mentors = "ID;Namn;Kön;Yrke/Utbildning\nM1;Lars;Man;Ekonom\n"
    at = open_page("participants", lang="en")
    for table, text in (("adepts", adepts), ("mentors", mentors)):
        uploader = next(u for u in at.file_uploader if u.key == f"upload_{table}")
        uploader.set_value((f"{table}.csv", text.encode("utf-8"), "text/csv"))
    at.run()
    at.button(key="upload_check").click().run()
    assert at.error, "an unknown gender is an error"
    word = at.selectbox(key="value_0_en")
    assert "Dam" in word.label
    word.set_value("kvinna").run()
    at.button(key="values_apply").click().run()
    assert_no_error(at)
    assert at.session_state["column_mapping_extra"] == {
        "adepts": {"values": {"gender": {"Dam": "kvinna"}}}
    }
    assert at.sidebar.selectbox[0].value == "uploaded"

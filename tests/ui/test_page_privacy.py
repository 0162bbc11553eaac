"""Dataskydd: what is stored, erasing a person, an access-request export, and the purge."""

import json
from datetime import UTC, datetime

from apptest_support import assert_no_error

from smile_core.store import Repository
from smile_core.text import t


def _button(at, key_text, lang="sv"):
    return next(b for b in at.button if b.label == t(key_text, lang))


def _stored_demo(at):
    """Run Matcha on the demo (stores programme Demo, cohort vocational) and open Dataskydd."""
    at.switch_page("pages/matching.py").run()
    next(b for b in at.button if b.label == t("matching.run", "sv")).click().run()
    assert_no_error(at)
    at.switch_page("pages/privacy.py").run()
    assert_no_error(at)
    return at


def test_the_page_says_what_is_stored_and_why(open_page):
    """The plain-language note names country of birth as possibly sensitive and IMY."""
    at = open_page("privacy", lang="en")
    text = " ".join(m.value for m in at.markdown)
    assert "Country of birth" in text and "IMY" in text
    assert t("privacy.nothing_stored", "en") in [c.value for c in at.caption]


def test_erasing_needs_confirmation_and_removes_the_person(open_page, temporary_database):
    """Erase is disabled until confirmed; then the adept is gone from cohort and plans."""
    at = _stored_demo(open_page("privacy"))
    at.selectbox(key="erase_id_1_adept").set_value("A02").run()
    assert _button(at, "privacy.erase.run").disabled
    at.checkbox(key="erase_confirm").check().run()
    _button(at, "privacy.erase.run").click().run()
    assert_no_error(at)
    repo = Repository.open(temporary_database)
    assert "A02" not in {m.source_id for m in repo.list_members(1) if m.role == "adept"}
    (run,) = repo.list_runs(1)
    assert "A02" not in repo.load_run(run.id).plan.mentor_of
    assert at.success


def test_an_access_request_gives_the_persons_json(open_page, temporary_database):
    """Preparing the export offers a JSON download that names the person's cohort membership."""
    at = _stored_demo(open_page("privacy"))
    at.selectbox(key="export_id_1_adept").set_value("A03").run()
    _button(at, "privacy.export.prepare").click().run()
    assert_no_error(at)
    (download,) = at.get("download_button")
    assert download.proto.label == t("privacy.export.download", "sv")
    repo = Repository.open(temporary_database)
    data = repo.export_person(repo.person_key(1, "adept", "A03"), "test")
    assert "A03" in json.dumps(data)
    assert any(e.action == "person exported" for e in repo.audit_entries())


def test_the_purge_shows_what_would_go_then_deletes_it(open_page, temporary_database):
    """A programme closed long ago is listed; after confirming, it is gone."""
    repo = Repository.open(temporary_database)
    old = repo.create_programme("Gammalt", "academic", {}, "test")
    repo.create_cohort(old, "2019", "test")
    repo.close_programme(old, "test", closed_at=datetime(2020, 1, 1, tzinfo=UTC))
    at = open_page("privacy")
    preview = at.dataframe[0].value
    assert list(preview["name"]) == ["Gammalt"]
    at.checkbox(key="purge_confirm").check().run()
    _button(at, "privacy.retention.run").click().run()
    assert_no_error(at)
    assert repo.list_programmes() == ()

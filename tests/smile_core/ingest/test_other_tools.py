"""Other tools' exports, used as they are: a matching tool's sample files and a Google Form."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spreadsheet_files import csv_file

from smile_core.cli import main
from smile_core.ingest.mapping import (
    ColumnMapping,
    TableMapping,
    load_mapping,
    unknown_values,
    with_values,
)
from smile_core.ingest.participants import Gender, MentorGenderPreference, has_gender_data
from smile_core.ingest.problems import Severity
from smile_core.ingest.reading import SourceFile
from smile_core.ingest.validation import load_programme
from smile_core.matching.scoring import BLOCK_AVOIDED, BLOCK_SAME_ORGANISATION, score_pairs
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve

DATA = Path(__file__).parent.parent.parent / "data" / "other_tools"


def _source(name: str) -> SourceFile:
    return SourceFile(name, (DATA / name).read_bytes())


def _matching_tool(**kwargs):
    return load_programme(
        adepts=_source("matching_tool_mentees.csv"),
        mentors=_source("matching_tool_mentors.csv"),
        **kwargs,
    )


def _google_forms():
    return load_programme(
        adepts=_source("google_forms_adepts.csv"),
        mentors=_source("google_forms_mentors.csv"),
        mapping=load_mapping(DATA / "google_forms_mapping.toml"),
    )


# --- the matching tool's sample export -------------------------------------------------------


def test_matching_tool_export_loads_without_errors():
    """E-mail is the id, first + last name the name, Identity the gender, Profession the field."""
    result = _matching_tool()
    assert result.ok, [p.message_en for p in result.report.errors]
    first = result.programme.adepts[0]
    assert first.id == "amina.hassan0@mentee.example"
    assert first.email == first.id
    assert (first.name, first.gender, first.field) == (
        "Amina Hassan",
        Gender.WOMAN,
        "software engineer",
    )
    assert (first.job_title, first.grade, first.organisation) == ("Graduate", "G1", "Volvo Cars")


def test_matching_tool_mentors_organisations_become_workplaces():
    """Without a workplaces file, each distinct organisation becomes a workplace."""
    programme = _matching_tool().programme
    names = {w.name for w in programme.workplaces}
    assert names == {m.organisation for m in programme.mentors}
    seats = {w.id: w.capacity for w in programme.workplaces}
    assert sum(seats.values()) == sum(m.capacity for m in programme.mentors)
    assert all(m.workplace_id == m.organisation for m in programme.mentors)


def test_matching_tool_export_warns_what_it_decided():
    """The decisions are said, not silent: e-mail as id, no language, biography not read."""
    warnings = [p.message_en for p in _matching_tool().report.warnings]
    # The one reader's wording for a stand-in column names the column used.
    assert any("no ID column; this column is used as the ID" in w for w in warnings)
    assert any("shared-language rule is off" in w for w in warnings)
    assert any("Biography" in p.column for p in _matching_tool().report.warnings if p.column)


def test_matching_tool_export_matches_every_mentee():
    """Mentors suffice (12 for 10), so every mentee is matched: nothing silently blocks."""
    programme = _matching_tool().programme
    result = solve(programme, MatchSettings(time_limit_seconds=10))
    assert result.has_plan
    assert result.matched == len(programme.adepts) == 10


def test_not_from_my_own_organisation_is_a_hard_rule_when_set():
    """With the setting on, no mentee gets a mentor of their own organisation."""
    programme = _matching_tool().programme
    settings = MatchSettings(forbid_same_organisation=True, time_limit_seconds=10)
    scores = score_pairs(programme, settings)
    blocked = scores.filter(scores["blocked_by"] == BLOCK_SAME_ORGANISATION)
    assert blocked.height > 0
    result = solve(programme, settings, scores=scores)
    mentor = programme.mentor_by_id
    adept = programme.adept_by_id
    for pair in result.plan.pairs:
        assert adept[pair.adept_id].organisation != mentor[pair.mentor_id].organisation
    assert result.matched == 10


def test_cli_validate_and_match_accept_the_export_as_it_is(tmp_path, capsys):
    """`smile validate` exits 0 with the readiness summary; `smile match` matches all 10."""
    files = ["--adepts", str(DATA / "matching_tool_mentees.csv")]
    files += ["--mentors", str(DATA / "matching_tool_mentors.csv")]
    assert main(["validate", *files]) == 0
    out = capsys.readouterr().out
    assert "Inför matchningen / Before matching" in out
    assert "Matching can give a plan." in out
    assert main(["match", *files, "--time-limit", "10", "--json"]) == 0
    assert '"matched": 10' in capsys.readouterr().out


# --- a Google Forms export through a mapping -------------------------------------------------


def test_google_forms_export_needs_the_mapping_for_its_questions():
    """Question headers are not guessed: without the mapping the profession is missing."""
    result = load_programme(
        adepts=_source("google_forms_adepts.csv"), mentors=_source("google_forms_mentors.csv")
    )
    assert not result.ok
    assert "Vilket yrke vill du ha?" in result.unknown_columns["adepts"]


def test_google_forms_export_with_mapping_loads_and_matches_everyone():
    """The mapping names the questions, splits "Kommun, Län"; no gender column is fine."""
    result = _google_forms()
    assert result.ok, [p.message_en for p in result.report.errors]
    programme = result.programme
    first = programme.adepts[0]
    assert (first.id, first.name) == ("amina0@form.example", "Amina Karimi")
    assert (first.municipality, first.region) == ("malmö", "skåne län")
    assert first.languages == ("arabic", "swedish")
    assert not has_gender_data(programme)
    assert not any(p.column == "Tidstämpel" for p in result.report.problems)
    outcome = solve(programme, MatchSettings(time_limit_seconds=10))
    assert outcome.matched == len(programme.adepts) == 8


def test_cli_map_option_and_no_gender_note(capsys):
    """`smile match --map` reads the form; without gender data the equality rules are off."""
    files = ["--adepts", str(DATA / "google_forms_adepts.csv")]
    files += ["--mentors", str(DATA / "google_forms_mentors.csv")]
    mapping = ["--map", str(DATA / "google_forms_mapping.toml")]
    assert main(["validate", *files]) == 1
    capsys.readouterr()
    assert main(["match", *files, *mapping, "--time-limit", "10"]) == 0
    out = capsys.readouterr().out
    assert "No gender data: the equality rules are off." in out
    assert "Matchade: 8 av 8 / Matched: 8 of 8" in out


def test_cli_bad_mapping_file_is_a_clear_message(tmp_path, capsys):
    """A mapping naming a field SMILE lacks is refused, naming it, in both languages."""
    bad = tmp_path / "map.toml"
    bad.write_text('[adepts.columns]\n"Vad heter du?" = "shoe_size"\n', encoding="utf-8")
    files = ["--adepts", str(DATA / "google_forms_adepts.csv")]
    files += ["--mentors", str(DATA / "google_forms_mentors.csv")]
    assert main(["validate", *files, "--map", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "'shoe_size' är inget fält" in err and "'shoe_size' is not a field" in err


def test_mapping_translates_values_and_combines_columns():
    """Value words map before parsing ("Dam" → kvinna) and two columns combine into one field."""
    rows = [
        ["Löpnr", "Tilltal", "Släkt", "Kön", "Yrke", "Mentorns kön", "Språk"],
        ["1", "Åsa", "Öberg", "Dam", "Ekonom", "Dam", "svenska"],
    ]
    mapping = ColumnMapping(
        {
            "adepts": TableMapping(
                values={"gender": {"Dam": "kvinna"}, "preferred_mentor_gender": {"dam": "k"}},
                combine={"name": ("Tilltal", "Släkt")},
            )
        }
    )
    mentors = csv_file("m.csv", [["ID", "Kön", "Yrke"], ["M1", "Man", "Ekonom"]])
    result = load_programme(adepts=csv_file("a.csv", rows), mentors=mentors, mapping=mapping)
    assert result.ok, [p.message_en for p in result.report.errors]
    adept = result.programme.adepts[0]
    assert (adept.name, adept.gender) == ("Åsa Öberg", Gender.WOMAN)
    assert adept.preferred_mentor_gender is MentorGenderPreference.WOMAN


def test_mapping_naming_a_column_the_file_lacks_is_a_warning():
    """A mapping made for another file says which header it did not find."""
    mapping = ColumnMapping({"adepts": TableMapping(columns={"Finns inte": "name"})})
    adepts = csv_file("a.csv", [["ID", "Yrke", "Språk"], ["A1", "Ekonom", "svenska"]])
    mentors = csv_file("m.csv", [["ID", "Yrke"], ["M1", "Ekonom"]])
    result = load_programme(adepts=adepts, mentors=mentors, mapping=mapping)
    assert result.ok
    assert any("'Finns inte'" in p.message_sv for p in result.report.warnings)


@given(
    columns=st.dictionaries(
        st.text(min_size=1, max_size=12),
        st.sampled_from(["", "name", "field", "email", "wishes"]),
        max_size=4,
    ),
    words=st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=8), max_size=3),
)
def test_mapping_json_round_trips(columns, words):
    """A mapping stored as JSON reads back equal (the per-programme saved mapping)."""
    mapping = ColumnMapping(
        {
            "adepts": TableMapping(
                columns=columns,
                values={"gender": words} if words else {},
                combine={"name": ("Förnamn", "Efternamn")},
                split={"Ort": (",", ("municipality", "region"))},
            )
        }
    )
    assert ColumnMapping.from_json(mapping.to_json()) == mapping


# --- wishes and avoids -----------------------------------------------------------------------


def _wish_programme(adept_wishes: str = "", adept_avoids: str = "", mentor_wishes: str = ""):
    """Two adepts, two mentors of one field; the plan is a tie without wishes."""
    adepts = [
        ["ID", "Namn", "Kön", "Yrke", "Språk", "Önskar", "Undviker"],
        ["A1", "Amina Hassan", "Kvinna", "Ekonom", "svenska", adept_wishes, adept_avoids],
        ["A2", "Omar Ali", "Man", "Ekonom", "svenska", "", ""],
    ]
    mentors = [
        ["ID", "Namn", "E-post", "Kön", "Yrke", "Wishes"],
        ["M1", "Karin Berg", "karin@example.se", "Kvinna", "Ekonom", mentor_wishes],
        ["M2", "Lars Ek", "lars@example.se", "Man", "Ekonom", ""],
    ]
    result = load_programme(adepts=csv_file("a.csv", adepts), mentors=csv_file("m.csv", mentors))
    assert result.ok, [p.message_en for p in result.report.errors]
    return result


def _mentor_of(result, adept_id: str, seed: int = 0) -> str:
    settings = MatchSettings(time_limit_seconds=10, seed=seed)
    plan = solve(result.programme, settings).plan
    return {p.adept_id: p.mentor_id for p in plan.pairs}[adept_id]


@pytest.mark.parametrize("written", ["M2", "lars@example.se", "LARS EK"])
def test_a_wish_by_id_email_or_name_gets_the_wished_mentor(written):
    """A1 wishes M2 (written as id, e-mail or name in any case) and gets M2."""
    result = _wish_programme(adept_wishes=written)
    assert result.programme.adepts[0].wishes == ("M2",)
    assert _mentor_of(result, "A1") == "M2"


def test_a_mentor_wish_for_an_adept_changes_the_plan():
    """M1 wishes Omar Ali (A2) by name: A2 gets M1."""
    result = _wish_programme(mentor_wishes="Omar Ali")
    assert _mentor_of(result, "A2") == "M1"


def test_a_wish_is_shown_in_the_pairs_score():
    """The wished pair's wish component is 1 and adds the wish weight in points."""
    result = _wish_programme(adept_wishes="M2")
    scores = score_pairs(result.programme, MatchSettings())
    row = scores.filter(scores["adept_id"] == "A1").sort("mentor_id")
    assert row["wish"].to_list() == [0.0, 1.0]
    assert row["score"][1] - row["score"][0] == pytest.approx(MatchSettings().weights.wish)
    plan = solve(result.programme, MatchSettings(time_limit_seconds=10)).plan
    pair = next(p for p in plan.pairs if p.adept_id == "A1")
    assert dict(pair.components)["wish"] == 1.0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_an_avoid_is_a_forbid(seed):
    """A1 avoids M1: M1 is never A1's mentor, whatever the seed, and everyone is matched."""
    result = _wish_programme(adept_avoids="Karin Berg")
    scores = score_pairs(result.programme, MatchSettings())
    blocked = scores.filter(scores["adept_id"] == "A1", scores["mentor_id"] == "M1")
    assert blocked["blocked_by"][0] == BLOCK_AVOIDED
    assert _mentor_of(result, "A1", seed) == "M2"


def test_unknown_or_contradictory_wishes_are_warnings_at_their_cell():
    """A wish naming nobody is reported at its row and column; wished and avoided is avoided."""
    result = _wish_programme(adept_wishes="Nobody Here; M1", adept_avoids="M1")
    problems = [p for p in result.report.problems if p.column in ("Önskar",)]
    assert all(p.severity is Severity.WARNING for p in problems)
    assert {(p.row, p.value) for p in problems if p.value} == {(2, "Nobody Here")}
    assert any("both wished and avoided" in p.message_en for p in problems)
    adept = result.programme.adepts[0]
    assert (adept.wishes, adept.avoids) == ((), ("M1",))


# --- missing data never silently blocks ------------------------------------------------------


def test_validate_exits_1_when_no_adept_can_be_matched(tmp_path, capsys):
    """Every pair blocked (a language no mentor shares): validate says why and exits 1."""
    adepts = csv_file(
        "a.csv", [["ID", "Yrke", "Språk", "Svenskanivå"], ["A1", "Ekonom", "tigrinja", "A1"]]
    )
    mentors = csv_file("m.csv", [["ID", "Yrke", "Språk"], ["M1", "Ekonom", "svenska"]])
    tmp = tmp_path
    (tmp / "a.csv").write_bytes(adepts.data)
    (tmp / "m.csv").write_bytes(mentors.data)
    code = main(["validate", "--adepts", str(tmp / "a.csv"), "--mentors", str(tmp / "m.csv")])
    out = capsys.readouterr().out
    assert code == 1
    assert "None of the 1 mentors is allowed: 1 share no language." in out
    assert "No adept can be matched under the rules as they are" in out


def test_match_with_nobody_matched_says_why(tmp_path, capsys):
    """`smile match` that matches nobody prints the readiness check's reasons too."""
    (tmp_path / "a.csv").write_text("ID,Yrke,Språk,Svenskanivå\nA1,Ekonom,tigrinja,A1\n")
    (tmp_path / "m.csv").write_text("ID,Yrke,Språk\nM1,Ekonom,svenska\n")
    args = ["match", "--adepts", str(tmp_path / "a.csv"), "--mentors", str(tmp_path / "m.csv")]
    main([*args, "--time-limit", "5"])
    out = capsys.readouterr().out
    assert "None of the 1 mentors is allowed: 1 share no language." in out


@settings(max_examples=40, deadline=None)
@given(
    written=st.lists(
        st.sampled_from(["M1", "m1", "karin@example.se", "Karin Berg", "Nobody", "M9", "lars ek"]),
        max_size=4,
    )
)
def test_every_written_wish_is_used_or_reported(written):
    """Nothing is silently dropped: each wish resolves to a mentor or is a warning at its cell."""
    result = _wish_programme(adept_wishes="; ".join(written))
    reported = {p.value for p in result.report.warnings if p.column == "Önskar"}
    resolved = set(result.programme.adepts[0].wishes)
    for item in written:
        known = {"m1": "M1", "karin@example.se": "M1", "karin berg": "M1", "lars ek": "M2"}
        target = known.get(item.casefold())
        assert (target in resolved) if target else (item in reported)


def test_unknown_gender_words_are_offered_for_translation_once_each():
    """Each distinct unreadable gender word is one candidate, named by table, header, value."""
    rows = [["ID", "Yrke", "Språk", "Identity"], ["A1", "Ekonom", "sv", "Dam"]]
    rows += [["A2", "Ekonom", "sv", "dam"], ["A3", "Ekonom", "sv", "Herr"]]
    mentors = csv_file("m.csv", [["ID", "Yrke"], ["M1", "Ekonom"]])
    result = load_programme(adepts=csv_file("a.csv", rows), mentors=mentors)
    found = unknown_values(result.report.errors, result.files, ColumnMapping())
    assert [(u.table, u.field, u.header, u.value) for u in found] == [
        ("adepts", "gender", "Identity", "Dam"),
        ("adepts", "gender", "Identity", "Herr"),
    ]
    mapping = with_values(ColumnMapping(), "adepts", "gender", {"Dam": "kvinna", "Herr": "man"})
    again = load_programme(adepts=csv_file("a.csv", rows), mentors=mentors, mapping=mapping)
    assert again.ok
    genders = [a.gender for a in again.programme.adepts]
    assert genders == [Gender.WOMAN, Gender.WOMAN, Gender.MAN]

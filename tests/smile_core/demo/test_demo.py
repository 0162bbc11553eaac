"""The built-in demo programmes: committed files, formats, sizes, mixes and outcomes.

The expectations come from the brief for the demo (issue 2, "Demo programmes", and issue 4,
"Outcomes"), not from the generated output: about 40 vocational and 80 academic adepts,
mentor capacity a bit above demand, few women among foundry handledare, three in four in work
after the vocational cohort and 64 % in qualified jobs after the academic one.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from smile_core.demo.programmes import (
    DEMO_FILE_NAMES,
    DEMO_PROGRAMMES,
    demo_files,
    demo_programme_files,
    write_demo,
)

REPO = Path(__file__).resolve().parents[3]
COMMITTED = REPO / "data" / "demo"

# The headers exactly as the brief gives them.
SWEDISH_HEADERS = {
    "adepts": "ID;Namn;Kön;Födelseland;Födelseregion;Språk;Svenskanivå;Yrke/Utbildning;"
    "Önskat yrke;Kommun;Län;Önskat kön på mentor;Mål;Tillgänglighet;Kohort",
    "mentors": "ID;Namn;Kön;Arbetsplats;Yrke/Utbildning;Språk;Kommun;Län;Kapacitet;Erbjuder;"
    "Tillgänglighet;Mentorstyp",
    "workplaces": "ID;Namn;Bransch;Kommun;Län;Kapacitet",
}
ENGLISH_HEADERS = {
    "adepts": "id,name,gender,birth_country,birth_region,languages,swedish_level,field,"
    "target_field,municipality,region,preferred_mentor_gender,goals,availability,cohort",
    "mentors": "id,name,gender,workplace_id,field,languages,municipality,region,capacity,offers,"
    "availability,mentor_type,birth_country,birth_region",
    "workplaces": "id,name,industry,municipality,region,capacity",
}
#: The academic demo's mentors' last columns (the similar-background match, issue 10).
MENTOR_BACKGROUND = ("birth_country", "birth_region")
TABLES = ("adepts", "mentors", "workplaces")
STATUSES = {
    "qualified_job",
    "other_job",
    "internship",
    "studies",
    "seeking_work",
    "left_programme",
}
IN_WORK = {"qualified_job", "other_job"}


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _participants(key: str, table: str) -> list[dict[str, str]]:
    """Rows of a participant table under canonical English keys (mapped by position)."""
    data = demo_programme_files(key)[f"{table}.csv"]
    if key == "vocational":
        text, separator = data.decode("cp1252"), ";"
    else:
        text, separator = data.decode("utf-8-sig"), ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    keys = ENGLISH_HEADERS[table].split(",")
    if key == "vocational" and table == "mentors":
        keys = keys[: -len(MENTOR_BACKGROUND)]  # only the academic mentors give a birth region
    return [dict(zip(keys, row, strict=True)) for row in rows[1:]]


def _outcomes(key: str, name: str) -> list[dict[str, str]]:
    text = demo_programme_files(key)[name].decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _seats(key: str) -> tuple[int, int, list[str]]:
    """Mentor capacity, seats once workplace limits apply, and the workplaces that bind."""
    at_workplace: Counter[str] = Counter()
    for mentor in _participants(key, "mentors"):
        at_workplace[mentor["workplace_id"]] += int(mentor["capacity"])
    workplaces = _participants(key, "workplaces")
    seats = sum(min(int(w["capacity"]), at_workplace[w["id"]]) for w in workplaces)
    binding = [w["id"] for w in workplaces if int(w["capacity"]) < at_workplace[w["id"]]]
    return sum(at_workplace.values()), seats, binding


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    out_dir = tmp_path_factory.mktemp("demo")
    return out_dir, write_demo(out_dir)


# --------------------------------------------------------------------------- files


def test_write_demo_recreates_the_committed_files_byte_for_byte(written):
    """write_demo to an empty folder gives exactly data/demo/: same files, same bytes."""
    out_dir, _ = written
    produced = sorted(p.relative_to(out_dir) for p in out_dir.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(COMMITTED) for p in COMMITTED.rglob("*") if p.is_file())
    assert produced == committed
    for relative in produced:
        assert (out_dir / relative).read_bytes() == (COMMITTED / relative).read_bytes(), relative


def test_write_demo_returns_every_file_it_wrote(written):
    """The returned paths are the files under out_dir: five per programme plus the README."""
    out_dir, paths = written
    assert sorted(paths) == sorted(p for p in out_dir.rglob("*") if p.is_file())
    for programme in DEMO_PROGRAMMES:
        folder = out_dir / programme.folder
        assert sorted(p.name for p in folder.iterdir()) == sorted(DEMO_FILE_NAMES)


def test_generation_does_not_depend_on_the_hash_seed():
    """Another interpreter with other PYTHONHASHSEEDs generates the same bytes."""
    digest = hashlib.sha256(b"".join(demo_files().values())).hexdigest()
    script = (
        "import hashlib; from smile_core.demo.programmes import demo_files; "
        "print(hashlib.sha256(b''.join(demo_files().values())).hexdigest())"
    )
    for hash_seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        assert result.stdout.strip() == digest


def test_demo_programmes_name_their_folders_in_both_languages():
    """Each programme has a unique key and folder and one-line Swedish and English texts."""
    assert [p.key for p in DEMO_PROGRAMMES] == ["vocational", "academic"]
    assert len({p.folder for p in DEMO_PROGRAMMES}) == len(DEMO_PROGRAMMES)
    for programme in DEMO_PROGRAMMES:
        for text in (
            programme.title_sv,
            programme.title_en,
            programme.description_sv,
            programme.description_en,
        ):
            assert text.strip() and "\n" not in text
        assert list(demo_programme_files(programme.key)) == list(DEMO_FILE_NAMES)


def test_an_unknown_programme_key_is_refused():
    """Asking for a programme that does not exist names the known ones."""
    with pytest.raises(ValueError, match="vocational, academic"):
        demo_programme_files("nursing")


@pytest.mark.parametrize("table", TABLES)
def test_vocational_files_are_a_swedish_excel_export(table):
    """Vocational participant files: Windows-1252 (not UTF-8), semicolons, Swedish headers, CRLF."""
    data = demo_programme_files("vocational")[f"{table}.csv"]
    assert not data.startswith(b"\xef\xbb\xbf")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1252")
    assert text.split("\r\n", 1)[0] == SWEDISH_HEADERS[table]
    assert data.count(b"\n") == data.count(b"\r\n") and data.endswith(b"\r\n")
    widths = {len(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=";")}
    assert widths == {SWEDISH_HEADERS[table].count(";") + 1}


@pytest.mark.parametrize("table", TABLES)
def test_academic_files_are_utf8_with_bom_and_english_headers(table):
    """Academic participant files: UTF-8 with BOM, commas, canonical English headers, CRLF."""
    data = demo_programme_files("academic")[f"{table}.csv"]
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.split("\r\n", 1)[0] == ENGLISH_HEADERS[table]
    assert data.count(b"\n") == data.count(b"\r\n")
    widths = {len(row) for row in csv.reader(io.StringIO(text, newline=""))}
    assert widths == {ENGLISH_HEADERS[table].count(",") + 1}


@pytest.mark.parametrize("key", ["vocational", "academic"])
def test_outcome_files_are_utf8_comma_with_english_headers(key):
    """followups.csv and evaluations.csv: UTF-8 without BOM, commas, the agreed headers."""
    files = demo_programme_files(key)
    for name, header in (
        ("followups.csv", "adept_id,months,status,mentor_contributed"),
        ("evaluations.csv", "respondent_id,role,item,answer"),
    ):
        assert not files[name].startswith(b"\xef\xbb\xbf")
        assert files[name].decode("utf-8").splitlines()[0] == header


# --------------------------------------------------------------------------- programmes


@pytest.mark.parametrize(
    ("key", "width", "adepts_about", "mentors_about"),
    [("vocational", 2, 40, None), ("academic", 3, 80, 70)],
)
def test_programme_sizes_and_ids(key, width, adepts_about, mentors_about):
    """About the stated number of adepts (and mentors), ids A01../A001.. unique and in order."""
    adepts = _participants(key, "adepts")
    mentors = _participants(key, "mentors")
    workplaces = _participants(key, "workplaces")
    assert 0.875 * adepts_about <= len(adepts) <= 1.125 * adepts_about
    if mentors_about:
        assert 0.85 * mentors_about <= len(mentors) <= 1.15 * mentors_about
    for prefix, rows in (("A", adepts), ("M", mentors), ("W", workplaces)):
        ids = [row["id"] for row in rows]
        assert ids == [f"{prefix}{n:0{width}d}" for n in range(1, len(rows) + 1)]
    workplace_ids = {w["id"] for w in workplaces}
    assert all(m["workplace_id"] in workplace_ids for m in mentors)
    assert {m["workplace_id"] for m in mentors} == workplace_ids


def test_vocational_capacities_bind_at_some_workplaces():
    """Mentor seats a bit above the 40 adepts; workplaces of 2-6 places, some binding, all fit."""
    adepts = len(_participants("vocational", "adepts"))
    mentors = _participants("vocational", "mentors")
    workplaces = _participants("vocational", "workplaces")
    mentor_capacity, seats, binding = _seats("vocational")
    assert {int(m["capacity"]) for m in mentors} <= {1, 2, 3}
    assert {int(w["capacity"]) for w in workplaces} <= set(range(2, 7))
    assert adepts < mentor_capacity <= 1.25 * adepts
    assert binding
    assert seats >= adepts


def test_academic_capacities_let_most_but_not_all_adepts_in():
    """Mentor capacity 80-95; workplace limits leave seats for most, not all, adepts."""
    adepts = len(_participants("academic", "adepts"))
    mentor_capacity, seats, binding = _seats("academic")
    assert 80 <= mentor_capacity <= 95
    assert binding
    assert 0.85 * adepts <= seats < adepts


def test_vocational_gender_mix():
    """Foundry handledare mostly men with a few women; adepts one "Vill ej ange", one blank."""
    workplaces = {w["id"]: w for w in _participants("vocational", "workplaces")}
    mentors = _participants("vocational", "mentors")
    foundry = Counter(
        m["gender"] for m in mentors if workplaces[m["workplace_id"]]["industry"] == "Gjuteri"
    )
    assert set(foundry) == {"Man", "Kvinna"}
    assert 1 <= foundry["Kvinna"] <= 0.25 * sum(foundry.values())
    adepts = Counter(a["gender"] for a in _participants("vocational", "adepts"))
    assert adepts["Vill ej ange"] == 1 and adepts[""] == 1
    assert set(adepts) == {"Kvinna", "Man", "Vill ej ange", ""}
    assert adepts["Kvinna"] < adepts["Man"]


def test_academic_gender_mix():
    """More women than men among academic adepts; mentors mixed; one undisclosed adept."""
    adepts = Counter(a["gender"] for a in _participants("academic", "adepts"))
    assert set(adepts) == {"woman", "man", ""} and adepts[""] == 1
    assert 0.5 < adepts["woman"] / (adepts["woman"] + adepts["man"]) <= 0.75
    mentors = Counter(m["gender"] for m in _participants("academic", "mentors"))
    assert set(mentors) == {"woman", "man"}
    assert 0.4 <= mentors["woman"] / mentors.total() <= 0.7


def test_swedish_levels_fit_each_programme():
    """Vocational adepts mostly SFI A-C or A1-A2; academic adepts mostly B1-C1."""
    vocational = [_norm(a["swedish_level"]) for a in _participants("vocational", "adepts")]
    low = {"sfi a", "sfi b", "sfi c", "a1", "a2"}
    assert sum(level in low for level in vocational) >= 0.75 * len(vocational)
    academic = [_norm(a["swedish_level"]) for a in _participants("academic", "adepts")]
    assert sum(level in {"b1", "b2", "c1"} for level in academic) >= 0.75 * len(academic)


def test_places_and_regions():
    """Vocational in Jönköpings län; academic mentors in Stockholm, Västra Götaland and Skåne."""
    for table in TABLES:
        regions = {_norm(r["region"]) for r in _participants("vocational", table)}
        assert regions == {"jönköpings län"}
    vocational_places = {
        _norm(w["municipality"]) for w in _participants("vocational", "workplaces")
    }
    assert vocational_places == {"sävsjö", "värnamo", "jönköping"}
    academic_regions = {_norm(m["region"]) for m in _participants("academic", "mentors")}
    assert academic_regions == {"stockholms län", "västra götalands län", "skåne län"}


@pytest.mark.parametrize("key", ["vocational", "academic"])
def test_every_wished_job_is_a_mentor_field(key):
    """Each adept's target field (trimmed, any case) is the field of at least one mentor."""
    mentor_fields = {_norm(m["field"]) for m in _participants(key, "mentors")}
    targets = {_norm(a["target_field"]) for a in _participants(key, "adepts")}
    assert targets <= mentor_fields


def test_files_have_a_real_files_rough_edges():
    """Trailing spaces, two spellings of one word, a blank optional cell and an "och" list."""
    for key in ("vocational", "academic"):
        cells = [
            (column, value)
            for table in TABLES
            for row in _participants(key, table)
            for column, value in row.items()
        ]
        assert any(value != value.strip() for _, value in cells)
        assert any(value == "" and column not in {"gender"} for column, value in cells)
        spellings = defaultdict(set)
        for column, value in cells:
            if column in {"field", "target_field"}:
                spellings[_norm(value)].add(value)
        assert any(len(variants) > 1 for variants in spellings.values())
    languages = [a["languages"] for a in _participants("vocational", "adepts")]
    assert any(re.search(r"\S och \S", cell) for cell in languages)


# --------------------------------------------------------------------------- outcomes


def _status_at(key: str, months: int) -> dict[str, str]:
    return {
        r["adept_id"]: r["status"]
        for r in _outcomes(key, "followups.csv")
        if r["months"] == str(months)
    }


@pytest.mark.parametrize("key", ["vocational", "academic"])
def test_follow_ups_cover_every_adept_at_3_6_and_12_months(key):
    """Each follow-up names a known adept; every adept has exactly one per 3, 6 and 12 months."""
    adept_ids = [a["id"] for a in _participants(key, "adepts")]
    rows = _outcomes(key, "followups.csv")
    assert {r["adept_id"] for r in rows} == set(adept_ids)
    months = defaultdict(list)
    for row in rows:
        months[row["adept_id"]].append(row["months"])
        assert row["status"] in STATUSES
        assert row["mentor_contributed"] in {"yes", "no", ""}
        if row["status"] not in IN_WORK:
            assert row["mentor_contributed"] == ""
    assert all(sorted(m, key=int) == ["3", "6", "12"] for m in months.values())


@pytest.mark.parametrize("key", ["vocational", "academic"])
def test_once_left_an_adept_stays_left(key):
    """A few adepts leave (at most one in ten); none comes back at a later follow-up."""
    by_adept = defaultdict(dict)
    for row in _outcomes(key, "followups.csv"):
        by_adept[row["adept_id"]][int(row["months"])] = row["status"]
    leavers = 0
    for statuses in by_adept.values():
        path = [statuses[m] for m in (3, 6, 12)]
        if "left_programme" in path:
            leavers += 1
            first = path.index("left_programme")
            assert set(path[first:]) == {"left_programme"}
    assert 1 <= leavers <= 0.1 * len(by_adept)


def test_vocational_cohort_is_three_in_four_in_work_after_a_year():
    """About 3 in 4 vocational adepts have a job (qualified or other) at 12 months."""
    at_12 = _status_at("vocational", 12)
    share = sum(status in IN_WORK for status in at_12.values()) / len(at_12)
    assert 0.70 <= share <= 0.80


def test_academic_cohort_is_near_64_percent_in_qualified_jobs():
    """About 64 % of academic adepts have a qualified job at 12 months; 2 in 3 credit the mentor."""
    at_12 = _status_at("academic", 12)
    qualified = [a for a, status in at_12.items() if status == "qualified_job"]
    assert 0.60 <= len(qualified) / len(at_12) <= 0.68
    answers = Counter(
        r["mentor_contributed"]
        for r in _outcomes("academic", "followups.csv")
        if r["months"] == "12" and r["adept_id"] in set(qualified) and r["mentor_contributed"]
    )
    assert 0.58 <= answers["yes"] / answers.total() <= 0.75


@pytest.mark.parametrize("key", ["vocational", "academic"])
def test_evaluations_are_likert_answers_from_known_people(key):
    """Answers 1-5 from existing adepts and mentors, mostly 4-5 but not all."""
    ids = {
        "adept": {a["id"] for a in _participants(key, "adepts")},
        "mentor": {m["id"] for m in _participants(key, "mentors")},
    }
    rows = _outcomes(key, "evaluations.csv")
    items = defaultdict(set)
    answers = Counter()
    for row in rows:
        assert row["respondent_id"] in ids[row["role"]]
        items[row["role"]].add(row["item"])
        answers[int(row["answer"])] += 1
    assert set(answers) <= {1, 2, 3, 4, 5}
    assert (answers[4] + answers[5]) / answers.total() >= 0.7
    assert answers[1] + answers[2] > 0
    assert "overall_satisfaction" in items["adept"] & items["mentor"]
    respondents = {(r["role"], r["respondent_id"]) for r in rows}
    for role in ("adept", "mentor"):
        answered = sum(1 for r, _ in respondents if r == role)
        assert 0.5 * len(ids[role]) <= answered < len(ids[role])


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(("key", "undisclosed"), [("vocational", 2), ("academic", 1)])
def test_each_demo_programme_loads_without_errors(key, undisclosed):
    """load_programme reads each demo: no errors, no unknown columns, only the gender warnings."""
    pytest.importorskip("smile_core.ingest.validation")
    from smile_core.ingest.reading import SourceFile
    from smile_core.ingest.validation import load_programme

    files = demo_programme_files(key)
    result = load_programme(
        **{table: SourceFile(f"{table}.csv", files[f"{table}.csv"]) for table in TABLES}
    )
    assert result.report.errors == ()
    assert all(not columns for columns in result.unknown_columns.values())
    assert len(result.report.warnings) == undisclosed
    assert {(w.file, w.column) for w in result.report.warnings} <= {
        ("adepts.csv", "Kön"),
        ("adepts.csv", "gender"),
    }
    assert result.counts == {table: len(_participants(key, table)) for table in TABLES}
    assert result.programme is not None

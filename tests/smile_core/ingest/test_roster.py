"""Participant lists: the shown columns, the filters, and codes turned into words."""

import polars as pl
import pytest

from smile_core.ingest.participants import Adept, Gender, Mentor, Programme, Workplace
from smile_core.ingest.roster import ROSTER_COLUMNS, choices, filter_roster, labelled, roster


@pytest.fixture
def programme() -> Programme:
    """Three adepts (a woman, a man, one undisclosed), two mentors, one workplace."""
    return Programme(
        adepts=(
            Adept(
                "A01",
                Gender.WOMAN,
                "svetsare",
                name="Amina Yusuf",
                region="jönköpings län",
                goals=("network", "cv_interview"),
            ),
            Adept("A02", Gender.MAN, "snickare", name="Dawit Tesfaye", region="kronobergs län"),
            Adept(
                "A03",
                Gender.UNDISCLOSED,
                "svetsare",
                name="Leyla Rahimi",
                region="jönköpings län",
                goals=("egen dröm",),
            ),
        ),
        mentors=(
            Mentor(
                "M01",
                Gender.MAN,
                "svetsare",
                name="Lars Berg",
                workplace_id="W01",
                mentor_type="supervisor",
                offers=("trade_skills",),
            ),
            Mentor("M02", Gender.WOMAN, "ekonom", name="Karin Lind"),
        ),
        workplaces=(Workplace("W01", name="Sävsjö Gjuteri AB", capacity=3),),
    )


@pytest.mark.parametrize("table", ["adepts", "mentors", "workplaces"])
def test_roster_has_the_listed_columns_in_programme_order(programme, table):
    """Each table shows exactly its listed columns, one row per person in programme order."""
    frame = roster(programme, table)
    assert frame.columns == list(ROSTER_COLUMNS[table])
    assert frame["id"].to_list() == [item.id for item in getattr(programme, table)]


def test_roster_never_shows_the_country_of_birth(programme):
    """The adepts' list leaves out country and region of birth (sensitive, not needed here)."""
    assert not {"birth_country", "birth_region"} & set(roster(programme, "adepts").columns)


def test_unknown_table_is_refused(programme):
    """Asking for a table SMILE does not have is a programming error."""
    with pytest.raises(ValueError, match="unknown table"):
        roster(programme, "people")


def test_search_matches_id_or_name_ignoring_case(programme):
    """The search text finds a row by part of its name or id, in any case."""
    frame = roster(programme, "adepts")
    assert filter_roster(frame, search="yUSuf")["id"].to_list() == ["A01"]
    assert filter_roster(frame, search="a0")["id"].to_list() == ["A01", "A02", "A03"]
    assert filter_roster(frame, search="  ")["id"].to_list() == ["A01", "A02", "A03"]


def test_search_text_is_plain_text_not_a_pattern(programme):
    """Characters that mean something in a regex are searched for literally."""
    frame = roster(programme, "adepts")
    assert filter_roster(frame, search=".*").height == 0


def test_filters_combine_and_empty_lists_do_not_filter(programme):
    """Gender, field and region filters all apply together; an empty choice keeps all."""
    frame = roster(programme, "adepts")
    both = filter_roster(frame, fields=["svetsare"], regions=["jönköpings län"])
    assert both["id"].to_list() == ["A01", "A03"]
    women = filter_roster(both, genders=["woman"])
    assert women["id"].to_list() == ["A01"]
    assert filter_roster(frame, genders=[], fields=[]).height == 3


def test_filter_on_a_column_the_table_lacks_is_ignored(programme):
    """Workplaces have no gender: a gender filter leaves their list whole."""
    frame = roster(programme, "workplaces")
    assert filter_roster(frame, genders=["woman"]).height == 1


def test_choices_are_sorted_distinct_non_blank_values(programme):
    """A filter's options are the values present, each once, sorted, blanks left out."""
    frame = roster(programme, "mentors")
    assert choices(frame, "field") == ["ekonom", "svetsare"]
    assert choices(frame, "region") == []
    assert choices(frame, "no_such_column") == []


@pytest.mark.parametrize(
    ("lang", "women", "tags"),
    [
        ("sv", "Kvinna", ["nätverk", "CV och intervju"]),
        ("en", "Woman", ["network", "CV and interview"]),
    ],
)
def test_labelled_turns_codes_into_words(programme, lang, women, tags):
    """Gender, goals and mentor type read as words of the UI language; other cells unchanged."""
    adepts = labelled(roster(programme, "adepts"), lang)
    assert adepts["gender"][0] == women
    assert adepts["goals"][0].to_list() == tags
    assert adepts["field"][0] == "svetsare"
    mentors = labelled(roster(programme, "mentors"), lang)
    assert mentors["mentor_type"][0] == ("handledare" if lang == "sv" else "workplace supervisor")


def test_labelled_keeps_unknown_words_as_written(programme):
    """A goal word that is not one of SMILE's tags is shown as the coordinator wrote it."""
    adepts = labelled(roster(programme, "adepts"), "en")
    assert adepts["goals"][2].to_list() == ["egen dröm"]


def test_labelled_leaves_a_table_without_codes_alone(programme):
    """The workplaces' list has no code columns and comes back unchanged."""
    frame = roster(programme, "workplaces")
    assert labelled(frame, "sv").equals(frame)
    assert isinstance(labelled(frame.clear(), "sv"), pl.DataFrame)

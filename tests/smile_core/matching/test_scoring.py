"""Pair scores: each component's rule on hand-made pairs, the hard rules, and the vectorised
frame against a plain per-pair reference written from the module's rules."""

import dataclasses

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smile_core.demo.synthetic import random_programme
from smile_core.ingest.birth_regions import background_region, has_migration_background
from smile_core.ingest.fields import field_families
from smile_core.ingest.participants import (
    SWEDISH_LEVEL_RANK,
    Adept,
    Gender,
    Mentor,
    MentorGenderPreference,
    Programme,
    Workplace,
)
from smile_core.matching.scoring import (
    BLOCK_AVOIDED,
    BLOCK_GENDER_PREFERENCE,
    BLOCK_NO_SHARED_LANGUAGE,
    BLOCK_SAME_ORGANISATION,
    BLOCK_WORKPLACE_CLOSED,
    COMPONENTS,
    SHARED_COMPONENTS,
    allowed_pairs,
    score_pairs,
)
from smile_core.matching.settings import MatchSettings, ScoreWeights

#: A bare adept: no languages, fields, place, goals or availability (every component neutral
#: or zero), so each test sets just what it is about.
BARE_ADEPT = Adept(id="A01", gender=Gender.WOMAN, field="", swedish_level="b1")
BARE_MENTOR = Mentor(id="M01", gender=Gender.MAN, field="", languages=("swedish",))


def _row(adept=BARE_ADEPT, mentor=BARE_MENTOR, settings_=None, workplaces=()):
    """The one scored row of a one-adept, one-mentor programme."""
    prog = Programme((adept,), (mentor,), tuple(workplaces))
    frame = score_pairs(prog, settings_ or MatchSettings())
    assert frame.height == 1
    return frame.row(0, named=True)


def _a(**fields):
    return dataclasses.replace(BARE_ADEPT, **fields)


def _m(**fields):
    return dataclasses.replace(BARE_MENTOR, **fields)


# --- fields ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "wish, mentor_field, expected",
    [
        ("svetsare", "svetsare", 1.0),
        ("svetsare", "gjutare", 0.5),  # foundry family
        ("welding", "casting", 0.5),
        ("ekonom", "finans", 0.5),  # economics family
        ("ekonom", "svetsare", 0.0),
        ("", "svetsare", 0.0),
        ("", "", 0.0),
        ("kock", "kock", 1.0),  # a field in no family still matches itself
    ],
)
def test_target_field_same_related_or_not(wish, mentor_field, expected):
    """The wished job against the mentor's field: 1 same, related credit, else 0."""
    row = _row(_a(target_field=wish), _m(field=mentor_field))
    assert row["target_field"] == expected


def test_no_wished_job_takes_the_adepts_own_field():
    """An adept with no wished job is matched on their own field (as other tools' exports are)."""
    assert _row(_a(target_field="", field="svetsare"), _m(field="svetsare"))["target_field"] == 1
    assert _row(_a(target_field="", field="svetsare"), _m(field="kock"))["target_field"] == 0


def test_related_credit_is_a_setting():
    """A related field earns the settings' credit."""
    settings_ = MatchSettings(related_field_credit=0.8)
    row = _row(_a(target_field="gjutare", field="svetsare"), _m(field="casting"), settings_)
    assert row["target_field"] == pytest.approx(0.8)
    assert row["background"] == pytest.approx(0.8)


def test_background_is_the_adepts_own_field():
    """Background compares the adept's own field (not the wish) with the mentor's."""
    row = _row(_a(field="ekonom", target_field="jurist"), _m(field="controller"))
    assert row["background"] == 0.5
    assert row["target_field"] == 0.0


# --- language --------------------------------------------------------------------------------


@pytest.mark.parametrize("level, strength", [("a2", 2 / 6), ("b1", 3 / 6), ("c2", 1.0)])
def test_swedish_only_counts_the_adepts_swedish_strength(level, strength):
    """Sharing only Swedish scores the adept's Swedish rank out of 6."""
    row = _row(_a(swedish_level=level, languages=("arabic",)), _m(languages=("swedish",)))
    assert row["language"] == pytest.approx(strength)
    assert row["allowed"]


def test_shared_mother_tongue_counts_fully_and_more_when_swedish_is_weak():
    """A shared mother tongue scores 1, and beats Swedish-only by more when Swedish is weak."""
    edges = []
    for level in ("sfi c", "b1", "c1"):
        adept = _a(swedish_level=level, languages=("arabic",))
        shared = _row(adept, _m(languages=("swedish", "arabic")))["language"]
        swedish_only = _row(adept, _m(languages=("swedish",)))["language"]
        assert shared == 1.0
        edges.append(shared - swedish_only)
    assert edges == sorted(edges, reverse=True) and edges[0] > edges[-1]


def test_swedish_listed_without_a_level_counts_half():
    """An adept who lists Swedish but gives no level can use it, at strength 0.5."""
    row = _row(_a(swedish_level="", languages=("swedish",)), _m())
    assert row["language"] == 0.5 and row["allowed"]


@pytest.mark.parametrize("level", ["sfi a", "a1", "sfi b", ""])
def test_weak_swedish_and_no_shared_language_is_blocked(level):
    """Below A2 (or no Swedish at all) with no other shared language: not allowed."""
    row = _row(_a(swedish_level=level, languages=("tigrinya",)), _m(languages=("swedish",)))
    assert row["language"] == 0.0
    assert not row["allowed"]
    assert row["blocked_by"] == BLOCK_NO_SHARED_LANGUAGE


def test_no_shared_language_allowed_when_the_setting_says_so():
    """With the setting on, such a pair is allowed and scores 0 on language."""
    settings_ = MatchSettings(allow_no_shared_language=True)
    row = _row(_a(swedish_level="sfi a", languages=("tigrinya",)), _m(), settings_)
    assert row["allowed"] and row["language"] == 0.0 and row["blocked_by"] is None


def test_min_swedish_rank_is_a_setting():
    """Raising the rank needed to share Swedish blocks a B1 adept with a Swedish-only mentor."""
    settings_ = MatchSettings(min_swedish_rank_to_share=4)
    assert not _row(_a(swedish_level="b1"), _m(), settings_)["allowed"]
    assert _row(_a(swedish_level="b2"), _m(), settings_)["allowed"]


# --- location, goals, availability -----------------------------------------------------------


@pytest.mark.parametrize(
    "adept_place, mentor_place, expected",
    [
        (("värnamo", "jönköpings län"), ("värnamo", "jönköpings län"), 1.0),
        (("värnamo", "jönköpings län"), ("sävsjö", "jönköpings län"), 0.5),
        (("värnamo", "jönköpings län"), ("malmö", "skåne län"), 0.0),
        (("", ""), ("", ""), 0.0),  # unknown places never match
        (("", "skåne län"), ("", "skåne län"), 0.5),
    ],
)
def test_location_municipality_then_region(adept_place, mentor_place, expected):
    """Same municipality 1, else same region 0.5, else 0."""
    adept = _a(municipality=adept_place[0], region=adept_place[1])
    mentor = _m(municipality=mentor_place[0], region=mentor_place[1])
    assert _row(adept, mentor)["location"] == expected


@pytest.mark.parametrize(
    "goals, offers, expected",
    [
        (("network", "language"), ("network", "language", "cv_interview"), 1.0),
        (("network", "language"), ("network",), 0.5),
        (("network", "language", "cv_interview"), ("language",), 1 / 3),
        (("network",), (), 0.0),
        ((), ("network",), 0.5),  # no goals given: neutral
        ((), (), 0.5),
    ],
)
def test_goals_covered_by_offers(goals, offers, expected):
    """The share of the adept's goals the mentor offers; 0.5 when the adept gave none."""
    assert _row(_a(goals=goals), _m(offers=offers))["goals"] == pytest.approx(expected)


@pytest.mark.parametrize(
    "adept_times, mentor_times, expected",
    [
        (("weekdays", "evenings"), ("evenings",), 0.5),
        (("weekdays",), ("weekdays", "weekends"), 1.0),
        (("weekdays",), ("weekends",), 0.0),
        ((), ("weekdays",), 0.5),
        (("weekdays",), (), 0.5),
    ],
)
def test_availability_overlap(adept_times, mentor_times, expected):
    """The share of the adept's availability the mentor shares; 0.5 when either gave none."""
    row = _row(_a(availability=adept_times), _m(availability=mentor_times))
    assert row["availability"] == expected


# --- gender preference -----------------------------------------------------------------------


def test_soft_gender_preference_is_a_penalty():
    """Soft (default): a mentor of another gender costs the penalty in points, still allowed."""
    adept = _a(preferred_mentor_gender=MentorGenderPreference.WOMAN, field="ekonom")
    met = _row(adept, _m(gender=Gender.WOMAN, field="ekonom"))
    unmet = _row(adept, _m(gender=Gender.MAN, field="ekonom"))
    assert unmet["allowed"] and unmet["gender_penalty"] == 15.0 and met["gender_penalty"] == 0.0
    assert unmet["score"] == pytest.approx(met["score"] - 15.0)


def test_hard_gender_preference_blocks_the_pair():
    """Hard: a mentor of another gender is not allowed, and no penalty is shown."""
    settings_ = MatchSettings(gender_preference_hard=True)
    adept = _a(preferred_mentor_gender=MentorGenderPreference.MAN)
    row = _row(adept, _m(gender=Gender.WOMAN), settings_)
    assert not row["allowed"] and row["blocked_by"] == BLOCK_GENDER_PREFERENCE
    assert row["gender_penalty"] == 0.0
    assert _row(adept, _m(gender=Gender.MAN), settings_)["allowed"]


def test_non_binary_mentor_does_not_meet_a_woman_preference():
    """A preference for a woman is met only by a woman."""
    adept = _a(preferred_mentor_gender=MentorGenderPreference.WOMAN)
    assert _row(adept, _m(gender=Gender.NON_BINARY))["gender_penalty"] == 15.0


def test_penalty_never_drives_a_score_below_zero():
    """A low score minus the penalty is clamped at 0."""
    adept = _a(preferred_mentor_gender=MentorGenderPreference.WOMAN, swedish_level="a2")
    settings_ = MatchSettings(gender_preference_penalty=90.0)
    assert _row(adept, _m(gender=Gender.MAN), settings_)["score"] == 0.0


# --- workplaces ------------------------------------------------------------------------------


def test_workplace_with_capacity_zero_blocks_its_mentors():
    """A mentor at a workplace with no places: not allowed, whatever else fits."""
    closed = Workplace("W1", capacity=0)
    row = _row(_a(), _m(workplace_id="W1"), workplaces=[closed])
    assert not row["allowed"] and row["blocked_by"] == BLOCK_WORKPLACE_CLOSED
    assert row["workplace_id"] == "W1"
    open_row = _row(_a(), _m(workplace_id="W1"), workplaces=[Workplace("W1", capacity=1)])
    assert open_row["allowed"]


def test_closed_workplace_is_named_before_other_blocks():
    """Several hard rules broken: the closed workplace is the reason given."""
    closed = Workplace("W1", capacity=0)
    adept = _a(swedish_level="sfi a", languages=("tigrinya",))
    row = _row(adept, _m(workplace_id="W1"), workplaces=[closed])
    assert row["blocked_by"] == BLOCK_WORKPLACE_CLOSED


# --- the score -------------------------------------------------------------------------------


def test_score_is_the_weighted_mean_of_components_in_points():
    """100 x sum(weight x component) / sum(weights), two decimals, and whole centipoints."""
    adept = _a(
        field="ekonom",
        target_field="controller",
        languages=("arabic",),
        swedish_level="a2",
        municipality="lund",
        region="skåne län",
        goals=("network", "language", "cv_interview"),
        availability=("weekdays",),
    )
    mentor = _m(
        field="ekonom",
        languages=("swedish",),
        municipality="malmö",
        region="skåne län",
        offers=("network",),
        availability=("weekdays",),
    )
    row = _row(adept, mentor)
    # target 0.5 x 35, background 1 x 15, language 2/6 x 20, location 0.5 x 10,
    # goals 1/3 x 15, availability 1 x 5; the weights sum to 100.
    expected = 0.5 * 35 + 15 + 20 * 2 / 6 + 5 + 5 + 5
    assert row["score"] == round(expected, 2) == 54.17
    assert row["score_centi"] == 5417


def test_weights_are_normalised():
    """Scaling every weight by the same factor changes no score."""
    prog = random_programme(12, seed=2)
    base = score_pairs(prog, MatchSettings())["score"]
    doubled = ScoreWeights(*(2 * w for w in dataclasses.astuple(ScoreWeights())))
    assert score_pairs(prog, MatchSettings(weights=doubled))["score"].equals(base)


def test_a_single_weight_scores_only_its_component():
    """With all weight on one component, the score is that component in points."""
    prog = random_programme(10, seed=5)
    for name in SHARED_COMPONENTS:
        weights = ScoreWeights(**{c: (1.0 if c == name else 0.0) for c in COMPONENTS})
        opt_in = name == "similar_background"  # its weight needs the programme's opt-in
        settings_ = MatchSettings(
            weights=weights, gender_preference_hard=True, similar_background_opt_in=opt_in
        )
        frame = score_pairs(prog, settings_)
        assert (frame["score"] - (frame[name] * 100).round(2)).abs().max() < 1e-9


def test_rows_in_adept_then_mentor_order_with_allowed_pairs_filter():
    """One row per pair in adept order then mentor order; allowed_pairs keeps the allowed."""
    prog = random_programme(9, seed=1)
    frame = score_pairs(prog, MatchSettings())
    expected = [(a.id, m.id) for a in prog.adepts for m in prog.mentors]
    assert list(zip(frame["adept_id"], frame["mentor_id"], strict=True)) == expected
    allowed = allowed_pairs(frame)
    assert allowed.height == int(frame["allowed"].sum())
    assert allowed["allowed"].all()


def test_scoring_a_thousand_adepts_by_seven_hundred_mentors():
    """1,000 x 700 pairs score in one call, all rows present and in range (timing is in bench/)."""
    prog = random_programme(1000, seed=0)
    assert len(prog.mentors) == 700
    frame = score_pairs(prog, MatchSettings())
    assert frame.height == 700_000
    assert frame["score"].min() >= 0 and frame["score"].max() <= 100
    assert (frame["score"] * 100 - frame["score_centi"]).abs().max() < 1e-6
    for name in COMPONENTS:
        assert frame[name].min() >= 0 and frame[name].max() <= 1
    assert 0 < frame["allowed"].sum() < frame.height
    assert frame.filter(pl.col("allowed"))["blocked_by"].null_count() == frame["allowed"].sum()


# --- the vectorised frame against a per-pair reference ---------------------------------------


def _field_reference(a: str, m: str, credit: float) -> float:
    if a and a == m:
        return 1.0
    families = field_families()
    fa = families.get(a) if a else None
    return credit if fa is not None and fa == families.get(m) else 0.0


def _share(wanted: tuple[str, ...], offered: tuple[str, ...], neutral_if_offered_empty: bool):
    if not wanted or (neutral_if_offered_empty and not offered):
        return 0.5
    return len(set(wanted) & set(offered)) / len(set(wanted))


def background_reference(adept: Adept, mentor: Mentor, s: MatchSettings) -> float:
    """The similar-background component from its rule: 0 unless opted in; 1 for the same birth
    region; 0.5 when both have a migration background or either's is not known; else 0."""
    if not s.similar_background_opt_in:
        return 0.0
    a_region = background_region(adept.birth_region, adept.birth_country)
    m_region = background_region(mentor.birth_region, mentor.birth_country)
    if a_region and a_region == m_region:
        return 1.0
    a_migrant = has_migration_background(a_region, adept.migration_background)
    m_migrant = has_migration_background(m_region, mentor.migration_background)
    if a_migrant is None or m_migrant is None or (a_migrant and m_migrant):
        return 0.5
    return 0.0


def _reference(
    adept: Adept,
    mentor: Mentor,
    capacity: int | None,
    s: MatchSettings,
    language_data: bool = True,
    mentor_organisation: str = "",
) -> dict:
    """One pair scored straight from the rules in the scoring module's docstring."""
    lang = s.programme_language
    rank = SWEDISH_LEVEL_RANK.get(adept.swedish_level) if adept.swedish_level else None
    listed = lang in adept.languages
    uses_swedish = (rank is not None and rank >= s.min_swedish_rank_to_share) or (
        listed and rank is None
    )
    strength = rank / 6 if rank is not None else (0.5 if listed else 0.0)
    shares_other = bool((set(adept.languages) - {lang}) & (set(mentor.languages) - {lang}))
    same_municipality = adept.municipality and adept.municipality == mentor.municipality
    same_region = adept.region and adept.region == mentor.region
    components = {
        # No wished job: the adept's own field stands in for it.
        "target_field": _field_reference(
            adept.target_field or adept.field, mentor.field, s.related_field_credit
        ),
        "background": _field_reference(adept.field, mentor.field, s.related_field_credit),
        "language": 1.0 if shares_other else (strength if uses_swedish else 0.0),
        "location": 1.0 if same_municipality else (0.5 if same_region else 0.0),
        "goals": _share(adept.goals, mentor.offers, False),
        "availability": _share(adept.availability, mentor.availability, True),
        "similar_background": background_reference(adept, mentor, s),
        "wish": float(mentor.id in adept.wishes or adept.id in mentor.wishes),
    }
    met = adept.preferred_mentor_gender.accepts(mentor.gender)
    penalty = 0.0 if met or s.gender_preference_hard else s.gender_preference_penalty
    weights = dataclasses.asdict(s.weights)
    wish_points = weights.pop("wish") * components["wish"]
    shared = sum(weights[c] * components[c] for c in weights)
    raw = 100 * shared / sum(weights.values()) + wish_points
    same_organisation = bool(adept.organisation) and (
        adept.organisation.lower() == mentor_organisation.lower()
    )
    blocked = None
    if mentor.id in adept.avoids or adept.id in mentor.avoids:
        blocked = BLOCK_AVOIDED
    elif capacity is not None and capacity <= 0:
        blocked = BLOCK_WORKPLACE_CLOSED
    elif language_data and not (shares_other or uses_swedish) and not s.allow_no_shared_language:
        blocked = BLOCK_NO_SHARED_LANGUAGE
    elif not met and s.gender_preference_hard:
        blocked = BLOCK_GENDER_PREFERENCE
    elif same_organisation and s.forbid_same_organisation:
        blocked = BLOCK_SAME_ORGANISATION
    return {
        **components,
        "gender_penalty": penalty,
        "score": min(max(raw - penalty, 0.0), 100.0),
        "blocked_by": blocked,
    }


_WORDS = ("ekonom", "controller", "finans", "svetsare", "gjutare", "kock", "")
_LANGS = ("swedish", "arabic", "persian", "english")
_TAGS = ("network", "language", "cv_interview", "trade_skills")
_TIMES = ("weekdays", "evenings", "weekends")
_ORGS = ("", "Volvo", "volvo", "Region Skåne")
_ADEPT_IDS = ("A0", "A1", "A9")
_MENTOR_IDS = ("M0", "M2", "M9")
_PLACES = (("lund", "skåne län"), ("malmö", "skåne län"), ("värnamo", "jönköpings län"), ("", ""))


def _subset(items):
    return st.lists(st.sampled_from(items), unique=True).map(tuple)


@st.composite
def _people(draw):
    workplaces = tuple(
        Workplace(f"W{i}", capacity=draw(st.integers(0, 2))) for i in range(draw(st.integers(0, 2)))
    )
    mentors = []
    for i in range(draw(st.integers(1, 4))):
        place = draw(st.sampled_from(_PLACES))
        mentors.append(
            Mentor(
                id=f"M{i}",
                gender=draw(st.sampled_from(list(Gender)[:3])),
                field=draw(st.sampled_from(_WORDS)),
                workplace_id=draw(st.sampled_from(("", *(w.id for w in workplaces)))),
                languages=draw(_subset(_LANGS)),
                municipality=place[0],
                region=place[1],
                offers=draw(_subset(_TAGS)),
                availability=draw(_subset(_TIMES)),
                organisation=draw(st.sampled_from(_ORGS)),
                wishes=draw(_subset(_ADEPT_IDS)),
                avoids=draw(_subset(_ADEPT_IDS)),
            )
        )
    adepts = []
    for i in range(draw(st.integers(1, 5))):
        place = draw(st.sampled_from(_PLACES))
        adepts.append(
            Adept(
                id=f"A{i}",
                gender=draw(st.sampled_from(list(Gender))),
                field=draw(st.sampled_from(_WORDS)),
                target_field=draw(st.sampled_from(_WORDS)),
                languages=draw(_subset(_LANGS)),
                swedish_level=draw(st.sampled_from(("", *SWEDISH_LEVEL_RANK))),
                municipality=place[0],
                region=place[1],
                preferred_mentor_gender=draw(st.sampled_from(list(MentorGenderPreference))),
                goals=draw(_subset(_TAGS)),
                availability=draw(_subset(_TIMES)),
                organisation=draw(st.sampled_from(_ORGS)),
                wishes=draw(_subset(_MENTOR_IDS)),
                avoids=draw(_subset(_MENTOR_IDS)),
            )
        )
    return Programme(tuple(adepts), tuple(mentors), workplaces)


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    prog=_people(),
    hard=st.booleans(),
    allow=st.booleans(),
    credit=st.sampled_from((0.0, 0.5, 0.75)),
    weights=st.tuples(*[st.sampled_from((0.0, 1.0, 7.5))] * 6).filter(any),
    wish=st.sampled_from((0.0, 20.0)),
    same_org=st.booleans(),
)
def test_frame_matches_a_per_pair_reference(prog, hard, allow, credit, weights, wish, same_org):
    """Every row of the vectorised frame equals the rules applied to that one pair."""
    s = MatchSettings(
        weights=ScoreWeights(*weights, wish=wish),
        related_field_credit=credit,
        gender_preference_hard=hard,
        allow_no_shared_language=allow,
        forbid_same_organisation=same_org,
    )
    frame = score_pairs(prog, s)
    capacity = {w.id: w.capacity for w in prog.workplaces}
    language_data = any(a.languages or a.swedish_level for a in prog.adepts)
    for row in frame.iter_rows(named=True):
        adept, mentor = prog.adept_by_id[row["adept_id"]], prog.mentor_by_id[row["mentor_id"]]
        organisation = mentor.organisation  # the generated workplaces have no names
        expected = _reference(
            adept, mentor, capacity.get(mentor.workplace_id), s, language_data, organisation
        )
        for name in (*COMPONENTS, "gender_penalty"):
            assert row[name] == pytest.approx(expected[name]), name
        assert row["score"] == pytest.approx(expected["score"], abs=0.005 + 1e-9)
        assert row["score_centi"] == round(row["score"] * 100)
        assert row["blocked_by"] == expected["blocked_by"]
        assert row["allowed"] == (expected["blocked_by"] is None)
        assert row["workplace_id"] == mentor.workplace_id

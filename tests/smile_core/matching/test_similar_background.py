"""The opt-in similar-background component: off it changes nothing, on it follows its rule,
and it never leaves the coordinator's views (exports, CLI files, the meeting pack)."""

import polars as pl
import pytest
from demo_data import demo_programme
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_scoring import background_reference

from smile_core.ingest.participants import Adept, Gender, Mentor, Programme
from smile_core.matching.pair_views import same_birth_region, score_breakdown
from smile_core.matching.scoring import COMPONENTS, pair_rows, score_pairs, score_store
from smile_core.matching.settings import MatchSettings, ScoreWeights, settings_from_mapping
from smile_core.matching.solver import solve
from smile_core.reports.export import pairs_csv_bytes, pairs_xlsx_bytes, plan_export_frames
from smile_core.reports.match_output import candidate_rows, plan_rows
from smile_core.reports.meeting_pack import pair_reasons
from smile_core.store.codec import attributes, from_attributes

OPTED_IN = MatchSettings(
    weights=ScoreWeights(similar_background=20.0), similar_background_opt_in=True, seed=3
)


def _pairs(result) -> list[tuple[str, str]]:
    return sorted((p.adept_id, p.mentor_id) for p in result.plan.pairs)


def test_a_weight_without_the_opt_in_is_refused():
    """Sensitive data counts only by the programme's choice, never by a weight alone."""
    with pytest.raises(ValueError, match="similar_background_opt_in"):
        MatchSettings(weights=ScoreWeights(similar_background=5.0))
    with pytest.raises(ValueError, match="similar_background_opt_in"):
        settings_from_mapping({"weights": {"similar_background": 5}})
    chosen = settings_from_mapping(
        {"similar_background_opt_in": True, "weights": {"similar_background": 5}}
    )
    assert chosen.weights.similar_background == 5.0


def test_off_the_component_is_zero_and_scores_equal_those_with_weight_zero():
    """Off: every pair 0. Opted in with weight 0: the component varies, the scores do not."""
    programme = demo_programme("academic")
    off = score_pairs(programme, MatchSettings())
    assert off["similar_background"].unique().to_list() == [0.0]
    weight_zero = score_pairs(programme, MatchSettings(similar_background_opt_in=True))
    assert weight_zero["similar_background"].n_unique() == 3  # 0, 0.5 and 1 all occur
    assert off.drop("similar_background").equals(weight_zero.drop("similar_background"))


def test_weight_zero_gives_the_same_plan_as_off():
    """Solved with a fixed seed, the opted-in plan at weight 0 is the plan without it."""
    programme = demo_programme("academic")
    off = solve(programme, MatchSettings(seed=3))
    weight_zero = solve(programme, MatchSettings(seed=3, similar_background_opt_in=True))
    assert _pairs(off) == _pairs(weight_zero)
    assert off.total_score == weight_zero.total_score


def test_opted_in_the_plan_pairs_more_people_of_the_same_birth_region():
    """With a weight, the academic demo's plan holds more same-region pairs, none fewer matched."""
    programme = demo_programme("academic")
    off = solve(programme, MatchSettings(seed=3))
    on = solve(programme, OPTED_IN)

    def same(result) -> int:
        return sum(
            bool(same_birth_region(programme, p.adept_id, p.mentor_id)) for p in result.plan.pairs
        )

    assert on.matched == off.matched
    assert same(on) > same(off)


_REGIONS = st.sampled_from(("", "asien", "afrika", "sverige", "europa utom eu/efta", "oceanien"))
_COUNTRIES = st.sampled_from(("", "syrien", "eritrea", "sverige", "atlantis"))
_ANSWERS = st.sampled_from(("", "yes", "no"))


@st.composite
def _people(draw):
    def person(cls, prefix, i):
        return cls(
            id=f"{prefix}{i}",
            gender=Gender.WOMAN,
            field="ekonom",
            languages=("swedish",),
            birth_region=draw(_REGIONS),
            birth_country=draw(_COUNTRIES),
            migration_background=draw(_ANSWERS),
        )

    adepts = tuple(person(Adept, "A", i) for i in range(draw(st.integers(1, 4))))
    mentors = tuple(person(Mentor, "M", i) for i in range(draw(st.integers(1, 4))))
    return Programme(adepts, mentors)


@given(_people(), st.booleans())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_frame_follows_the_rule_for_every_pair(programme, opted_in):
    """Each pair's component is the rule applied to that pair (and 0 when off)."""
    s = MatchSettings(similar_background_opt_in=opted_in)
    for row in score_pairs(programme, s).iter_rows(named=True):
        adept = programme.adept_by_id[row["adept_id"]]
        mentor = programme.mentor_by_id[row["mentor_id"]]
        assert row["similar_background"] == background_reference(adept, mentor, s)


@given(_people())
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_engine_store_and_looked_up_rows_carry_the_component(programme):
    """Opted in, the solver's pair store and on-demand rows score exactly like the full frame."""
    frame = score_pairs(programme, OPTED_IN)
    store = score_store(programme, OPTED_IN)
    allowed = frame.with_row_index("row").filter(pl.col("blocked_by").is_null())
    assert store.score_centi.tolist() == allowed["score_centi"].to_list()
    n_m = len(programme.mentors)
    picks = list(range(frame.height))
    rows = pair_rows(programme, OPTED_IN, [p // n_m for p in picks], [p % n_m for p in picks])
    assert rows.equals(frame)


def test_the_breakdown_shows_the_component_only_when_opted_in():
    """The Pairs page's parts: the similar-background row appears only with the opt-in."""
    parts = dict.fromkeys(COMPONENTS, 1.0)
    off = score_breakdown(parts, ScoreWeights())
    on = score_breakdown(parts, OPTED_IN.weights, similar_background=True)
    assert "similar_background" not in off["component"].to_list()
    row = on.filter(pl.col("component") == "similar_background").row(0, named=True)
    assert row["points"] > 0


def test_no_export_carries_it_even_when_opted_in():
    """Pairs CSV/XLSX, the CLI's plan and candidate files and the meeting pack: never it."""
    programme = demo_programme("academic")
    result = solve(programme, OPTED_IN)
    assert any(dict(p.components)["similar_background"] for p in result.plan.pairs)
    for lang in ("sv", "en"):
        frames = plan_export_frames(result, programme, lang=lang)
        headers = [c for frame in frames.values() for c in frame.columns]
        assert not any("bakgrund" in h.casefold() and "liknande" in h.casefold() for h in headers)
        assert not any("similar" in h.casefold() or "region" in h.casefold() for h in headers)
        text = pairs_csv_bytes(result, programme, lang=lang).decode("utf-8-sig").casefold()
        assert "liknande bakgrund" not in text and "similar background" not in text
        assert "födelse" not in text and "birth" not in text
        assert len(pairs_xlsx_bytes(result, programme, lang=lang)) > 0
    assert "similar_background" not in plan_rows(result).columns
    scores = score_pairs(programme, OPTED_IN)
    assert "similar_background" not in candidate_rows(scores).columns
    for pair in result.plan.pairs:
        for lang in ("sv", "en"):
            reasons = " ".join(pair_reasons(pair, programme, OPTED_IN, lang)).casefold()
            for word in ("födelse", "birth", "liknande", "similar", "utländsk", "migration"):
                assert word not in reasons


def test_the_background_is_stored_with_the_person_and_read_back():
    """The store keeps a mentor's birth region like their other data (and erases it with
    them): the stored attributes carry it and read back to the same mentor."""
    mentor = next(m for m in demo_programme("academic").mentors if m.birth_region)
    stored = attributes(mentor)
    assert stored["birth_region"] == mentor.birth_region
    assert from_attributes(Mentor, mentor.id, stored) == mentor

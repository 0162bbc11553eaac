"""Explainable pair scores: every adept–mentor pair, its components, score and whether allowed.

Components, each in [0, 1]:

- ``target_field``: the adept's wished job against the mentor's field (1 same, related credit
  for the same family in ``related_fields.csv``, else 0). An adept who gave no wished job is
  taken to seek work in their own field (other tools' exports have a "profession" and no wish:
  without this every pair would score 0 here and the plan would ignore the field).
- ``background``: the adept's own field (education/profession) against the mentor's field.
- ``language``: 1 when they share a language other than the programme language (Swedish);
  when Swedish is the only shared language, the adept's Swedish strength (rank / 6). So a
  shared mother tongue counts more the weaker the adept's Swedish is. 0 with no shared language.
- ``location``: 1 in the same municipality, 0.5 in the same region, else 0.
- ``goals``: the share of the adept's goals the mentor offers (0.5 when the adept gave none:
  unknown is neutral, not bad).
- ``availability``: the share of the adept's availability the mentor shares (0.5 when either
  gave none).
- ``similar_background`` (opt-in, sensitive): see :func:`_similar_background`; 0 for every
  pair unless the programme opts in.
- ``wish``: 1 when the adept named the mentor, or the mentor the adept, as a wish, else 0.
  Unlike the others it adds ``weights.wish`` points rather than a share of 100.

``score = 100 * sum(weight * component) / sum(weights) + wish_points - gender_penalty``
(the sums over every component but ``wish``), clamped to [0, 100]
and rounded to two decimals; ``gender_penalty`` is the settings' penalty when the mentor is not
of the adept's preferred gender and the preference is soft. The solver works in whole
centipoints (``score_centi = round(score * 100)``), so plan totals are exact.

A pair is *allowed* unless a hard rule forbids it: no shared language (unless allowed), the
mentor not of the preferred gender (when that is hard), the mentor's workplace has no
placements, the adept or the mentor avoids the other (an avoid is a forbid the participants
wrote themselves), or — when ``forbid_same_organisation`` is on — both are from the same
organisation. The shared-language rule applies only when the programme has language data
(some adept gives a language or a Swedish level): without it the rule cannot be judged and
blocking every pair would silently leave everyone unmatched. The coordinator's own forbids
are applied by the solver, not here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import polars as pl

from smile_core.ingest.birth_regions import background_columns
from smile_core.ingest.fields import field_families
from smile_core.ingest.participants import SWEDISH_LEVEL_MAX_RANK, SWEDISH_LEVEL_RANK, Programme
from smile_core.ingest.tables import adepts_frame, mentors_frame, workplaces_frame
from smile_core.matching.settings import MatchSettings

COMPONENTS: tuple[str, ...] = (
    "target_field",
    "background",
    "language",
    "location",
    "goals",
    "availability",
    "similar_background",
    "wish",
)

#: The components whose weights are normalised to a share of 100 points (``wish`` is points).
SHARED_COMPONENTS: tuple[str, ...] = COMPONENTS[:-1]

#: Why a pair is not allowed (column ``blocked_by``); null when allowed.
BLOCK_NO_SHARED_LANGUAGE = "no_shared_language"
BLOCK_GENDER_PREFERENCE = "gender_preference"
BLOCK_WORKPLACE_CLOSED = "workplace_has_no_places"
BLOCK_AVOIDED = "avoided"
BLOCK_SAME_ORGANISATION = "same_organisation"


def has_language_data(programme: Programme) -> bool:
    """Whether some adept gives a language or a Swedish level (else the language rule is off)."""
    return any(a.languages or a.swedish_level for a in programme.adepts)


def score_pairs(programme: Programme, settings: MatchSettings) -> pl.DataFrame:
    """Score every adept–mentor pair of ``programme``.

    Returns one row per pair (adept order, then mentor order) with columns ``adept_id``,
    ``mentor_id``, ``workplace_id``, one column per name in :data:`COMPONENTS`,
    ``gender_penalty``, ``score`` (0–100, two decimals), ``score_centi`` (int) ``allowed`` and
    ``blocked_by``. Memory grows with adepts × mentors: the engine uses :func:`score_store`,
    which keeps only the allowed pairs, and :func:`pair_rows` for the pairs someone looks at.
    """
    adepts, mentors = _sides(programme, settings)
    # One lazy query: polars fuses the component expressions and runs them in parallel
    # without materialising the cross join's intermediate columns.
    pairs = adepts.lazy().join(mentors.lazy(), how="cross", maintain_order="left_right")
    return _public(_scored(pairs, programme, settings)).collect()


def pair_rows(
    programme: Programme,
    settings: MatchSettings,
    adepts: np.ndarray | list[int],
    mentors: np.ndarray | list[int],
) -> pl.DataFrame:
    """The :func:`score_pairs` rows of the pairs (``adepts[i]``, ``mentors[i]``) — adept and
    mentor indices in programme order — in that order, computed for those pairs alone: the
    same values as the full frame's rows (same expressions, same encodings)."""
    a_side, m_side = _sides(programme, settings)
    a_index = pl.Series(np.asarray(adepts, dtype=np.int64))
    m_index = pl.Series(np.asarray(mentors, dtype=np.int64))
    pairs = pl.concat([a_side[a_index], m_side[m_index]], how="horizontal").lazy()
    return _public(_scored(pairs, programme, settings)).collect()


#: Every block code, in the order of :attr:`PairStore.blocked`'s columns.
BLOCK_CODES: tuple[str, ...] = (
    BLOCK_AVOIDED,
    BLOCK_WORKPLACE_CLOSED,
    BLOCK_NO_SHARED_LANGUAGE,
    BLOCK_GENDER_PREFERENCE,
    BLOCK_SAME_ORGANISATION,
)


@dataclass(frozen=True, eq=False)
class PairStore:
    """The allowed pairs of a programme, compactly: what the engine needs of :func:`score_pairs`.

    ``adept``, ``mentor`` (indices in programme order) and ``score_centi`` are int32 arrays, one
    entry per allowed pair, in adept then mentor order; ``blocked[a, k]`` counts the mentors
    rule :data:`BLOCK_CODES` ``[k]`` rules out for adept ``a`` (the first rule that applies, as
    ``blocked_by``). About 12 bytes per allowed pair instead of a row of strings and floats;
    the explainable components come from :func:`pair_rows` for the pairs someone looks at.
    """

    n_adepts: int
    n_mentors: int
    adept: np.ndarray
    mentor: np.ndarray
    score_centi: np.ndarray
    blocked: np.ndarray

    @property
    def n_pairs(self) -> int:
        """Number of allowed pairs."""
        return len(self.adept)

    def allowed_per_adept(self) -> np.ndarray:
        """How many mentors each adept is allowed (every mentor no rule blocks)."""
        return self.n_mentors - self.blocked.sum(axis=1)

    def blocks_only(self) -> PairStore:
        """The same store without its pairs (the block counts alone): what is left to keep
        once the engine holds the candidates."""
        empty = np.zeros(0, dtype=np.int32)
        return dataclasses.replace(self, adept=empty, mentor=empty, score_centi=empty)


#: Pairs scored at once by :func:`score_store` (bounds its working memory).
STORE_CHUNK_PAIRS = 2_000_000


def score_store(
    programme: Programme, settings: MatchSettings, *, chunk_pairs: int = STORE_CHUNK_PAIRS
) -> PairStore:
    """Score every pair of ``programme`` a chunk of adepts at a time and keep the allowed ones
    (see :class:`PairStore`): exactly the allowed rows and ``score_centi`` of
    :func:`score_pairs`, with memory in proportion to the allowed pairs, not adepts × mentors."""
    n_a, n_m = len(programme.adepts), len(programme.mentors)
    blocked = np.zeros((n_a, len(BLOCK_CODES)), dtype=np.int32)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for _start, rows in _scored_chunks(programme, settings, chunk_pairs, ("a_idx", "m_idx")):
        # Filtered and counted by polars (in parallel, no float copy of the nullable codes),
        # then handed over as int32 arrays: numpy's masks and copies of every pair were half
        # of score_store's time at 10,000 adepts.
        allowed = rows["blocked_by"].is_null()
        kept = rows.filter(allowed)
        counts = rows.filter(~allowed).group_by("a_idx", "blocked_by").len()
        blocked[
            counts["a_idx"].to_numpy().astype(np.int64),
            counts["blocked_by"].to_numpy().astype(np.int64),
        ] += counts["len"].to_numpy().astype(np.int32)
        parts.append(
            (
                kept["a_idx"].to_numpy().astype(np.int32, copy=False),
                kept["m_idx"].to_numpy().astype(np.int32, copy=False),
                kept["score_centi"].to_numpy().astype(np.int32, copy=False),
            )
        )
        del rows
    empty = np.zeros(0, dtype=np.int32)
    return PairStore(
        n_adepts=n_a,
        n_mentors=n_m,
        adept=np.concatenate([p[0] for p in parts]) if parts else empty,
        mentor=np.concatenate([p[1] for p in parts]) if parts else empty,
        score_centi=np.concatenate([p[2] for p in parts]) if parts else empty,
        blocked=blocked,
    )


def score_blocks(
    programme: Programme, settings: MatchSettings, *, chunk_pairs: int = STORE_CHUNK_PAIRS
) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """Every pair of ``programme`` scored a block of adepts at a time, in adept order: for each
    block (first adept index, ``score_centi`` and block code), two arrays of shape (adepts of
    the block, mentors): the pair's ``score_centi`` of :func:`score_pairs` and the index in
    :data:`BLOCK_CODES` of its ``blocked_by`` (-1 when allowed). The same expressions as
    every other scoring path; memory is one block."""
    n_m = len(programme.mentors)
    for start, rows in _scored_chunks(programme, settings, chunk_pairs, ()):
        n_rows = rows.height // n_m
        codes = rows["blocked_by"].fill_null(-1)
        yield (
            start,
            rows["score_centi"].to_numpy().reshape(n_rows, n_m),
            codes.to_numpy().reshape(n_rows, n_m),
        )


def _scored_chunks(
    programme: Programme, settings: MatchSettings, chunk_pairs: int, keep: tuple[str, ...]
) -> Iterator[tuple[int, pl.DataFrame]]:
    """Every pair a chunk of adepts at a time, in adept then mentor order: (first adept index,
    the chunk's ``keep`` columns, ``score_centi`` and ``blocked_by`` as the index in
    :data:`BLOCK_CODES` of the first rule that blocks the pair, null when allowed). The
    scoring expressions of :func:`score_pairs`; memory is one chunk."""
    a_side, m_side = _sides(programme, settings)
    n_a, n_m = a_side.height, m_side.height
    step = max(1, chunk_pairs // max(n_m, 1))
    mentors = m_side.lazy()
    for start in range(0, n_a if n_m else 0, step):
        pairs = (
            a_side.slice(start, step).lazy().join(mentors, how="cross", maintain_order="left_right")
        )
        yield (
            start,
            _scored(pairs, programme, settings)
            .select(
                *keep,
                score_centi=(pl.col("score") * 100).round(0).cast(pl.Int32),
                # The codes' indices straight from the rules: no text per pair to map back.
                blocked_by=_blocked_by(
                    settings, lambda c: pl.lit(BLOCK_CODES.index(c), dtype=pl.Int8)
                ),
            )
            .collect(),
        )


def _sides(programme: Programme, settings: MatchSettings) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The encoded adept and mentor sides (see :func:`_encode`), with their indices and, when
    opted in, their backgrounds (every scoring path goes through here, so none can miss them)."""
    adepts = _adept_side(programme, settings).with_columns(
        a_idx=pl.int_range(pl.len(), dtype=pl.Int32)
    )
    mentors = _mentor_side(programme, settings).with_columns(
        m_idx=pl.int_range(pl.len(), dtype=pl.Int32)
    )
    adepts, mentors = _encode(adepts, mentors)
    return _with_background(programme, settings, adepts, mentors)


def _scored(pairs: pl.LazyFrame, programme: Programme, settings: MatchSettings) -> pl.LazyFrame:
    """Components, blocks and score of every row of ``pairs`` (adept side beside mentor side)."""
    components = _components(pairs, settings, has_language_data(programme))
    components = _with_wishes(components, programme)
    return _finish(components, settings)


def _people_pairs(programme: Programme, kind: str) -> list[int]:
    """Every pair one side named as ``kind`` ("wishes"/"avoids"), as the key
    ``a_idx * mentors + m_idx``, sorted."""
    a_of = {a.id: i for i, a in enumerate(programme.adepts)}
    m_of = {m.id: i for i, m in enumerate(programme.mentors)}
    pairs = {(a_of[a.id], m_of[m]) for a in programme.adepts for m in getattr(a, kind) if m in m_of}
    pairs |= {
        (a_of[a], m_of[m.id]) for m in programme.mentors for a in getattr(m, kind) if a in a_of
    }
    n_m = len(programme.mentors)
    return sorted(a * n_m + m for a, m in pairs)


def _with_wishes(pairs: pl.LazyFrame, programme: Programme) -> pl.LazyFrame:
    """Add ``wish`` (0/1) and ``avoided`` (bool) from the participants' named wishes.

    A membership test of the pair's key, not a join: two left joins per chunk were three
    quarters of the scoring's time (0.31 of 0.41 s per 2 million pairs), wishes or none."""
    key = pl.col("a_idx").cast(pl.Int64) * len(programme.mentors) + pl.col("m_idx").cast(pl.Int64)

    def named(kind: str) -> pl.Expr:
        keys = _people_pairs(programme, kind)
        if not keys:
            return pl.lit(False)
        return key.is_in(pl.Series(keys, dtype=pl.Int64).implode())

    return pairs.with_columns(
        wish=named("wishes").cast(pl.Float64), avoided=named("avoids").cast(pl.Boolean)
    )


def allowed_pairs(scores: pl.DataFrame) -> pl.DataFrame:
    """The allowed rows of a :func:`score_pairs` frame."""
    return scores.filter(pl.col("allowed"))


def _family(column: str) -> pl.Expr:
    return pl.col(column).replace_strict(field_families(), default=None, return_dtype=pl.String)


def _adept_side(programme: Programme, settings: MatchSettings) -> pl.DataFrame:
    rank = pl.col("swedish_level").replace_strict(
        SWEDISH_LEVEL_RANK, default=None, return_dtype=pl.Int64
    )
    lang = settings.programme_language
    listed_swedish = pl.col("languages").list.contains(lang)
    can_use_swedish = (rank >= settings.min_swedish_rank_to_share).fill_null(False) | (
        listed_swedish & rank.is_null()
    )
    strength = (
        pl.when(rank.is_not_null())
        .then(rank / SWEDISH_LEVEL_MAX_RANK)
        .when(listed_swedish)
        .then(0.5)
        .otherwise(0.0)
    )
    # No wished job: the adept's own field stands in for it (see the module docstring).
    wished = pl.when(pl.col("target_field").fill_null("") == "").then(pl.col("field"))
    return (
        adepts_frame(programme)
        .with_columns(target_field=wished.otherwise("target_field"))
        .select(
            adept_id=pl.col("id"),
            adept_gender=pl.col("gender"),
            a_target=pl.col("target_field"),
            a_target_family=_family("target_field"),
            a_field=pl.col("field"),
            a_field_family=_family("field"),
            a_other_languages=pl.col("languages").list.set_difference(pl.lit([lang])),
            a_uses_swedish=can_use_swedish,
            a_swedish_strength=strength.cast(pl.Float64),
            a_municipality=pl.col("municipality"),
            a_region=pl.col("region"),
            a_preference=pl.col("preferred_mentor_gender").replace("any", ""),
            a_goals=pl.col("goals"),
            a_availability=pl.col("availability"),
            a_organisation=pl.col("organisation").str.to_lowercase(),
        )
    )


def _mentor_side(programme: Programme, settings: MatchSettings) -> pl.DataFrame:
    mentors = mentors_frame(programme)
    workplaces = workplaces_frame(programme).select(
        workplace_id=pl.col("id"),
        workplace_capacity=pl.col("capacity"),
        workplace_name=pl.col("name"),
    )
    return mentors.join(workplaces, on="workplace_id", how="left", maintain_order="left").select(
        mentor_id=pl.col("id"),
        workplace_id=pl.col("workplace_id"),
        mentor_gender=pl.col("gender"),
        m_field=pl.col("field"),
        m_field_family=_family("field"),
        m_other_languages=pl.col("languages").list.set_difference(
            pl.lit([settings.programme_language])
        ),
        m_municipality=pl.col("municipality"),
        m_region=pl.col("region"),
        m_offers=pl.col("offers"),
        m_availability=pl.col("availability"),
        m_workplace_open=pl.col("workplace_capacity").fill_null(1) > 0,
        # The mentor's organisation, else their workplace's name: whichever the files give.
        m_organisation=pl.when(pl.col("organisation") != "")
        .then(pl.col("organisation"))
        .otherwise(pl.col("workplace_name").fill_null(""))
        .str.to_lowercase(),
    )


#: (adept column, mentor column) pairs of lists compared by set intersection.
_LIST_COLUMNS = (
    ("a_other_languages", "m_other_languages"),
    ("a_goals", "m_offers"),
    ("a_availability", "m_availability"),
)
#: Groups of text columns compared for equality, each group sharing one code space.
_CATEGORY_COLUMNS = (
    (("a_target", "a_field"), ("m_field",)),
    (("a_target_family", "a_field_family"), ("m_field_family",)),
    (("a_municipality",), ("m_municipality",)),
    (("a_region",), ("m_region",)),
    (("a_preference",), ("mentor_gender",)),
    (("a_organisation",), ("m_organisation",)),
)


def _encode(adepts: pl.DataFrame, mentors: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Replace lists by 64-bit bitmask words and text categories by integer codes (blank = null).

    Both sides are small (one row per person); the cross join of a thousand by a thousand rows
    then carries only integers, and set intersections become bitwise ANDs with popcounts.
    """
    for a_col, m_col in _LIST_COLUMNS:
        values = sorted(
            {v for col in (adepts[a_col], mentors[m_col]) for row in col.to_list() for v in row}
        )
        bit = {v: i for i, v in enumerate(values)}
        words = max(1, -(-len(values) // 64))
        for frame_name, col in (("a", a_col), ("m", m_col)):
            frame = adepts if frame_name == "a" else mentors
            masks = [sum(1 << bit[v] for v in set(row)) for row in frame[col].to_list()]
            extra = {
                f"{col}_w{w}": pl.Series(
                    [(mask >> (64 * w)) & (2**64 - 1) for mask in masks], dtype=pl.UInt64
                )
                for w in range(words)
            }
            extra[f"{col}_n"] = frame[col].list.len()
            frame = frame.with_columns(**extra).drop(col)
            if frame_name == "a":
                adepts = frame
            else:
                mentors = frame
    for a_cols, m_cols in _CATEGORY_COLUMNS:
        present = {v for c in a_cols for v in adepts[c].drop_nulls().to_list()}
        present |= {v for c in m_cols for v in mentors[c].drop_nulls().to_list()}
        values = sorted(present - {""})
        code = {v: i for i, v in enumerate(values)}
        adepts = adepts.with_columns(
            pl.col(c).replace_strict(code, default=None, return_dtype=pl.Int32) for c in a_cols
        )
        mentors = mentors.with_columns(
            pl.col(c).replace_strict(code, default=None, return_dtype=pl.Int32) for c in m_cols
        )
    return adepts, mentors


def _words(frame_columns: list[str], column: str) -> list[str]:
    return sorted(c for c in frame_columns if c.startswith(f"{column}_w"))


def _overlap(columns: list[str], a_col: str, m_col: str) -> pl.Expr:
    """Number of shared list items (popcount of the ANDed bitmask words)."""
    return pl.sum_horizontal(
        (pl.col(a) & pl.col(m)).bitwise_count_ones().cast(pl.Int64)
        for a, m in zip(_words(columns, a_col), _words(columns, m_col), strict=True)
    )


def _field_match(adept_field: str, adept_family: str, credit: float) -> pl.Expr:
    same = (pl.col(adept_field) == pl.col("m_field")).fill_null(False)
    related = (pl.col(adept_family) == pl.col("m_field_family")).fill_null(False)
    return pl.when(same).then(1.0).when(related).then(credit).otherwise(0.0)


def _share_covered(
    columns: list[str], wanted: str, offered: str, neutral_when_either_empty: bool
) -> pl.Expr:
    wanted_n = pl.col(f"{wanted}_n")
    covered = _overlap(columns, wanted, offered)
    empty = wanted_n == 0
    if neutral_when_either_empty:
        empty = empty | (pl.col(f"{offered}_n") == 0)
    return pl.when(empty).then(0.5).otherwise(covered / wanted_n)


def _components(
    pairs: pl.LazyFrame, settings: MatchSettings, language_data: bool = True
) -> pl.LazyFrame:
    columns = pairs.collect_schema().names()
    shares_other = _overlap(columns, "a_other_languages", "m_other_languages") > 0
    same_municipality = (pl.col("a_municipality") == pl.col("m_municipality")).fill_null(False)
    same_region = (pl.col("a_region") == pl.col("m_region")).fill_null(False)
    # ``any`` has no code (it is not a gender), so a null preference means "any mentor".
    preference_met = pl.col("a_preference").is_null() | (
        pl.col("a_preference") == pl.col("mentor_gender")
    ).fill_null(False)
    credit = settings.related_field_credit
    return pairs.select(
        "a_idx",
        "m_idx",
        "adept_id",
        "mentor_id",
        "workplace_id",
        "adept_gender",
        target_field=_field_match("a_target", "a_target_family", credit),
        background=_field_match("a_field", "a_field_family", credit),
        language=pl.when(shares_other)
        .then(1.0)
        .when(pl.col("a_uses_swedish"))
        .then(pl.col("a_swedish_strength"))
        .otherwise(0.0),
        location=pl.when(same_municipality).then(1.0).when(same_region).then(0.5).otherwise(0.0),
        goals=_share_covered(columns, "a_goals", "m_offers", neutral_when_either_empty=False),
        availability=_share_covered(columns, "a_availability", "m_availability", True),
        similar_background=_similar_background(settings),
        shares_language=shares_other | pl.col("a_uses_swedish") | (not language_data),
        same_organisation=(pl.col("a_organisation") == pl.col("m_organisation")).fill_null(False),
        preference_met=preference_met,
        workplace_open=pl.col("m_workplace_open"),
    )


# --------------------------------------------------------------------------- similar background
# A component of its own, not a part of ``background`` (the adept's and the mentor's fields):
# the two answer different questions ("same trade?" vs "same journey?"), birth region is
# sensitive personal data that counts only when the programme opts in, and as its own column it
# can be weighted, explained to the coordinator and kept out of every export by name
# (``SENSITIVE_PARTS`` in smile_core.matching.plan_table). Off, nothing is read and the column
# is 0 with weight 0, so scores and plans are exactly those without it.


def _with_background(
    programme: Programme, settings: MatchSettings, adepts: pl.DataFrame, mentors: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The side frames with ``a_bg_region``/``a_bg_migrant`` and ``m_…`` when opted in."""
    if not settings.similar_background_opt_in:
        return adepts, mentors
    return (
        adepts.with_columns(**background_columns(programme.adepts, "a_")),
        mentors.with_columns(**background_columns(programme.mentors, "m_")),
    )


def _similar_background(settings: MatchSettings) -> pl.Expr:
    """1 for the same birth region; 0.5 when both have a migration background (different
    regions) or either's background is not known (unknown is neutral: declining to give
    sensitive data must not cost anyone); 0 otherwise. Constant 0 unless opted in."""
    if not settings.similar_background_opt_in:
        return pl.lit(0.0)
    same = (pl.col("a_bg_region") == pl.col("m_bg_region")).fill_null(False)
    both_migrated = (pl.col("a_bg_migrant") & pl.col("m_bg_migrant")).fill_null(False)
    unknown = pl.col("a_bg_migrant").is_null() | pl.col("m_bg_migrant").is_null()
    return pl.when(same).then(1.0).when(both_migrated | unknown).then(0.5).otherwise(0.0)


def _finish(frame: pl.LazyFrame, settings: MatchSettings) -> pl.LazyFrame:
    weights = settings.weights
    total_weight = sum(getattr(weights, name) for name in SHARED_COMPONENTS)
    weighted = sum(pl.col(name) * getattr(weights, name) for name in SHARED_COMPONENTS)
    soft_penalty = 0.0 if settings.gender_preference_hard else settings.gender_preference_penalty
    penalty = pl.when(pl.col("preference_met")).then(0.0).otherwise(soft_penalty)
    wish_points = pl.col("wish") * weights.wish
    raw = (weighted * (100.0 / total_weight) + wish_points - penalty).clip(0.0, 100.0)
    blocked_by = _blocked_by(settings, pl.lit)
    return frame.with_columns(
        gender_penalty=penalty,
        score=raw.round(2),
        blocked_by=blocked_by,
    )


def _blocked_by(settings: MatchSettings, label: Callable[[str], pl.Expr]) -> pl.Expr:
    """The first hard rule that rules a pair out, as ``label(code)`` (null when none does):
    the code itself for the scores frame, its index in :data:`BLOCK_CODES` for the store."""
    return (
        pl.when(pl.col("avoided"))
        .then(label(BLOCK_AVOIDED))
        .when(~pl.col("workplace_open"))
        .then(label(BLOCK_WORKPLACE_CLOSED))
        .when(~pl.col("shares_language") & (not settings.allow_no_shared_language))
        .then(label(BLOCK_NO_SHARED_LANGUAGE))
        .when(~pl.col("preference_met") & settings.gender_preference_hard)
        .then(label(BLOCK_GENDER_PREFERENCE))
        .when(pl.col("same_organisation") & settings.forbid_same_organisation)
        .then(label(BLOCK_SAME_ORGANISATION))
        .otherwise(None)
    )


def _public(frame: pl.LazyFrame) -> pl.LazyFrame:
    """The columns of :func:`score_pairs` from a :func:`_scored` frame."""
    return frame.select(
        "adept_id",
        "mentor_id",
        "workplace_id",
        *COMPONENTS,
        "gender_penalty",
        "score",
        score_centi=(pl.col("score") * 100).round(0).cast(pl.Int64),
        allowed=pl.col("blocked_by").is_null(),
        blocked_by="blocked_by",
    )

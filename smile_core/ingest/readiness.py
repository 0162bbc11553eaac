"""Is the programme ready for matching? Demand against supply, and the gaps in words.

The Overview page's check before anyone presses "match": how many adepts there are against
the mentors' seats and the workplaces' places, the same by field family and by region, and
which adepts no mentor is allowed for at all (and why). These figures are for the
coordinator, who knows every participant: they are raw counts, not suppressed.

Rules of the count:

- A mentor seat is one unit of a mentor's capacity. Seats of mentors whose workplace has no
  places (capacity 0) are not counted: no adept can use them.
- Usable seats are what the workplaces let through: per workplace the smaller of its places
  and its mentors' seats, plus the seats of mentors without a workplace. At most this many
  adepts can be matched, whatever the rules.
- An adept's field family is that of the wished job (``target_field``), else of their own
  field; a mentor's is that of their field (:mod:`smile_core.ingest.fields`). A field outside every
  family is its own group.
- A mentor's region is their own, else their workplace's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import polars as pl

from smile_core.equality.metrics import GENDER_ORDER
from smile_core.ingest.fields import field_families, normalise_field
from smile_core.ingest.participants import Mentor, Programme
from smile_core.matching.scoring import (
    BLOCK_AVOIDED,
    BLOCK_CODES,
    BLOCK_GENDER_PREFERENCE,
    BLOCK_NO_SHARED_LANGUAGE,
    BLOCK_SAME_ORGANISATION,
    BLOCK_WORKPLACE_CLOSED,
    score_store,
)
from smile_core.matching.settings import MatchSettings
from smile_core.text import Message, both, t
from smile_core.text.labels import UNKNOWN_GROUP, label
from smile_core.text.messages import texts

#: Reasons a pair is not allowed, in the order they are listed: the catalogue's
#: ``readiness.block.<reason>`` words them with a count of mentors.
_BLOCK_WORDS: tuple[str, ...] = (
    BLOCK_NO_SHARED_LANGUAGE,
    BLOCK_GENDER_PREFERENCE,
    BLOCK_WORKPLACE_CLOSED,
    BLOCK_AVOIDED,
    BLOCK_SAME_ORGANISATION,
)

#: The programme totals :func:`readiness` reports, named by ``readiness.measure.<measure>``.
_MEASURES = ("adepts", "mentor_seats", "workplace_places", "usable_seats")

#: How :func:`participant_counts` names its groups.
_COUNT_GROUPS: dict[str, tuple[str, str]] = {
    "adepts": ("adepter", "adepts"),
    "mentors": ("mentorer", "mentors"),
    "mentor_seats": ("mentorsplatser", "mentor seats"),
    "workplaces": ("arbetsplatser", "workplaces"),
}


@dataclass(frozen=True, slots=True)
class Gap:
    """One shortage, in numbers and in words: ``dimension`` is "total", "workplaces",
    "field", "region" or "no_allowed_mentor"; ``group`` the field family or region ("" for
    the whole programme)."""

    dimension: str
    group: str
    demand: int
    supply: int
    message_sv: str
    message_en: str

    def message(self, lang: str = "sv") -> str:
        """The gap in words in ``lang`` ("sv" or "en")."""
        return self.message_sv if lang == "sv" else self.message_en


@dataclass(frozen=True)
class Readiness:
    """The readiness check of one programme (see the module doc for how seats are counted).

    ``by_field`` and ``by_region`` have one row per group: ``group`` (code), ``label_sv``,
    ``label_en``, ``demand`` (adepts), ``supply`` (usable mentor seats of the group's mentors)
    and ``gap`` (demand − supply, positive = too few seats), largest gap first.
    ``no_allowed_mentor`` has one row per adept no mentor is allowed for: ``adept_id``,
    ``adept_name``, ``reasons`` (the blocking rules), ``message_sv``, ``message_en``.
    ``totals`` has one row per measure (adepts, mentor seats, workplace places, usable seats)
    for a bar chart. ``gaps`` lists every shortage in words, the whole programme first.
    """

    adepts: int
    mentors: int
    mentor_seats: int
    workplaces: int
    workplace_places: int
    usable_seats: int
    totals: pl.DataFrame
    by_field: pl.DataFrame
    by_region: pl.DataFrame
    no_allowed_mentor: pl.DataFrame
    gaps: tuple[Gap, ...]

    @property
    def ready(self) -> bool:
        """True when nothing is short: every adept can have a seat and an allowed mentor."""
        return not self.gaps

    def messages(self, lang: str = "sv") -> list[str]:
        """Every gap in words, in ``lang``."""
        return [gap.message(lang) for gap in self.gaps]


def participant_counts(programme: Programme) -> pl.DataFrame:
    """Adepts, mentors and mentor seats by gender, and the number of workplaces, for a chart.

    One row per group ("adepts", "mentors", "mentor_seats") and gender in
    :data:`~smile_core.equality.metrics.GENDER_ORDER` (zeros included), then one "workplaces" row
    with ``gender`` null (workplaces have none). Columns: ``group``, ``group_sv``,
    ``group_en``, ``gender``, ``gender_sv``, ``gender_en``, ``n``. Raw counts (for the
    coordinator; suppress before showing them to anyone else).
    """
    adepts = Counter(a.gender.value for a in programme.adepts)
    mentors = Counter(m.gender.value for m in programme.mentors)
    seats: Counter[str] = Counter()
    for mentor in programme.mentors:
        seats[mentor.gender.value] += mentor.capacity
    rows = [
        _count_row(group, gender, counts[gender])
        for group, counts in (("adepts", adepts), ("mentors", mentors), ("mentor_seats", seats))
        for gender in GENDER_ORDER
    ]
    rows.append(_count_row("workplaces", None, len(programme.workplaces)))
    return pl.DataFrame(
        rows,
        schema={
            "group": pl.String,
            "group_sv": pl.String,
            "group_en": pl.String,
            "gender": pl.String,
            "gender_sv": pl.String,
            "gender_en": pl.String,
            "n": pl.Int64,
        },
    )


def _count_row(group: str, gender: str | None, n: int) -> dict[str, object]:
    return {
        "group": group,
        "group_sv": _COUNT_GROUPS[group][0],
        "group_en": _COUNT_GROUPS[group][1],
        "gender": gender,
        "gender_sv": label("gender", gender, "sv") if gender else None,
        "gender_en": label("gender", gender, "en") if gender else None,
        "n": n,
    }


def readiness(programme: Programme, settings: MatchSettings | None = None) -> Readiness:
    """Check ``programme`` before matching under ``settings`` (defaults if omitted)."""
    settings = settings or MatchSettings()
    workplace_by_id = programme.workplace_by_id
    open_mentors = [
        m
        for m in programme.mentors
        if not m.workplace_id or workplace_by_id[m.workplace_id].capacity > 0
    ]
    mentor_seats = sum(m.capacity for m in programme.mentors)
    seats_at: Counter[str] = Counter()
    for mentor in open_mentors:
        seats_at[mentor.workplace_id] += mentor.capacity
    usable = seats_at.pop("", 0) + sum(
        min(seats, workplace_by_id[w].capacity) for w, seats in seats_at.items()
    )
    places = sum(w.capacity for w in programme.workplaces)
    n_adepts = len(programme.adepts)

    by_field = _demand_supply(
        Counter(_family(a.target_field or a.field) for a in programme.adepts),
        _seats_by(open_mentors, lambda m: _family(m.field)),
        "family",
    )
    by_region = _demand_supply(
        Counter(a.region or UNKNOWN_GROUP for a in programme.adepts),
        _seats_by(open_mentors, lambda m: _mentor_region(m, programme)),
        "region",
    )
    blocked = _no_allowed_mentor(programme, settings)

    gaps = _total_gaps(n_adepts, sum(m.capacity for m in open_mentors), mentor_seats, usable)
    gaps += [_field_gap(row) for row in by_field.filter(pl.col("gap") > 0).iter_rows(named=True)]
    gaps += [
        _region_gap(row)
        for row in by_region.filter(pl.col("gap") > 0).iter_rows(named=True)
        if row["group"] != UNKNOWN_GROUP
    ]
    if blocked.height:
        gaps.append(_blocked_gap(blocked.height))
    totals = pl.DataFrame(
        {
            "measure": list(_MEASURES),
            "label_sv": [t(f"readiness.measure.{m}", "sv") for m in _MEASURES],
            "label_en": [t(f"readiness.measure.{m}", "en") for m in _MEASURES],
            "value": [n_adepts, mentor_seats, places, usable],
        },
        schema={
            "measure": pl.String,
            "label_sv": pl.String,
            "label_en": pl.String,
            "value": pl.Int64,
        },
    )
    return Readiness(
        adepts=n_adepts,
        mentors=len(programme.mentors),
        mentor_seats=mentor_seats,
        workplaces=len(programme.workplaces),
        workplace_places=places,
        usable_seats=usable,
        totals=totals,
        by_field=by_field,
        by_region=by_region,
        no_allowed_mentor=blocked,
        gaps=tuple(gaps),
    )


def demand_supply_long(frame: pl.DataFrame) -> pl.DataFrame:
    """A ``by_field`` or ``by_region`` frame with demand and supply as rows, for grouped bars:
    ``group``, ``label_sv``, ``label_en``, ``measure`` ("demand"/"supply"), ``measure_sv``,
    ``measure_en``, ``value``."""
    long = frame.unpivot(
        on=["demand", "supply"],
        index=["group", "label_sv", "label_en"],
        variable_name="measure",
        value_name="value",
    )
    words = {"demand": ("adepter", "adepts"), "supply": ("mentorsplatser", "mentor seats")}
    return long.with_columns(
        measure_sv=pl.col("measure").replace_strict({k: v[0] for k, v in words.items()}),
        measure_en=pl.col("measure").replace_strict({k: v[1] for k, v in words.items()}),
    ).select("group", "label_sv", "label_en", "measure", "measure_sv", "measure_en", "value")


# --------------------------------------------------------------------------- groups


def _family(field: str) -> str:
    word = normalise_field(field)
    if not word:
        return UNKNOWN_GROUP
    return field_families().get(word, word)


def _mentor_region(mentor: Mentor, programme: Programme) -> str:
    if mentor.region:
        return mentor.region
    if mentor.workplace_id and programme.workplace_by_id[mentor.workplace_id].region:
        return programme.workplace_by_id[mentor.workplace_id].region
    return UNKNOWN_GROUP


def _seats_by(mentors: list[Mentor], group_of: Callable[[Mentor], str]) -> Counter[str]:
    seats: Counter[str] = Counter()
    for mentor in mentors:
        seats[group_of(mentor)] += mentor.capacity
    return seats


def _demand_supply(demand: Counter[str], supply: Counter[str], kind: str) -> pl.DataFrame:
    groups = sorted(set(demand) | set(supply))
    rows = [
        {
            "group": g,
            "label_sv": _group_label(kind, g, "sv"),
            "label_en": _group_label(kind, g, "en"),
            "demand": demand.get(g, 0),
            "supply": supply.get(g, 0),
            "gap": demand.get(g, 0) - supply.get(g, 0),
        }
        for g in groups
    ]
    frame = pl.DataFrame(
        rows,
        schema={
            "group": pl.String,
            "label_sv": pl.String,
            "label_en": pl.String,
            "demand": pl.Int64,
            "supply": pl.Int64,
            "gap": pl.Int64,
        },
    )
    return frame.sort(["gap", "group"], descending=[True, False])


def _group_label(kind: str, group: str, lang: str) -> str:
    if kind == "family":
        return label("family", group, lang)
    if group == UNKNOWN_GROUP:
        return label("group", group, lang)
    # Regions are stored case-folded ("västra götalands län"); names get their capitals
    # back, the word "län" stays lower case as Swedish writes it.
    return " ".join(w if w == "län" else w[:1].upper() + w[1:] for w in group.split(" "))


# --------------------------------------------------------------------------- blocked adepts


def _no_allowed_mentor(programme: Programme, settings: MatchSettings) -> pl.DataFrame:
    """Adepts with no allowed pair at all, with the rules that block their pairs."""
    schema = {
        "adept_id": pl.String,
        "adept_name": pl.String,
        "reasons": pl.List(pl.String),
        "message_sv": pl.String,
        "message_en": pl.String,
    }
    if not programme.mentors:
        rows = [
            {
                "adept_id": a.id,
                "adept_name": a.name,
                "reasons": [],
                "message_sv": t("readiness.no_mentors", "sv"),
                "message_en": t("readiness.no_mentors", "en"),
            }
            for a in programme.adepts
        ]
        return pl.DataFrame(rows, schema=schema)
    # The compact store: the allowed pairs and, per adept, how many mentors each rule blocks.
    store = score_store(programme, settings)
    none_allowed = np.flatnonzero(store.allowed_per_adept() == 0)
    rows = []
    for adept in none_allowed:
        adept_id = programme.adepts[adept].id
        counts = Counter(dict(zip(BLOCK_CODES, store.blocked[adept].tolist(), strict=True)))
        order = [r for r in _BLOCK_WORDS if counts[r]]
        why = {
            lang: "; ".join(t(f"readiness.block.{r}", lang, n=counts[r]) for r in order)
            for lang in ("sv", "en")
        }
        sv, en = texts(
            "readiness.none_allowed",
            total=sum(counts.values()),
            sv={"reasons": why["sv"]},
            en={"reasons": why["en"]},
        )
        rows.append(
            {
                "adept_id": adept_id,
                "adept_name": programme.adept_by_id[adept_id].name,
                "reasons": order,
                "message_sv": sv,
                "message_en": en,
            }
        )
    return pl.DataFrame(rows, schema=schema)


# --------------------------------------------------------------------------- words


def _adepts(n: int) -> Message:
    return Message.of("readiness.adepts", n=n)


def _only_seats(n: int) -> Message:
    return Message.of("readiness.only_seats", n=n) if n else Message.of("readiness.no_seat")


def _total_gaps(adepts: int, open_seats: int, all_seats: int, usable: int) -> list[Gap]:
    gaps = []
    if adepts > open_seats:
        closed: object = ""
        if all_seats > open_seats:
            closed = Message.of("readiness.closed_seats", n=all_seats - open_seats)
        sv, en = both(
            "readiness.gap.total",
            adepts=_adepts(adepts),
            seats=_only_seats(open_seats),
            closed=closed,
            short=_adepts(adepts - open_seats),
        )
        gaps.append(Gap("total", "", adepts, open_seats, sv, en))
    elif adepts > usable:
        sv, en = both(
            "readiness.gap.workplaces",
            seats=open_seats,
            usable=usable,
            adepts=_adepts(adepts),
            short=_adepts(adepts - usable),
        )
        gaps.append(Gap("workplaces", "", adepts, usable, sv, en))
    return gaps


def _field_gap(row: dict[str, object]) -> Gap:
    demand, supply = int(row["demand"]), int(row["supply"])  # type: ignore[call-overload]
    labels = {"sv": {"field": str(row["label_sv"])}, "en": {"field": str(row["label_en"])}}
    if row["group"] == UNKNOWN_GROUP:
        sv, en = both("readiness.gap.no_field", adepts=_adepts(demand))
    else:
        sv, en = texts("readiness.gap.field", n=demand, seats=_only_seats(supply), **labels)
    return Gap("field", str(row["group"]), demand, supply, sv, en)


def _region_gap(row: dict[str, object]) -> Gap:
    demand, supply = int(row["demand"]), int(row["supply"])  # type: ignore[call-overload]
    labels = {"sv": {"region": str(row["label_sv"])}, "en": {"region": str(row["label_en"])}}
    sv, en = texts(
        "readiness.gap.region",
        n=demand,
        seats=_only_seats(supply),
        **labels,
    )
    return Gap("region", str(row["group"]), demand, supply, sv, en)


def _blocked_gap(n: int) -> Gap:
    sv, en = both("readiness.gap.no_allowed_mentor", n=n)
    return Gap("no_allowed_mentor", "", n, 0, sv, en)

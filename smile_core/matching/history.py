"""History across cohorts: an adept does not meet the mentor they had in an earlier cohort.

- :func:`earlier_pairs` reads the store: every pair of each earlier cohort's *agreed* plan in
  the same programme, with both people's stable ``person_key`` (read-only; nothing is written).
- :func:`current_pairs` finds those people in the programme being matched now: the same
  person key (the store links a member across cohorts, e.g. an adept promoted to mentor), or
  the same coordinator id when that id is an e-mail address or the name agrees too (ids such
  as "A01" restart in every cohort, so an id alone would name a stranger).
- :func:`apply_history` turns them into what the engine takes, by the settings'
  :class:`~smile_core.matching.settings.EarlierMentor` rule: forbids, or a penalty taken off the
  pairs' scores (the ``earlier_mentor_penalty`` column says how much), or nothing.
- :func:`history_reasons` says it in words per adept, for the unmatched reasons and the pair's
  explanation; :func:`annotate_result` adds those words to an unmatched adept's reason.

Nothing here logs anything; ids and names stay in the returned values.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import polars as pl

from smile_core.ingest.participants import AdeptId, MentorId, Programme
from smile_core.matching.plan import MatchResult, Unmatched, UnmatchedReason
from smile_core.matching.settings import EarlierMentor, MatchSettings
from smile_core.text import Message, both

#: The scores column :func:`apply_history` adds: points taken off for an earlier mentor.
PENALTY_COLUMN = "earlier_mentor_penalty"


@dataclass(frozen=True, slots=True)
class EarlierPair:
    """A pair of an earlier cohort's agreed plan: both people by stable key and by the
    coordinator's id in that cohort, and the cohort it was in."""

    adept_key: str
    mentor_key: str
    adept_id: str
    mentor_id: str
    cohort_id: int
    cohort_name: str
    starts_on: date | None = None
    adept_name: str = ""
    mentor_name: str = ""


class _Store(Protocol):
    """The read methods of :class:`~smile_core.store.Repository` this module uses."""

    def list_cohorts(self, programme_id: int) -> Sequence: ...

    def agreed_run(self, cohort_id: int): ...

    def list_members(self, cohort_id: int) -> Sequence: ...

    def load_participants(self, cohort_id: int, version: int | None = None) -> Programme: ...


def earlier_pairs(
    store: _Store, programme_id: int, before_cohort: int | None = None
) -> tuple[EarlierPair, ...]:
    """Every pair of the agreed plans of the programme's cohorts before ``before_cohort``.

    A cohort is earlier when both have a start date and it starts first; otherwise when it
    was created first (the store lists cohorts oldest first). Without ``before_cohort`` every
    cohort counts. A cohort without an agreed plan adds nothing. Pairs come cohort by cohort,
    in each plan's order.
    """
    cohorts = list(store.list_cohorts(programme_id))
    current = next((c for c in cohorts if c.id == before_cohort), None)
    pairs: list[EarlierPair] = []
    for position, cohort in enumerate(cohorts):
        if current is not None and not _is_before(cohort, position, current, cohorts):
            continue
        run = store.agreed_run(cohort.id)
        if run is None:
            continue
        keys = {(m.role, m.source_id): m.person_key for m in store.list_members(cohort.id)}
        people = store.load_participants(cohort.id, run.summary.version_number)
        for pair in run.plan.pairs:
            adept = people.adept_by_id.get(pair.adept_id)
            mentor = people.mentor_by_id.get(pair.mentor_id)
            pairs.append(
                EarlierPair(
                    adept_key=keys.get(("adept", pair.adept_id), ""),
                    mentor_key=keys.get(("mentor", pair.mentor_id), ""),
                    adept_id=pair.adept_id,
                    mentor_id=pair.mentor_id,
                    cohort_id=cohort.id,
                    cohort_name=cohort.name,
                    starts_on=cohort.starts_on,
                    adept_name=adept.name if adept else "",
                    mentor_name=mentor.name if mentor else "",
                )
            )
    return tuple(pairs)


def _is_before(cohort, position: int, current, cohorts: list) -> bool:
    if cohort.id == current.id:
        return False
    if cohort.starts_on is not None and current.starts_on is not None:
        return cohort.starts_on < current.starts_on
    return position < cohorts.index(current)


def current_pairs(
    earlier: Iterable[EarlierPair],
    programme: Programme,
    person_keys: Mapping[tuple[str, str], str] | None = None,
) -> dict[tuple[AdeptId, MentorId], EarlierPair]:
    """The earlier pairs whose two people are both in ``programme``, by today's ids.

    ``person_keys`` maps ("adept" or "mentor", coordinator id) of the current cohort to the
    person key the store gave them. A person is found by that key; or by the same coordinator
    id when it is an e-mail address, or when the names agree (case and spacing aside; a blank
    name on either side does not contradict). The first earlier pair found wins for each
    (adept, mentor).
    """
    by_key: dict[tuple[str, str], str] = {}
    for (role, source_id), key in (person_keys or {}).items():
        if key:
            by_key[(role, key)] = source_id

    def find(role: str, key: str, source_id: str, name: str, present: Mapping) -> str | None:
        if key and (role, key) in by_key and by_key[(role, key)] in present:
            return by_key[(role, key)]
        person = present.get(source_id)
        if person is None:
            return None
        if _is_email(source_id) or not name or not person.name:
            return source_id
        return source_id if _same_name(name, person.name) else None

    found: dict[tuple[AdeptId, MentorId], EarlierPair] = {}
    for pair in earlier:
        adept = find("adept", pair.adept_key, pair.adept_id, pair.adept_name, programme.adept_by_id)
        mentor = find(
            "mentor", pair.mentor_key, pair.mentor_id, pair.mentor_name, programme.mentor_by_id
        )
        if adept is not None and mentor is not None:
            found.setdefault((adept, mentor), pair)
    return found


def _is_email(value: str) -> bool:
    local, at, domain = value.partition("@")
    return bool(at and local and "." in domain)


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def apply_history(
    scores: pl.DataFrame,
    pairs: Mapping[tuple[AdeptId, MentorId], EarlierPair],
    settings: MatchSettings,
) -> tuple[pl.DataFrame, list[tuple[AdeptId, MentorId]]]:
    """The scores and the extra forbids for the engine under the settings' earlier-mentor rule.

    ``FORBID``: the scores unchanged and the pairs as forbids. ``PENALTY``: no forbids; each
    pair's ``score`` (and ``score_centi``) loses ``earlier_mentor_penalty`` points (never
    below 0) and the column :data:`PENALTY_COLUMN` says how much. ``ALLOW``: both unchanged.
    ``scores`` is a :func:`~smile_core.matching.scoring.score_pairs` frame; it is not modified.
    """
    rule = settings.earlier_mentor
    if not pairs or rule is EarlierMentor.ALLOW:
        return scores, []
    if rule is EarlierMentor.FORBID:
        return scores, sorted(pairs)
    marked = pl.DataFrame(
        {"adept_id": [a for a, _ in pairs], "mentor_id": [m for _, m in pairs]},
        schema={"adept_id": pl.String, "mentor_id": pl.String},
    ).with_columns(_earlier=pl.lit(True))
    penalty = pl.when(pl.col("_earlier")).then(settings.earlier_mentor_penalty).otherwise(0.0)
    adjusted = (
        scores.join(marked, on=["adept_id", "mentor_id"], how="left", maintain_order="left")
        .with_columns(pl.col("_earlier").fill_null(False))
        .with_columns(penalty.alias(PENALTY_COLUMN))
        .with_columns(score=(pl.col("score") - pl.col(PENALTY_COLUMN)).clip(0.0, 100.0).round(2))
        .with_columns(score_centi=(pl.col("score") * 100).round(0).cast(pl.Int64))
        .drop("_earlier")
    )
    return adjusted, []


def history_reasons(
    pairs: Mapping[tuple[AdeptId, MentorId], EarlierPair],
    settings: MatchSettings,
    programme: Programme,
) -> dict[AdeptId, list[Message]]:
    """Per adept with an earlier mentor in this programme, what the rule did: sentences
    (catalogue messages) naming the mentor and the earlier cohort."""
    reasons: dict[AdeptId, list[Message]] = {}
    rule = settings.earlier_mentor
    points = float(settings.earlier_mentor_penalty)
    for (adept_id, mentor_id), pair in pairs.items():
        mentor = programme.mentor_by_id.get(mentor_id)
        who = f"{mentor.name} ({mentor_id})" if mentor and mentor.name else mentor_id
        cohort = pair.cohort_name
        sentence = Message.of(f"history.{rule.value}", mentor=who, cohort=cohort, points=points)
        reasons.setdefault(adept_id, []).append(sentence)
    return reasons


def annotate_result(
    result: MatchResult,
    reasons: Mapping[AdeptId, Sequence[Message]],
    coordinator_forbids: Iterable[tuple[AdeptId, MentorId]] = (),
) -> MatchResult:
    """``result`` with each unmatched adept's reason followed by their history sentences.

    An adept whose every mentor is forbidden, with an earlier mentor and none of
    ``coordinator_forbids`` (the coordinator's own, without the history's), was kept from
    their earlier mentor alone: the reason becomes ``EARLIER_MENTOR``."""
    if not reasons:
        return result
    own = {a for a, _ in coordinator_forbids}
    unmatched = []
    for entry in result.unmatched:
        extra = reasons.get(entry.adept_id, ())
        if extra and entry.reason is UnmatchedReason.FORBIDDEN and entry.adept_id not in own:
            entry = Unmatched(entry.adept_id, UnmatchedReason.EARLIER_MENTOR)
        if extra:
            entry = Unmatched(entry.adept_id, entry.reason, tuple(extra))
        unmatched.append(entry)
    return dataclasses.replace(result, unmatched=tuple(unmatched))


def earlier_mentor_warnings(
    edits: Mapping[AdeptId, MentorId | None],
    pairs: Mapping[tuple[AdeptId, MentorId], EarlierPair],
    settings: MatchSettings,
    programme: Programme,
) -> list[tuple[str, str]]:
    """(Swedish, English) warnings for hand edits that give an adept the mentor they had in an
    earlier cohort, while the settings' rule forbids or penalises that.

    A hand edit is the coordinator's explicit decision, like a lock (which also wins over the
    rule in the solver), so it is not refused — but it must not happen unnoticed.
    """
    if settings.earlier_mentor is EarlierMentor.ALLOW:
        return []
    warnings = []
    for adept_id, mentor_id in edits.items():
        pair = pairs.get((adept_id, mentor_id)) if mentor_id is not None else None
        if pair is None:
            continue
        mentor = programme.mentor_by_id.get(mentor_id)
        who = f"{mentor.name} ({mentor_id})" if mentor and mentor.name else mentor_id
        warnings.append(
            both("history.edit_warning", adept=adept_id, mentor=who, cohort=pair.cohort_name)
        )
    return warnings

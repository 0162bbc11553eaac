"""The plan as the coordinator works with it: tables with names, mentor choices, edits, exports.

- :func:`plan_frame` and :func:`unmatched_frame`: one row per pair (or unmatched adept) with
  the names the coordinator knows, for the Matching page's editable table.
- :func:`candidates_for`: the mentors an adept may have, best first, with each mentor's
  current load, for the "change mentor" select box.
- :func:`apply_edits` turns the coordinator's changes into a new :class:`~smile_core.plan.Plan`;
  :func:`check_edits` / :func:`edit_violations` judge it with the public checks
  (:func:`smile_core.checks.check_plan`) before it is accepted. Breaking a capacity, a lock, a
  forbid or the matching rules blocks an edit; an equality rule only warns.
- :func:`plan_export_frames`, :func:`pairs_csv_bytes`, :func:`pairs_xlsx_bytes`: the plan for
  Excel, with Swedish (or English) headers; in CSV every cell that could start a formula is
  neutralised (:mod:`smile_core.export`), in XLSX text cells are inert strings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import polars as pl

from smile_core.checks import Violation, check_plan
from smile_core.export import neutralize_formulas, to_excel_csv_bytes, to_xlsx_bytes
from smile_core.labels import label
from smile_core.participants import AdeptId, MentorId, Programme
from smile_core.plan import MatchResult, Pair, Plan
from smile_core.plan_view import PairIndex
from smile_core.scoring import COMPONENTS
from smile_core.settings import MatchSettings
from smile_core.text import LANGUAGES, Message, has, t

#: The score parts each pair row carries: the components, then the gender-preference penalty.
SCORE_PARTS: tuple[str, ...] = (*COMPONENTS, "gender_penalty")

PLAN_SCHEMA: dict[str, pl.DataType] = {
    "adept_id": pl.String(),
    "adept_name": pl.String(),
    "adept_gender": pl.String(),
    "mentor_id": pl.String(),
    "mentor_name": pl.String(),
    "mentor_gender": pl.String(),
    "workplace_id": pl.String(),
    "workplace_name": pl.String(),
    "score": pl.Float64(),
    **{part: pl.Float64() for part in SCORE_PARTS},
    "locked": pl.Boolean(),
}

UNMATCHED_SCHEMA: dict[str, pl.DataType] = {
    "adept_id": pl.String(),
    "adept_name": pl.String(),
    "adept_gender": pl.String(),
    "reason": pl.String(),
    "message_sv": pl.String(),
    "message_en": pl.String(),
}

#: Why an adept has no mentor when the coordinator took the mentor away by hand.
REMOVED_BY_HAND = "removed_by_hand"


def _plan_of(result: MatchResult | Plan) -> Plan:
    return result.plan if isinstance(result, MatchResult) else result


# --------------------------------------------------------------------------- tables


def plan_frame(result: MatchResult | Plan, programme: Programme) -> pl.DataFrame:
    """One row per pair, in plan order, with names: columns of :data:`PLAN_SCHEMA`.

    Components a pair does not carry (a plan read back from ids) are null; the workplace is
    the pair's, else the mentor's.
    """
    rows = []
    for pair in _plan_of(result).pairs:
        adept = programme.adept_by_id.get(pair.adept_id)
        mentor = programme.mentor_by_id.get(pair.mentor_id)
        workplace_id = pair.workplace_id or (mentor.workplace_id if mentor else "")
        workplace = programme.workplace_by_id.get(workplace_id)
        parts = dict(pair.components)
        rows.append(
            {
                "adept_id": pair.adept_id,
                "adept_name": adept.name if adept else "",
                "adept_gender": adept.gender.value if adept else "",
                "mentor_id": pair.mentor_id,
                "mentor_name": mentor.name if mentor else "",
                "mentor_gender": mentor.gender.value if mentor else "",
                "workplace_id": workplace_id,
                "workplace_name": workplace.name if workplace else "",
                "score": float(pair.score),
                **{part: parts.get(part) for part in SCORE_PARTS},
                "locked": pair.locked,
            }
        )
    return pl.DataFrame(rows, schema=PLAN_SCHEMA)


def unmatched_frame(
    result: MatchResult, programme: Programme, plan: Plan | None = None
) -> pl.DataFrame:
    """One row per adept without a mentor, in programme order, with the reason in words.

    Without ``plan`` these are the result's unmatched adepts. With an edited ``plan``, they
    are the adepts it leaves without a mentor: the result's reason where the solver left
    them out too, else :data:`REMOVED_BY_HAND`.
    """
    reasons = {u.adept_id: u for u in result.unmatched}
    if plan is None:
        unmatched_ids = [a.id for a in programme.adepts if a.id in reasons]
    else:
        matched = set(plan.mentor_of)
        unmatched_ids = [a.id for a in programme.adepts if a.id not in matched]
    rows = []
    for adept_id in unmatched_ids:
        adept = programme.adept_by_id[adept_id]
        known = reasons.get(adept_id)
        rows.append(
            {
                "adept_id": adept_id,
                "adept_name": adept.name,
                "adept_gender": adept.gender.value,
                "reason": known.reason.value if known else REMOVED_BY_HAND,
                "message_sv": known.message_sv if known else t(f"reason.{REMOVED_BY_HAND}", "sv"),
                "message_en": known.message_en if known else t(f"reason.{REMOVED_BY_HAND}", "en"),
            }
        )
    return pl.DataFrame(rows, schema=UNMATCHED_SCHEMA)


def candidates_for(
    scores: pl.DataFrame,
    programme: Programme,
    adept_id: AdeptId,
    plan: Plan | None = None,
) -> pl.DataFrame:
    """The mentors ``adept_id`` may have (allowed pairs of ``scores``), best score first.

    Columns: ``mentor_id``, ``mentor_name``, ``mentor_gender``, ``workplace_id``,
    ``workplace_name``, ``score`` and its parts, ``load`` (the mentor's other adepts in
    ``plan``), ``capacity``, ``workplace_load`` (other adepts at the mentor's workplace),
    ``workplace_capacity`` (null without a workplace), ``has_room`` (this adept fits under
    both capacities), ``current`` (the adept's mentor in ``plan`` now) and ``label`` (for a
    select box: "Name (M01) · 78.8 · 1/2").
    """
    plan = plan or Plan()
    others = [p for p in plan.pairs if p.adept_id != adept_id]
    mentor_load = Counter(p.mentor_id for p in others)
    workplace_load = Counter(
        programme.mentor_by_id[p.mentor_id].workplace_id
        for p in others
        if p.mentor_id in programme.mentor_by_id
    )
    current = plan.mentor_of.get(adept_id)
    allowed = scores.filter(pl.col("adept_id") == adept_id, pl.col("allowed"))
    rows = []
    for row in allowed.iter_rows(named=True):
        mentor = programme.mentor_by_id[row["mentor_id"]]
        workplace = programme.workplace_by_id.get(mentor.workplace_id)
        load = mentor_load[mentor.id]
        at_workplace = workplace_load[mentor.workplace_id] if workplace else 0
        room = load < mentor.capacity and (workplace is None or at_workplace < workplace.capacity)
        name = mentor.name or mentor.id
        rows.append(
            {
                "mentor_id": mentor.id,
                "mentor_name": mentor.name,
                "mentor_gender": mentor.gender.value,
                "workplace_id": mentor.workplace_id,
                "workplace_name": workplace.name if workplace else "",
                "score": row["score"],
                **{part: row[part] for part in SCORE_PARTS},
                "load": load,
                "capacity": mentor.capacity,
                "workplace_load": at_workplace if workplace else None,
                "workplace_capacity": workplace.capacity if workplace else None,
                "has_room": room,
                "current": mentor.id == current,
                "label": f"{name} ({mentor.id}) · {row['score']:.1f} · {load}/{mentor.capacity}",
            }
        )
    schema = {
        "mentor_id": pl.String,
        "mentor_name": pl.String,
        "mentor_gender": pl.String,
        "workplace_id": pl.String,
        "workplace_name": pl.String,
        "score": pl.Float64,
        **{part: pl.Float64 for part in SCORE_PARTS},
        "load": pl.Int64,
        "capacity": pl.Int64,
        "workplace_load": pl.Int64,
        "workplace_capacity": pl.Int64,
        "has_room": pl.Boolean,
        "current": pl.Boolean,
        "label": pl.String,
    }
    frame = pl.DataFrame(rows, schema=schema)
    return frame.sort(["score", "mentor_id"], descending=[True, False])


# --------------------------------------------------------------------------- edits


def apply_edits(
    plan: Plan,
    edits: Mapping[AdeptId, MentorId | None],
    *,
    programme: Programme | None = None,
    scores: pl.DataFrame | None = None,
    index: PairIndex | None = None,
) -> Plan:
    """``plan`` with each edited adept given their new mentor (``None`` = no mentor).

    An unchanged mentor keeps the pair as it was (its lock too); a new pair is unlocked, at
    the mentor's workplace and with its score and parts when ``programme`` and ``scores`` are
    given. Pairs stay in programme order when ``programme`` is given, else in plan order with
    new adepts last. ``index`` speeds up the look-up in ``scores`` (see :func:`check_edits`).
    Nothing is checked here: see :func:`check_edits`.
    """
    by_adept = {p.adept_id: p for p in plan.pairs}
    order = [p.adept_id for p in plan.pairs]
    lookup = _score_lookup(scores, edits, index) if scores is not None else {}
    for adept_id, mentor_id in edits.items():
        old = by_adept.get(adept_id)
        if mentor_id is None:
            by_adept.pop(adept_id, None)
            continue
        if old is not None and old.mentor_id == mentor_id:
            continue
        mentor = programme.mentor_by_id.get(mentor_id) if programme is not None else None
        score, parts = lookup.get((adept_id, mentor_id), (0.0, ()))
        by_adept[adept_id] = Pair(
            adept_id,
            mentor_id,
            workplace_id=mentor.workplace_id if mentor else "",
            score=score,
            components=parts,
        )
        if adept_id not in order:
            order.append(adept_id)
    if programme is not None:
        rank = {a.id: i for i, a in enumerate(programme.adepts)}
        order.sort(key=lambda a: (rank.get(a, len(rank)), a))
    return Plan(tuple(by_adept[a] for a in order if a in by_adept))


def _score_lookup(
    scores: pl.DataFrame,
    edits: Mapping[AdeptId, MentorId | None],
    index: PairIndex | None = None,
) -> dict[tuple[str, str], tuple[float, tuple[tuple[str, float], ...]]]:
    wanted = [(a, m) for a, m in edits.items() if m is not None]
    if not wanted:
        return {}
    if index is not None:
        rows = index.rows(scores, wanted)
    else:
        rows = scores.join(
            pl.DataFrame(wanted, schema=["adept_id", "mentor_id"], orient="row"),
            on=["adept_id", "mentor_id"],
            how="inner",
        )
    return {
        (row["adept_id"], row["mentor_id"]): (
            float(row["score"]),
            tuple((part, float(row[part])) for part in SCORE_PARTS),
        )
        for row in rows.iter_rows(named=True)
    }


@dataclass(frozen=True, slots=True)
class EditViolation:
    """One rule an edited plan breaks: the rule, whether it blocks the edit, and the facts in
    Swedish and English (``message`` is :func:`~smile_core.checks.check_plan`'s own text)."""

    rule: str
    blocking: bool
    message_sv: str
    message_en: str
    message: str
    #: The check's facts by key (``a`` adept id, ``m`` mentor id, ...), to tell which edited
    #: row broke the rule.
    facts: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str = "en") -> str:
        """The violation in ``lang`` ("sv" or "en")."""
        return self.message_sv if lang == "sv" else self.message_en


#: The rules an edit may not break; equality rules (match rate, quality, mix) only warn.
BLOCKING_RULES = frozenset(
    {
        "unknown",
        "at_most_once",
        "mentor_capacity",
        "workplace_capacity",
        "lock",
        "forbid",
        "allowed",
        "must_match",
        "group_minimum",
    }
)


def check_edits(
    programme: Programme,
    plan: Plan,
    settings: MatchSettings,
    scores: pl.DataFrame | None = None,
    locks: Iterable[tuple[AdeptId, MentorId]] = (),
    forbids: Iterable[tuple[AdeptId, MentorId]] = (),
    index: PairIndex | None = None,
) -> list[EditViolation]:
    """Every rule ``plan`` breaks, judged by :func:`smile_core.checks.check_plan`, in words.

    With ``scores``, pairs must be allowed by the matching rules (locked pairs excepted) and
    the quality-parity rule is checked too; ``index`` (:class:`~smile_core.plan_view.PairIndex`
    of ``scores``) finds the plan's pairs in it by position, which is much faster on large
    frames and gives the same answer.
    """
    score_of = allowed = None
    if scores is not None:
        # Only the plan's own pairs are looked up (a join, not a dict of every pair): the
        # checks never ask about a pair outside the plan, and at 1,000 adepts the scores
        # frame has 700,000 rows, which took a second per check as Python tuples.
        keys = [p.key for p in plan.pairs]
        if index is not None:
            ours = index.rows(scores, keys)
        else:
            ours = scores.join(
                pl.DataFrame(
                    keys, schema={"adept_id": pl.String, "mentor_id": pl.String}, orient="row"
                ),
                on=["adept_id", "mentor_id"],
                how="semi",
            )
        ours = ours.select("adept_id", "mentor_id", "score", "allowed")
        score_of = {}
        allowed = []
        for adept_id, mentor_id, score, ok in ours.iter_rows():
            score_of[(adept_id, mentor_id)] = score
            if ok:
                allowed.append((adept_id, mentor_id))
        score_of.update({p.key: p.score for p in plan.pairs if p.key not in score_of})
    violations = check_plan(
        programme,
        [p.key for p in plan.pairs],
        settings,
        scores=score_of,
        allowed=allowed,
        locks=locks,
        forbids=forbids,
        # A manual edit that misses an equality target gets a (non-blocking) warning, strict
        # or not: the coordinator should know before keeping it.
        targets=True,
    )
    return [_in_words(v, programme) for v in violations]


def edit_violations(
    programme: Programme,
    plan: Plan,
    settings: MatchSettings,
    scores: pl.DataFrame | None = None,
    locks: Iterable[tuple[AdeptId, MentorId]] = (),
    forbids: Iterable[tuple[AdeptId, MentorId]] = (),
    *,
    lang: str = "en",
    blocking_only: bool = False,
) -> list[str]:
    """The messages of :func:`check_edits` in ``lang`` ("sv" or "en"); empty when the edited
    plan keeps every rule. ``blocking_only`` leaves out the equality warnings."""
    return [
        v.text(lang)
        for v in check_edits(programme, plan, settings, scores, locks, forbids)
        if v.blocking or not blocking_only
    ]


def _in_words(violation: Violation, programme: Programme) -> EditViolation:
    blocking = violation.rule in BLOCKING_RULES
    if violation.rule not in _WORDS or not violation.facts:  # no wording here: its own text
        return EditViolation(
            violation.rule,
            blocking,
            violation.message,
            violation.message,
            violation.message,
            violation.facts,
        )
    message = _edit_message(violation.rule, violation.fact, programme)
    sv, en = message.render("sv"), message.render("en")
    return EditViolation(violation.rule, blocking, sv, en, violation.message, violation.facts)


def _adept(adept_id: str, programme: Programme) -> str:
    adept = programme.adept_by_id.get(adept_id)
    return f"{adept.name} ({adept_id})" if adept and adept.name else adept_id


def _mentor(mentor_id: str, programme: Programme) -> str:
    mentor = programme.mentor_by_id.get(mentor_id)
    return f"{mentor.name} ({mentor_id})" if mentor and mentor.name else mentor_id


def _workplace(workplace_id: str, programme: Programme) -> str:
    workplace = programme.workplace_by_id.get(workplace_id)
    return f"{workplace.name} ({workplace_id})" if workplace and workplace.name else workplace_id


def _edit_message(rule: str, f: dict[str, str], programme: Programme) -> Message:
    """The violation ``rule`` with the check's facts ``f`` as a catalogue message
    (``edit.<rule>``): ids shown with names, counts as numbers (for the plural forms)."""
    params: dict[str, object] = {}
    if "a" in f:
        params["adept"] = _adept(f["a"], programme)
    if "m" in f:
        params["mentor"] = _mentor(f["m"], programme)
    if "w" in f:
        params["workplace"] = _workplace(f["w"], programme)
    for name in ("n", "c", "k"):
        if name in f:
            params[name] = int(f[name])
    if rule == "unknown":
        return Message.of(f"edit.unknown.{f['kind']}", x=f["x"])
    if rule == "match_rate":
        params.update(
            group=Message.of(f"groups.{f['g']}") if has(f"groups.{f['g']}") else f["g"],
            got=float(f["got"]) / 100,
            want=float(f["want"]) / 100,
        )
    if rule == "quality_parity":
        params["d"] = float(f["d"])
    return Message.of(f"edit.{rule}", **params)


#: The rules :func:`_edit_message` words (the catalogue's ``edit.<rule>``).
_WORDS = frozenset(
    {
        "mentor_capacity",
        "workplace_capacity",
        "lock",
        "forbid",
        "allowed",
        "at_most_once",
        "must_match",
        "unknown",
        "match_rate",
        "group_minimum",
        "quality_parity",
        "workplace_mix",
    }
)


#: The columns the export names (the catalogue's ``plan_export.header.<column>``).
_EXPORT_COLUMNS = (
    "adept_id",
    "adept_name",
    "adept_gender",
    "mentor_id",
    "mentor_name",
    "mentor_gender",
    "workplace_id",
    "workplace_name",
    "score",
    "locked",
    "note",
    "reason",
)


def _sheets(lang: str) -> tuple[str, str]:
    return t("plan_export.sheet.pairs", lang), t("plan_export.sheet.unmatched", lang)


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected 'sv' or 'en'")


def plan_export_frames(
    result: MatchResult,
    programme: Programme,
    *,
    plan: Plan | None = None,
    lang: str = "sv",
    notes: Mapping[AdeptId, str] | None = None,
) -> dict[str, pl.DataFrame]:
    """The plan as sheets for Excel: ``{"Par": pairs, "Ej matchade": unmatched}`` in Swedish,
    ``{"Pairs": ..., "Unmatched": ...}`` with ``lang="en"``.

    ``plan`` is the plan to export when the coordinator edited the result's; ``notes`` adds
    each adept's note. Genders, lock and reasons are words; the score parts are 0–1 (the
    gender penalty in points). Text is as typed: the byte writers neutralise formulas.
    """
    _check_lang(lang)
    headers = {c: t(f"plan_export.header.{c}", lang) for c in _EXPORT_COLUMNS}
    yes, no = t("plan_export.yes", lang), t("plan_export.no", lang)
    pairs = plan_frame(plan if plan is not None else result, programme)
    gender_words = {g: label("gender", g, lang) for g in pairs["adept_gender"].unique()}
    gender_words.update({g: label("gender", g, lang) for g in pairs["mentor_gender"].unique()})
    pairs = pairs.with_columns(
        pl.col("adept_gender", "mentor_gender").replace_strict(gender_words, default=""),
        pl.col(*SCORE_PARTS).round(2),
        locked=pl.when(pl.col("locked")).then(pl.lit(yes)).otherwise(pl.lit(no)),
    )
    if notes is not None:
        pairs = pairs.with_columns(
            note=pl.col("adept_id").replace_strict(dict(notes), default="", return_dtype=pl.String)
        )
    pairs = pairs.rename(
        {
            **{c: headers[c] for c in pairs.columns if c in headers},
            **{part: label("component", part, lang) for part in SCORE_PARTS},
        }
    )
    unmatched = unmatched_frame(result, programme, plan)
    unmatched = unmatched.select(
        pl.col("adept_id").alias(headers["adept_id"]),
        pl.col("adept_name").alias(headers["adept_name"]),
        pl.col("adept_gender")
        .replace_strict({g: label("gender", g, lang) for g in unmatched["adept_gender"].unique()})
        .alias(headers["adept_gender"]),
        pl.col(f"message_{lang}").alias(headers["reason"]),
    )
    pairs_sheet, unmatched_sheet = _sheets(lang)
    return {pairs_sheet: pairs, unmatched_sheet: unmatched}


def pairs_csv_bytes(
    result: MatchResult,
    programme: Programme,
    *,
    plan: Plan | None = None,
    lang: str = "sv",
    notes: Mapping[AdeptId, str] | None = None,
) -> bytes:
    """The pairs sheet as CSV for Swedish Excel (UTF-8 BOM, semicolons), formulas neutralised."""
    frames = plan_export_frames(result, programme, plan=plan, lang=lang, notes=notes)
    return to_excel_csv_bytes(neutralize_formulas(frames[_sheets(lang)[0]]))


def unmatched_csv_bytes(
    result: MatchResult, programme: Programme, *, plan: Plan | None = None, lang: str = "sv"
) -> bytes:
    """The unmatched sheet as CSV for Swedish Excel, formulas neutralised."""
    frames = plan_export_frames(result, programme, plan=plan, lang=lang)
    return to_excel_csv_bytes(neutralize_formulas(frames[_sheets(lang)[1]]))


def pairs_xlsx_bytes(
    result: MatchResult,
    programme: Programme,
    *,
    plan: Plan | None = None,
    lang: str = "sv",
    notes: Mapping[AdeptId, str] | None = None,
) -> bytes:
    """Both sheets (pairs, unmatched) as one XLSX workbook; text cells are strings, which
    Excel never evaluates, so a name starting with "=" is shown as it is."""
    frames = plan_export_frames(result, programme, plan=plan, lang=lang, notes=notes)
    return to_xlsx_bytes(frames)

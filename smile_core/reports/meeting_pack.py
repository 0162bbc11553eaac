"""The matching meeting's papers: one printable PDF, in Swedish or English.

What the pack holds, in this order:

- a title page block: the programme, how the plan was found, how many adepts have a mentor;
- one card per pair: the adept, the mentor, the workplace (the placement), the score, why
  this pair in words built from the score components (:func:`pair_reasons`), contact details
  when the ids are e-mail addresses, whether the pair is locked and the coordinator's note;
- the adepts without a mentor, each with the reason in words;
- for a plan with roles, the plan by role: a row per adept who needs anything, with the
  placement and a column per role (the person's name), then each unmet need with its reason;
- the equality summary from the suppressed figures (:func:`~smile_core.equality.figures.
  gender_table` and :func:`~smile_core.equality.figures.target_checks`): a hidden figure prints
  as "–", so no small group can be read off the paper.

The rules it keeps:

- Every text that came from a file or a coordinator (names, fields, notes) is printed as
  plain characters: fpdf2 is only ever given it with markup off, so ``**x**`` or ``<b>`` prints
  as typed and nothing in a cell can change the layout or the words around it.
- The font is Noto Sans from the ``fontpkg-noto-sans`` wheel, embedded (subset) in the PDF:
  Swedish letters and the Latin, Greek and Cyrillic letters of names print on any machine,
  with no system font or binary needed. The variable font is embedded at its default (regular)
  instance: instancing a bold one costs seconds per pack, so emphasis is drawn by stroking.
- The pack is the coordinator's working paper and names people; it is not for the steering
  group (that is :mod:`smile_core.reports.report`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from smile_core import text as core_text
from smile_core.equality.figures import (
    gender_table,
    target_checks,
    workplace_mix,
    workplace_mix_words,
)
from smile_core.equality.metrics import OTHER
from smile_core.equality.role_figures import report_roles
from smile_core.equality.suppression import DEFAULT_MIN_COUNT, check_min_count
from smile_core.ingest.participants import Adept, AdeptId, Mentor, Programme
from smile_core.matching.plan import MatchResult, Pair, Plan, Status
from smile_core.matching.plan_table import SENSITIVE_PARTS, unmatched_frame
from smile_core.matching.role_plan import RolePlan
from smile_core.matching.role_view import role_name
from smile_core.matching.scoring import COMPONENTS
from smile_core.matching.settings import MatchSettings
from smile_core.reports.match_output import shortfall_words
from smile_core.reports.role_output import role_table
from smile_core.text import t
from smile_core.text.labels import label

if TYPE_CHECKING:
    from smile_core.reports.pdf_document import Document

#: The accent colour of rules and headings (RGB).
ACCENT = (42, 111, 151)

#: What a hidden (suppressed) figure prints as.
HIDDEN_MARK = "–"


_STATUS_KEYS = {
    Status.OPTIMAL: "meeting.status.optimal",
    Status.FEASIBLE: "meeting.status.feasible",
    Status.INFEASIBLE: "meeting.status.infeasible",
    Status.NO_SOLUTION_IN_TIME: "meeting.status.time_limit",
}


def meeting_pack_pdf(
    programme_name: str,
    result: MatchResult,
    programme: Programme,
    lang: str = "sv",
    *,
    plan: Plan | None = None,
    settings: MatchSettings | None = None,
    notes: Mapping[AdeptId, str] | None = None,
    extra_reasons: Mapping[AdeptId, Sequence[tuple[str, str]]] | None = None,
    min_count: int = DEFAULT_MIN_COUNT,
) -> bytes:
    """The matching meeting's pack for ``programme`` and its plan as PDF bytes.

    ``plan`` replaces the result's plan when the coordinator edited it; ``settings`` gives the
    score weights and equality targets (defaults if omitted); ``notes`` are the coordinator's
    notes per adept; ``extra_reasons`` adds (Swedish, English) sentences per adept to the
    pair's reasons or the unmatched adept's reason (e.g. an earlier cohort's mentor not
    offered again). With a plan with roles (``result.roles``) the pack adds the plan by role,
    the main role's pairs taken from ``plan``. ``lang`` is "sv" or "en". Raises
    ``ValueError`` for another language or a minimum count below the suppression's floor.
    """
    if lang not in ("sv", "en"):
        raise ValueError(f"unknown language {lang!r}; expected 'sv' or 'en'")
    check_min_count(min_count)
    settings = settings or MatchSettings()
    plan = plan if plan is not None else result.plan
    notes = notes or {}
    extra = extra_reasons or {}
    index = 0 if lang == "sv" else 1
    # fpdf2 takes about half a second to import: only when a PDF is made, so the Export
    # page opens without it.
    from smile_core.reports.pdf_document import Document

    pdf = Document(lang)
    title = t("meeting.title", lang)
    if programme_name.strip():
        title = f"{title}: {programme_name.strip()}"
    pdf.set_title(title)
    pdf.add_page()
    pdf.heading(title, 18)
    words = shortfall_words(result, lang)
    key = _STATUS_KEYS[result.status] if words is None else "meeting.status.feasible_points"
    status = t(key, lang, gap=core_text.gap_percent(result.gap, lang), shortfall=words)
    if result.hand_edits and result.has_plan:
        # The solver's verdict is on its own plan; the plan printed here was changed by hand.
        status = t("meeting.status.edited", lang, count=result.hand_edits, solver=status)
    pdf.paragraph(status)
    pdf.paragraph(
        t("meeting.summary", lang, matched=len(plan.pairs), adepts=len(programme.adepts)),
    )

    pdf.section(t("meeting.pairs.heading", lang))
    if not plan.pairs:
        pdf.paragraph(t("meeting.pairs.none", lang))
    for number, pair in enumerate(plan.pairs, start=1):
        more = [sentence[index] for sentence in extra.get(pair.adept_id, ())]
        _pair_card(pdf, number, pair, programme, settings, notes.get(pair.adept_id, ""), more)

    pdf.section(t("meeting.unmatched.heading", lang))
    unmatched = unmatched_frame(result, programme, plan)
    if unmatched.is_empty():
        pdf.paragraph(t("meeting.unmatched.none", lang))
    for row in unmatched.iter_rows(named=True):
        adept = programme.adept_by_id[row["adept_id"]]
        reason = row[f"message_{lang}"]
        more = [sentence[index] for sentence in extra.get(adept.id, ())]
        pdf.keep_room(18)
        pdf.strong(_person(adept.name, adept.id))
        pdf.paragraph(" ".join([reason.rstrip(".") + ".", *more]), indent=4)
        note = notes.get(adept.id, "")
        if note.strip():
            pdf.paragraph(f"{t('meeting.note', lang)}: {note.strip()}", indent=4)

    if result.roles is not None:
        _roles(pdf, report_roles(result.roles, plan), programme, lang)
    _equality(pdf, programme, plan, settings, min_count, lang)
    pdf.paragraph(t("meeting.suppression", lang, mark=HIDDEN_MARK, k=min_count), muted=True)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- reasons


@dataclass(frozen=True)
class _Words:
    lang: str

    def __call__(self, key: str, **values: object) -> str:
        return t(f"meeting.why.{key}", self.lang, **values)


def pair_reasons(
    pair: Pair, programme: Programme, settings: MatchSettings, lang: str = "sv"
) -> list[str]:
    """Why this pair, in sentences of ``lang`` built from the pair's score components.

    One sentence per component that adds points (the strongest first), naming what the two
    share (the wished job, the languages, the municipality, the goals); then the gender
    preference penalty when one was taken off. A pair read back without components gets no
    sentence. Values from the files are quoted as they are, never interpreted.
    """
    parts = dict(pair.components)
    adept = programme.adept_by_id.get(pair.adept_id)
    mentor = programme.mentor_by_id.get(pair.mentor_id)
    if adept is None or mentor is None or not parts:
        return []
    words = _Words(lang)
    weights = settings.weights
    total = sum(getattr(weights, name) for name in COMPONENTS)
    ranked = sorted(
        (
            (100 * getattr(weights, name) / total * float(parts.get(name) or 0.0), name)
            for name in COMPONENTS
            # The pack is read at the matching meeting: never the sensitive parts.
            if name not in SENSITIVE_PARTS
        ),
        key=lambda item: -item[0],
    )
    sentences = []
    for points, name in ranked:
        value = float(parts.get(name) or 0.0)
        if points <= 0:
            continue
        sentence = _component_sentence(name, value, adept, mentor, settings, words)
        if sentence:
            sentences.append(f"{sentence} (+{_number(points, lang)})")
    penalty = float(parts.get("gender_penalty") or 0.0)
    if penalty > 0:
        sentences.append(words("gender_penalty", points=_number(penalty, lang)))
    return sentences


def _component_sentence(
    name: str, value: float, adept: Adept, mentor: Mentor, settings: MatchSettings, words: _Words
) -> str:
    full = value >= 1.0
    if name == "target_field":
        return words("target_same" if full else "target_related", field=adept.target_field)
    if name == "background":
        return words("background_same" if full else "background_related", field=adept.field)
    if name == "language":
        shared = sorted(
            set(adept.languages) & set(mentor.languages) - {settings.programme_language}
        )
        if full and shared:
            return words("language_shared", languages=", ".join(shared))
        return words("language_swedish")
    if name == "location":
        if full:
            return words("location_municipality", place=_place(adept.municipality))
        return words("location_region", place=_place(adept.region))
    if name == "goals":
        offered = [g for g in adept.goals if g in mentor.offers]
        if not offered:
            return words("goals_unknown")
        return words(
            "goals",
            goals=", ".join(_goal(g, words.lang) for g in offered),
            offered=len(offered),
            wanted=len(adept.goals),
        )
    if name == "availability":
        shared_times = [a for a in adept.availability if a in mentor.availability]
        if not shared_times:
            return words("availability_unknown")
        return words("availability", times=", ".join(shared_times))
    return ""


def _goal(code: str, lang: str) -> str:
    try:
        return t(f"goal.{code}", lang)
    except KeyError:
        return code


# --------------------------------------------------------------------------- layout


def _pair_card(
    pdf: Document,
    number: int,
    pair: Pair,
    programme: Programme,
    settings: MatchSettings,
    note: str,
    extra: Sequence[str],
) -> None:
    lang = pdf.lang
    adept = programme.adept_by_id.get(pair.adept_id)
    mentor = programme.mentor_by_id.get(pair.mentor_id)
    workplace_id = pair.workplace_id or (mentor.workplace_id if mentor else "")
    workplace = programme.workplace_by_id.get(workplace_id)
    pdf.keep_room(45)
    top = pdf.get_y()
    adept_text = _person(adept.name if adept else "", pair.adept_id)
    mentor_text = _person(mentor.name if mentor else "", pair.mentor_id)
    pdf.strong(f"{number}. {adept_text} – {mentor_text}", indent=3)
    lines = [
        f"{t('meeting.adept', lang)}: {adept_text}"
        + (
            f", {t('meeting.wished_job', lang)}: {adept.target_field}"
            if adept and adept.target_field
            else ""
        ),
        f"{t('meeting.mentor', lang)}: {mentor_text}"
        + (f", {t('meeting.job', lang)}: {mentor.field}" if mentor and mentor.field else ""),
    ]
    if workplace_id:
        place = _person(workplace.name if workplace else "", workplace_id)
        if workplace and workplace.municipality:
            place = f"{place}, {_place(workplace.municipality)}"
        lines.append(f"{t('meeting.workplace', lang)}: {place}")
    else:
        lines.append(f"{t('meeting.workplace', lang)}: {t('meeting.no_workplace', lang)}")
    lines.append(f"{t('meeting.score', lang)}: {_number(pair.score, lang)}")
    # A contact is the e-mail column when the files had one, else an id that is an address.
    contacts = [
        person.email if person is not None and person.email else person_id
        for person, person_id in ((adept, pair.adept_id), (mentor, pair.mentor_id))
        if (person is not None and person.email) or _is_email(person_id)
    ]
    if contacts:
        lines.append(f"{t('meeting.contact', lang)}: {', '.join(contacts)}")
    if pair.locked:
        lines.append(t("meeting.locked", lang))
    for line in lines:
        pdf.paragraph(line, indent=4)
    reasons = [*pair_reasons(pair, programme, settings, lang), *extra]
    if reasons:
        pdf.paragraph(f"{t('meeting.why', lang)}:", indent=4)
        for reason in reasons:
            pdf.paragraph(f"• {reason}", indent=8)
    if note.strip():
        pdf.paragraph(f"{t('meeting.note', lang)}: {note.strip()}", indent=4)
    # A thin rule in the margin along the card: the cards read apart at a glance.
    bottom = pdf.get_y()
    if bottom > top:  # not when the card ran over a page break
        with pdf.local_context(draw_color=ACCENT, line_width=0.6):
            pdf.line(pdf.l_margin + 1, top + 1, pdf.l_margin + 1, bottom)
    pdf.ln(3)


def _roles(pdf: Document, roles: RolePlan, programme: Programme, lang: str) -> None:
    """The plan by role: a row per adept who needs anything (name and id, the placement's
    workplace and the person in each role; blank: none), then each unmet need and why."""
    pdf.section(t("meeting.roles.heading", lang), room=40)
    frame = role_table(roles, programme, lang)
    # The adept as "name (id)" like the cards, in the wide first column; the unmet needs are
    # long sentences: listed below the table rather than in a cell.
    ids, names, *columns, _unmet = frame.columns
    pdf.table(
        [names, *columns],
        [
            [_person(row[names] or "", row[ids]), *(row[c] or "" for c in columns)]
            for row in frame.iter_rows(named=True)
        ],
    )
    if not roles.unmatched:
        pdf.paragraph(t("meeting.roles.all_met", lang))
        return
    pdf.strong(t("meeting.roles.unmet", lang))
    for unmet in roles.unmatched:
        adept = programme.adept_by_id.get(unmet.adept_id)
        who = _person(adept.name if adept else "", unmet.adept_id)
        role = role_name(roles.setup, unmet.role, lang)
        pdf.paragraph(f"{who} – {role}: {unmet.message(lang).rstrip('.')}.", indent=4)


def _equality(
    pdf: Document,
    programme: Programme,
    plan: Plan,
    settings: MatchSettings,
    min_count: int,
    lang: str,
) -> None:
    pdf.section(t("meeting.equality.heading", lang), room=70)  # the first table comes along
    table = gender_table(programme, plan, min_count=min_count)
    present = {a.gender.value for a in programme.adepts}
    rows = []
    for row in table.iter_rows(named=True):
        # A gender nobody has needs no row; the merged small groups ("other or not given")
        # always keep theirs, hidden figures and all, so nothing silently drops out.
        if row["gender"] not in (None, OTHER) and row["gender"] not in present:
            continue
        rows.append(
            [
                t("meeting.equality.all", lang)
                if row["gender"] is None
                else label("gender", row["gender"], lang),
                _count(row["applicants"]),
                _count(row["matched"]),
                _percent(row["match_rate"], lang),
                _number(row["mean_score"], lang),
            ]
        )
    pdf.table(
        [
            t("meeting.equality.gender", lang),
            t("meeting.equality.applicants", lang),
            t("meeting.equality.matched", lang),
            t("meeting.equality.match_rate", lang),
            t("meeting.equality.mean_score", lang),
        ],
        rows,
    )
    checks = []
    mix = workplace_mix(programme, plan, min_count=min_count)
    for row in target_checks(table, settings, mix).iter_rows(named=True):
        value = HIDDEN_MARK if row["value"] is None else _number(row["value"], lang)
        target = (
            t("meeting.equality.no_target", lang)
            if row["target"] is None
            else _number(row["target"], lang)
        )
        if row["rule"] == "match_rate":
            name = t("meeting.equality.shortfall", lang, group=label("gender", row["gender"], lang))
        elif row["rule"] == "quality":
            name = t("meeting.equality.quality_gap", lang)
        else:
            name, words, target = workplace_mix_words(row, settings.equality.workplace_mix, lang)
            value = words or HIDDEN_MARK
        verdict = (
            t(f"meeting.verdict.{row['status']}", lang)
            if row["enabled"]
            else t("meeting.verdict.off", lang)
        )
        checks.append([name, value, target, verdict])
    if checks:
        pdf.table(
            [
                t("meeting.equality.rule", lang),
                t("meeting.equality.figure", lang),
                t("meeting.equality.target", lang),
                t("meeting.equality.verdict", lang),
            ],
            checks,
        )


# --------------------------------------------------------------------------- formatting


def _place(name: str) -> str:
    """A municipality or region (stored case-folded) as it is written: capital initials, but
    "län" and "kommun" in lower case ("Jönköpings län", "Upplands Väsby")."""
    return " ".join(
        word if word in ("län", "kommun") else word[:1].upper() + word[1:]
        for word in name.split(" ")
    )


def _person(name: str, identifier: str) -> str:
    return f"{name} ({identifier})" if name.strip() else identifier


def _is_email(value: str) -> bool:
    local, at, domain = value.partition("@")
    return bool(at and local and "." in domain and " " not in value)


def _number(value: float | None, lang: str, decimals: int = 1) -> str:
    if value is None:
        return HIDDEN_MARK
    return core_text.number(value, lang, decimals)


def _percent(share: float | None, lang: str) -> str:
    return HIDDEN_MARK if share is None else core_text.percent(share, lang)


def _count(value: int | None) -> str:
    return HIDDEN_MARK if value is None else str(value)

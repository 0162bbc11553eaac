"""The printable steering-group report: one self-contained HTML page.

What it shows: how the plan was found, applicants and matched adepts by gender with the match
rate and mean score, each equality figure against its target, outcome rates (in work and in
qualified jobs) by programme and by gender, whether adepts in work say the mentor contributed,
and the survey's share agreeing per item — as tables and simple bar charts. For a plan with roles
(placement, handledare, mentor …) also, per role and for the placement, how many adepts of
each gender need it, how many have it and the share, and outcomes by role (had it, needed it
but had nobody, did not need it). Without roles the page is exactly what it was before roles.

The rules it keeps:

- Every figure comes from the suppressed tables (:mod:`smile_core.equality.figures`,
  :mod:`smile_core.equality.role_figures`, :mod:`smile_core.outcomes.outcome_figures`); a
  hidden figure prints as "–" and draws no bar. The report holds aggregates only: no name,
  no row about one person.
- Nothing leaves the machine: inline CSS, inline SVG, no script, font, image or link to
  anywhere (the page works offline and prints as it is, with ``@media print`` rules).
- Every text that came from a file or a coordinator (programme, cohort, item and role names)
  and every other text value is escaped with :func:`html.escape`, so a name like
  ``<img src=x onerror=alert(1)>`` prints as those characters and never runs.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import polars as pl

from smile_core import text as words
from smile_core.equality.figures import (
    HIDDEN,
    gender_table,
    target_checks,
    workplace_mix,
    workplace_mix_words,
)
from smile_core.equality.role_figures import (
    protect_role_outcomes,
    report_roles,
    role_gender_figures,
)
from smile_core.equality.suppression import DEFAULT_MIN_COUNT, check_min_count
from smile_core.ingest.participants import Programme
from smile_core.ingest.tables import adepts_frame
from smile_core.matching.plan import MatchResult, Plan
from smile_core.matching.role_plan import RolePlan
from smile_core.matching.role_view import role_name
from smile_core.matching.settings import MatchSettings
from smile_core.outcomes.outcome_figures import (
    contribution_summary,
    group_rates,
    outcome_rates,
    survey_summary,
)
from smile_core.reports.match_output import status_line
from smile_core.text.labels import label

HIDDEN_MARK = "–"

_CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2733;
  max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #d5dde5; padding-bottom: 0.2rem;
  margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-bottom: 0.4rem; }
.subtitle { color: #4a5a6a; margin-top: 0; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; min-width: 60%; }
th, td { border: 1px solid #d5dde5; padding: 0.25rem 0.6rem; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
thead th { background: #eef2f6; }
.verdict-green { color: #1e6b34; font-weight: 600; }
.verdict-amber { color: #8a5a00; font-weight: 600; }
.verdict-red { color: #a32020; font-weight: 600; }
.verdict-hidden { color: #6b7785; }
figure { margin: 0.5rem 0 1.2rem; }
figcaption { font-weight: 600; margin-bottom: 0.3rem; }
svg text { font-family: inherit; font-size: 12px; fill: #1d2733; }
.note { color: #4a5a6a; font-size: 0.9rem; }
footer { margin-top: 2.5rem; border-top: 1px solid #d5dde5; padding-top: 0.5rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  section, figure, table { break-inside: avoid; }
  thead th { background: #eef2f6 !important; print-color-adjust: exact;
    -webkit-print-color-adjust: exact; }
  svg rect { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""

_BAR_COLOUR = "#2a6f97"


def steering_report_html(
    programme_name: str,
    result: MatchResult,
    programme: Programme,
    followups: pl.DataFrame | None = None,
    evaluations: pl.DataFrame | None = None,
    lang: str = "sv",
    min_count: int = DEFAULT_MIN_COUNT,
    *,
    settings: MatchSettings | None = None,
    plan: Plan | None = None,
    months: int = 12,
) -> str:
    """The steering-group report for ``programme`` and its plan as one HTML page (a string).

    ``plan`` replaces the result's plan when the coordinator edited it; ``settings`` gives
    the equality targets (defaults if omitted). ``followups`` and ``evaluations`` are the
    frames of :mod:`smile_core.outcomes.outcomes_reading` (of this programme, or of several with a
    ``programme`` column: outcomes by gender use this programme's rows when there are any).
    ``lang`` is "sv" or "en". When the result has a plan with roles (``result.roles``), the
    report adds equality by role and, with follow-ups, outcomes by role (the main role's
    pairs taken from ``plan``, so hand edits count).
    """
    if lang not in ("sv", "en"):
        raise ValueError(f"unknown language {lang!r}; expected 'sv' or 'en'")
    check_min_count(min_count)
    t = _Texts(lang)
    settings = settings or MatchSettings()
    plan = plan if plan is not None else result.plan
    title = f"{t('title')}: {programme_name}" if programme_name.strip() else t("title")
    roles = report_roles(result.roles, plan) if result.roles is not None else None
    body = [
        f"<header><h1>{_e(title)}</h1></header>",
        _matching_section(t, result, plan, programme, min_count),
        _equality_section(t, programme, plan, settings, min_count),
    ]
    if roles is not None:
        body.append(_role_equality_section(t, programme, plan, roles, min_count))
    body.append(_outcomes_section(t, programme_name, programme, followups, months, min_count))
    if roles is not None and followups is not None and not followups.is_empty():
        body.append(
            _role_outcomes_section(
                t, programme_name, programme, plan, followups, roles, months, min_count
            )
        )
    body += [
        _survey_section(t, evaluations, min_count),
        "<footer>"
        f'<p class="note">{_e(t("suppression", mark=HIDDEN_MARK, k=min_count))}</p>'
        f'<p class="note">{_e(t("generated"))}</p>'
        "</footer>",
    ]
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


# --------------------------------------------------------------------------- text


class _Texts:
    """The report's words in one language, with numbers written the way it writes them."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        return words.t(f"report.{key}", self.lang, **values)

    def percent(self, share: float | None) -> str:
        return HIDDEN_MARK if share is None else words.percent(share, self.lang)

    def number(self, value: float | None, decimals: int = 1) -> str:
        return HIDDEN_MARK if value is None else words.number(value, self.lang, decimals)

    def count(self, value: int | None) -> str:
        return HIDDEN_MARK if value is None else words.integer(value, self.lang)

    def gender(self, code: str | None) -> str:
        return self("all") if code is None else label("gender", code, self.lang)


def _e(value: object) -> str:
    """Any value as HTML text: escaped, quotes included, so it can never become markup."""
    return html.escape(str(value), quote=True)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool]) -> str:
    """A table of already-formatted text cells; every cell and header is escaped here."""
    head = "".join(
        f'<th class="num">{_e(h)}</th>' if num else f"<th>{_e(h)}</th>"
        for h, num in zip(headers, numeric, strict=True)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{_e(c)}</td>' if num else f"<td>{_e(c)}</td>"
            for c, num in zip(row, numeric, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _bar_chart(
    caption: str,
    bars: Sequence[tuple[str, float | None, str]],
    *,
    maximum: float = 1.0,
    hidden: str = HIDDEN_MARK,
) -> str:
    """A horizontal bar chart in inline SVG: (label, value or None when hidden, value text).

    A hidden value draws no bar (never a bar of 0) and prints ``hidden`` in italics instead.
    """
    label_width, bar_width, row_height = 270, 300, 24
    width = label_width + bar_width + 70
    height = row_height * len(bars) + 8
    parts = [
        f'<svg role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f"<title>{_e(caption)}</title>"
    ]
    for i, (name, value, text) in enumerate(bars):
        y = 4 + i * row_height
        middle = y + row_height / 2 + 4
        shown = name if len(name) <= 38 else name[:37] + "…"  # about 7 px a character
        parts.append(f'<text x="0" y="{middle:.0f}">{_e(shown)}</text>')
        if value is not None and maximum > 0:
            length = max(0.0, min(1.0, value / maximum)) * bar_width
            parts.append(
                f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" '
                f'height="{row_height - 6}" fill="{_BAR_COLOUR}"></rect>'
            )
            end = label_width + length + 6
            parts.append(f'<text x="{end:.1f}" y="{middle:.0f}">{_e(text)}</text>')
        else:
            end = label_width + 6
            parts.append(
                f'<text x="{end:.1f}" y="{middle:.0f}" font-style="italic" fill="#6b7785">'
                f"{_e(hidden)}</text>"
            )
    parts.append("</svg>")
    return f"<figure><figcaption>{_e(caption)}</figcaption>{''.join(parts)}</figure>"


# --------------------------------------------------------------------------- sections


def _matching_section(
    t: _Texts, result: MatchResult, plan: Plan, programme: Programme, min_count: int
) -> str:
    status = status_line(result, t.lang)
    totals = gender_table(programme, plan, min_count=min_count).filter(pl.col("gender").is_null())
    row = totals.row(0, named=True)
    lines = [f"<p>{_e(status)}</p>"]
    if row["applicants"] is not None and row["matched"] is not None:
        matched = t("matched_of", matched=row["matched"], applicants=row["applicants"])
        lines.append(f"<p>{_e(matched)}</p>")
    return f"<section><h2>{_e(t('matching'))}</h2>{''.join(lines)}</section>"


def _equality_section(
    t: _Texts, programme: Programme, plan: Plan, settings: MatchSettings, min_count: int
) -> str:
    table = gender_table(programme, plan, min_count=min_count)
    shown = table  # its gender rows are the published ones (small categories merged)
    rows = [
        (
            t.gender(row["gender"]),
            t.count(row["applicants"]),
            t.count(row["matched"]),
            t.percent(row["match_rate"]),
            t.number(row["mean_score"]),
        )
        for row in shown.iter_rows(named=True)
    ]
    parts = [
        f"<h2>{_e(t('equality'))}</h2>",
        _table(
            [t("gender"), t("applicants"), t("matched"), t("match_rate"), t("mean_score")],
            rows,
            [False, True, True, True, True],
        ),
        _bar_chart(
            t("match_rate_chart"),
            [
                (t.gender(r["gender"]), r["match_rate"], t.percent(r["match_rate"]))
                for r in shown.iter_rows(named=True)
                # A group of nobody has no rate: "hidden" there would suggest someone.
                if r["gender"] is not None and r["applicants"] != 0
            ],
            hidden=t(HIDDEN),
        ),
    ]
    checks = target_checks(table, settings, workplace_mix(programme, plan, min_count=min_count))
    check_rows = []
    for row in checks.iter_rows(named=True):
        if row["rule"] == "workplace_mix":
            name, value, target = workplace_mix_words(row, settings.equality.workplace_mix, t.lang)
        elif row["rule"] == "match_rate":
            name = t("shortfall", group=t.gender(row["gender"]))
            value, target = (
                t("points", value=t.number(row["value"])) if row["value"] is not None else None,
                t("points", value=t.number(row["target"])),
            )
        else:
            name = t("quality_gap")
            value, target = (
                t("score_points", value=t.number(row["value"]))
                if row["value"] is not None
                else None,
                t("score_points", value=t.number(row["target"]))
                if row["target"] is not None
                else t("no_target_value"),
            )
        verdict = t(row["status"]) if row["enabled"] else t("rule_off")
        check_rows.append((name, value or HIDDEN_MARK, target, verdict, row["status"]))
    if check_rows:
        head = [t("rule"), t("figure"), t("target"), t("verdict")]
        body = "".join(
            "<tr>"
            f'<td>{_e(name)}</td><td class="num">{_e(value)}</td>'
            f'<td class="num">{_e(target)}</td>'
            f'<td class="verdict-{_e(status)}">{_e(verdict)}</td>'
            "</tr>"
            for name, value, target, verdict, status in check_rows
        )
        header = "".join(f"<th>{_e(h)}</th>" for h in head)
        parts.append(f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>")
    return f"<section>{''.join(parts)}</section>"


def _outcomes_section(
    t: _Texts,
    programme_name: str,
    programme: Programme,
    followups: pl.DataFrame | None,
    months: int,
    min_count: int,
) -> str:
    heading = f"<h2>{_e(t('outcomes'))}</h2>"
    if followups is None or followups.is_empty():
        return f"<section>{heading}<p>{_e(t('no_followups'))}</p></section>"
    frame = followups
    if "programme" not in frame.columns:
        frame = frame.with_columns(programme=pl.lit(programme_name, dtype=pl.String))
    parts = [heading, f'<p class="note">{_e(t("months", months=months))}</p>']
    by_programme = group_rates(
        outcome_rates(frame, by="programme", months=months, min_count=min_count)
    )
    parts.append(f"<h3>{_e(t('by_programme'))}</h3>")
    parts.append(_rates_table(t, by_programme, lambda r: r["group"]))
    parts.append(
        _bar_chart(
            t("in_work_chart"),
            [
                (r["group"], r["in_work_rate"], t.percent(r["in_work_rate"]))
                for r in by_programme.iter_rows(named=True)
            ],
            hidden=t(HIDDEN),
        )
    )
    # By gender for this programme's adepts only: other programmes' ids may repeat. Its rows
    # are those named after it, or all of them when the follow-ups hold one programme only.
    own = frame.filter(pl.col("programme") == programme_name)
    if own.is_empty() and frame["programme"].n_unique() == 1:
        own = frame
    if not own.is_empty():
        by_gender = group_rates(
            outcome_rates(
                own.drop("programme"),
                adepts_frame(programme),
                by="gender",
                months=months,
                min_count=min_count,
            )
        )
        parts.append(f"<h3>{_e(t('by_gender'))}</h3>")
        parts.append(_rates_table(t, by_gender, lambda r: label("gender", r["group"], t.lang)))
    contribution = contribution_summary(frame, months=months, min_count=min_count)
    shares: dict[str, dict[str, float | None]] = {}
    for row in contribution.iter_rows(named=True):
        shares.setdefault(row["group"], {})[row["answer"]] = row["share"]
    for group, share in shares.items():
        yes, unanswered = share.get("yes"), share.get("unknown")
        if yes is None:
            continue
        # "0 % say the mentor contributed" when nobody was asked would read as a verdict.
        if unanswered is not None and unanswered >= 1:
            text = t("contribution_none", group=group)
        elif unanswered:
            text = t(
                "contribution_unanswered",
                share=t.percent(yes),
                unanswered=t.percent(unanswered),
                group=group,
            )
        else:
            text = t("contribution", share=t.percent(yes), group=group)
        parts.append(f"<p>{_e(text)}</p>")
    return f"<section>{''.join(parts)}</section>"


def _role_equality_section(
    t: _Texts, programme: Programme, plan: Plan, roles: RolePlan, min_count: int
) -> str:
    """Per column of the plan with roles (placement first): the adepts of each gender row who
    need it, those who have it and the share, suppressed together with the figures by gender."""
    figures = role_gender_figures(programme, plan, roles, min_count=min_count)
    parts = [
        f"<h2>{_e(t('roles_equality'))}</h2>",
        f'<p class="note">{_e(t("roles_equality_note"))}</p>',
    ]
    for column in roles.columns:
        name = role_name(roles.setup, column, t.lang)
        rows = figures.filter(pl.col("column") == column)
        parts.append(f"<h3>{_e(name)}</h3>")
        parts.append(
            _table(
                [t("gender"), t("needed"), t("filled"), t("filled_share")],
                [
                    (
                        t.gender(r["gender"]),
                        t.count(r["needed"]),
                        t.count(r["filled"]),
                        t.percent(r["share"]),
                    )
                    for r in rows.iter_rows(named=True)
                ],
                [False, True, True, True],
            )
        )
        parts.append(
            _bar_chart(
                t("filled_chart", role=name),
                [
                    (t.gender(r["gender"]), r["share"], t.percent(r["share"]))
                    for r in rows.iter_rows(named=True)
                    if r["gender"] is not None
                ],
                hidden=t(HIDDEN),
            )
        )
    return f"<section>{''.join(parts)}</section>"


def _role_outcomes_section(
    t: _Texts,
    programme_name: str,
    programme: Programme,
    plan: Plan,
    followups: pl.DataFrame,
    roles: RolePlan,
    months: int,
    min_count: int,
) -> str:
    """Outcomes per column of the plan with roles: adepts who had it, needed it but had
    nobody, did not need it; this programme's follow-ups only (as the figures by gender)."""
    parts = [
        f"<h2>{_e(t('roles_outcomes'))}</h2>",
        f'<p class="note">{_e(t("roles_outcomes_note", months=months))}</p>',
    ]
    # This programme's rows, chosen as for the outcomes by gender: other programmes' adept
    # ids may repeat, and the plan with roles is this programme's.
    own = followups
    if "programme" in own.columns:
        named = own.filter(pl.col("programme") == programme_name)
        if not named.is_empty() or own["programme"].n_unique() > 1:
            own = named
        own = own.drop("programme")
    if own.is_empty():
        parts.append(f"<p>{_e(t('no_followups'))}</p>")
        return f"<section>{''.join(parts)}</section>"
    for column in roles.columns:
        rates = outcome_rates(
            own, by="role", role=column, roles=roles, months=months, min_count=min_count
        )
        # Withheld where the equality figures by role above hide anything in this column.
        rates = group_rates(
            protect_role_outcomes(rates, programme, plan, roles, column, min_count=min_count)
        )
        parts.append(f"<h3>{_e(role_name(roles.setup, column, t.lang))}</h3>")
        parts.append(_rates_table(t, rates, lambda r: r[f"label_{t.lang}"]))
    return f"<section>{''.join(parts)}</section>"


def _rates_table(t: _Texts, rates: pl.DataFrame, name_of: Callable[[dict], str]) -> str:
    rows = [
        (
            name_of(row),
            t.count(row["group_total"]),
            t.percent(row["in_work_rate"]),
            t.percent(row["qualified_rate"]),
        )
        for row in rates.iter_rows(named=True)
    ]
    return _table(
        [t("group"), t("followed_up"), t("in_work"), t("qualified")],
        rows,
        [False, True, True, True],
    )


def _survey_section(t: _Texts, evaluations: pl.DataFrame | None, min_count: int) -> str:
    heading = f"<h2>{_e(t('survey'))}</h2>"
    if evaluations is None or evaluations.is_empty():
        return f"<section>{heading}<p>{_e(t('no_evaluations'))}</p></section>"
    summary = survey_summary(evaluations, min_count).unique(
        subset=["role", "item"], keep="first", maintain_order=True
    )
    item_column = "item_sv" if t.lang == "sv" else "item_en"
    rows = [
        (
            label("role", row["role"], t.lang),
            row[item_column],
            t.count(row["respondents"]),
            t.percent(row["agree_share"]),
            t.number(row["mean"], 2),
        )
        for row in summary.iter_rows(named=True)
    ]
    chart = _bar_chart(
        t("agree_chart"),
        [
            (
                f"{label('role', row['role'], t.lang)}: {row[item_column]}",
                row["agree_share"],
                t.percent(row["agree_share"]),
            )
            for row in summary.iter_rows(named=True)
        ],
        hidden=t(HIDDEN),
    )
    table = _table(
        [t("role"), t("item"), t("respondents"), t("agree"), t("mean_answer")],
        rows,
        [False, False, True, True, True],
    )
    return f"<section>{heading}{table}{chart}</section>"

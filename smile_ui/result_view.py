"""A match result on screen: the banner, the key figures, what changed, the rules check.

The banner answers the coordinator's first question in words: is this the best possible
plan, how close is it, or why is there none. Figures come straight from the
:class:`~smile_core.matching.plan.MatchResult`; nothing is recomputed here.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
import streamlit as st

from smile_core.matching.plan import MatchResult, PlanDiff, Status
from smile_core.matching.solver.solve import CANCELLED
from smile_core.reports.match_output import shortfall_words, solver_status
from smile_core.text import MISSING, Message, gap_percent, t
from smile_core.workflows.edit_checks import EditViolation
from smile_ui.formatting import Label
from smile_ui.text import literal, number, percent

#: Key figures per row: "1 154 av 1 200" still fits a third of the page at 1280 px.
KEY_FIGURES_PER_ROW = 3


def result_banner(result: MatchResult, lang: str) -> None:
    """One coloured message: proven best, within x %, no plan in time, or the conflicting rules;
    for a plan changed by hand, that it is no longer proven, with the solver's verdict on its
    own plan (and its equality notes said to be about that plan)."""
    seconds = number(result.solve_seconds, lang, 2)
    if result.hand_edits and result.has_plan:
        st.warning(
            t(
                "matching.banner.edited",
                lang,
                count=result.hand_edits,
                solver=solver_status(result, lang),
            ),
            icon=":material/edit:",
        )
        if result.equality_notes:
            st.caption(t("matching.banner.notes_before_edits", lang))
    elif result.status is Status.OPTIMAL:
        st.success(t("matching.banner.optimal", lang, seconds=seconds), icon=":material/verified:")
    elif result.status is Status.FEASIBLE:
        gap = gap_percent(result.gap, lang)
        words = shortfall_words(result, lang)
        # A search the coordinator cancelled did not reach the time limit: say which stopped
        # it (a reopened saved run too: the stages are saved with it).
        key = (
            "matching.banner.cancelled"
            if CANCELLED in result.stages
            else "matching.banner.feasible"
        )
        key += "" if words is None else "_points"
        st.warning(
            t(key, lang, gap=gap, seconds=seconds, shortfall=words), icon=":material/timelapse:"
        )
    elif result.status is Status.NO_SOLUTION_IN_TIME:
        st.warning(t("matching.banner.time_limit", lang, seconds=seconds), icon=":material/timer:")
    else:
        lines = [t("matching.banner.infeasible", lang)]
        lines += [
            f"- {literal(c.message_sv if lang == 'sv' else c.message_en)}" for c in result.conflicts
        ]
        lines.append(t("matching.banner.infeasible_hint", lang))
        st.error("\n".join(lines), icon=":material/block:")
    # Missed equality targets (with their cause) and what a strict option costs in people.
    for note in result.equality_notes:
        st.info(
            literal(note.message_sv if lang == "sv" else note.message_en), icon=":material/balance:"
        )


def key_figures(result: MatchResult, applicants: int, lang: str) -> None:
    """Matched adepts, women and men matched, then the mean and total score, as metrics.

    Three to a row: five in one row cut "154 av 200" to "154 av …" at 1280 px."""
    matched = result.matched
    mean = result.mean_pair_score
    by_gender = {figures.gender: figures for figures in result.by_gender}
    counts = st.columns(KEY_FIGURES_PER_ROW)
    scores = st.columns(KEY_FIGURES_PER_ROW)
    counts[0].metric(
        t("matching.figures.matched", lang),
        t("matching.figures.of", lang, part=matched, whole=applicants),
        help=t("matching.figures.matched_help", lang),
    )
    for column, gender in zip(counts[1:], ("woman", "man"), strict=True):
        figures = by_gender.get(gender)
        if figures is None or not figures.applicants:
            column.metric(t(f"matching.figures.{gender}", lang), "–")
            continue
        column.metric(
            t(f"matching.figures.{gender}", lang),
            t("matching.figures.of", lang, part=figures.matched, whole=figures.applicants),
            help=t(
                "matching.figures.gender_help",
                lang,
                rate=percent(figures.match_rate, lang),
                mean=number(figures.mean_score, lang, 1),
            ),
        )
    scores[0].metric(
        t("matching.figures.mean_score", lang),
        number(mean, lang, 1),
        help=t("matching.figures.mean_score_roles_help", lang) if result.roles else None,
    )
    scores[1].metric(t("matching.figures.total_score", lang), number(result.total_score, lang, 2))


def plan_changes(diff: PlanDiff | None, lang: str) -> None:
    """What changed since the previous plan: counts in a sentence, the pairs in a table."""
    if diff is None:
        return
    st.markdown(f"**{t('matching.diff.heading', lang)}**")
    if not diff.moved:
        st.caption(t("matching.diff.none", lang, kept=diff.kept))
        return
    # Each count in its own singular or plural: "1 new pair", "1 nytt par", "1 borttaget".
    counts = {
        "added": len(diff.added),
        "removed": len(diff.removed),
        "changed": len(diff.changed),
        "kept": diff.kept,
    }
    parts = {what: Message.of(f"matching.diff.count.{what}", count=n) for what, n in counts.items()}
    st.caption(t("matching.diff.summary", lang, **parts))
    # No mentor before (added) or after (removed) reads as a dash, not as "None".
    rows = (
        [(a, MISSING, m, t("matching.diff.added", lang)) for a, m in diff.added]
        + [(a, m, MISSING, t("matching.diff.removed", lang)) for a, m in diff.removed]
        + [(a, old, new, t("matching.diff.changed", lang)) for a, old, new in diff.changed]
    )
    st.dataframe(
        pl.DataFrame(
            rows,
            schema={
                t("field.id", lang): pl.String,
                t("matching.diff.before", lang): pl.String,
                t("matching.diff.after", lang): pl.String,
                t("matching.diff.what", lang): pl.String,
            },
            orient="row",
        ),
        hide_index=True,
    )


def rules_check(violations: Sequence[EditViolation], lang: str, *, lifts: bool = True) -> None:
    """The public checks' verdict on the plan on screen: all rules kept, or which are broken;
    then any equality target the plan misses. A missed target is not a broken rule (the
    engine lifts towards it and says why it is missed), so it never reads as "match again to
    put it right": a binding cohort's proven plan misses its target by the supply alone.
    ``lifts``: whether the match-rate rule lifts the worse-off group; with it strict or off
    the caption does not say so (a review saw it under a strict option, contradicting it)."""
    broken = [v for v in violations if not v.target]
    missed = [v for v in violations if v.target]
    if broken:
        st.warning(t("matching.check.broken", lang, count=len(broken)), icon=":material/rule:")
        _violation_table(broken, lang)
    else:
        st.caption(t("matching.check.ok", lang))
    if missed:
        key = "matching.check.targets_missed" if lifts else "matching.check.targets_missed_plain"
        st.caption(t(key, lang, count=len(missed)))
        _violation_table(missed, lang)


def _violation_table(violations: Sequence[EditViolation], lang: str) -> None:
    # A rule the catalogue has no name for yet reads as its code rather than failing.
    rule_name = Label("matching.check.rule", lang)
    st.dataframe(
        pl.DataFrame(
            {
                t("matching.check.rule", lang): [rule_name(v.rule) for v in violations],
                t("matching.check.detail", lang): [v.text(lang) for v in violations],
            }
        ),
        hide_index=True,
    )

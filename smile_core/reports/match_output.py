"""A match result as rows and text: the plan and candidate CSVs, the JSON summary, the report.

These are the shapes ``smile match`` writes; the dashboard's tables (with names) live in
:mod:`smile_core.matching.plan_table`. Ids only here: files for other programs carry no names.
"""

from __future__ import annotations

import polars as pl

from smile_core.matching.plan import MatchResult
from smile_core.matching.plan_table import EXPORT_PARTS
from smile_core.text import LANGUAGES, gap_percent, number, t

_PLAN_SCHEMA = {
    "adept_id": pl.String,
    "mentor_id": pl.String,
    "workplace_id": pl.String,
    "score": pl.Float64,
    # The parts files for other programs may carry: never the sensitive ones (birth region).
    **{c: pl.Float64 for c in EXPORT_PARTS},
    "locked": pl.Boolean,
}


def plan_rows(result: MatchResult) -> pl.DataFrame:
    """One row per pair: adept_id, mentor_id, workplace_id, score, each component, locked."""
    rows = [
        {
            "adept_id": p.adept_id,
            "mentor_id": p.mentor_id,
            "workplace_id": p.workplace_id,
            "score": p.score,
            **{c: v for c, v in p.components if c in _PLAN_SCHEMA},
            "locked": p.locked,
        }
        for p in result.plan.pairs
    ]
    return pl.DataFrame(rows, schema=_PLAN_SCHEMA)


def candidate_rows(scores: pl.DataFrame) -> pl.DataFrame:
    """Every allowed pair of a :func:`~smile_core.matching.scoring.score_pairs` frame, best first
    per adept: adept_id, mentor_id, workplace_id, score and its components."""
    return (
        scores.filter(pl.col("allowed"))
        .select("adept_id", "mentor_id", "workplace_id", "score", *EXPORT_PARTS)
        .sort(["adept_id", "score", "mentor_id"], descending=[False, True, False])
    )


def result_json(result: MatchResult) -> dict[str, object]:
    """The JSON summary: status, matched, unmatched (counts), total_score, best_bound, gap
    (a fraction), score_shortfall (at most how many points of total score the best possible
    plan has more, when the gap is the score's own: ``MatchResult.score_shortfall``; else
    ``null``), proven (optimal with gap 0), solve_seconds, by_gender, plus the unmatched
    adepts with reasons, the equality notes (missed targets with their cause, what a strict
    option costs) and, when no plan exists, the conflicting rules."""
    shortfall = result.score_shortfall
    return {
        "status": result.status.value,
        "matched": result.matched,
        "unmatched": len(result.unmatched),
        "total_score": result.total_score,
        "best_bound": result.best_bound,
        "gap": round(result.gap, 6),
        "score_shortfall": None if shortfall is None else round(shortfall, 2),
        "proven": result.proven,
        "hand_edits": result.hand_edits,
        "solve_seconds": result.solve_seconds,
        "by_gender": {
            g.gender: {"applicants": g.applicants, "matched": g.matched, "mean_score": g.mean_score}
            for g in result.by_gender
        },
        "unmatched_adepts": [
            {"adept_id": u.adept_id, "reason": u.reason.value, "message": u.message_en}
            for u in result.unmatched
        ],
        "equality_notes": [
            {"kind": n.kind, "message_sv": n.message_sv, "message_en": n.message_en}
            for n in result.equality_notes
        ],
        "conflicts": [
            {"kind": c.kind, "message_sv": c.message_sv, "message_en": c.message_en}
            for c in result.conflicts
        ],
    }


def shortfall_words(result: MatchResult, lang: str) -> str | None:
    """How much more score the best possible plan can have, in points in all and per matched
    pair ("den bästa möjliga planen har högst 6,77 poäng mer i summa, 0,10 per matchat par"),
    when the result can say it (:attr:`~smile_core.matching.plan.MatchResult.score_shortfall`);
    else ``None``. A share of a bound means little at a meeting; points of score do."""
    shortfall = result.score_shortfall
    if shortfall is None or not result.matched:
        return None
    return t(
        "matching.shortfall",
        lang,
        points=number(shortfall, lang, 2),
        per_pair=number(shortfall / result.matched, lang, 2),
    )


def solver_status(result: MatchResult, lang: str) -> str:
    """What the search proved about the plan it found, in one sentence (hand edits aside)."""
    words = shortfall_words(result, lang)
    key = "report.status." + (result.status.value if words is None else "feasible_points")
    return t(key, lang, gap=gap_percent(result.gap, lang), shortfall=words)


def status_line(result: MatchResult, lang: str) -> str:
    """What the search proved, in one sentence; for a plan changed by hand, that it is changed
    and no longer proven, with the solver's verdict on its own plan."""
    said = solver_status(result, lang)
    if result.hand_edits and result.has_plan:
        return t("report.status.edited", lang, count=result.hand_edits, solver=said)
    return said


def result_text(result: MatchResult) -> str:
    """A short report for a person, Swedish then English on each line."""

    def line(key: str, **params: object) -> str:
        return " / ".join(t(key, lang, **params) for lang in LANGUAGES)

    lines = [status_line(result, lang) for lang in LANGUAGES]
    if result.conflicts:
        lines += [line("cli.result.conflicts")]
        lines += [f"  - {c.message_sv} / {c.message_en}" for c in result.conflicts]
    if result.has_plan:
        applicants = sum(g.applicants for g in result.by_gender)
        lines += [
            line("cli.result.matched", matched=result.matched, applicants=applicants),
            line(
                "cli.result.total",
                # One line for both languages: plain figures, as a script would read them.
                total=f"{result.total_score:.2f}",
                bound=f"{result.best_bound:.2f}",
            ),
            line("cli.result.time", seconds=f"{result.solve_seconds:.2f}"),
            line("cli.result.by_gender"),
        ]
        for g in result.by_gender:
            if g.applicants:
                mean = "–" if g.mean_score is None else f"{g.mean_score:.2f}"
                lines.append(f"  {g.gender:<12} {g.applicants:>5} {g.matched:>5} {mean:>8}")
        for note in result.equality_notes:
            lines += [t("cli.result.equality", lang, note=note.message(lang)) for lang in LANGUAGES]
        if result.unmatched:
            lines.append(line("cli.result.unmatched"))
            lines += [f"  {u.adept_id}: {u.message_sv} / {u.message_en}" for u in result.unmatched]
    return "\n".join(lines)

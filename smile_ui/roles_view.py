"""A programme with roles on screen: the plan with a column per role, unmet needs per role,
the independent role checks and readiness per role (issue 10).

Frames come from :mod:`smile_core.matching.role_view`; cells are shown with ``st.dataframe`` (never
as HTML). Nothing here runs unless the programme or the result has roles.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl
import streamlit as st

from smile_core.ingest.participants import Programme, labelled
from smile_core.ingest.role_readiness import placement_gaps
from smile_core.matching.plan import Status
from smile_core.matching.role_checks import check_role_plan
from smile_core.matching.role_locks import refused_role_locks, role_word
from smile_core.matching.role_plan import RolePlan
from smile_core.matching.role_view import (
    choices_for,
    decisions_table,
    plan_roles_table,
    programme_setup,
    readiness_table,
    role_changes_table,
    role_counts_table,
    role_gender_table,
    role_moves_table,
    role_name,
    unmet_table,
)
from smile_core.matching.role_what_if import RoleWhatIf, what_if_roles_table
from smile_core.matching.roles import PLACEMENT
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver.role_parts import role_keys
from smile_core.text import gap_percent, t
from smile_ui import jobs_view, session
from smile_ui.formatting import Label, Lookup
from smile_ui.text import literal, number


def role_plan_section(
    plan: RolePlan | None,
    programme: Programme,
    lang: str,
    *,
    locks: Iterable[tuple[str, str, str]] = (),
    forbids: Iterable[tuple[str, str, str]] = (),
) -> None:
    """The plan by role: counts per role, the checks' verdict, the table with a column per
    role and the unmet needs with their reasons. Nothing when ``plan`` is ``None``."""
    if plan is None:
        return
    st.subheader(t("roles_ui.heading", lang))
    st.caption(t("roles_ui.help", lang))
    role_checks(plan, programme, lang, locks=locks, forbids=forbids)
    role_changes(plan, programme, lang)
    st.markdown(f"**{t('roles_ui.counts', lang)}**")
    st.dataframe(role_counts_table(plan, lang), hide_index=True)
    st.markdown(f"**{t('roles_ui.equality', lang)}**")
    share = t("roles_ui.column.share", lang)
    st.dataframe(
        role_gender_table(plan, programme, lang),
        hide_index=True,
        column_config={share: st.column_config.ProgressColumn(share, format="percent")},
    )
    st.dataframe(plan_roles_table(plan, programme, lang), hide_index=True)
    unmet = unmet_table(plan, programme, lang)
    if unmet.is_empty():
        st.caption(t("roles_ui.unmet.none", lang))
    else:
        st.markdown(f"**{t('roles_ui.unmet.heading', lang, count=unmet.height)}**")
        st.dataframe(unmet, hide_index=True)


def role_changes(plan: RolePlan, programme: Programme, lang: str) -> None:
    """After a re-solve: per role how many moved and were kept, and who moved (before and
    after). Nothing for a first solve."""
    if plan.diff is None:
        return
    st.markdown(f"**{t('roles_ui.changes.heading', lang)}**")
    st.caption(t("roles_ui.changes.help", lang))
    st.dataframe(role_changes_table(plan, programme, lang), hide_index=True)
    if not plan.diff.changes:
        st.caption(t("roles_ui.changes.none", lang))
        return
    st.dataframe(role_moves_table(plan, programme, lang), hide_index=True)


def role_checks(
    plan: RolePlan,
    programme: Programme,
    lang: str,
    *,
    locks: Iterable[tuple[str, str, str]] = (),
    forbids: Iterable[tuple[str, str, str]] = (),
) -> None:
    """The independent role checks' verdict (with the coordinator's locks and forbids per
    role): every rule kept, or which are broken."""
    violations = check_role_plan(programme, plan, locks=locks, forbids=forbids)
    if not violations:
        st.caption(t("roles_ui.check.ok", lang))
        return
    st.warning(t("roles_ui.check.broken", lang, count=len(violations)), icon=":material/rule:")
    # A rule the catalogue has no name for reads as its code rather than failing.
    rule_name = Label("matching.check.rule", lang)
    st.dataframe(
        pl.DataFrame(
            {
                t("roles_ui.check.rule", lang): [rule_name(v.rule) for v in violations],
                t("roles_ui.check.detail", lang): [v.message for v in violations],
            }
        ),
        hide_index=True,
    )


def role_readiness(programme: Programme, lang: str) -> None:
    """Readiness by role before matching: demand against seats per role, and the fields
    where adepts can be placed but have no one in a placement-tied role there. Nothing for a
    programme without roles."""
    setup = programme_setup(programme)
    if setup is None:
        return
    st.subheader(t("roles_ui.readiness.heading", lang))
    st.caption(t("roles_ui.readiness.help", lang))
    frame = readiness_table(programme, setup, lang)
    st.dataframe(frame, hide_index=True)
    gaps = placement_gaps(programme, setup)
    short = frame[t("roles_ui.column.short", lang)].sum()
    if not gaps and not short:
        st.caption(t("roles_ui.readiness.ok", lang))
    for gap in gaps:
        text = gap.message_sv if lang == "sv" else gap.message_en
        st.warning(literal(text), icon=":material/work:")


def _choice_pickers(
    plan: RolePlan, programme: Programme, columns, prefix: str, key: str, lang: str
) -> tuple[str, str | None, str | None, dict[str, str]]:
    """Role, adept (those who need it) and person or workplace (those who offer it), one
    select box per column; widget keys ``{prefix}_role|adept|person_{key}[_{role}]`` (the
    adept and person boxes per role, so changing the role never keeps a stale choice).
    Returns the role, the adept, the person and every option offered for the role."""
    role_label = Lookup(tuple((k, role_name(plan.setup, k, lang)) for k in plan.columns))
    names = {a.id: labelled(a.name, a.id) for a in programme.adepts}
    role_column, adept_column, person_column = columns
    role = role_column.selectbox(
        t("roles_ui.decide.role", lang),
        options=plan.columns,
        format_func=role_label,
        key=f"{prefix}_role_{key}",
    )
    adept = adept_column.selectbox(
        t("roles_ui.decide.adept", lang),
        options=[a for a, needs in plan.needs if role in needs],
        format_func=Lookup(tuple(names.items())),
        key=f"{prefix}_adept_{key}_{role}",
    )
    people = choices_for(programme, role)
    person = person_column.selectbox(
        t("roles_ui.decide.person", lang),
        options=list(people),
        format_func=Lookup(tuple(people.items())),
        key=f"{prefix}_person_{key}_{role}",
    )
    return role, adept, person, people


def role_decisions(plan: RolePlan, programme: Programme, key: str, lang: str) -> bool:
    """Lock or forbid a person (or workplace) in one role for one adept: role, adept, person,
    lock or forbid, and a button. Stores the decision in the workspace and returns True when
    the coordinator asked to match again; lists the decisions with a button to remove them."""
    ws = session.workspace()
    st.subheader(t("roles_ui.decide.heading", lang))
    st.caption(t("roles_ui.decide.help", lang))
    *pickers, kind_column = st.columns(4)
    role, adept, person, people = _choice_pickers(
        plan, programme, pickers, "role_decide", key, lang
    )
    kind = kind_column.radio(
        t("roles_ui.decide.kind", lang),
        options=("lock", "forbid"),
        format_func=Label("roles_ui.decide", lang),
        horizontal=True,
        key=f"role_decide_kind_{key}",
    )
    if not people:
        st.caption(t("roles_ui.decide.nobody", lang))
    asked = st.button(
        t("roles_ui.decide.submit", lang),
        type="primary",
        icon=":material/lock:",
        disabled=adept is None or person is None,
        key=f"role_decide_submit_{key}",
    )
    if asked and adept is not None and person is not None:
        item = (adept, person, role)
        # A lock and a forbid of the same choice cancel out: the newer decision wins.
        locks, forbids = set(ws.role_locks) - {item}, set(ws.role_forbids) - {item}
        (locks if kind == "lock" else forbids).add(item)
        # A decision that leaves a lock no plan can keep is refused here, by name, rather
        # than failing the solve; the new lock is judged last, so it is the one refused.
        ordered = [*sorted(locks - {item}), *([item] if item in locks else [])]
        refusals = refused_role_locks(
            programme, plan.setup, ws.settings, ordered, [*sorted(forbids), *sorted(ws.forbids)]
        )
        if refusals:
            lines = [literal(r.message(lang)) for r in refusals]
            st.error(
                "\n".join([t("role_lock.form_refused", lang), *(f"- {x}" for x in lines)]),
                icon=":material/block:",
            )
            asked = False
        else:
            session.update_workspace(role_locks=frozenset(locks), role_forbids=frozenset(forbids))
    ws = session.workspace()
    if ws.role_locks or ws.role_forbids:
        st.dataframe(
            decisions_table(plan.setup, programme, ws.role_locks, ws.role_forbids, lang),
            hide_index=True,
        )
        if st.button(t("roles_ui.decide.clear", lang), key=f"role_decide_clear_{key}"):
            session.update_workspace(role_locks=frozenset(), role_forbids=frozenset())
            st.rerun()
    return asked


def run_refused(programme: Programme, settings: MatchSettings, lang: str) -> bool:
    """Whether the workspace's locks by role cannot all be kept under ``settings`` (e.g. a
    changed related-field credit makes a locked handledare's workplace unfit): then each
    refusal is shown by name and no solve starts, instead of a solve that fails."""
    setup = programme_setup(programme)
    ws = session.workspace()
    if setup is None or not ws.role_locks:
        return False
    refusals = refused_role_locks(
        programme, setup, settings, sorted(ws.role_locks), [*sorted(ws.role_forbids), *ws.forbids]
    )
    if refusals:
        lines = [literal(r.message(lang)) for r in refusals]
        st.error(
            "\n".join([t("role_lock.run_refused", lang), *(f"- {x}" for x in lines)]),
            icon=":material/block:",
        )
    return bool(refusals)


def role_what_if_section(plan: RolePlan, programme: Programme, key: str, lang: str) -> bool:
    """What if this adept had that person in a role (or that placement)? Role, adept (those
    who need it), person or workplace (those who offer it) and a button; the answer, computed
    in a worker (:func:`smile_ui.session.role_what_if_work`), is shown without changing the
    plan. Returns True when the coordinator pressed "keep this": the choice is then a lock by
    role in the workspace and the caller re-solves with minimal change."""
    st.subheader(t("role_what_if.heading", lang))
    st.caption(t("role_what_if.help", lang))
    role, adept, person, people = _choice_pickers(
        plan, programme, st.columns(3), "role_what_if", key, lang
    )
    if not people:
        st.caption(t("roles_ui.decide.nobody", lang))
    job_key = f"role_what_if:{key}"
    ws = session.workspace()
    if st.button(
        t("role_what_if.run", lang),
        disabled=adept is None or person is None,
        key=f"role_what_if_run_{key}",
        icon=":material/help:",
    ):
        jobs_view.start(
            job_key,
            session.role_what_if_work(adept, person, role),
            search_seconds=ws.settings.time_limit_seconds,
        )
    # The what-if solves in a worker: bars and a cancel button while it runs.
    job = jobs_view.follow(job_key, t("progress.role_what_if", lang), lang)
    if job is not None:
        ws = session.update_workspace(role_what_if=job.result)
    answer = ws.role_what_if
    if answer is None:
        return False
    role_what_if_answer(answer, plan, programme, lang)
    if not answer.feasible:
        return False
    if not st.button(
        t("role_what_if.keep", lang),
        help=t("role_what_if.keep_help", lang),
        key=f"role_what_if_keep_{key}",
        icon=":material/lock:",
    ):
        return False
    item = role_keys(plan.setup, [(answer.adept_id, answer.person_id, answer.role)])[0]
    # As in the lock-by-role form: a lock replaces a forbid of the same choice.
    session.update_workspace(
        role_locks=ws.role_locks | {item},
        role_forbids=ws.role_forbids - {item},
        role_what_if=None,
    )
    return True


def role_what_if_answer(
    answer: RoleWhatIf, plan: RolePlan, programme: Programme, lang: str
) -> None:
    """The answer in words: refused (the lock rules' reasons), impossible (the conflicts), or
    the change in total score, the moves and needs filled per role and who moves."""
    adepts = {a.id: a.name or a.id for a in programme.adepts}
    if answer.role == PLACEMENT:
        places = {w.id: w.name or w.id for w in programme.workplaces}
        asked = t(
            "role_what_if.asked_placement",
            lang,
            adept=literal(adepts.get(answer.adept_id, answer.adept_id)),
            person=literal(places.get(answer.person_id, answer.person_id)),
        )
    else:
        people = {m.id: m.name or m.id for m in programme.mentors}
        asked = t(
            "role_what_if.asked",
            lang,
            adept=literal(adepts.get(answer.adept_id, answer.adept_id)),
            person=literal(people.get(answer.person_id, answer.person_id)),
            role=literal(role_word(plan.setup, answer.role).render(lang)),
        )
    st.markdown(asked)
    if answer.refusals:
        lines = [literal(r.message(lang)) for r in answer.refusals]
        st.error(
            "\n".join([t("role_what_if.refused", lang), *(f"- {x}" for x in lines)]),
            icon=":material/block:",
        )
        return
    result = answer.result
    if not answer.feasible or result is None:
        conflicts = result.conflicts if result is not None else ()
        st.error(
            "\n".join(
                [t("pairs.what_if.impossible", lang)]
                + [f"- {literal(c.message(lang))}" for c in conflicts]
            ),
            icon=":material/block:",
        )
        return
    if result.gap > 0 or result.status is not Status.OPTIMAL:
        st.warning(
            t("role_what_if.unproven", lang, gap=gap_percent(result.gap, lang)),
            icon=":material/timer:",
        )
    score, moved = st.columns(2)
    score.metric(
        t("pairs.what_if.score_change", lang),
        number(result.total_score, lang, 2),
        # No arrow for no change: an up arrow on 0 reads as a gain.
        delta=number(answer.score_change, lang, 2) if answer.score_change else None,
    )
    moved.metric(t("role_what_if.moved", lang), answer.moved)
    st.dataframe(what_if_roles_table(answer, plan.setup, lang), hide_index=True)
    if not answer.diff.changes:
        st.caption(t("role_what_if.none", lang))
        return
    st.dataframe(role_moves_table(result.roles, programme, lang), hide_index=True)

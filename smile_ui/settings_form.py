"""The matching settings as a form: weights, equality rules, gender preference, priority, limits.

Every control says in plain words what it does (its ``help``). The form starts from the
workspace's settings, so what is shown is what the last run used (or the defaults). Widget
keys carry the programme's key (each programme keeps its own settings) and the language
(see :mod:`smile_ui.formatting`).
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from smile_core.equality.suppression import LOWEST_MIN_COUNT
from smile_core.matching.scoring import COMPONENTS, SHARED_COMPONENTS
from smile_core.matching.settings import (
    EarlierMentor,
    MatchSettings,
    Priority,
    QualityParityMode,
    ScoreWeights,
    unsolvable_combinations,
)
from smile_core.text import t
from smile_ui.formatting import Label

WEIGHT_MAX = 50
#: The similar-background weight the form offers when a programme first opts in.
SIMILAR_BACKGROUND_START = 10


def settings_form(current: MatchSettings, lang: str, programme_key: str) -> MatchSettings | None:
    """Draw the settings form (submitting it is the run button).

    Returns the settings as the form says when the run button was pressed this run, else
    None. Weights that are all zero cannot make a score, and a combination no solve can
    honour (:func:`~smile_core.matching.settings.unsolvable_combinations`) is refused naming both
    settings: each is shown as an error and gives None.
    """
    prefix = f"settings_{programme_key}_{lang}_"

    def key(name: str) -> str:
        return prefix + name

    with st.form(key("form"), border=True):
        st.markdown(f"**{t('matching.settings.weights', lang)}**")
        st.caption(t("matching.settings.weights_help", lang))
        weight_columns = st.columns(3)
        weights = {}
        # The similar-background weight is set below, with its opt-in (sensitive data).
        general = [c for c in COMPONENTS if c != "similar_background"]
        for index, component in enumerate(general):
            weights[component] = weight_columns[index % 3].slider(
                t(f"component.{component}", lang),
                min_value=0,
                max_value=WEIGHT_MAX,
                value=round(getattr(current.weights, component)),
                help=t(f"matching.settings.weight.{component}", lang),
                key=key(f"weight_{component}"),
            )

        st.markdown(f"**{t('matching.settings.similar_background', lang)}**")
        st.caption(t("matching.settings.similar_background_help", lang))
        background_left, background_right = st.columns(2)
        with background_left:
            # Every checkbox here wraps (wrap=True): in a third of the form Streamlit cut the
            # strict options' labels to "Strikt: håll målet även om färre…", hiding what
            # the box does.
            background_on = st.checkbox(
                t("matching.settings.similar_background_on", lang),
                value=current.similar_background_opt_in,
                help=t("matching.settings.similar_background_help", lang),
                key=key("similar_background_on"),
                wrap=True,
            )
        with background_right:
            background_weight = st.slider(
                t("matching.settings.similar_background_weight", lang),
                min_value=0,
                max_value=WEIGHT_MAX,
                # A weight is kept only while opted in; the first opt-in starts at 10.
                value=round(current.weights.similar_background)
                if current.similar_background_opt_in
                else SIMILAR_BACKGROUND_START,
                key=key("weight_similar_background"),
            )
        # Off, the weight is 0: the score never reads birth regions without the opt-in.
        weights["similar_background"] = background_weight if background_on else 0

        st.markdown(f"**{t('matching.settings.equality', lang)}**")
        equality = current.equality
        rate_column, quality_column, mix_column = st.columns(3)
        with rate_column:
            rate_on = st.checkbox(
                t("matching.settings.match_rate", lang),
                value=equality.match_rate.enabled,
                help=t("matching.settings.match_rate_help", lang),
                key=key("match_rate_on"),
                wrap=True,
            )
            rate_points = st.number_input(
                t("matching.settings.match_rate_points", lang),
                min_value=0.0,
                max_value=50.0,
                step=0.5,
                value=float(equality.match_rate.max_shortfall_points),
                # "5", not "5.00": the points are whole or half in practice.
                format="%g",
                key=key("match_rate_points"),
            )
            rate_strict = st.checkbox(
                t("matching.settings.match_rate_strict", lang),
                value=equality.match_rate.strict,
                help=t("matching.settings.match_rate_strict_help", lang),
                key=key("match_rate_strict"),
                wrap=True,
            )
        with quality_column:
            quality_on = st.checkbox(
                t("matching.settings.quality", lang),
                value=equality.quality.enabled,
                help=t("matching.settings.quality_help", lang),
                key=key("quality_on"),
                wrap=True,
            )
            modes = list(QualityParityMode)
            quality_mode = st.radio(
                t("matching.settings.quality_mode", lang),
                options=modes,
                index=modes.index(equality.quality.mode),
                format_func=Label("matching.settings.quality_mode", lang),
                key=key("quality_mode"),
            )
            quality_points = st.number_input(
                t("matching.settings.quality_points", lang),
                min_value=0.0,
                max_value=50.0,
                step=0.5,
                value=float(equality.quality.max_gap_points),
                format="%g",
                key=key("quality_points"),
            )
            quality_strict = st.checkbox(
                t("matching.settings.quality_strict", lang),
                value=equality.quality.strict,
                help=t("matching.settings.quality_strict_help", lang),
                key=key("quality_strict"),
                wrap=True,
            )
        with mix_column:
            mix_on = st.checkbox(
                t("matching.settings.workplace_mix", lang),
                value=equality.workplace_mix.enabled,
                help=t("matching.settings.workplace_mix_help", lang),
                key=key("mix_on"),
                wrap=True,
            )
            mix_share = st.slider(
                t("matching.settings.workplace_mix_share", lang),
                min_value=0,
                max_value=100,
                step=5,
                value=round(equality.workplace_mix.min_women_share * 100),
                format="%d %%",
                key=key("mix_share"),
            )
            mix_strict = st.checkbox(
                t("matching.settings.workplace_mix_strict", lang),
                value=equality.workplace_mix.strict,
                help=t("matching.settings.workplace_mix_strict_help", lang),
                key=key("mix_strict"),
                wrap=True,
            )
            min_group = st.number_input(
                t("matching.settings.min_group", lang),
                min_value=LOWEST_MIN_COUNT,
                max_value=50,
                step=1,
                value=max(LOWEST_MIN_COUNT, equality.min_group_size),
                help=t("matching.settings.min_group_help", lang),
                key=key("min_group"),
            )

        st.markdown(f"**{t('matching.settings.rules', lang)}**")
        rules_left, rules_middle, rules_right = st.columns(3)
        with rules_left:
            strictness = ["soft", "hard"]
            preference = st.radio(
                t("matching.settings.gender_preference", lang),
                options=strictness,
                index=1 if current.gender_preference_hard else 0,
                format_func=Label("matching.settings.gender_preference", lang),
                help=t("matching.settings.gender_preference_help", lang),
                key=key("preference"),
            )
            penalty = st.slider(
                t("matching.settings.penalty", lang),
                min_value=0,
                max_value=50,
                value=round(current.gender_preference_penalty),
                help=t("matching.settings.penalty_help", lang),
                key=key("penalty"),
            )
        with rules_middle:
            priorities = list(Priority)
            priority = st.radio(
                t("matching.settings.priority", lang),
                options=priorities,
                index=priorities.index(current.priority),
                format_func=Label("matching.settings.priority", lang),
                help=t("matching.settings.priority_help", lang),
                key=key("priority"),
            )
            no_language = st.checkbox(
                t("matching.settings.no_shared_language", lang),
                value=current.allow_no_shared_language,
                help=t("matching.settings.no_shared_language_help", lang),
                key=key("no_language"),
                wrap=True,
            )
            own_organisation = st.checkbox(
                t("matching.settings.same_organisation", lang),
                value=current.forbid_same_organisation,
                help=t("matching.settings.same_organisation_help", lang),
                key=key("same_organisation"),
                wrap=True,
            )
        with rules_right:
            time_limit = st.number_input(
                t("matching.settings.time_limit", lang),
                min_value=1,
                max_value=600,
                step=1,
                value=round(current.time_limit_seconds),
                help=t("matching.settings.time_limit_help", lang),
                key=key("time_limit"),
            )
            seed = st.number_input(
                t("matching.settings.seed", lang),
                min_value=0,
                max_value=2**31 - 1,
                step=1,
                value=current.seed,
                help=t("matching.settings.seed_help", lang),
                key=key("seed"),
            )
        st.markdown(f"**{t('matching.settings.history', lang)}**")
        history_left, history_right = st.columns(2)
        with history_left:
            rules = list(EarlierMentor)
            earlier_rule = st.radio(
                t("matching.settings.earlier_mentor", lang),
                options=rules,
                index=rules.index(current.earlier_mentor),
                format_func=Label("matching.settings.earlier_mentor", lang),
                help=t("matching.settings.earlier_mentor_help", lang),
                horizontal=True,
                key=key("earlier_mentor"),
            )
            earlier_penalty = st.slider(
                t("matching.settings.earlier_penalty", lang),
                min_value=0,
                max_value=100,
                value=round(current.earlier_mentor_penalty),
                key=key("earlier_penalty"),
            )
        with history_right:
            spread_points = st.slider(
                t("matching.settings.spread_load", lang),
                min_value=0,
                max_value=50,
                value=round(current.spread_load_points),
                help=t("matching.settings.spread_load_help", lang),
                key=key("spread_load"),
            )
        submitted = st.form_submit_button(
            t("matching.run", lang), type="primary", icon=":material/play_arrow:"
        )

    if not submitted:
        return None
    # The wish is points on top of the shares: it alone cannot make a score.
    if sum(value for name, value in weights.items() if name in SHARED_COMPONENTS) == 0:
        st.error(t("matching.settings.weights_all_zero", lang), icon=":material/error:")
        return None
    chosen = dataclasses.replace(
        current,
        weights=ScoreWeights(**{name: float(value) for name, value in weights.items()}),
        equality=dataclasses.replace(
            current.equality,
            min_group_size=int(min_group),
            match_rate=dataclasses.replace(
                current.equality.match_rate,
                enabled=rate_on,
                max_shortfall_points=float(rate_points),
                strict=rate_strict,
            ),
            quality=dataclasses.replace(
                current.equality.quality,
                enabled=quality_on,
                mode=QualityParityMode(quality_mode),
                max_gap_points=float(quality_points),
                strict=quality_strict,
            ),
            workplace_mix=dataclasses.replace(
                current.equality.workplace_mix,
                enabled=mix_on,
                min_women_share=mix_share / 100,
                strict=mix_strict,
            ),
        ),
        gender_preference_hard=preference == "hard",
        gender_preference_penalty=float(penalty),
        priority=Priority(priority),
        allow_no_shared_language=no_language,
        forbid_same_organisation=own_organisation,
        time_limit_seconds=float(time_limit),
        seed=int(seed),
        earlier_mentor=EarlierMentor(earlier_rule),
        earlier_mentor_penalty=float(earlier_penalty),
        spread_load_points=float(spread_points),
        similar_background_opt_in=background_on,
    )
    # The form cannot react inside st.form, so a combination no solve can honour is refused
    # here, naming both settings (core decides which).
    refused = unsolvable_combinations(chosen)
    for combination in refused:
        st.error(combination.text.render(lang), icon=":material/error:")
    return None if refused else chosen

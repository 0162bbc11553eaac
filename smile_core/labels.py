"""How SMILE's codes read for people, in Swedish and in English.

Tables, charts, exports and the steering-group report carry codes ("woman", "qualified_job",
"law"); this module turns each code into the word a coordinator or a steering group reads.
A code without a label (a cohort name, a workplace, a field outside every family) reads as
itself, so nothing is ever shown blank.
"""

from __future__ import annotations

from collections.abc import Mapping

#: The languages labels exist in; Swedish first.
LABEL_LANGUAGES: tuple[str, ...] = ("sv", "en")

#: A group whose members' value is not known (an adept missing from the programme, a blank).
UNKNOWN_GROUP = "unknown"
#: Adepts without a mentor in the plan (grouping by workplace or score band).
NOT_MATCHED = "not_matched"
#: Matched adepts whose mentor has no workplace.
NO_WORKPLACE = "no_workplace"

_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "gender": {
        "woman": ("kvinna", "woman"),
        "man": ("man", "man"),
        "non_binary": ("icke-binär", "non-binary"),
        "undisclosed": ("vill ej ange", "prefer not to say"),
        "other": ("annat eller ej angivet", "other or not given"),
    },
    "status": {
        "qualified_job": ("kvalificerat jobb", "qualified job"),
        "other_job": ("annat jobb", "other job"),
        "internship": ("praktik", "internship"),
        "studies": ("studier", "studies"),
        "seeking_work": ("söker arbete", "seeking work"),
        "left_programme": ("lämnat programmet", "left the programme"),
    },
    "family": {
        "foundry": ("gjuteri och svets", "foundry and welding"),
        "machining": ("maskin och verkstad", "machining and workshop"),
        "wood": ("trä och trähus", "wood and timber houses"),
        "construction": ("bygg", "construction"),
        "logistics": ("lager och logistik", "warehouse and logistics"),
        "economics": ("ekonomi", "economics"),
        "law": ("juridik", "law"),
        "social_science": ("samhällsvetenskap", "social science"),
        "hr": ("personal och HR", "HR"),
        "it": ("IT", "IT"),
        "communication": ("kommunikation", "communication"),
    },
    "role": {"adept": ("adept", "adept"), "mentor": ("mentor", "mentor")},
    "item": {
        "overall_satisfaction": ("Nöjd med programmet som helhet", "Satisfied overall"),
        "would_recommend": ("Skulle rekommendera programmet", "Would recommend the programme"),
        "meetings_useful": ("Träffarna var till nytta", "The meetings were useful"),
        "learned_about_swedish_workplaces": (
            "Lärde mig om svenska arbetsplatser",
            "Learned about Swedish workplaces",
        ),
        "meaningful": ("Meningsfullt att vara mentor", "Being a mentor was meaningful"),
        "understanding_of_labour_market": (
            "Förstår arbetsmarknaden bättre",
            "Understand the labour market better",
        ),
        "developed_as_mentor": ("Utvecklades som mentor", "Developed as a mentor"),
    },
    "component": {
        "target_field": ("Önskat yrke", "Wished job"),
        "background": ("Bakgrund", "Background"),
        "language": ("Språk", "Language"),
        "location": ("Plats", "Location"),
        "goals": ("Mål", "Goals"),
        "availability": ("Tillgänglighet", "Availability"),
        "gender_penalty": ("Avdrag för kön", "Gender preference penalty"),
    },
    "group": {
        UNKNOWN_GROUP: ("okänd", "unknown"),
        NOT_MATCHED: ("ej matchad", "not matched"),
        NO_WORKPLACE: ("ingen arbetsplats", "no workplace"),
    },
}

#: The kinds of code :func:`label` knows.
LABEL_KINDS: tuple[str, ...] = tuple(_LABELS)


def labels(kind: str) -> Mapping[str, tuple[str, str]]:
    """Every code of ``kind`` with its (Swedish, English) label."""
    if kind not in _LABELS:
        raise ValueError(f"unknown label kind {kind!r}; expected one of {LABEL_KINDS}")
    return dict(_LABELS[kind])


def label(kind: str, code: str | None, lang: str = "sv") -> str:
    """``code`` in words in ``lang``; the special groups (unknown, not matched) in any kind.

    A code without a label reads as itself ("" for ``None``). Raises ``ValueError`` for an
    unknown ``kind`` or ``lang``.
    """
    if lang not in LABEL_LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LABEL_LANGUAGES}")
    if kind not in _LABELS:
        raise ValueError(f"unknown label kind {kind!r}; expected one of {LABEL_KINDS}")
    if code is None:
        return ""
    pair = _LABELS[kind].get(code) or _LABELS["group"].get(code)
    if pair is None:
        return code
    return pair[LABEL_LANGUAGES.index(lang)]

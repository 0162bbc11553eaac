"""Related fields: which professions count partly as a match for each other.

The table is data (``related_fields.csv``: family, field), not code, so a programme can extend
it. Two fields are the same when their normalised words are equal and related when both belong
to the same family (e.g. foundry: gjutare, svetsare, casting; economics: ekonom, controller).
"""

from __future__ import annotations

import csv
import unicodedata
from functools import cache
from importlib import resources


def normalise_field(text: str) -> str:
    """Trim, collapse spaces, Unicode NFC and case-fold: the form fields are compared in."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


@cache
def field_families() -> dict[str, str]:
    """Map each known (normalised) field word to its family name."""
    source = resources.files("smile_core.ingest").joinpath("related_fields.csv")
    with source.open(encoding="utf-8", newline="") as handle:
        return {normalise_field(row["field"]): row["family"] for row in csv.DictReader(handle)}


def field_similarity(a: str, b: str, related_credit: float) -> float:
    """1 for the same field, ``related_credit`` for fields in one family, else 0 (also if blank)."""
    a, b = normalise_field(a), normalise_field(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    families = field_families()
    family = families.get(a)
    return related_credit if family is not None and family == families.get(b) else 0.0

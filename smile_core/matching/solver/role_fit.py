"""Whether a workplace fits an adept's placement, and how well (the placement score)."""

from __future__ import annotations

from smile_core.ingest.fields import field_similarity
from smile_core.ingest.participants import Adept, Workplace


def placement_fits(adept: Adept, workplace: Workplace, related_credit: float) -> float | None:
    """How well a placement at ``workplace`` fits ``adept`` (0–100), ``None`` when it does not.

    Field: the workplace's industry is the adept's wished field or their own (1), a related
    one (the related credit), or blank (0.5); another field does not fit. Place: the same
    municipality adds, another region does not fit (either side blank fits).
    """
    if workplace.capacity <= 0:
        return None
    if adept.region and workplace.region and adept.region != workplace.region:
        return None
    if workplace.industry:
        fit = max(
            field_similarity(adept.target_field or adept.field, workplace.industry, related_credit),
            field_similarity(adept.field, workplace.industry, related_credit),
        )
        if fit <= 0:
            return None
    else:
        fit = 0.5
    near = 1.0 if adept.municipality and adept.municipality == workplace.municipality else 0.5
    return round(70 * fit + 30 * near, 2)

"""Utfall / Outcomes: follow-ups and evaluations by gender, cohort and workplace, suppressed."""

from smile_core.suppression import DEFAULT_MIN_COUNT
from smile_ui.layout import page_header

page_header("outcomes", k=DEFAULT_MIN_COUNT)

"""Jämställdhet / Equality: the steering group's figures by gender, small groups suppressed."""

from smile_core.suppression import DEFAULT_MIN_COUNT
from smile_ui.layout import page_header

page_header("equality", k=DEFAULT_MIN_COUNT)

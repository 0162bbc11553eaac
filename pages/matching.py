"""Matchning / Matching: settings, the run button, and the plan to lock, forbid and edit."""

from smile_ui.layout import page_header

page_header("matching")

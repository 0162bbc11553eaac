"""Styrgrupp / Steering group: each programme's figures by gender, small groups hidden."""

from smile_ui import access_view
from smile_ui.layout import page_header
from smile_ui.state import current_language

lang = current_language()
page_header("figures")
access_view.programme_figures(lang)

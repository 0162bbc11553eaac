"""Deltagare / Participants: upload the participant files and see the validation report."""

from smile_ui.layout import page_header

page_header("participants")

"""Översikt / Overview: the programme at a glance and the readiness check before matching."""

from smile_ui.layout import page_header

page_header("overview")

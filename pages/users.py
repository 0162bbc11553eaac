"""Konton / Accounts: who may log in, with which role and programmes."""

from smile_ui import access_view
from smile_ui.layout import page_header
from smile_ui.state import current_language

lang = current_language()
page_header("users")
access_view.users(lang)

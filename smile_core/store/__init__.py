"""Persistence: programmes, cohorts, participant versions, runs, edits and outcomes in a database.

:func:`upgrade` brings the database (``SMILE_DATABASE_URL``, default ``data/smile.db``) to the
current schema; :class:`Repository` reads and writes it. Nothing here logs personal data.
"""

from smile_core.store.engine import create_engine, database_url
from smile_core.store.errors import NotFound, StoreError
from smile_core.store.migrate import upgrade
from smile_core.store.repository import Repository

__all__ = ["NotFound", "Repository", "StoreError", "create_engine", "database_url", "upgrade"]

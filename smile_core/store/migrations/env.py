"""Alembic's entry point for the SMILE store.

Called by :func:`smile_core.store.migrate.upgrade` with a prepared connection in
``config.attributes["connection"]``, or by the ``alembic`` command line, which gets the same
preparation (see :func:`smile_core.store.migrate.migration_connection`). SQLite runs in batch
mode, since it can barely ALTER a table.
"""

from __future__ import annotations

from alembic import context

from smile_core.store.engine import create_engine
from smile_core.store.migrate import migration_connection
from smile_core.store.schema import metadata

config = context.config


def _configure(**kwargs: object) -> None:
    context.configure(
        target_metadata=metadata,
        render_as_batch=True,
        compare_type=True,
        **kwargs,
    )


def run_offline() -> None:
    """Write the SQL for the URL's dialect instead of running it."""
    from smile_core.store.engine import database_url

    _configure(url=database_url(config.get_main_option("sqlalchemy.url")), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Run the migrations on the given connection, or on a new one to SMILE's database."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with migration_connection(engine) as prepared:
            _configure(connection=prepared)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()

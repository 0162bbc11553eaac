"""A programme's saved column mapping (how its uploads' columns are read)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from smile_core.store import schema as t
from smile_core.store.codec import (
    plain,
)
from smile_core.store.lookups import (
    programme_row,
)
from smile_core.store.unit_of_work import UnitOfWork


class MappingRepository(UnitOfWork):
    """The column mapping each programme keeps for its uploads."""

    def save_column_mapping(self, programme_id: int, mapping: Mapping[str, Any], who: str) -> None:
        """Keep ``mapping`` (:meth:`smile_core.ingest.mapping.ColumnMapping.to_json`) as the
        programme's column mapping, replacing the one before; an empty one forgets it."""
        with self._write() as connection:
            programme_row(connection, programme_id)
            table = t.column_mappings
            connection.execute(sa.delete(table).where(table.c.programme_id == programme_id))
            if mapping:
                connection.execute(
                    sa.insert(table).values(
                        programme_id=programme_id,
                        mapping=plain(dict(mapping)),
                        updated_at=self._now(),
                        updated_by=who,
                    )
                )

    def column_mapping(self, programme_id: int) -> dict[str, Any]:
        """The programme's saved column mapping as JSON data (``{}`` when none)."""
        table = t.column_mappings
        with self._read() as connection:
            found = connection.execute(
                sa.select(table.c.mapping).where(table.c.programme_id == programme_id)
            ).scalar_one_or_none()
        return dict(found or {})

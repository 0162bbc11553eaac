"""Each programme's saved column mapping (schema.column_mappings).

Revision ID: 0002_column_mappings
Revises: 0001
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_column_mappings"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the table of saved column mappings."""
    op.create_table(
        "column_mappings",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_column_mappings_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("programme_id", name=op.f("pk_column_mappings")),
    )


def downgrade() -> None:
    """Drop the table of saved column mappings."""
    op.drop_table("column_mappings")

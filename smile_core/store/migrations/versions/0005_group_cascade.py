"""Group cascade (the Finnish model): a mentor group may be seeded by an earlier group.

``mentor_groups.seeded_by_group_id`` names the group whose member was promoted to lead this
one (at their own workplace); blank for a first-generation group. Deleting the seeding group
leaves the link blank rather than the group gone.

Revision ID: 0005_group_cascade
Revises: 0004_text_codes
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_group_cascade"
down_revision: str | Sequence[str] | None = "0004_text_codes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the nullable seeding link (every existing group is a first generation)."""
    with op.batch_alter_table("mentor_groups") as batch:
        batch.add_column(sa.Column("seeded_by_group_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_mentor_groups_seeded_by_group_id_mentor_groups"),
            "mentor_groups",
            ["seeded_by_group_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index(
            batch.f("ix_mentor_groups_seeded_by_group_id"), ["seeded_by_group_id"], unique=False
        )


def downgrade() -> None:
    """Drop the seeding link."""
    with op.batch_alter_table("mentor_groups") as batch:
        batch.drop_index(batch.f("ix_mentor_groups_seeded_by_group_id"))
        batch.drop_constraint(
            op.f("fk_mentor_groups_seeded_by_group_id_mentor_groups"), type_="foreignkey"
        )
        batch.drop_column("seeded_by_group_id")

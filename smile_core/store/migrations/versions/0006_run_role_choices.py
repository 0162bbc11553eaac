"""A plan with roles is kept with its run: ``run_role_choices`` (issue 10).

Per adept of a run: the placement and the person in each role, each unmet need with its
reason, and the coordinator's forbids by role. Rows go with the run and with either person
(``ON DELETE CASCADE``), as ``run_pairs`` do. Runs stored before it have no roles.

Revision ID: 0006_run_role_choices
Revises: 0005_group_cascade
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_run_role_choices"
down_revision: str | Sequence[str] | None = "0005_group_cascade"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the table and its indexes (existing runs keep no rows in it)."""
    op.create_table(
        "run_role_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("adept_member_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("mentor_member_id", sa.Integer(), nullable=True),
        sa.Column("workplace_id", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("text_key", sa.Text(), nullable=True),
        sa.Column("params", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('choice', 'unmet', 'forbid')", name=op.f("ck_run_role_choices_kind")
        ),
        sa.ForeignKeyConstraint(
            ["adept_member_id"],
            ["cohort_members.id"],
            name=op.f("fk_run_role_choices_adept_member_id_cohort_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mentor_member_id"],
            ["cohort_members.id"],
            name=op.f("fk_run_role_choices_mentor_member_id_cohort_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["runs.id"],
            name=op.f("fk_run_role_choices_run_id_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_run_role_choices")),
    )
    with op.batch_alter_table("run_role_choices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_run_role_choices_adept_member_id"), ["adept_member_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_run_role_choices_mentor_member_id"), ["mentor_member_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_run_role_choices_run_id"), ["run_id"], unique=False)


def downgrade() -> None:
    """Drop the table (plans with roles read back as their main role's pairs only)."""
    with op.batch_alter_table("run_role_choices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_run_role_choices_run_id"))
        batch_op.drop_index(batch_op.f("ix_run_role_choices_mentor_member_id"))
        batch_op.drop_index(batch_op.f("ix_run_role_choices_adept_member_id"))
    op.drop_table("run_role_choices")

"""The first store: every table (programmes to audit log), as smile_core/store/schema.py has them.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create every table of the store."""
    op.create_table(
        "programmes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("rhythm", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "kind IN ('vocational', 'academic', 'group')", name=op.f("ck_programmes_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programmes")),
        sa.UniqueConstraint("name", name=op.f("uq_programmes_name")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_audit_log_programme_id_programmes"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_audit_log_programme_id"), ["programme_id"], unique=False
        )

    op.create_table(
        "cohorts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_cohorts_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cohorts")),
        sa.UniqueConstraint("programme_id", "name", name=op.f("uq_cohorts_programme_id_name")),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("person_key", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_people_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("person_key", name=op.f("uq_people_person_key")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_people_programme_id"), ["programme_id"], unique=False)

    op.create_table(
        "cohort_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("promoted_from_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("role IN ('adept', 'mentor')", name=op.f("ck_cohort_members_role")),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["cohorts.id"],
            name=op.f("fk_cohort_members_cohort_id_cohorts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_cohort_members_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["promoted_from_id"],
            ["cohort_members.id"],
            name=op.f("fk_cohort_members_promoted_from_id_cohort_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cohort_members")),
        sa.UniqueConstraint(
            "cohort_id",
            "role",
            "source_id",
            name=op.f("uq_cohort_members_cohort_id_role_source_id"),
        ),
    )
    with op.batch_alter_table("cohort_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cohort_members_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "participant_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["cohorts.id"],
            name=op.f("fk_participant_versions_cohort_id_cohorts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant_versions")),
        sa.UniqueConstraint(
            "cohort_id", "number", name=op.f("uq_participant_versions_cohort_id_number")
        ),
    )
    op.create_table(
        "evaluations",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.Text(), nullable=False),
        sa.Column("answer", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["cohort_members.id"],
            name=op.f("fk_evaluations_member_id_cohort_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("member_id", "item", name=op.f("pk_evaluations")),
    )
    op.create_table(
        "followups",
        sa.Column("adept_member_id", sa.Integer(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("mentor_contributed", sa.Boolean(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.CheckConstraint("months > 0", name=op.f("ck_followups_months")),
        sa.ForeignKeyConstraint(
            ["adept_member_id"],
            ["cohort_members.id"],
            name=op.f("fk_followups_adept_member_id_cohort_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("adept_member_id", "months", name=op.f("pk_followups")),
    )
    op.create_table(
        "mentor_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("leader_member_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("min_size", sa.Integer(), nullable=False),
        sa.Column("max_size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "min_size >= 1 AND min_size <= max_size", name=op.f("ck_mentor_groups_sizes")
        ),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["cohorts.id"],
            name=op.f("fk_mentor_groups_cohort_id_cohorts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["leader_member_id"],
            ["cohort_members.id"],
            name=op.f("fk_mentor_groups_leader_member_id_cohort_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_groups")),
    )
    with op.batch_alter_table("mentor_groups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentor_groups_cohort_id"), ["cohort_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_mentor_groups_leader_member_id"), ["leader_member_id"], unique=False
        )

    op.create_table(
        "participants",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["cohort_members.id"],
            name=op.f("fk_participants_member_id_cohort_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["participant_versions.id"],
            name=op.f("fk_participants_version_id_participant_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "member_id", name=op.f("pk_participants")),
    )
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.create_index("ix_participants_member_id", ["member_id"], unique=False)

    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("parent_run_id", sa.Integer(), nullable=True),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("solver", sa.Text(), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("solve_seconds", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("agreed", sa.Boolean(), nullable=False),
        sa.Column("agreed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("agreed_by", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["cohorts.id"],
            name=op.f("fk_runs_cohort_id_cohorts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_run_id"],
            ["runs.id"],
            name=op.f("fk_runs_parent_run_id_runs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["participant_versions.id"],
            name=op.f("fk_runs_version_id_participant_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_runs")),
    )
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_runs_cohort_id"), ["cohort_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_runs_version_id"), ["version_id"], unique=False)

    op.create_table(
        "workplaces",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["participant_versions.id"],
            name=op.f("fk_workplaces_version_id_participant_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "source_id", name=op.f("pk_workplaces")),
    )
    op.create_table(
        "edits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("adept_member_id", sa.Integer(), nullable=True),
        sa.Column("mentor_member_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["adept_member_id"],
            ["cohort_members.id"],
            name=op.f("fk_edits_adept_member_id_cohort_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mentor_member_id"],
            ["cohort_members.id"],
            name=op.f("fk_edits_mentor_member_id_cohort_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_edits_run_id_runs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_edits")),
    )
    with op.batch_alter_table("edits", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_edits_adept_member_id"), ["adept_member_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_edits_mentor_member_id"), ["mentor_member_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_edits_run_id"), ["run_id"], unique=False)

    op.create_table(
        "group_members",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("adept_member_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["adept_member_id"],
            ["cohort_members.id"],
            name=op.f("fk_group_members_adept_member_id_cohort_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["mentor_groups.id"],
            name=op.f("fk_group_members_group_id_mentor_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "adept_member_id", name=op.f("pk_group_members")),
        sa.UniqueConstraint("adept_member_id", name=op.f("uq_group_members_adept_member_id")),
    )
    op.create_table(
        "run_conflicts",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("limit_value", sa.Integer(), nullable=True),
        sa.Column("message_sv", sa.Text(), nullable=False),
        sa.Column("message_en", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_run_conflicts_run_id_runs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("run_id", "position", name=op.f("pk_run_conflicts")),
    )
    op.create_table(
        "run_constraints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("adept_member_id", sa.Integer(), nullable=False),
        sa.Column("mentor_member_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('forbid', 'must_match')", name=op.f("ck_run_constraints_kind")
        ),
        sa.ForeignKeyConstraint(
            ["adept_member_id"],
            ["cohort_members.id"],
            name=op.f("fk_run_constraints_adept_member_id_cohort_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mentor_member_id"],
            ["cohort_members.id"],
            name=op.f("fk_run_constraints_mentor_member_id_cohort_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_run_constraints_run_id_runs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_run_constraints")),
    )
    with op.batch_alter_table("run_constraints", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_run_constraints_adept_member_id"), ["adept_member_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_run_constraints_mentor_member_id"), ["mentor_member_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_run_constraints_run_id"), ["run_id"], unique=False)

    op.create_table(
        "run_pairs",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("adept_member_id", sa.Integer(), nullable=False),
        sa.Column("mentor_member_id", sa.Integer(), nullable=False),
        sa.Column("workplace_id", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("components", sa.JSON(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["adept_member_id"],
            ["cohort_members.id"],
            name=op.f("fk_run_pairs_adept_member_id_cohort_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mentor_member_id"],
            ["cohort_members.id"],
            name=op.f("fk_run_pairs_mentor_member_id_cohort_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_run_pairs_run_id_runs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("run_id", "adept_member_id", name=op.f("pk_run_pairs")),
    )
    with op.batch_alter_table("run_pairs", schema=None) as batch_op:
        batch_op.create_index("ix_run_pairs_adept_member_id", ["adept_member_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_run_pairs_mentor_member_id"), ["mentor_member_id"], unique=False
        )

    op.create_table(
        "run_unmatched",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("adept_member_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("message_sv", sa.Text(), nullable=False),
        sa.Column("message_en", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["adept_member_id"],
            ["cohort_members.id"],
            name=op.f("fk_run_unmatched_adept_member_id_cohort_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_run_unmatched_run_id_runs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("run_id", "adept_member_id", name=op.f("pk_run_unmatched")),
    )
    with op.batch_alter_table("run_unmatched", schema=None) as batch_op:
        batch_op.create_index("ix_run_unmatched_adept_member_id", ["adept_member_id"], unique=False)


def downgrade() -> None:
    """Drop every table of the store, children first."""
    with op.batch_alter_table("run_unmatched", schema=None) as batch_op:
        batch_op.drop_index("ix_run_unmatched_adept_member_id")

    op.drop_table("run_unmatched")
    with op.batch_alter_table("run_pairs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_run_pairs_mentor_member_id"))
        batch_op.drop_index("ix_run_pairs_adept_member_id")

    op.drop_table("run_pairs")
    with op.batch_alter_table("run_constraints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_run_constraints_run_id"))
        batch_op.drop_index(batch_op.f("ix_run_constraints_mentor_member_id"))
        batch_op.drop_index(batch_op.f("ix_run_constraints_adept_member_id"))

    op.drop_table("run_constraints")
    op.drop_table("run_conflicts")
    op.drop_table("group_members")
    with op.batch_alter_table("edits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_edits_run_id"))
        batch_op.drop_index(batch_op.f("ix_edits_mentor_member_id"))
        batch_op.drop_index(batch_op.f("ix_edits_adept_member_id"))

    op.drop_table("edits")
    op.drop_table("workplaces")
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_runs_version_id"))
        batch_op.drop_index(batch_op.f("ix_runs_cohort_id"))

    op.drop_table("runs")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_index("ix_participants_member_id")

    op.drop_table("participants")
    with op.batch_alter_table("mentor_groups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentor_groups_leader_member_id"))
        batch_op.drop_index(batch_op.f("ix_mentor_groups_cohort_id"))

    op.drop_table("mentor_groups")
    op.drop_table("followups")
    op.drop_table("evaluations")
    op.drop_table("participant_versions")
    with op.batch_alter_table("cohort_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cohort_members_person_id"))

    op.drop_table("cohort_members")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_programme_id"))

    op.drop_table("people")
    op.drop_table("cohorts")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_programme_id"))

    op.drop_table("audit_log")
    op.drop_table("programmes")

"""The store's tables, in SQLAlchemy Core: the one description the migrations must match.

Rules the layout keeps:

- **One identity per human per programme** (``people``): a random ``person_key`` that never
  derives from personal data. Everything about a person hangs off it through foreign keys with
  ``ON DELETE CASCADE``, so erasing the ``people`` row erases them everywhere.
- **Cohort membership** (``cohort_members``) gives a person a role and the coordinator's id
  (``source_id``, e.g. ``A017``) in one cohort. An alumna promoted to mentor of the next cohort
  is a second membership of the same person, so her history stays together.
- **Uploads are versions** (``participant_versions``): each upload stores a full snapshot of
  the people (``participants``: attributes as JSON) and workplaces; two snapshots compare.
- **Runs keep their inputs and results** (``runs``, ``run_pairs``, ``run_unmatched``,
  ``run_constraints``, ``run_conflicts``; a plan with roles also ``run_role_choices``).
  Run-level JSON holds only settings, versions, aggregate figures and a plan's role setup,
  never a person's id or name: per-person facts live in rows that cascade.
- **Audit**: ``edits`` is each run's trail of manual changes (who, when, what, why; rows about
  an erased person go with them); ``audit_log`` keeps programme-level events such as an
  erasure or a purge, never whom they concerned.

Timestamps are UTC; SQLite returns them without a zone and the repository adds it back.
"""

from __future__ import annotations

import sqlalchemy as sa

#: Constraint names are explicit so migrations (and SQLite's batch mode) can address them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)

PROGRAMME_KINDS = ("vocational", "academic", "group")
ROLES = ("adept", "mentor")
CONSTRAINT_KINDS = ("forbid", "must_match")
#: A row of ``run_role_choices``: a choice of the plan, an unmet need, or a coordinator's forbid.
ROLE_CHOICE_KINDS = ("choice", "unmet", "forbid")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _created_at() -> sa.Column:
    return sa.Column("created_at", sa.DateTime(timezone=True), nullable=False)


def _cascade(target: str, **kwargs: object) -> sa.ForeignKey:
    return sa.ForeignKey(target, ondelete="CASCADE", **kwargs)


programmes = sa.Table(
    "programmes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False, unique=True),
    sa.Column("kind", sa.Text, nullable=False),
    # e.g. {"weeks": 30, "theory_days": 2, ...} or {"months": 7, "meetings": "monthly 1:1"}
    sa.Column("rhythm", sa.JSON, nullable=False),
    _created_at(),
    sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint(_in("kind", PROGRAMME_KINDS), name="kind"),
)

cohorts = sa.Table(
    "cohorts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("programme_id", sa.Integer, _cascade("programmes.id"), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("starts_on", sa.Date, nullable=True),
    _created_at(),
    sa.UniqueConstraint("programme_id", "name"),
)

people = sa.Table(
    "people",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("programme_id", sa.Integer, _cascade("programmes.id"), nullable=False, index=True),
    sa.Column("person_key", sa.Text, nullable=False, unique=True),
    _created_at(),
)

cohort_members = sa.Table(
    "cohort_members",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("cohort_id", sa.Integer, _cascade("cohorts.id"), nullable=False),
    sa.Column("person_id", sa.Integer, _cascade("people.id"), nullable=False, index=True),
    sa.Column("role", sa.Text, nullable=False),
    # The coordinator's id for this person in this cohort's files (e.g. "A017").
    sa.Column("source_id", sa.Text, nullable=False),
    _created_at(),
    sa.Column("left_on", sa.Date, nullable=True),
    sa.Column(
        "promoted_from_id",
        sa.Integer,
        sa.ForeignKey("cohort_members.id", ondelete="SET NULL"),
        nullable=True,
    ),
    sa.UniqueConstraint("cohort_id", "role", "source_id"),
    sa.CheckConstraint(_in("role", ROLES), name="role"),
)

participant_versions = sa.Table(
    "participant_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("cohort_id", sa.Integer, _cascade("cohorts.id"), nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("uploaded_by", sa.Text, nullable=False),
    sa.UniqueConstraint("cohort_id", "number"),
)

participants = sa.Table(
    "participants",
    metadata,
    sa.Column("version_id", sa.Integer, _cascade("participant_versions.id"), primary_key=True),
    sa.Column("member_id", sa.Integer, _cascade("cohort_members.id"), primary_key=True),
    # Order of the row in the upload, so a loaded programme keeps the coordinator's order.
    sa.Column("position", sa.Integer, nullable=False),
    # Every field of the Adept or Mentor except its id (the member's source_id).
    sa.Column("attributes", sa.JSON, nullable=False),
    sa.Index("ix_participants_member_id", "member_id"),
)

workplaces = sa.Table(
    "workplaces",
    metadata,
    sa.Column("version_id", sa.Integer, _cascade("participant_versions.id"), primary_key=True),
    sa.Column("source_id", sa.Text, primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("attributes", sa.JSON, nullable=False),
)

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("cohort_id", sa.Integer, _cascade("cohorts.id"), nullable=False, index=True),
    sa.Column(
        "version_id", sa.Integer, _cascade("participant_versions.id"), nullable=False, index=True
    ),
    sa.Column(
        "parent_run_id",
        sa.Integer,
        sa.ForeignKey("runs.id", ondelete="SET NULL"),
        nullable=True,
    ),
    sa.Column("settings", sa.JSON, nullable=False),
    sa.Column("seed", sa.Integer, nullable=False),
    sa.Column("solver", sa.Text, nullable=False),
    sa.Column("versions", sa.JSON, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    # Aggregates only (totals, gaps, per-gender counts and means, stage names).
    sa.Column("figures", sa.JSON, nullable=False),
    sa.Column("solve_seconds", sa.Float, nullable=False),
    _created_at(),
    sa.Column("created_by", sa.Text, nullable=False),
    sa.Column("agreed", sa.Boolean, nullable=False),
    sa.Column("agreed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("agreed_by", sa.Text, nullable=True),
)

run_pairs = sa.Table(
    "run_pairs",
    metadata,
    sa.Column("run_id", sa.Integer, _cascade("runs.id"), primary_key=True),
    sa.Column("adept_member_id", sa.Integer, _cascade("cohort_members.id"), primary_key=True),
    sa.Column(
        "mentor_member_id", sa.Integer, _cascade("cohort_members.id"), nullable=False, index=True
    ),
    sa.Column("workplace_id", sa.Text, nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("components", sa.JSON, nullable=False),
    sa.Column("locked", sa.Boolean, nullable=False),
    sa.Index("ix_run_pairs_adept_member_id", "adept_member_id"),
)

run_unmatched = sa.Table(
    "run_unmatched",
    metadata,
    sa.Column("run_id", sa.Integer, _cascade("runs.id"), primary_key=True),
    sa.Column("adept_member_id", sa.Integer, _cascade("cohort_members.id"), primary_key=True),
    # The reason code; its words come from the text catalogue when read (never stored).
    sa.Column("reason", sa.Text, nullable=False),
    sa.Index("ix_run_unmatched_adept_member_id", "adept_member_id"),
)

run_constraints = sa.Table(
    "run_constraints",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("run_id", sa.Integer, _cascade("runs.id"), nullable=False, index=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column(
        "adept_member_id", sa.Integer, _cascade("cohort_members.id"), nullable=False, index=True
    ),
    sa.Column(
        "mentor_member_id", sa.Integer, _cascade("cohort_members.id"), nullable=True, index=True
    ),
    sa.CheckConstraint(_in("kind", CONSTRAINT_KINDS), name="kind"),
)

run_conflicts = sa.Table(
    "run_conflicts",
    metadata,
    sa.Column("run_id", sa.Integer, _cascade("runs.id"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("limit_value", sa.Integer, nullable=True),
    # The conflict in words as a catalogue key and its parameters (JSON text, names as
    # written so an erasure can find them), rendered in the reader's language.
    sa.Column("text_key", sa.Text, nullable=False),
    sa.Column("params", sa.Text, nullable=False),
)

#: A plan with roles (issue 10): per adept the placement (``role`` ``placement``, the workplace
#: in ``workplace_id``) and the person in each role (``mentor_member_id``, at ``workplace_id``);
#: each unmet need with its reason code and words (catalogue key and JSON parameters, names as
#: written so an erasure can find them); and the coordinator's forbids by role. The run's
#: ``run_pairs`` keep the main role's pairs as before; these rows go with either person.
run_role_choices = sa.Table(
    "run_role_choices",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("run_id", sa.Integer, _cascade("runs.id"), nullable=False, index=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column(
        "adept_member_id", sa.Integer, _cascade("cohort_members.id"), nullable=False, index=True
    ),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column(
        "mentor_member_id", sa.Integer, _cascade("cohort_members.id"), nullable=True, index=True
    ),
    sa.Column("workplace_id", sa.Text, nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("locked", sa.Boolean, nullable=False),
    sa.Column("reason", sa.Text, nullable=True),
    sa.Column("text_key", sa.Text, nullable=True),
    sa.Column("params", sa.Text, nullable=True),
    sa.CheckConstraint(_in("kind", ROLE_CHOICE_KINDS), name="kind"),
)

edits = sa.Table(
    "edits",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("run_id", sa.Integer, _cascade("runs.id"), nullable=False, index=True),
    _created_at(),
    sa.Column("who", sa.Text, nullable=False),
    sa.Column("what", sa.Text, nullable=False),
    sa.Column("why", sa.Text, nullable=False),
    # The people the edit is about: the edit goes when either is erased.
    sa.Column(
        "adept_member_id", sa.Integer, _cascade("cohort_members.id"), nullable=True, index=True
    ),
    sa.Column(
        "mentor_member_id", sa.Integer, _cascade("cohort_members.id"), nullable=True, index=True
    ),
)

followups = sa.Table(
    "followups",
    metadata,
    sa.Column("adept_member_id", sa.Integer, _cascade("cohort_members.id"), primary_key=True),
    sa.Column("months", sa.Integer, primary_key=True),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("mentor_contributed", sa.Boolean, nullable=True),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("recorded_by", sa.Text, nullable=False),
    sa.CheckConstraint("months > 0", name="months"),
)

evaluations = sa.Table(
    "evaluations",
    metadata,
    sa.Column("member_id", sa.Integer, _cascade("cohort_members.id"), primary_key=True),
    sa.Column("item", sa.Text, primary_key=True),
    sa.Column("answer", sa.Integer, nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("recorded_by", sa.Text, nullable=False),
)

mentor_groups = sa.Table(
    "mentor_groups",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("cohort_id", sa.Integer, _cascade("cohorts.id"), nullable=False, index=True),
    sa.Column(
        "leader_member_id", sa.Integer, _cascade("cohort_members.id"), nullable=False, index=True
    ),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("min_size", sa.Integer, nullable=False),
    sa.Column("max_size", sa.Integer, nullable=False),
    _created_at(),
    # Group cascade (the Finnish model): the group whose member was promoted to lead this one.
    sa.Column(
        "seeded_by_group_id",
        sa.Integer,
        sa.ForeignKey("mentor_groups.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    ),
    sa.CheckConstraint("min_size >= 1 AND min_size <= max_size", name="sizes"),
)

group_members = sa.Table(
    "group_members",
    metadata,
    sa.Column("group_id", sa.Integer, _cascade("mentor_groups.id"), primary_key=True),
    # Unique: an adept (a cohort membership) is in at most one group.
    sa.Column(
        "adept_member_id",
        sa.Integer,
        _cascade("cohort_members.id"),
        primary_key=True,
        unique=True,
    ),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("who", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column(
        "programme_id",
        sa.Integer,
        sa.ForeignKey("programmes.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    ),
    # Counts and programme names only: never a participant's id, key or name.
    sa.Column("detail", sa.JSON, nullable=False),
)

#: The column mapping a programme's uploads were last read with (headers → fields, value
#: words, combined and split columns: :class:`smile_core.ingest.mapping.ColumnMapping` as JSON), so
#: the next upload is offered it again. Headers and value words only, never a person's data.
column_mappings = sa.Table(
    "column_mappings",
    metadata,
    sa.Column("programme_id", sa.Integer, _cascade("programmes.id"), primary_key=True),
    sa.Column("mapping", sa.JSON, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_by", sa.Text, nullable=False),
)

# ------------------------------------------------------------------ accounts

USER_ROLES = ("coordinator", "steering", "admin")

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False, unique=True),
    sa.Column("role", sa.Text, nullable=False),
    # argon2id, in the PHC string format (salt and parameters included); never the password.
    sa.Column("password_hash", sa.Text, nullable=False),
    _created_at(),
    # Consecutive failed logins and the last one: the next attempt waits longer each time.
    sa.Column("failed_logins", sa.Integer, nullable=False),
    sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint(_in("role", USER_ROLES), name="role"),
)

user_programmes = sa.Table(
    "user_programmes",
    metadata,
    # Which programmes a coordinator works in, or a steering group sees the figures of.
    sa.Column("user_id", sa.Integer, _cascade("users.id"), primary_key=True),
    sa.Column("programme_id", sa.Integer, _cascade("programmes.id"), primary_key=True, index=True),
)

"""The store keeps text as catalogue keys and parameters, never rendered sentences.

``run_unmatched`` loses its Swedish and English sentences (the reason code says it all;
the catalogue's ``reason.<code>`` renders it in the reader's language). ``run_conflicts``
trades its two sentences for ``text_key`` and ``params`` (JSON text); the equality notes in
``runs.figures`` likewise. A row saved before this migration cannot be turned back into the
parameters its sentence was made from, so it keeps both sentences as the parameters of the
key ``text.stored`` and still reads in either language. Downgrading renders every message
back into the two columns.

Revision ID: 0004_text_codes
Revises: 0003
Create Date: 2026-12-02
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_text_codes"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STORED_KEY = "text.stored"

_conflicts = sa.table(
    "run_conflicts",
    sa.column("run_id", sa.Integer),
    sa.column("position", sa.Integer),
    sa.column("message_sv", sa.Text),
    sa.column("message_en", sa.Text),
    sa.column("text_key", sa.Text),
    sa.column("params", sa.Text),
)
_runs = sa.table("runs", sa.column("id", sa.Integer), sa.column("figures", sa.JSON))


def _params(sv: str, en: str) -> str:
    return json.dumps({"sv": sv, "en": en}, ensure_ascii=False)


def upgrade() -> None:
    """Sentences to keys and parameters; old sentences kept as ``text.stored`` parameters."""
    connection = op.get_bind()
    with op.batch_alter_table("run_conflicts") as batch:
        batch.add_column(sa.Column("text_key", sa.Text(), nullable=True))
        batch.add_column(sa.Column("params", sa.Text(), nullable=True))
    for row in connection.execute(sa.select(_conflicts)).all():
        connection.execute(
            sa.update(_conflicts)
            .where(_conflicts.c.run_id == row.run_id, _conflicts.c.position == row.position)
            .values(text_key=STORED_KEY, params=_params(row.message_sv, row.message_en))
        )
    with op.batch_alter_table("run_conflicts") as batch:
        batch.alter_column("text_key", existing_type=sa.Text(), nullable=False)
        batch.alter_column("params", existing_type=sa.Text(), nullable=False)
        batch.drop_column("message_sv")
        batch.drop_column("message_en")
    with op.batch_alter_table("run_unmatched") as batch:
        batch.drop_column("message_sv")
        batch.drop_column("message_en")
    for run in connection.execute(sa.select(_runs)).all():
        figures = run.figures if isinstance(run.figures, dict) else json.loads(run.figures or "{}")
        notes = figures.get("equality_notes") or []
        if not any("message_sv" in n for n in notes):
            continue
        figures["equality_notes"] = [
            {
                "kind": n["kind"],
                "key": STORED_KEY,
                "params": {"sv": n["message_sv"], "en": n["message_en"]},
                "group": n.get("group", ""),
                "count": n.get("count"),
            }
            if "message_sv" in n
            else n
            for n in notes
        ]
        connection.execute(sa.update(_runs).where(_runs.c.id == run.id).values(figures=figures))


def downgrade() -> None:
    """Render every message back into Swedish and English columns."""
    from smile_core.text import Message  # the catalogue as it is when downgrading

    connection = op.get_bind()
    with op.batch_alter_table("run_conflicts") as batch:
        batch.add_column(sa.Column("message_sv", sa.Text(), nullable=True))
        batch.add_column(sa.Column("message_en", sa.Text(), nullable=True))
    for row in connection.execute(sa.select(_conflicts)).all():
        message = Message.from_json({"key": row.text_key, "params": json.loads(row.params)})
        connection.execute(
            sa.update(_conflicts)
            .where(_conflicts.c.run_id == row.run_id, _conflicts.c.position == row.position)
            .values(message_sv=message.render("sv"), message_en=message.render("en"))
        )
    with op.batch_alter_table("run_conflicts") as batch:
        batch.alter_column("message_sv", existing_type=sa.Text(), nullable=False)
        batch.alter_column("message_en", existing_type=sa.Text(), nullable=False)
        batch.drop_column("text_key")
        batch.drop_column("params")
    unmatched = sa.table(
        "run_unmatched",
        sa.column("run_id", sa.Integer),
        sa.column("adept_member_id", sa.Integer),
        sa.column("reason", sa.Text),
        sa.column("message_sv", sa.Text),
        sa.column("message_en", sa.Text),
    )
    with op.batch_alter_table("run_unmatched") as batch:
        batch.add_column(sa.Column("message_sv", sa.Text(), nullable=True))
        batch.add_column(sa.Column("message_en", sa.Text(), nullable=True))
    for row in connection.execute(sa.select(unmatched)).all():
        message = Message.of(f"reason.{row.reason}")
        connection.execute(
            sa.update(unmatched)
            .where(
                unmatched.c.run_id == row.run_id,
                unmatched.c.adept_member_id == row.adept_member_id,
            )
            .values(message_sv=message.render("sv"), message_en=message.render("en"))
        )
    with op.batch_alter_table("run_unmatched") as batch:
        batch.alter_column("message_sv", existing_type=sa.Text(), nullable=False)
        batch.alter_column("message_en", existing_type=sa.Text(), nullable=False)
    for run in connection.execute(sa.select(_runs)).all():
        figures = run.figures if isinstance(run.figures, dict) else json.loads(run.figures or "{}")
        notes = figures.get("equality_notes") or []
        if not any("key" in n for n in notes):
            continue
        rendered = []
        for n in notes:
            message = Message.from_json(n)
            rendered.append(
                {
                    "kind": n["kind"],
                    "message_sv": message.render("sv"),
                    "message_en": message.render("en"),
                    "group": n.get("group", ""),
                    "count": n.get("count"),
                }
            )
        figures["equality_notes"] = rendered
        connection.execute(sa.update(_runs).where(_runs.c.id == run.id).values(figures=figures))

"""Entity resolution: runs, entities, record memberships, scored pairs, decisions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resolution_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("engine", sa.String(20), nullable=False),
        sa.Column("run_by", sa.Text, nullable=False),
        sa.Column("model", sa.JSON, nullable=True),
        sa.Column("report", sa.JSON, nullable=False),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("label", sa.Text, nullable=True),
        sa.Column("records", sa.Integer, nullable=False),
        sa.Column("agencies", sa.Text, nullable=False),
        sa.Column("countries", sa.Text, nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("resolution_runs.id"), nullable=False),
    )
    op.create_index("ix_entities_kind", "entities", ["kind"])
    op.create_table(
        "entity_members",
        sa.Column("agency", sa.String(40), primary_key=True),
        sa.Column("record_id", sa.String(200), primary_key=True),
        sa.Column("kind", sa.String(20), primary_key=True),
        sa.Column("entity_id", sa.String(40), nullable=False),
        sa.Column("match_probability", sa.Float, nullable=True),
        sa.Column("method", sa.String(20), nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("resolution_runs.id"), nullable=False),
    )
    op.create_index("ix_entity_members_entity", "entity_members", ["entity_id"])
    op.create_table(
        "match_pairs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("resolution_runs.id"), nullable=False),
        sa.Column("left_key", sa.String(250), nullable=False),
        sa.Column("right_key", sa.String(250), nullable=False),
        sa.Column("probability", sa.Float, nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("priority", sa.Float, nullable=False),
    )
    op.create_index("ix_match_pairs_run_status", "match_pairs", ["run_id", "status"])
    op.create_table(
        "match_decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("left_key", sa.String(250), nullable=False),
        sa.Column("right_key", sa.String(250), nullable=False),
        sa.Column("decision", sa.String(10), nullable=False),
        sa.Column("decided_by", sa.Text, nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("undone_by", sa.Text, nullable=True),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_match_decisions_pair", "match_decisions", ["left_key", "right_key"])


def downgrade() -> None:
    for table in ("match_decisions", "match_pairs", "entity_members", "entities"):
        op.drop_table(table)
    op.drop_table("resolution_runs")

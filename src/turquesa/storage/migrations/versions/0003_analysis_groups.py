"""Criminal analysis: the group each entity was last given, per scope.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "analysis_groups",
        sa.Column("scope", sa.String(200), primary_key=True),
        sa.Column("entity_id", sa.String(200), primary_key=True),
        sa.Column("group_id", sa.String(40), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("analysis_groups")

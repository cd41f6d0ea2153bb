"""The index of names and birth dates that hit/no-hit name searches read.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_search_index",
        sa.Column("record_pk", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("agency", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(200), nullable=False),
        sa.Column("birth_date", sa.String(10), nullable=True),
        sa.Column("birth_year", sa.Integer, nullable=True),
        sa.Column("surname_key", sa.String(120), nullable=True),
        sa.Column("given_key", sa.Text, nullable=False),
        sa.Column("surnames_key", sa.Text, nullable=False),
    )
    op.create_index("ix_person_search_birth", "person_search_index", ["birth_date"])
    op.create_index(
        "ix_person_search_year_surname", "person_search_index", ["birth_year", "surname_key"]
    )


def downgrade() -> None:
    op.drop_table("person_search_index")

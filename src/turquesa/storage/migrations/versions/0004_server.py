"""The multi-agency server: users, tokens, sign-in attempts, rate counters, hits,
disclosures, requests for information, blind identifiers.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    now = sa.DateTime(timezone=True)
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(120), nullable=False, unique=True),
        sa.Column("agency", sa.String(40), sa.ForeignKey("agencies.code"), nullable=False),
        sa.Column("roles", sa.Text, nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("totp_secret", sa.Text, nullable=True),
        sa.Column("totp_enabled", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("disabled_reason", sa.Text, nullable=True),
        sa.Column("created_at", now, nullable=False),
        sa.Column("last_login_at", now, nullable=True),
        sa.Column("locked_until", now, nullable=True),
    )
    op.create_table(
        "auth_tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("csrf_hash", sa.String(64), nullable=True),
        sa.Column("created_at", now, nullable=False),
        sa.Column("last_used_at", now, nullable=False),
        sa.Column("expires_at", now, nullable=False),
        sa.Column("revoked_at", now, nullable=True),
    )
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(120), nullable=False),
        sa.Column("source", sa.String(64), nullable=False),
        sa.Column("at", now, nullable=False),
        sa.Column("ok", sa.Boolean, nullable=False),
    )
    op.create_index("ix_login_attempts_user", "login_attempts", ["username", "at"])
    op.create_index("ix_login_attempts_source", "login_attempts", ["source", "at"])
    op.create_table(
        "rate_counters",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("window", sa.Integer, primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
    )
    op.create_table(
        "hits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("reference", sa.String(40), nullable=False, unique=True),
        sa.Column("searcher_user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("searcher_agency", sa.String(40), nullable=False),
        sa.Column("owner_agency", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(200), nullable=False),
        sa.Column("record_kind", sa.String(20), nullable=False),
        sa.Column("match_kind", sa.String(40), nullable=False),
        sa.Column("victim", sa.Boolean, nullable=False),
        sa.Column("created_at", now, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("decided_by", sa.Integer, sa.ForeignKey("users.id"), nullable=True),
        sa.Column("decided_at", now, nullable=True),
    )
    op.create_index("ix_hits_owner", "hits", ["owner_agency", "status"])
    op.create_table(
        "disclosures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("owner_agency", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(200), nullable=False),
        sa.Column("to_agency", sa.String(40), nullable=False),
        sa.Column("case_ref", sa.String(250), nullable=True),
        sa.Column("disclosed_by", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("disclosed_at", now, nullable=False),
        sa.Column("justification", sa.Text, nullable=False),
        sa.Column("hit_id", sa.Integer, sa.ForeignKey("hits.id"), nullable=True),
    )
    op.create_index("ix_disclosures_to", "disclosures", ["to_agency", "owner_agency"])
    op.create_table(
        "requests_for_information",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("from_agency", sa.String(40), nullable=False),
        sa.Column("to_agency", sa.String(40), nullable=False),
        sa.Column("case_agency", sa.String(40), nullable=False),
        sa.Column("case_id", sa.String(200), nullable=False),
        sa.Column("asked_by", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("due", sa.String(10), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("created_at", now, nullable=False),
        sa.Column("answered_at", now, nullable=True),
        sa.Column("answer", sa.Text, nullable=True),
        sa.Column("disclosure_id", sa.Integer, sa.ForeignKey("disclosures.id"), nullable=True),
    )
    op.create_table(
        "blind_identifiers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("agency", sa.String(40), sa.ForeignKey("agencies.code"), nullable=False),
        sa.Column("owner_record_id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("value", sa.String(128), nullable=False),
        sa.Column("key_version", sa.Integer, nullable=False),
        sa.Column("created_at", now, nullable=False),
    )
    op.create_index("ix_blind_identifiers_value", "blind_identifiers", ["kind", "value"])


def downgrade() -> None:
    for table in (
        "blind_identifiers",
        "requests_for_information",
        "disclosures",
        "hits",
        "rate_counters",
        "login_attempts",
        "auth_tokens",
        "users",
    ):
        op.drop_table(table)

"""Core tables: agencies, networks, submissions, source files, records, identifiers.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

NETWORKS = {
    "HTEG": "INTERPOL Human Trafficking Experts Group",
    "ISON": "INTERPOL Specialized Operational Network against migrant smuggling",
    "REDTRAM": "Ibero-American Network of Prosecutors on Trafficking in Persons and "
    "Migrant Smuggling",
}


def upgrade() -> None:
    op.create_table(
        "agencies",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_agencies"),
    )
    networks = op.create_table(
        "networks",
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("name", name="pk_networks"),
    )
    op.create_table(
        "network_members",
        sa.Column("network", sa.String(40), nullable=False),
        sa.Column("agency", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(
            ["network"], ["networks.name"], name="fk_network_members_network_networks"
        ),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name="fk_network_members_agency_agencies"
        ),
        sa.PrimaryKeyConstraint("network", "agency", name="pk_network_members"),
    )
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("agency", sa.String(40), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("loaded_by", sa.Text, nullable=False),
        sa.Column("rows_loaded", sa.Integer, nullable=False),
        sa.Column("rows_rejected", sa.Integer, nullable=False),
        sa.Column("report", sa.JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name="fk_submissions_agency_agencies"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_submissions"),
        sa.UniqueConstraint("agency", "content_hash", name="uq_submissions_agency_hash"),
    )
    op.create_table(
        "source_files",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("submission_id", sa.Integer, nullable=False),
        sa.Column("template", sa.String(40), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_bytes_hex", sa.Text, nullable=True),
        sa.Column("sheet", sa.Text, nullable=True),
        sa.Column("encoding", sa.String(20), nullable=True),
        sa.Column("delimiter", sa.String(4), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"], ["submissions.id"], name="fk_source_files_submission_id_submissions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_source_files"),
    )
    op.create_table(
        "records",
        sa.Column("pk", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("agency", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("submission_id", sa.Integer, nullable=False),
        sa.Column("file_id", sa.Integer, nullable=False),
        sa.Column("row", sa.Integer, nullable=False),
        sa.Column("case_id", sa.String(200), nullable=True),
        sa.Column("role", sa.String(20), nullable=True),
        sa.Column("sharing", sa.Text, nullable=False),
        sa.Column("source_grade", sa.String(1), nullable=True),
        sa.Column("information_grade", sa.String(1), nullable=True),
        sa.Column("label", sa.Text, nullable=True),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("raw", sa.JSON, nullable=False),
        sa.Column("retracted_by", sa.Integer, nullable=True),
        sa.Column("retraction_reason", sa.Text, nullable=True),
        sa.ForeignKeyConstraint(["agency"], ["agencies.code"], name="fk_records_agency_agencies"),
        sa.ForeignKeyConstraint(
            ["submission_id"], ["submissions.id"], name="fk_records_submission_id_submissions"
        ),
        sa.ForeignKeyConstraint(
            ["file_id"], ["source_files.id"], name="fk_records_file_id_source_files"
        ),
        sa.ForeignKeyConstraint(
            ["retracted_by"], ["submissions.id"], name="fk_records_retracted_by_submissions"
        ),
        sa.PrimaryKeyConstraint("pk", name="pk_records"),
        sa.UniqueConstraint("agency", "record_id", "kind", "version", name="uq_records_version"),
    )
    op.create_table(
        "identifiers",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("agency", sa.String(40), nullable=False),
        sa.Column("owner_record_id", sa.String(200), nullable=False),
        sa.Column("owner_version", sa.Integer, nullable=True),
        sa.Column("submission_id", sa.Integer, nullable=False),
        sa.Column("file_id", sa.Integer, nullable=False),
        sa.Column("row", sa.Integer, nullable=False),
        sa.Column("column_name", sa.String(80), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("original", sa.Text, nullable=False),
        sa.Column("country", sa.String(2), nullable=True),
        sa.Column("platform", sa.String(40), nullable=True),
        sa.Column("valid", sa.Boolean, nullable=False),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name="fk_identifiers_agency_agencies"
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"], ["submissions.id"], name="fk_identifiers_submission_id_submissions"
        ),
        sa.ForeignKeyConstraint(
            ["file_id"], ["source_files.id"], name="fk_identifiers_file_id_source_files"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_identifiers"),
    )
    op.create_index("ix_identifiers_kind_value", "identifiers", ["kind", "value"])
    op.create_index("ix_identifiers_owner", "identifiers", ["agency", "owner_record_id"])
    op.create_table(
        "rejected_rows",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("submission_id", sa.Integer, nullable=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("row", sa.Integer, nullable=True),
        sa.Column("column_name", sa.Text, nullable=True),
        sa.Column("value", sa.Text, nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"], ["submissions.id"], name="fk_rejected_rows_submission_id_submissions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_rejected_rows"),
    )
    op.bulk_insert(networks, [{"name": n, "description": d} for n, d in NETWORKS.items()])


def downgrade() -> None:
    for table in (
        "rejected_rows",
        "identifiers",
        "records",
        "source_files",
        "submissions",
        "network_members",
        "networks",
        "agencies",
    ):
        op.drop_table(table)

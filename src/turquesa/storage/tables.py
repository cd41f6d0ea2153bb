"""The database tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Why this shape: a record is stored once per *version* with its full provenance
(agency, submission, source file, spreadsheet row), its sharing rule and its
Admiralty grades; its cleaned values and the values exactly as written sit side by
side (`data`, `raw`), so every normalised value can be traced to what the agency
wrote. Identifiers get a table of their own, indexed on the normalised key, because
resolution and hit/no-hit search look them up by value. The field lists of each
record kind live in `model.yaml`, not here: a new column in a template needs no
migration.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

agencies = Table(
    "agencies",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("country", String(2), nullable=False),
    Column("name", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

networks = Table(
    "networks",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("description", Text, nullable=False, server_default=""),
)

network_members = Table(
    "network_members",
    metadata,
    Column("network", String(40), ForeignKey("networks.name"), primary_key=True),
    Column("agency", String(40), ForeignKey("agencies.code"), primary_key=True),
)

submissions = Table(
    "submissions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agency", String(40), ForeignKey("agencies.code"), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("source", Text, nullable=False),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    Column("loaded_by", Text, nullable=False),
    Column("rows_loaded", Integer, nullable=False),
    Column("rows_rejected", Integer, nullable=False),
    Column("report", JSON, nullable=False),
    UniqueConstraint("agency", "content_hash", name="uq_submissions_agency_hash"),
)

source_files = Table(
    "source_files",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", Integer, ForeignKey("submissions.id"), nullable=False),
    Column("template", String(40), nullable=False),
    Column("name", Text, nullable=False),
    Column("name_bytes_hex", Text, nullable=True),
    Column("sheet", Text, nullable=True),
    Column("encoding", String(20), nullable=True),
    Column("delimiter", String(4), nullable=True),
    Column("sha256", String(64), nullable=False),
    Column("rows", Integer, nullable=False),
)

records = Table(
    "records",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("agency", String(40), ForeignKey("agencies.code"), nullable=False),
    Column("record_id", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("version", Integer, nullable=False),
    Column("status", String(12), nullable=False),  # current | superseded | retracted
    Column("submission_id", Integer, ForeignKey("submissions.id"), nullable=False),
    Column("file_id", Integer, ForeignKey("source_files.id"), nullable=False),
    Column("row", Integer, nullable=False),
    Column("case_id", String(200), nullable=True),
    Column("role", String(20), nullable=True),
    Column("sharing", Text, nullable=False),
    Column("source_grade", String(1), nullable=True),
    Column("information_grade", String(1), nullable=True),
    Column("label", Text, nullable=True),
    Column("data", JSON, nullable=False),
    Column("raw", JSON, nullable=False),
    Column("retracted_by", Integer, ForeignKey("submissions.id"), nullable=True),
    Column("retraction_reason", Text, nullable=True),
    # Also the index of every lookup by agency and record id (versions, references,
    # retractions): one b-tree fewer to maintain on a load of millions of rows.
    UniqueConstraint("agency", "record_id", "kind", "version", name="uq_records_version"),
)

identifiers = Table(
    "identifiers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agency", String(40), ForeignKey("agencies.code"), nullable=False),
    Column("owner_record_id", String(200), nullable=False),
    Column("owner_version", Integer, nullable=True),  # set when written on the owner's row
    Column("submission_id", Integer, ForeignKey("submissions.id"), nullable=False),
    Column("file_id", Integer, ForeignKey("source_files.id"), nullable=False),
    Column("row", Integer, nullable=False),
    Column("column_name", String(80), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("value", Text, nullable=False),
    Column("original", Text, nullable=False),
    Column("country", String(2), nullable=True),
    Column("platform", String(40), nullable=True),
    Column("valid", Boolean, nullable=False),
)
Index("ix_identifiers_kind_value", identifiers.c.kind, identifiers.c.value)
Index("ix_identifiers_owner", identifiers.c.agency, identifiers.c.owner_record_id)

rejected_rows = Table(
    "rejected_rows",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", Integer, ForeignKey("submissions.id"), nullable=False),
    Column("file", Text, nullable=False),
    Column("row", Integer, nullable=True),
    Column("column_name", Text, nullable=True),
    Column("value", Text, nullable=True),
    Column("reason", Text, nullable=False),
)

# --- entity resolution ---------------------------------------------------------------
# Who is who: each run stores the clusters it found as `entity_members` (one row per
# person or organization record), the entities themselves, the pairs worth keeping
# (accepted, or in the band an analyst should review) and the model it used. The
# analysts' decisions live apart, in `match_decisions`, and outlive every run.

resolution_runs = Table(
    "resolution_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Column("engine", String(20), nullable=False),
    Column("run_by", Text, nullable=False),
    Column("model", JSON, nullable=True),
    Column("report", JSON, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("label", Text, nullable=True),
    Column("records", Integer, nullable=False),
    Column("agencies", Text, nullable=False),  # ;-separated codes
    Column("countries", Text, nullable=False),  # ;-separated ISO codes of those agencies
    Column("run_id", Integer, ForeignKey("resolution_runs.id"), nullable=False),
)
Index("ix_entities_kind", entities.c.kind)

entity_members = Table(
    "entity_members",
    metadata,
    Column("agency", String(40), primary_key=True),
    Column("record_id", String(200), primary_key=True),
    Column("kind", String(20), primary_key=True),
    Column("entity_id", String(40), nullable=False),
    Column("match_probability", Float, nullable=True),
    # alone | model | document | analyst | name | companion
    Column("method", String(20), nullable=False),
    Column("run_id", Integer, ForeignKey("resolution_runs.id"), nullable=False),
)
Index("ix_entity_members_entity", entity_members.c.entity_id)

match_pairs = Table(
    "match_pairs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("resolution_runs.id"), nullable=False),
    Column("left_key", String(250), nullable=False),  # AGENCY/record_id
    Column("right_key", String(250), nullable=False),
    Column("probability", Float, nullable=False),
    Column("weight", Float, nullable=False),
    Column("status", String(12), nullable=False),  # accepted | review | refused
    Column("reason", Text, nullable=True),  # why a likely pair was refused
    Column("priority", Float, nullable=False),  # review order: larger first
)
Index("ix_match_pairs_run_status", match_pairs.c.run_id, match_pairs.c.status)

match_decisions = Table(
    "match_decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("left_key", String(250), nullable=False),
    Column("right_key", String(250), nullable=False),
    Column("decision", String(10), nullable=False),  # same | different
    Column("decided_by", Text, nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Column("note", Text, nullable=True),
    Column("undone_by", Text, nullable=True),
    Column("undone_at", DateTime(timezone=True), nullable=True),
)
Index("ix_match_decisions_pair", match_decisions.c.left_key, match_decisions.c.right_key)

# --- criminal analysis ---------------------------------------------------------------
# Group ids are quoted in reports and requests, so each scope remembers which group each
# member entity was last given; the next run keeps ids where the members stay.

analysis_groups = Table(
    "analysis_groups",
    metadata,
    Column("scope", String(200), primary_key=True),
    Column("entity_id", String(200), primary_key=True),
    Column("group_id", String(40), nullable=False),
    Column("assigned_at", DateTime(timezone=True), nullable=False),
)

# --- the multi-agency server --------------------------------------------------------
# Users belong to one agency and hold roles; tokens (browser sessions and programs'
# bearer tokens) are stored as hashes only; sign-in attempts and rate counters are in
# the database so that every server process shares them. Hits, disclosures and
# requests for information are the record of what one agency asked of another.

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(120), nullable=False, unique=True),
    Column("agency", String(40), ForeignKey("agencies.code"), nullable=False),
    Column("roles", Text, nullable=False),  # ;-separated
    Column("password_hash", Text, nullable=False),
    Column("totp_secret", Text, nullable=True),
    Column("totp_enabled", Boolean, nullable=False, server_default="0"),
    Column("disabled", Boolean, nullable=False, server_default="0"),
    Column("disabled_reason", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_login_at", DateTime(timezone=True), nullable=True),
    Column("locked_until", DateTime(timezone=True), nullable=True),
)

auth_tokens = Table(
    "auth_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("kind", String(10), nullable=False),  # session | bearer
    Column("csrf_hash", String(64), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_used_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(120), nullable=False),
    Column("source", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("ok", Boolean, nullable=False),
)
Index("ix_login_attempts_user", login_attempts.c.username, login_attempts.c.at)
Index("ix_login_attempts_source", login_attempts.c.source, login_attempts.c.at)

rate_counters = Table(
    "rate_counters",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("window", Integer, primary_key=True),  # start of the window, epoch seconds
    Column("count", Integer, nullable=False),
)

hits = Table(
    "hits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reference", String(40), nullable=False, unique=True),
    Column("searcher_user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("searcher_agency", String(40), nullable=False),
    Column("owner_agency", String(40), nullable=False),
    Column("record_id", String(200), nullable=False),
    Column("record_kind", String(20), nullable=False),
    Column("match_kind", String(40), nullable=False),
    Column("victim", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("status", String(12), nullable=False),  # pending | disclosed | declined
    Column("decided_by", Integer, ForeignKey("users.id"), nullable=True),
    Column("decided_at", DateTime(timezone=True), nullable=True),
)
Index("ix_hits_owner", hits.c.owner_agency, hits.c.status)

disclosures = Table(
    "disclosures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner_agency", String(40), nullable=False),
    Column("record_id", String(200), nullable=False),
    Column("to_agency", String(40), nullable=False),
    Column("case_ref", String(250), nullable=True),  # AGENCY:CASE_ID a judge may see
    Column("disclosed_by", Integer, ForeignKey("users.id"), nullable=False),
    Column("disclosed_at", DateTime(timezone=True), nullable=False),
    Column("justification", Text, nullable=False),
    Column("hit_id", Integer, ForeignKey("hits.id"), nullable=True),
)
Index("ix_disclosures_to", disclosures.c.to_agency, disclosures.c.owner_agency)

requests_for_information = Table(
    "requests_for_information",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("from_agency", String(40), nullable=False),
    Column("to_agency", String(40), nullable=False),
    Column("case_agency", String(40), nullable=False),
    Column("case_id", String(200), nullable=False),
    Column("asked_by", Integer, ForeignKey("users.id"), nullable=False),
    Column("question", Text, nullable=False),
    Column("due", String(10), nullable=True),
    Column("status", String(12), nullable=False),  # open | answered | declined
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("answered_at", DateTime(timezone=True), nullable=True),
    Column("answer", Text, nullable=True),
    Column("disclosure_id", Integer, ForeignKey("disclosures.id"), nullable=True),
)

blind_identifiers = Table(
    "blind_identifiers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agency", String(40), ForeignKey("agencies.code"), nullable=False),
    Column("owner_record_id", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("value", String(128), nullable=False),  # hex of the OPRF output
    Column("key_version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Index("ix_blind_identifiers_value", blind_identifiers.c.kind, blind_identifiers.c.value)

# The audit log is a hash chain: each entry's hash covers every field and the hash of
# the entry before it, so an entry cannot be altered, removed or moved without breaking
# every link after it. `seq` is the position (1, 2, 3 … with no gaps) and the primary
# key; `prev_hash` is unique too, so two writers can never fork the chain. The chain
# head is signed from time to time with a key kept outside the database
# (`audit_checkpoints`); when old entries are purged, the last purged entry's hash is
# kept, signed, in `audit_anchors`, and the chain is verified from there.

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user_id", Integer, nullable=True),  # no foreign key: failed sign-ins, old users
    Column("username", String(120), nullable=False),
    Column("agency", String(40), nullable=True),
    Column("source", String(64), nullable=False),
    Column("action", String(40), nullable=False),
    Column("target", Text, nullable=True),
    Column("justification", Text, nullable=True),
    Column("detail", JSON, nullable=False),
    Column("prev_hash", String(64), nullable=False, unique=True),
    Column("entry_hash", String(64), nullable=False),
)
Index("ix_audit_log_agency", audit_log.c.agency, audit_log.c.seq)
Index("ix_audit_log_at", audit_log.c.at)

audit_checkpoints = Table(
    "audit_checkpoints",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("seq", Integer, nullable=False),
    Column("entry_hash", String(64), nullable=False),
    Column("signed_at", DateTime(timezone=True), nullable=False),
    Column("signature", String(128), nullable=False),  # hex Ed25519
    Column("key_id", String(16), nullable=False),
)
Index("ix_audit_checkpoints_seq", audit_checkpoints.c.seq)

audit_anchors = Table(
    "audit_anchors",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),  # last purged entry
    Column("entry_hash", String(64), nullable=False),
    Column("purged_at", DateTime(timezone=True), nullable=False),
    Column("purged", Integer, nullable=False),  # entries this purge removed
    Column("signature", String(128), nullable=False),
    Column("key_id", String(16), nullable=False),
)

# The index of person names and birth dates that hit/no-hit name searches read: built
# from current person records, so that a search never scans records or runs the model.
person_search_index = Table(
    "person_search_index",
    metadata,
    Column("record_pk", Integer, primary_key=True, autoincrement=False),
    Column("agency", String(40), nullable=False),
    Column("record_id", String(200), nullable=False),
    Column("birth_date", String(10), nullable=True),  # as precise as the record is
    Column("birth_year", Integer, nullable=True),
    Column("surname_key", String(120), nullable=True),  # first surname, folded
    Column("given_key", Text, nullable=False),  # folded given names, space-separated
    Column("surnames_key", Text, nullable=False),  # folded surnames, space-separated
)
Index("ix_person_search_birth", person_search_index.c.birth_date)
Index(
    "ix_person_search_year_surname",
    person_search_index.c.birth_year,
    person_search_index.c.surname_key,
)

"""Writing many records fast, inside the caller's transaction.

Rows are buffered as tuples and written in batches straight through the driver:
on SQLite one `executemany` (the sqlite3 module's C loop), on PostgreSQL one `COPY`.
Going below SQLAlchemy's per-row parameter processing is what makes a million-row
load take minutes rather than tens of minutes; the column lists still come from the
table definitions, so nothing here can drift from the schema. Nothing here commits:
the ingest decides.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table

from turquesa.storage import store
from turquesa.storage.tables import identifiers, records

if TYPE_CHECKING:
    from turquesa.ingest.rows import CleanRow

BATCH = 5000


class BulkWriter:
    """Buffers the records and identifiers of one submission and writes them in batches."""

    def __init__(self, conn: Connection, agency: str, submission_id: int) -> None:
        self.conn = conn
        self.agency = agency
        self.submission_id = submission_id
        self._records: list[dict[str, Any]] = []
        self._identifiers: list[dict[str, Any]] = []
        self._superseded: dict[bool, list[str]] = {True: [], False: []}
        self.counts: Counter[str] = Counter()
        self.new_versions = 0
        self.identifier_count = 0

    def add_record(
        self, clean: CleanRow, file_id: int, *, version: int, is_new_version: bool
    ) -> None:
        assert clean.kind is not None and clean.record_id is not None
        if is_new_version:
            self._superseded[clean.kind == "case"].append(clean.record_id)
            self.new_versions += 1
        self._records.append(
            {
                "agency": self.agency,
                "record_id": clean.record_id,
                "kind": clean.kind,
                "version": version,
                "status": "current",
                "submission_id": self.submission_id,
                "file_id": file_id,
                "row": clean.row,
                "case_id": clean.case_id,
                "role": clean.role,
                "sharing": clean.sharing or "agency",
                "source_grade": clean.source_grade,
                "information_grade": clean.information_grade,
                "label": clean.label,
                "data": clean.data,
                "raw": clean.raw,
                "retracted_by": None,
                "retraction_reason": None,
            }
        )
        self.counts[clean.kind] += 1
        self.add_identifiers(clean, file_id, owner_version=version)
        if len(self._records) >= BATCH:
            self.flush()

    def add_identifiers(self, clean: CleanRow, file_id: int, owner_version: int | None) -> None:
        for ident in clean.identifiers:
            self._identifiers.append(
                {
                    "agency": self.agency,
                    "owner_record_id": ident.owner or clean.record_id,
                    "owner_version": owner_version,
                    "submission_id": self.submission_id,
                    "file_id": file_id,
                    "row": clean.row,
                    "column_name": ident.column,
                    "kind": ident.kind,
                    "value": ident.value,
                    "original": ident.original,
                    "country": ident.country,
                    "platform": ident.platform,
                    "valid": ident.valid,
                }
            )
        self.identifier_count += len(clean.identifiers)
        if len(self._identifiers) >= BATCH * 2:
            self.flush()

    def retract(self, record_id: str, is_case: bool, reason: str | None) -> None:
        self.flush()
        store.retract(self.conn, self.agency, record_id, is_case, self.submission_id, reason)

    def flush(self) -> None:
        for is_case, ids in self._superseded.items():
            store.supersede(self.conn, self.agency, is_case, ids)
            ids.clear()
        if self._records:
            write_rows(self.conn, records, self._records)
            self._records = []
        if self._identifiers:
            write_rows(self.conn, identifiers, self._identifiers)
            self._identifiers = []


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` (dicts keyed by column name, primary key left out) in one go."""
    columns = [c for c in table.columns if not (c.primary_key and c.autoincrement)]
    names = [c.name for c in columns]
    json_columns = {c.name for c in columns if c.type.__class__.__name__ == "JSON"}
    tuples = [tuple(_dumps(row[n]) if n in json_columns else row[n] for n in names) for row in rows]
    dbapi = conn.connection.driver_connection
    quoted = ", ".join(f'"{n}"' for n in names)
    if conn.dialect.name == "postgresql":
        with (
            dbapi.cursor() as cursor,
            cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy,
        ):
            for values in tuples:
                copy.write_row(values)
        return
    placeholders = ", ".join("?" for _ in names)
    cursor = dbapi.cursor()
    try:
        cursor.executemany(f'INSERT INTO "{table.name}" ({quoted}) VALUES ({placeholders})', tuples)
    finally:
        cursor.close()

"""Writing many records fast, inside the caller's transaction.

Rows are buffered as tuples and written in batches straight through the driver:
on SQLite one `executemany` (the sqlite3 module's C loop), on PostgreSQL one `COPY`.
Going below SQLAlchemy's per-row parameter processing is what makes a million-row
load take minutes rather than tens of minutes; the column lists still come from the
table definitions, so nothing here can drift from the schema. Nothing here commits:
the ingest decides.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy import JSON, Connection, Table

from turquesa.storage import store
from turquesa.storage.engine import SQLITE_CACHE
from turquesa.storage.tables import identifiers, records

BATCH = 5000
#: KiB of SQLite page cache while a load runs: the indexes of a million-person load
#: (record versions, identifier keys) are inserted in no useful order, and each page
#: that falls out of the cache is read back for the next insert that lands on it.
BULK_CACHE = -262144


@contextmanager
def bulk_loading(conn: Connection) -> Iterator[None]:
    """Enter before the load's transaction begins, leave after it ends.

    On SQLite the load's connection stops checking foreign keys row by row (a third of
    the cost of an insert): every row it writes names the agency, submission and file
    the same load has just written, so there is nothing a check could catch. It also
    gets a larger page cache. Both are put back before the connection goes back to the
    pool; PostgreSQL changes nothing. SQLite ignores these pragmas inside a
    transaction, hence the order.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    dbapi = conn.connection.driver_connection
    if dbapi.in_transaction:
        raise RuntimeError("bulk_loading must be entered before the transaction begins")
    dbapi.execute("PRAGMA foreign_keys=OFF")
    dbapi.execute(f"PRAGMA cache_size={BULK_CACHE}")
    try:
        yield
    finally:
        dbapi.execute("PRAGMA foreign_keys=ON")
        dbapi.execute(f"PRAGMA cache_size={SQLITE_CACHE}")


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
        self, row: dict[str, Any], identifier_rows: list[dict[str, Any]], *, is_new_version: bool
    ) -> None:
        """One record version (columns of `records` but agency, submission and status)
        and the identifiers written on it."""
        if is_new_version:
            self._superseded[row["kind"] == "case"].append(row["record_id"])
            self.new_versions += 1
        row.update(
            agency=self.agency,
            submission_id=self.submission_id,
            status="current",
            retracted_by=None,
            retraction_reason=None,
        )
        self._records.append(row)
        self.counts[row["kind"]] += 1
        self.add_identifiers(identifier_rows)
        if len(self._records) >= BATCH:
            self.flush()

    def add_identifiers(self, rows: list[dict[str, Any]]) -> None:
        """Identifiers (columns of `identifiers` but agency and submission)."""
        for row in rows:
            row.update(agency=self.agency, submission_id=self.submission_id)
        self._identifiers.extend(rows)
        self.identifier_count += len(rows)
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


class JsonText(str):
    """A value already serialised as JSON: written as it is. Rows are serialised where
    they are cleaned (in worker processes), which also makes them cheap to send back."""


def json_text(value: Any) -> str:
    """Compact JSON, UTF-8 kept as is (orjson: ten times the standard library's speed,
    which matters at two documents per record over millions of records)."""
    return orjson.dumps(value).decode("utf-8")


def write_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` (dicts keyed by column name, primary key left out) in one go."""
    columns = [c for c in table.columns if not (c.primary_key and c.autoincrement is True)]
    names = [c.name for c in columns]
    for name in (c.name for c in columns if isinstance(c.type, JSON)):
        for row in rows:
            if not isinstance(row[name], JsonText):
                row[name] = json_text(row[name])
    getter = itemgetter(*names)
    tuples = [getter(row) for row in rows]
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

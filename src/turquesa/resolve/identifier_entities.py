"""Which identifiers the current records carry, grouped: one identifier entity per
(kind, normalised value), with the agencies that hold it and how many records.

The database gives the carrying records unordered (a join it does in seconds at a
million persons); DuckDB then groups them, under a small memory limit and spilling to
disk beyond it. On the synthetic million-person database, SQLite's own DISTINCT and
GROUP BY over those four million rows (temporary b-trees) took 99 s for the query
alone; the grouping here, from the join to the last grouped row, 56 s.

Nothing in it depends on who is who, so a large resolution starts it in a worker
process of its own as soon as the matching engine closes: it runs on the second core
while the main process reads the profiles back and clusters, and the store step only
reads its result.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from types import TracebackType

from sqlalchemy import Connection, Engine, select

from turquesa.parallel import worker_pool
from turquesa.resolve.identities import identifier_entity_id
from turquesa.resolve.people import current_identifiers
from turquesa.storage.engine import make_engine

#: Rows fetched from either database at a time.
BATCH = 50_000
#: DuckDB's share of memory while it groups: resolution is at its peak by then.
GROUPING_MEMORY = "512MB"
#: Agency codes of one identifier, as written in the grouped file (codes hold no ';').
_CODES = ";"

#: (entity id, kind, value, agencies holding it sorted, number of records carrying it)
Identifier = tuple[str, str, str, list[str], int]


def carried_identifiers(conn: Connection, workdir: Path | None = None) -> Iterator[Identifier]:
    """One `Identifier` per identifier carried by a current person or organization
    record, in the order of their entity ids (`identifier_entity_id`), the entities'
    primary key, so the store step appends to its index rather than inserting all over
    it. A value written twice on one record (its row and identifiers.csv) counts once."""
    with tempfile.TemporaryDirectory(dir=workdir, prefix="turquesa-identifiers-") as tmp:
        grouped = _group(conn, Path(tmp))
        if grouped is not None:
            yield from _read(grouped)


class IdentifierGrouping:
    """`carried_identifiers`, started early and read later. `start` runs the grouping in
    a worker process over its own connection when `background` is set and another
    process can open the database (not SQLite in memory); otherwise, or if never
    started, `rows` does it when asked."""

    def __init__(self, engine: Engine, workdir: Path | None, background: bool) -> None:
        self._tmp = tempfile.TemporaryDirectory(dir=workdir, prefix="turquesa-identifiers-")
        self._pool: ProcessPoolExecutor | None = None
        self._result: Future[str | None] | None = None
        url = engine.url
        shared = url.get_backend_name() != "sqlite" or url.database not in (None, "", ":memory:")
        self._url = url.render_as_string(hide_password=False) if background and shared else None

    def start(self) -> None:
        if self._url is not None and self._result is None:
            self._pool = worker_pool(1, fresh=True)
            self._result = self._pool.submit(_group_in_worker, self._url, self._tmp.name)

    def wait(self) -> None:
        """Let the worker finish reading before the caller starts writing."""
        if self._result is not None:
            self._result.result()

    def rows(self, conn: Connection) -> Iterator[Identifier]:
        if self._result is not None:
            path = self._result.result()
            grouped = Path(path) if path else None
        else:
            grouped = _group(conn, Path(self._tmp.name))
        if grouped is not None:
            yield from _read(grouped)

    def __enter__(self) -> IdentifierGrouping:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._tmp.cleanup()


def _group_in_worker(url: str, folder: str) -> str | None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            grouped = _group(conn, Path(folder))
    finally:
        engine.dispose()
    return str(grouped) if grouped else None


def _group(conn: Connection, folder: Path) -> Path | None:
    """The grouped identifiers written to a CSV file in the order of their entity ids;
    None when no current record carries any."""
    import duckdb

    carried = current_identifiers(("person", "organization"))
    query = select(
        carried.c.kind, carried.c.value, carried.c.agency, carried.c.owner_record_id
    ).execution_options(stream_results=True, yield_per=BATCH)
    path = folder / "carried.csv"
    written = 0
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        for rows in conn.execute(query).partitions():
            writer.writerows(rows)
            written += len(rows)
    if not written:
        return None
    grouped = folder / "grouped.csv"
    con = duckdb.connect(
        config={
            "memory_limit": GROUPING_MEMORY,
            "temp_directory": str(folder / "spill"),
            "preserve_insertion_order": False,
        }
    )
    try:
        # The id is the one `identifier_entity_id` gives everywhere else, computed here
        # once per identifier, so that the rows can come out in its order (a handle's
        # value is already platform:handle).
        con.create_function("entity_id", identifier_entity_id, ["VARCHAR", "VARCHAR"], "VARCHAR")
        cursor = con.execute(
            "SELECT entity_id(kind, value) AS id, kind, value, "
            "list_sort(list(DISTINCT agency)), count(DISTINCT (agency, owner)) "
            "FROM read_csv(?, header = false, auto_detect = false, delim = ',', "
            "quote = '\"', escape = '\"', "
            "columns = {'kind': 'VARCHAR', 'value': 'VARCHAR', 'agency': 'VARCHAR', "
            "'owner': 'VARCHAR'}) "
            "GROUP BY kind, value ORDER BY id",
            [str(path)],
        )
        with grouped.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            while rows := cursor.fetchmany(BATCH):
                writer.writerows((i, k, v, _CODES.join(codes), n) for i, k, v, codes, n in rows)
    finally:
        con.close()
    path.unlink()
    return grouped


def _read(grouped: Path) -> Iterator[Identifier]:
    with grouped.open(newline="", encoding="utf-8") as lines:
        for entity_id, kind, value, codes, count in csv.reader(lines):
            yield entity_id, kind, value, codes.split(_CODES), int(count)

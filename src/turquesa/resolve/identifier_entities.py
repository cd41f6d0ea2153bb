"""Which identifiers the current records carry, grouped: one identifier entity per
(kind, normalised value), with the agencies that hold it and how many records.

The database gives the carrying records unordered (a join it does in seconds at a
million persons); DuckDB then groups them, under a small memory limit and spilling to
disk beyond it. On the synthetic million-person database, SQLite's own DISTINCT and
GROUP BY over those four million rows (temporary b-trees) took 99 s for the query
alone; this whole function, from the join to the last grouped row, 56 s.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, select

from turquesa.resolve.people import current_identifiers

#: Rows fetched from either database at a time.
BATCH = 50_000
#: DuckDB's share of memory while it groups: resolution is at its peak by then.
GROUPING_MEMORY = "512MB"


def carried_identifiers(
    conn: Connection, workdir: Path | None = None
) -> Iterator[tuple[str, str, list[str], int]]:
    """(kind, value, agencies holding it sorted, number of records carrying it), per
    identifier carried by a current person or organization record, in (kind, value)
    order. A value written twice on one record (its row and identifiers.csv) counts
    once."""
    import duckdb

    carried = current_identifiers(("person", "organization"))
    query = select(
        carried.c.kind, carried.c.value, carried.c.agency, carried.c.owner_record_id
    ).execution_options(stream_results=True, yield_per=BATCH)
    with tempfile.TemporaryDirectory(dir=workdir, prefix="turquesa-identifiers-") as tmp:
        path = Path(tmp) / "carried.csv"
        written = 0
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            for rows in conn.execute(query).partitions():
                writer.writerows(rows)
                written += len(rows)
        if not written:
            return
        con = duckdb.connect(
            config={
                "memory_limit": GROUPING_MEMORY,
                "temp_directory": str(Path(tmp) / "spill"),
                "preserve_insertion_order": False,
            }
        )
        try:
            cursor = con.execute(
                "SELECT kind, value, list_sort(list(DISTINCT agency)), "
                "count(DISTINCT (agency, owner)) "
                "FROM read_csv(?, header = false, auto_detect = false, delim = ',', "
                "quote = '\"', escape = '\"', "
                "columns = {'kind': 'VARCHAR', 'value': 'VARCHAR', 'agency': 'VARCHAR', "
                "'owner': 'VARCHAR'}) "
                "GROUP BY kind, value ORDER BY kind, value",
                [str(path)],
            )
            while rows := cursor.fetchmany(BATCH):
                yield from rows
        finally:
            con.close()

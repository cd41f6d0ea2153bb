"""Readers: whatever encoding, delimiter and quoting an agency used, the cells read back."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from turquesa.ingest.readers import Table, read_rows

# Text that Latin-1 and Windows-1252 can both hold, as Latin American records do.
LATIN = st.text(
    alphabet=st.characters(codec="latin-1", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
    max_size=20,
)
HEADER = ["record_id", "full_name", "notes"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.tuples(LATIN, LATIN, LATIN), min_size=1, max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_cells_read_back_in_any_encoding_and_delimiter(
    rows: list[tuple[str, str, str]], encoding: str, delimiter: str
) -> None:
    rows = [r for r in rows if any(c.strip() for c in r)]  # blank lines are not records
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    writer.writerows(rows)
    encoded = buffer.getvalue().encode(encoding)
    if not encoding.startswith("utf"):
        # Latin-1 bytes that also spell valid UTF-8 ("Ã©", "à\xa0\xa0") are the same file
        # either way: no reader can tell which the agency meant, so only the others
        # must read back exactly
        try:
            encoded.decode("utf-8")
            assume(buffer.getvalue().isascii())
        except UnicodeDecodeError:
            pass
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "persons.csv"
        path.write_bytes(encoded)
        table = Table(path, "persons.csv", "csv", template="persons")
        read = [cells for _, cells, _ in read_rows(table)]
    assert table.header == HEADER
    assert table.delimiter == delimiter
    assert [tuple(r) for r in read] == rows

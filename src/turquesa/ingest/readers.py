"""Readers that turn one table (a CSV file, an Excel sheet, a JSON list) into rows.

Every reader gives the header as written and then `(row_number, cells)` with row
numbers as a spreadsheet shows them (header = row 1), streaming, so memory stays
flat on files of millions of rows. Whole-file problems (no header, duplicated
columns, a quote left open, bytes in no supported encoding) raise InvalidInput
naming the file, row and column; per-cell problems a reader alone can see (an Excel
formula) come back beside the cells so the report can list every one of them.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from turquesa.errors import InvalidInput
from turquesa.ingest.encoding import detect_delimiter, detect_encoding

csv.field_size_limit(1 << 30)  # the 64 KB cell limit is ours to report, row by row

#: (column index, reason) for cells a reader could not give a trustworthy value for.
CellProblems = list[tuple[int, str]]
Row = tuple[int, list[str], CellProblems]


@dataclass
class Table:
    """One table of a submission, before it is read."""

    path: Path
    display_name: str
    format: str  # csv | xlsx | json | jsonl
    template: str | None = None
    sheet: str | None = None
    json_key: str | None = None  # for a JSON object holding several templates
    encoding: str | None = None
    delimiter: str | None = None
    header: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.sheet:
            return f"{self.display_name}[{self.sheet}]"
        if self.json_key:
            return f"{self.display_name}[{self.json_key}]"
        return self.display_name


def check_header(table: Table, header: list[str]) -> list[str]:
    """Header cells stripped; refuse an empty header or a duplicated column name."""
    cleaned = [(h or "").strip() for h in header]
    if not any(cleaned):
        raise InvalidInput(
            f"{table.label}: row 1 has no header: the first row must name the columns",
            file=table.label,
            row=1,
        )
    seen: dict[str, int] = {}
    for index, name in enumerate(cleaned):
        if not name:
            continue
        key = name.casefold()
        if key in seen:
            raise InvalidInput(
                f"{table.label}: row 1: column {name!r} appears twice "
                f"(columns {seen[key] + 1} and {index + 1}); column names are case-insensitive",
                file=table.label,
                row=1,
                column=name,
            )
        seen[key] = index
    return cleaned


def _csv_rows(table: Table) -> Iterator[Row]:
    if table.path.stat().st_size == 0:
        raise InvalidInput(f"{table.label}: the file is empty (0 bytes)", file=table.label)
    encoding = detect_encoding(table.path, table.display_name)
    table.encoding = encoding.label
    with table.path.open("r", encoding=encoding.codec, newline="") as handle:
        first_line = handle.readline()
        if not first_line.strip():
            raise InvalidInput(
                f"{table.label}: row 1 has no header: the first row must name the columns",
                file=table.label,
                row=1,
            )
        delimiter = detect_delimiter(first_line)
        table.delimiter = delimiter
        handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter, strict=True)
        row_number = 1
        try:
            table.header = check_header(table, next(reader))
            for cells in reader:
                row_number += 1
                if not cells or (len(cells) == 1 and not cells[0].strip()):
                    continue  # a blank line is not a record
                yield row_number, cells, []
        except csv.Error as exc:
            reason = str(exc)
            if "unexpected end of data" in reason or "EOF" in reason:
                reason = "a quote opened here is never closed"
            raise InvalidInput(
                f"{table.label}: row {row_number + 1}: {reason} (the file cannot be read past it)",
                file=table.label,
                row=row_number + 1,
            ) from exc


def excel_cell_text(value: Any) -> str:
    """Excel's typed values as the text an agency meant."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(table: Table) -> Iterator[Row]:
    from openpyxl import load_workbook  # imported here: only Excel loads pay for it

    if table.path.stat().st_size == 0:
        raise InvalidInput(f"{table.label}: the file is empty (0 bytes)", file=table.label)
    workbook = load_workbook(table.path, read_only=True, data_only=False)
    try:
        sheet = workbook[table.sheet] if table.sheet else workbook.worksheets[0]
        rows = sheet.iter_rows()
        header_cells = next(rows, None)
        if header_cells is None:
            raise InvalidInput(
                f"{table.label}: the sheet is empty: row 1 must name the columns",
                file=table.label,
                row=1,
            )
        table.header = check_header(table, [excel_cell_text(c.value) for c in header_cells])
        for row_number, cells in enumerate(rows, start=2):
            values: list[str] = []
            problems: CellProblems = []
            for index, cell in enumerate(cells):
                value = cell.value
                if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
                    problems.append(
                        (
                            index,
                            "the cell holds a formula; its value is not trusted: "
                            "paste the value instead",
                        )
                    )
                    values.append(str(value))
                else:
                    values.append(excel_cell_text(value))
            if not any(v.strip() for v in values):
                continue
            yield row_number, values, problems
    finally:
        workbook.close()


def json_cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(json_cell_text(v) for v in value)
    if isinstance(value, dict):
        raise ValueError("an object where a value or a list was expected")
    return str(value)


def _json_objects(table: Table) -> Iterator[tuple[int, dict[str, Any]]]:
    if table.path.stat().st_size == 0:
        raise InvalidInput(f"{table.label}: the file is empty (0 bytes)", file=table.label)
    if table.format == "jsonl":
        with table.path.open("r", encoding="utf-8-sig") as handle:
            for line_number, line in enumerate(handle, start=2):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InvalidInput(
                        f"{table.label}: row {line_number}: not JSON: {exc}",
                        file=table.label,
                        row=line_number,
                    ) from exc
                if not isinstance(obj, dict):
                    raise InvalidInput(
                        f"{table.label}: row {line_number}: each line must be an object",
                        file=table.label,
                        row=line_number,
                    )
                yield line_number, obj
        return
    try:
        document = json.loads(table.path.read_text("utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{table.label}: not a JSON document: {exc}", file=table.label) from exc
    items = document[table.json_key] if table.json_key else document
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise InvalidInput(
            f"{table.label}: expected a list of objects, one per record", file=table.label
        )
    for index, obj in enumerate(items, start=2):
        yield index, obj


def _json_rows(table: Table) -> Iterator[Row]:
    # Objects may name their keys in any order; the header is every key in the order
    # first seen, which takes one pass before the rows are given.
    columns: dict[str, int] = {}
    for _, obj in _json_objects(table):
        for key in obj:
            columns.setdefault(key, len(columns))
    if not columns:
        raise InvalidInput(f"{table.label}: holds no records, so no columns either")
    table.header = check_header(table, list(columns))
    for row_number, obj in _json_objects(table):
        values = [""] * len(columns)
        problems: CellProblems = []
        for key, value in obj.items():
            index = columns[key]
            try:
                values[index] = json_cell_text(value)
            except ValueError as exc:
                problems.append((index, str(exc)))
        yield row_number, values, problems


def read_rows(table: Table) -> Iterator[Row]:
    """Rows of `table`; its `header` (and encoding, delimiter) are set once reading starts."""
    if table.format == "csv":
        return _csv_rows(table)
    if table.format == "xlsx":
        return _xlsx_rows(table)
    if table.format in ("json", "jsonl"):
        return _json_rows(table)
    raise InvalidInput(f"{table.label}: files of type .{table.format} are not read")

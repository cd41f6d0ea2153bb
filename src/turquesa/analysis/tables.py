"""A table of counts as a report, a terminal or a CSV file shows it.

Why one shape for every table: suppression (turquesa.analysis.suppression) must see the
cells together with the margins a reader will see, and every renderer (the terminal,
CSV, JSON, the HTML report) must show the same cells hidden in the same way. Totals are
kept inside the grid, as its last row and last column, because a total is just another
number a reader can subtract from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: Flags of a hidden cell: under the threshold, or hidden so that a margin cannot give
#: another hidden cell back.
PRIMARY = "<5"
SECONDARY = "x"

Translate = Callable[[str], str]


def identity(text: str) -> str:
    return text


@dataclass
class Table:
    """Counts with row and column keys; with `margins`, the last row and column of
    `cells` are the totals (sums of the cells, so a person counted in two rows counts
    twice in a column's total, as the note says)."""

    title: str
    row_keys: list[str]
    col_keys: list[str]
    row_labels: list[str]
    col_labels: list[str]
    cells: list[list[int | None]]  # None: hidden, see `flags`
    flags: list[list[str]] = field(default_factory=list)  # "", PRIMARY or SECONDARY
    margins: bool = True
    unit: str = "persons"
    dimension: str = ""
    split: str = ""
    note: str = ""
    suppressed: bool = False

    def __post_init__(self) -> None:
        if not self.flags:
            self.flags = [["" for _ in row] for row in self.cells]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.cells), len(self.cells[0]) if self.cells else 0

    def text(self, i: int, j: int) -> str:
        """The cell as shown: its count, or its flag when hidden."""
        value = self.cells[i][j]
        return self.flags[i][j] or ("" if value is None else str(value))

    def value(self, row: str, col: str) -> int | None:
        """The count at `row`, `col` (keys; "total" for a margin), None when hidden."""
        i = len(self.row_keys) if row == "total" else self.row_keys.index(row)
        j = len(self.col_keys) if col == "total" else self.col_keys.index(col)
        return self.cells[i][j]

    def flag(self, row: str, col: str) -> str:
        i = len(self.row_keys) if row == "total" else self.row_keys.index(row)
        j = len(self.col_keys) if col == "total" else self.col_keys.index(col)
        return self.flags[i][j]

    def hidden_count(self) -> tuple[int, int]:
        """How many cells are hidden (primary, secondary), margins included."""
        flat = [f for row in self.flags for f in row]
        return flat.count(PRIMARY), flat.count(SECONDARY)

    def all_row_keys(self) -> list[str]:
        return [*self.row_keys, "total"] if self.margins else list(self.row_keys)

    def all_col_keys(self) -> list[str]:
        return [*self.col_keys, "total"] if self.margins else list(self.col_keys)

    def wide_rows(self) -> list[dict[str, str]]:
        """One dict per row (margins included) keyed by the column keys, for CSV and the
        terminal; the first entry is the row's key under `dimension`."""
        name = self.dimension or "row"
        rows = []
        for i, key in enumerate(self.all_row_keys()):
            row = {name: key}
            row.update({c: self.text(i, j) for j, c in enumerate(self.all_col_keys())})
            rows.append(row)
        return rows

    def document(self) -> dict[str, Any]:
        """The table as one JSON document: hidden cells as their flag, never a number."""
        return {
            "title": self.title,
            "dimension": self.dimension,
            "split": self.split,
            "unit": self.unit,
            "suppressed": self.suppressed,
            "note": self.note,
            "columns": self.all_col_keys(),
            "column_labels": self.col_labels,
            "rows": [
                {
                    "key": key,
                    "label": self.row_labels[i],
                    "cells": {
                        c: (self.cells[i][j] if not self.flags[i][j] else self.flags[i][j])
                        for j, c in enumerate(self.all_col_keys())
                    },
                }
                for i, key in enumerate(self.all_row_keys())
            ],
        }

"""Statistical disclosure control for every table that leaves the analyst's desk.

Why: a count of 1 to 4 victims of one sex and age in one country and month can point
at a person, and victims appear in shared products only as counts and categories.

Primary suppression hides every count from 1 to 4 (under `threshold`), margins
included. Zero is shown: it says that nobody was recorded there, which points at no
one, and hiding zeros would blank most of a sparse table (the known limit: a row whose
persons all fall in one column tells the reader they all share that category).

Secondary suppression stops a reader from giving a hidden cell back by subtracting the
visible cells of its row or column from the total: in every row and every column of the
grid (the totals are part of the grid), a hidden cell is never alone. While some line
holds exactly one hidden cell, the smallest non-zero visible cell of that line is hidden
too (an inner cell before a total; among equals, one whose crossing line already holds
a hidden cell, so that fewer lines are disturbed), until nothing changes. This protects
against subtraction within one row or column; a reader solving the whole system of
rows and columns together can still narrow a hidden cell to a range, which is the
usual accepted limit of this method.
"""

from __future__ import annotations

import copy

from turquesa.analysis.tables import PRIMARY, SECONDARY, Table, Translate, identity

THRESHOLD = 5

Position = tuple[int, int]


def primary_flags(values: list[list[int]], threshold: int = THRESHOLD) -> list[list[str]]:
    return [[PRIMARY if 0 < v < threshold else "" for v in row] for row in values]


def _lines(rows: int, cols: int) -> list[list[Position]]:
    """The equations a reader has: each row sums to its total (when the grid has more
    than one column) and each column sums to its total (more than one row)."""
    lines: list[list[Position]] = []
    if cols > 1:
        lines += [[(i, j) for j in range(cols)] for i in range(rows)]
    if rows > 1:
        lines += [[(i, j) for i in range(rows)] for j in range(cols)]
    return lines


def secondary_flags(
    values: list[list[int]], flags: list[list[str]], margins: bool = True
) -> list[list[str]]:
    """Flags with secondary suppression added until no row or column of the grid holds
    exactly one hidden cell. `values` includes the totals as last row and column when
    `margins`; without margins the table is left as it is (it has no sums to subtract
    from)."""
    flags = [list(row) for row in flags]
    if not margins or not values:
        return flags
    rows, cols = len(values), len(values[0])
    lines = _lines(rows, cols)

    def hidden_elsewhere(p: Position, along_row: bool) -> bool:
        """Whether the other line through `p` already holds a hidden cell."""
        i, j = p
        others = [(i, k) for k in range(cols)] if along_row else [(k, j) for k in range(rows)]
        return any(flags[a][b] for a, b in others if (a, b) != p)

    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden = [p for p in line if flags[p[0]][p[1]]]
            if len(hidden) != 1:
                continue
            visible = [p for p in line if not flags[p[0]][p[1]]]
            candidates = [p for p in visible if values[p[0]][p[1]] > 0] or visible
            if not candidates:
                continue
            line_is_column = line[0][1] == line[-1][1]

            def cost(
                p: Position, cross_row: bool = line_is_column
            ) -> tuple[int, int, int, Position]:
                is_total = p[0] == rows - 1 or p[1] == cols - 1
                crossing = 0 if hidden_elsewhere(p, cross_row) else 1
                return (int(is_total), values[p[0]][p[1]], crossing, p)

            chosen = min(candidates, key=cost)
            flags[chosen[0]][chosen[1]] = SECONDARY
            changed = True
    return flags


def suppress_grid(
    values: list[list[int]], threshold: int = THRESHOLD, margins: bool = True
) -> list[list[str]]:
    """Primary then secondary flags for a grid whose last row and column are totals."""
    return secondary_flags(values, primary_flags(values, threshold), margins)


def suppression_note(threshold: int = THRESHOLD, _: Translate = identity) -> str:
    return _(
        "Counts from 1 to {limit} are hidden and shown as “<{threshold}” (zeros are "
        "shown); further cells, shown as “x”, are hidden so that no hidden count can be "
        "worked out from the totals of its row or column."
    ).format(limit=threshold - 1, threshold=threshold)


def suppress(table: Table, threshold: int = THRESHOLD, _: Translate = identity) -> Table:
    """The shareable copy of `table`: hidden cells become None with their flag, and the
    note says what was hidden and how."""
    if any(v is None for row in table.cells for v in row):
        raise ValueError("suppress() takes a table of plain counts")
    values = [[int(v or 0) for v in row] for row in table.cells]
    flags = suppress_grid(values, threshold, table.margins)
    shared = copy.deepcopy(table)
    shared.flags = flags
    shared.cells = [
        [None if flags[i][j] else values[i][j] for j in range(len(row))]
        for i, row in enumerate(values)
    ]
    note = suppression_note(threshold, _)
    shared.note = f"{table.note} {note}".strip() if table.note else note
    shared.suppressed = True
    return shared

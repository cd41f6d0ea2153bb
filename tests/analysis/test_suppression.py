"""Cell suppression: what a shared table hides, and that its margins give nothing back."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from turquesa.analysis.suppression import suppress, suppress_grid
from turquesa.analysis.tables import PRIMARY, SECONDARY, Table


def with_margins(inner: list[list[int]]) -> list[list[int]]:
    rows = [[*row, sum(row)] for row in inner]
    return [*rows, [sum(col) for col in zip(*rows, strict=True)]]


def test_counts_from_one_to_four_are_hidden_zero_and_five_are_not() -> None:
    flags = suppress_grid([[0], [1], [4], [5], [10]], margins=False)
    assert flags == [[""], [PRIMARY], [PRIMARY], [""], [""]]


def test_a_lonely_small_cell_takes_its_neighbours_with_it() -> None:
    # 3 is hidden; row 0 and column 0 would give it back (13 - 10, 11 - 8), so 10 and 8
    # go too, and then 12 so that 10 and 8 are not alone in their own column and row.
    grid = with_margins([[3, 10], [8, 12]])
    flags = suppress_grid(grid)
    assert flags == [
        [PRIMARY, SECONDARY, ""],
        [SECONDARY, SECONDARY, ""],
        ["", "", ""],
    ]


def test_one_dimensional_table_hides_the_next_smallest_category() -> None:
    flags = suppress_grid([[3], [10], [7], [20]])
    assert flags == [[PRIMARY], [""], [SECONDARY], [""]]


def test_secondary_suppression_passes_over_zeros() -> None:
    flags = suppress_grid(with_margins([[2, 0, 9], [6, 7, 8]]))
    assert flags[0] == [PRIMARY, "", SECONDARY, ""]  # 2 + 9 = 11: neither can be told


def test_small_totals_are_hidden_too() -> None:
    grid = with_margins([[1, 0], [0, 20], [0, 30]])
    flags = suppress_grid(grid)
    assert flags[0][2] == PRIMARY  # the row total 1 would point at one person
    assert flags[3][0] == PRIMARY  # so would the column total 1


def test_suppress_marks_cells_and_says_so() -> None:
    table = Table(
        title="t",
        row_keys=["a", "b"],
        col_keys=["F", "M"],
        row_labels=["a", "b", "Total"],
        col_labels=["F", "M", "Total"],
        cells=with_margins([[3, 10], [8, 12]]),
        note="Counted as distinct persons.",
    )
    shared = suppress(table)
    assert shared.value("a", "F") is None
    assert shared.text(0, 0) == "<5"
    assert shared.text(0, 1) == "x"
    assert shared.value("total", "total") == 33
    assert "<5" in shared.note and "Counted as distinct persons." in shared.note
    assert shared.suppressed and not table.suppressed
    assert table.value("a", "F") == 3  # the working view is left as it was
    assert shared.hidden_count() == (1, 3)


small_counts = st.integers(0, 12) | st.sampled_from([0, 0, 1, 2, 3, 4])


@given(
    st.integers(1, 6).flatmap(
        lambda cols: st.lists(st.lists(small_counts, min_size=cols, max_size=cols), max_size=7)
    )
)
def test_no_hidden_cell_can_be_worked_out_from_a_row_or_column(inner: list[list[int]]) -> None:
    grid = with_margins(inner) if inner else [[0]]
    flags = suppress_grid(grid)
    rows, cols = len(grid), len(grid[0])
    for i in range(rows):
        for j in range(cols):
            value, flag = grid[i][j], flags[i][j]
            assert not (0 < value < 5 and not flag), "a small count is visible"
            assert not (value == 0 and flag == PRIMARY)
    lines = [[flags[i][j] for j in range(cols)] for i in range(rows)]
    lines += [[flags[i][j] for i in range(rows)] for j in range(cols)]
    for line in lines:
        # subtracting the visible cells from the total gives a hidden one back exactly
        # when it is the only hidden cell of its line
        assert sum(1 for f in line if f) != 1

"""What a report is made of, independent of how it is drawn.

Each analysis builds its own `Section`s (already in the reader's language: it takes a
`_`) out of figures, tables and short texts; the report puts them in order, numbers
every figure and every table across the whole report, and carries what a recipient
needs to trust and reproduce it: marking, scope, period, the agencies whose data it
uses, the data snapshot's hash, the software version, the settings and when it was
made.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

import turquesa

ColumnKind = Literal["text", "integer", "decimal", "percent"]


@dataclass(frozen=True)
class Period:
    """The dates the data covers (inclusive)."""

    start: date
    end: date


@dataclass(frozen=True)
class Suppressed:
    """A table cell withheld so that no small count (or the total giving it back) shows.

    `primary` cells are under the threshold themselves; secondary ones are hidden so
    that margins cannot reveal a primary one. Both look the same to the reader.
    """

    primary: bool = True


SUPPRESSED = Suppressed()

Cell = str | int | float | Suppressed | None


@dataclass(frozen=True)
class Column:
    title: str
    kind: ColumnKind = "text"
    digits: int = 1  # decimals of `decimal` and `percent` columns

    @property
    def numeric(self) -> bool:
        return self.kind != "text"


@dataclass(frozen=True)
class Source:
    """Where the numbers of one figure or table come from."""

    agencies: Sequence[str]
    period: Period | None = None
    note: str | None = None  # anything more the reader needs (already translated)


@dataclass
class Figure:
    """A chart or map, as inline SVG made by `charts`, `link_chart` or the route map."""

    title: str
    svg: str
    source: Source | None = None
    note: str | None = None
    key: str | None = None  # a name to refer to it by; the number is given at render
    wide: bool = False


@dataclass
class Table:
    title: str
    columns: Sequence[Column | str]
    rows: Sequence[Sequence[Cell]]
    source: Source | None = None
    totals: Sequence[Sequence[Cell]] = ()  # rows shown apart, in bold, after the body
    note: str | None = None
    key: str | None = None
    threshold: int = 5  # the suppression rule the table was made with

    def __post_init__(self) -> None:
        self.columns = [c if isinstance(c, Column) else Column(c) for c in self.columns]
        width = len(self.columns)
        for row in [*self.rows, *self.totals]:
            if len(row) != width:
                raise ValueError(f"table {self.title!r}: a row has {len(row)} cells, not {width}")

    @property
    def suppressed(self) -> int:
        """How many cells are withheld: when any is, the table says so under it."""
        return sum(
            isinstance(cell, Suppressed) for row in [*self.rows, *self.totals] for cell in row
        )


@dataclass
class Text:
    """A paragraph or more of Markdown (raw HTML is shown as text, never run)."""

    markdown: str


Block = Figure | Table | Text


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
    intro: str | None = None  # Markdown
    key: str | None = None


@dataclass
class Report:
    title: str
    sections: list[Section]
    kind: str = "strategic"  # strategic | group | any other product name
    subtitle: str | None = None
    marking: str | None = None  # None: the default marking, translated
    scope: str = "all"
    period: Period | None = None
    sources: Sequence[str] = ()  # agencies whose data the report uses
    snapshot: str = ""  # content hash of the data read (analysis.dataset)
    settings: Mapping[str, Any] = field(default_factory=dict)
    created: datetime = field(default_factory=lambda: datetime.now(UTC))
    notes: str | None = None  # the analyst's assessment, Markdown
    version: str = turquesa.__version__
    lang: str = "en"  # the language its sections were written in


@dataclass(frozen=True)
class Numbered:
    """A figure or table with the number the reader sees."""

    kind: Literal["figure", "table"]
    number: int
    block: Figure | Table

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.number}"


def number_blocks(sections: Sequence[Section]) -> dict[int, Numbered]:
    """Number figures and tables in reading order, each in its own series from 1.

    Keyed by `id()` of the block so that the same object can be looked up while the
    template walks the sections.
    """
    counters = {"figure": 0, "table": 0}
    numbered: dict[int, Numbered] = {}
    for section in sections:
        for block in section.blocks:
            if isinstance(block, Figure | Table):
                kind: Literal["figure", "table"] = (
                    "figure" if isinstance(block, Figure) else "table"
                )
                counters[kind] += 1
                numbered[id(block)] = Numbered(kind, counters[kind], block)
    return numbered


def references(sections: Sequence[Section]) -> dict[str, Numbered]:
    """Figures and tables by their `key`, so a text can name "Figure 3" before rendering."""
    return {item.block.key: item for item in number_blocks(sections).values() if item.block.key}

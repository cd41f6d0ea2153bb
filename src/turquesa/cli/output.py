"""Writing tables to standard output or `--output FILE`, as CSV, JSON or JSON lines."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.table import Table


@contextmanager
def open_output(path: Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        yield handle


def write_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str], out: IO[str]) -> int:
    writer = csv.DictWriter(
        out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        count += 1
    return count


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str, sort_keys=True))
        out.write("\n")
        count += 1
    return count


def print_table(
    title: str,
    rows: list[dict[str, Any]],
    columns: Sequence[str],
    console: Console | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """A Rich table; `headers` gives short labels for columns whose names are long."""
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(
            (headers or {}).get(column, column), overflow="fold", no_wrap=column == "agency"
        )
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    (console or Console()).print(table)

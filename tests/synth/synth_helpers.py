"""Reading generated submissions the way each agency wrote them."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from turquesa.synth.agencies import BY_CODE


def rows(folder: Path, agency: str, kind: str) -> Iterator[dict[str, str]]:
    """Rows of one file of one agency, read with that agency's encoding and delimiter."""
    a = BY_CODE[agency]
    with open(folder / agency / f"{kind}.csv", encoding=a.encoding, newline="") as f:
        for row in csv.DictReader(f, delimiter=a.delimiter):
            yield {k.lower(): v for k, v in row.items()}


def truth(folder: Path, name: str) -> list[dict[str, str]]:
    """Rows of one truth file (always UTF-8 with commas)."""
    with open(folder / "truth" / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def agencies_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name != "truth")

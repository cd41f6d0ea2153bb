"""One agency's submission folder, written row by row with the agency's file habits.

Each agency gets its eight exchange files, opened once and streamed to: its encoding
(UTF-8, UTF-8 with BOM, Windows-1252), its delimiter (comma, semicolon, tab), its line
ends, its header case, its own numbering of records and cases, and the Admiralty grading
columns where its system has them. Nothing is kept in memory beyond the counters.
"""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path
from typing import IO, Any, ClassVar

from .agencies import Agency
from .schema import COLUMNS, GRADE_COLUMNS, GRADED

ID_BLOCK = 100_000
CASE_BLOCK = 10_000
_SOURCE = (("A", 0.05), ("B", 0.35), ("C", 0.35), ("D", 0.1), ("E", 0.03), ("F", 0.12))
_INFO = (("1", 0.1), ("2", 0.35), ("3", 0.3), ("4", 0.1), ("5", 0.03), ("6", 0.12))


def _cum(table: tuple[tuple[str, float], ...]) -> tuple[tuple[str, float], ...]:
    out, acc = [], 0.0
    for v, w in table:
        acc += w
        out.append((v, acc))
    return tuple(out)


_SOURCE_CUM, _INFO_CUM = _cum(_SOURCE), _cum(_INFO)


def _draw(cum: tuple[tuple[str, float], ...], x: float) -> str:
    for v, c in cum:
        if x < c:
            return v
    return cum[-1][0]


class AgencyWriter:
    """Streams the files of one agency's submission."""

    KIND_LETTER: ClassVar[dict[str, str]] = {
        "persons": "P",
        "organizations": "O",
        "events": "E",
        "movements": "M",
        "links": "L",
    }

    def __init__(self, agency: Agency, out_dir: Path, block: int = 0) -> None:
        self.agency = agency
        self.folder = out_dir / agency.code
        self.folder.mkdir(parents=True, exist_ok=True)
        self._files: list[IO[str]] = []
        self.w: dict[str, Any] = {}
        self.counts: dict[str, int] = {k: 0 for k in COLUMNS}
        # a chunk of a parallel run numbers its records from its own block, so that the
        # parts can simply be concatenated (block 0 numbers from 1, as a serial run does)
        self._ids: dict[str, int] = {k: block * ID_BLOCK for k in self.KIND_LETTER}
        # "DIJIN-{k}-{n:07d}" -> "DIJIN-P-%07d": %-formatting is the cheapest per row
        self._tmpl = {
            k: re.sub(r"\{n:0(\d+)d\}", r"%0\1d", agency.id_fmt.replace("{k}", letter))
            for k, letter in self.KIND_LETTER.items()
        }
        self._cases = block * CASE_BLOCK
        self._graded = frozenset(GRADED if agency.grades else ())
        lineterm = "\r\n" if agency.encoding == "cp1252" else "\n"
        for kind, cols in COLUMNS.items():
            f = open(  # noqa: SIM115 - closed in close()
                self.folder / f"{kind}.csv",
                "w",
                encoding=agency.encoding,
                errors="replace",
                newline="",
            )
            self._files.append(f)
            writer = csv.writer(f, delimiter=agency.delimiter, lineterminator=lineterm)
            header = list(cols)
            if agency.grades and kind in GRADED:
                header += GRADE_COLUMNS
            if agency.header_upper:
                header = [h.upper() for h in header]
            writer.writerow(header)
            self.w[kind] = writer
        self.w["agency"].writerow([agency.code, agency.country, agency.name])
        self.counts["agency"] = 1

    def new_id(self, kind: str) -> str:
        """The next record id of this kind, in the agency's own numbering."""
        n = self._ids[kind] = self._ids[kind] + 1
        return self._tmpl[kind] % n

    def new_case_id(self, year: int) -> str:
        self._cases += 1
        return self.agency.case_fmt.format(y=year, yy=year % 100, n=self._cases)

    def write(self, kind: str, row: list[str], rng: random.Random | None = None) -> None:
        """Write one row; graded files get a source and an information grade."""
        if kind in self._graded:
            if rng is not None and rng.random() < 0.85:
                row.append(_draw(_SOURCE_CUM, rng.random()))
                row.append(_draw(_INFO_CUM, rng.random()))
            else:
                row.extend(("", ""))
        self.w[kind].writerow(row)
        self.counts[kind] += 1

    def close(self) -> None:
        for f in self._files:
            f.close()

"""Which encoding and delimiter a text file uses.

Agencies send UTF-8 (with or without BOM), Latin-1 and Windows-1252. UTF-8 is tried
first over the whole file (a Latin-1 file almost never happens to be valid UTF-8);
otherwise Windows-1252, which reads every Latin-1 letter the same way and also the
curly quotes and dashes Word puts in. Bytes that neither can read (NUL bytes of a
UTF-16 or binary file, C1 control bytes) refuse the file instead of being guessed.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from turquesa.errors import InvalidInput

CHUNK = 1 << 20
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")
_HIGH_CP1252_ONLY = frozenset(range(0x80, 0xA0)) - _CP1252_HOLES


@dataclass(frozen=True, slots=True)
class Encoding:
    codec: str  # what Python decodes with
    label: str  # what the report says: utf-8, utf-8-sig, latin-1, windows-1252


def detect_encoding(path: Path, display_name: str | None = None) -> Encoding:
    """Scan the file once; refuse it when no supported encoding fits its bytes."""
    name = display_name or path.name
    utf8 = codecs.getincrementaldecoder("utf-8")()
    utf8_ok = True
    saw_high_cp1252 = False
    first = True
    bom = False
    offset = 0
    holes: set[int] = set()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            if first:
                bom = chunk.startswith(codecs.BOM_UTF8)
                if chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                    raise InvalidInput(
                        f"{name}: the file is UTF-16; save it as UTF-8, Latin-1 or Windows-1252",
                        file=name,
                    )
                first = False
            nul = chunk.find(b"\x00")
            if nul >= 0:
                raise InvalidInput(
                    f"{name}: byte {offset + nul} is a NUL byte: the file is not text in "
                    "UTF-8, Latin-1 or Windows-1252 (a binary file, or UTF-16?)",
                    file=name,
                )
            if utf8_ok:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    utf8_ok = False
            if not saw_high_cp1252 and not _HIGH_CP1252_ONLY.isdisjoint(chunk):
                saw_high_cp1252 = True
            holes |= _CP1252_HOLES.intersection(chunk)
            offset += len(chunk)
    if utf8_ok:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_ok = False
    if utf8_ok:
        return Encoding("utf-8-sig", "utf-8-sig" if bom else "utf-8")
    if holes:
        raise InvalidInput(
            f"{name}: bytes such as 0x{min(holes):02X} fit no supported encoding "
            "(UTF-8, Latin-1, Windows-1252); check how the file was exported",
            file=name,
        )
    if saw_high_cp1252:
        return Encoding("cp1252", "windows-1252")
    return Encoding("cp1252", "latin-1")


DELIMITERS = (",", ";", "\t")


def detect_delimiter(header_line: str) -> str:
    """The delimiter that splits the header into the most columns (quotes respected)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","

"""Which encoding and delimiter a text file uses.

Agencies send UTF-8 (with or without BOM), Latin-1 and Windows-1252. UTF-8 is tried
first over the whole file (a Latin-1 file almost never happens to be valid UTF-8);
otherwise Windows-1252, which reads every Latin-1 letter the same way and also the
curly quotes and dashes Word puts in. Bytes that neither can read (NUL bytes of a
UTF-16 or binary file, C1 control bytes) refuse the file instead of being guessed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from turquesa.errors import InvalidInput

CHUNK = 1 << 20
_HOLES = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_HIGH_CP1252_ONLY = re.compile(rb"[\x80\x82-\x8c\x8e\x91-\x9c\x9e\x9f]")


@dataclass(frozen=True, slots=True)
class Encoding:
    codec: str  # what Python decodes with
    label: str  # what the report says: utf-8, utf-8-sig, latin-1, windows-1252


def detect_encoding(path: Path, display_name: str | None = None) -> Encoding:
    """Scan the file once (twice when it is not UTF-8); refuse it when no supported
    encoding fits its bytes."""
    name = display_name or path.name
    utf8 = codecs.getincrementaldecoder("utf-8")()
    utf8_ok = True
    bom = False
    offset = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            if offset == 0:
                bom = chunk.startswith(codecs.BOM_UTF8)
                if chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                    raise InvalidInput(
                        f"{name}: the file is UTF-16; save it as UTF-8, Latin-1 or Windows-1252",
                        file=name,
                    )
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
            offset += len(chunk)
    if utf8_ok:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_ok = False
    if utf8_ok:
        return Encoding("utf-8-sig", "utf-8-sig" if bom else "utf-8")
    return _single_byte_encoding(path, name)


def _single_byte_encoding(path: Path, name: str) -> Encoding:
    """Latin-1 or Windows-1252: the bytes 0x80-0x9F tell them apart (C1 controls in
    Latin-1, which no one types; curly quotes and dashes in Windows-1252), and five of
    them mean nothing in either. Regular expressions keep the scan in C."""
    holes: set[int] = set()
    saw_high_cp1252 = False
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            holes.update(match[0] for match in _HOLES.findall(chunk))
            if not saw_high_cp1252 and _HIGH_CP1252_ONLY.search(chunk):
                saw_high_cp1252 = True
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

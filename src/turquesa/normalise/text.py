"""Text folding and display cleaning.

Two different jobs, kept apart on purpose:

* :func:`fold` builds the *matching key* of a text. Records typed in Bogotá,
  Port-au-Prince and São Paulo spell the same name with and without accents, in
  capitals or not, with hyphens or spaces; the key erases all of that so that equal
  names compare equal. It is lossy and never shown to anyone.
* :func:`clean_text` builds the *display form*: it only removes what nobody meant to
  type (control characters, doubled spaces) and keeps accents and case, because an
  analyst must see the name as the agency wrote it.

Both are on the ingest hot path, so ASCII input (most rows) takes a short cut.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["clean_text", "fold"]

# Letters that NFKD does not decompose into a base letter plus a mark.
_SPECIAL = {
    "ß": "ss",
    "ẞ": "ss",
    "æ": "ae",
    "ǽ": "ae",
    "œ": "oe",
    "ø": "o",
    "ǿ": "o",
    "đ": "d",
    "ð": "d",
    "ł": "l",
    "ŀ": "l",
    "þ": "th",
    "ħ": "h",
    "ı": "i",
    "ŧ": "t",
    "ƒ": "f",
    "ŋ": "ng",
    "ĸ": "k",
    "ſ": "s",
}
_BMP_END = 0x10000


@functools.cache
def _fold_table() -> dict[int, str | None]:
    """One ``str.translate`` table that deletes the marks and invisible characters of
    the Basic Multilingual Plane and spells out the special letters. Built on first use
    (a scan of 64k code points, a few tens of milliseconds); translate then works in C,
    which is what keeps :func:`fold` fast on accented names."""
    table: dict[int, str | None] = {
        cp: None for cp in range(0x80, _BMP_END) if _is_mark_or_format(chr(cp))
    }
    table.update({ord(k): v for k, v in _SPECIAL.items()})
    return table


# Anything that is not a letter or digit separates words in a key. "_" is a word
# character for the regex engine, so it is named explicitly.
_NON_WORD_ASCII = re.compile(r"[^a-z0-9]+")
_NON_WORD = re.compile(r"[\W_]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Return the matching key of ``text``.

    NFKD, combining marks dropped, casefolded, special letters spelt out (ß→ss,
    ø→o, ł→l...), every run of punctuation, symbols or spaces turned into one space,
    stripped. ``fold(fold(x)) == fold(x)`` for every string.
    """
    if text.isascii():
        return _NON_WORD_ASCII.sub(" ", text.lower()).strip()
    s = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    s = s.translate(_fold_table())
    if max(s, default="a") >= "\U00010000":
        # Rare: marks outside the BMP (some historic and Indic scripts).
        s = "".join(c for c in s if not _is_mark_or_format(c))
    return _NON_WORD.sub(" ", s).strip()


def _is_mark_or_format(c: str) -> bool:
    # Marks are the accents NFKD split off; Cf are invisible characters (zero-width
    # space, soft hyphen) that would otherwise split a word in two.
    cat = unicodedata.category(c)
    return cat[0] == "M" or cat == "Cf"


def _is_unwanted(c: str) -> bool:
    # Cc: control characters; Cf: invisible formatting (zero-width space, BOM, soft
    # hyphen, bidi marks) that only ever arrive by copy-paste accident. Cs/Co/Cn:
    # surrogates, private use and unassigned code points, which cannot be displayed.
    return unicodedata.category(c)[0] == "C"


def clean_text(text: str) -> str:
    """Return the display form of ``text``: NFC, control and invisible characters
    removed, whitespace runs collapsed to one space, stripped. Accents and case stay.
    """
    if text.isprintable():
        # No control, invisible or exotic space character (the usual case): only the
        # spaces and the normal form need attention.
        if text.isascii():
            return " ".join(text.split())
        return " ".join(unicodedata.normalize("NFC", text).split())
    # Whitespace of any kind becomes a space; other control characters go.
    s = "".join(" " if c.isspace() else c for c in text if c.isspace() or not _is_unwanted(c))
    s = unicodedata.normalize("NFC", s)
    return _SPACES.sub(" ", s).strip()

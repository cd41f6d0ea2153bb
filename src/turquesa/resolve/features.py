"""What entity resolution compares about a person record, derived from its cleaned data.

The normalisers already folded accents, split given names from surnames and dropped
particles (`name_keys`); here each record gets the columns the comparisons and the
blocking rules read: the first given name and all of them, each surname alone and all
of them in a fixed order (so "Pérez Gómez" meets "Gómez Pérez" and "Pérez"), a
phonetic code per name token (Metaphone: Mohammed, Muhammad and Mohamed share one,
as do Xiomara and Chiomara), birth date parts (a year alone still compares), and the
identifiers the record carries as sets of normalised keys.

Pure: a dict in, a dict out, so the same features feed DuckDB, Spark and the tests.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterable
from typing import Any

import jellyfish
import orjson

from turquesa.resolve.nicknames import expand

#: The columns of the feature table, in order, with their DuckDB types.
COLUMNS: dict[str, str] = {
    "unique_id": "VARCHAR",
    "agency": "VARCHAR",
    "record_id": "VARCHAR",
    "role": "VARCHAR",
    "given1": "VARCHAR",
    "given_all": "VARCHAR",
    "given_tokens": "VARCHAR[]",
    "given_codes": "VARCHAR[]",
    "given_expanded": "VARCHAR[]",
    "given_initials": "VARCHAR[]",
    "given_letters": "VARCHAR[]",
    "surname1": "VARCHAR",
    "surname2": "VARCHAR",
    "surnames_sorted": "VARCHAR",
    "full_name_key": "VARCHAR",
    "surname_tokens": "VARCHAR[]",
    "surname_codes": "VARCHAR[]",
    "name_codes": "VARCHAR[]",
    "name_signature": "VARCHAR",
    "given1_code": "VARCHAR",
    "surname1_code": "VARCHAR",
    "aliases": "VARCHAR[]",
    "birth_date": "VARCHAR",
    "birth_year": "INTEGER",
    "birth_month": "INTEGER",
    "birth_day": "INTEGER",
    "sex": "VARCHAR",
    "nationalities": "VARCHAR[]",
    "documents": "VARCHAR[]",
    "document_numbers": "VARCHAR[]",
    "document_digits": "VARCHAR[]",
    "document_variants": "VARCHAR[]",
    "document1": "VARCHAR",
    "document_slots": "VARCHAR[]",
    "contacts": "VARCHAR[]",
}


def feature_line(row: dict[str, Any]) -> bytes:
    """One feature row as the engines read it: a JSON line whose empty lists are nulls,
    so that a record without a phone meets Splink's null level rather than "no phone in
    common"."""
    return orjson.dumps({k: row[k] if row[k] != [] else None for k in COLUMNS}) + b"\n"


def record_key(agency: str, record_id: str) -> str:
    """One string naming a record across agencies (agency codes hold no '/')."""
    return f"{agency}/{record_id}"


def split_key(key: str) -> tuple[str, str]:
    """(agency, record_id) of a record key: the inverse of record_key."""
    agency, _, record_id = key.partition("/")
    return agency, record_id


class Stopwatch:
    """Seconds per step of a run, into `timings`, for the report and the benchmarks."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = round(now - self.last, 2)
        self.last = now


@functools.lru_cache(maxsize=200_000)
def phonetic(token: str) -> str:
    """Metaphone of one folded name token; the token itself when it has no letters."""
    return jellyfish.metaphone(token) or token


def _tokens(parts: Iterable[str]) -> list[str]:
    return [t for part in parts for t in part.split() if t]


def _codes(tokens: list[str]) -> list[str]:
    return sorted({phonetic(t) for t in tokens})


def _birth(text: str | None) -> tuple[str | None, int | None, int | None, int | None]:
    if not text:
        return None, None, None, None
    parts = text.split("-")
    numbers = [int(p) for p in parts if p.isdigit()]
    year = numbers[0] if numbers else None
    month = numbers[1] if len(numbers) > 1 else None
    day = numbers[2] if len(numbers) > 2 else None
    return text, year, month, day


#: Fewer digits than this are not a document number worth blocking on.
MIN_DOCUMENT_DIGITS = 6


def document_digits(numbers: Iterable[str]) -> list[str]:
    """The digits of each document number: "V19123456" (a Venezuelan cédula with its
    letter) meets "19123456" (the same cédula written without it)."""
    digits = {"".join(c for c in n if c.isdigit()) for n in numbers}
    return sorted(d for d in digits if len(d) >= MIN_DOCUMENT_DIGITS)


#: Shorter numbers are not compared by their slips: a five-character number is one
#: typing slip away from too many others.
MIN_VARIANT_LENGTH = 6


def document_variants(numbers: Iterable[str]) -> list[str]:
    """Each document number and each of it with one character left out. Two numbers
    share one of these when they are one typing slip apart (a character changed, left
    out or added, two neighbours swapped), as clerks copying a passport often make;
    the model then weighs such a pair as a near document rather than as two
    different documents of the same kind, which says "two people"."""
    out: set[str] = set()
    for number in numbers:
        if len(number) < MIN_VARIANT_LENGTH:
            continue
        out.add(number)
        out.update(number[:i] + number[i + 1 :] for i in range(len(number)))
    return sorted(out)


def person_features(
    agency: str,
    record_id: str,
    role: str | None,
    data: dict[str, Any],
    contacts: Iterable[str] | None = None,
    extra_documents: Iterable[dict[str, str]] | None = None,
    reference_year: int | None = None,
) -> dict[str, Any]:
    """The feature row of one person record. `contacts` are its normalised contact
    keys ("phone:+57...", "email:...", "handle:whatsapp:..."); `extra_documents` those
    an identifiers.csv row attached to it, beside the one on the person's own row.
    `reference_year` is the year of the record's case: a record with an age and no
    birth date gets the birth year that age implies (give or take one, which the birth
    comparisons and the corroboration allow for a year without a day)."""
    keys = data.get("name_keys") or {}
    given = list(keys.get("given") or ())
    surnames = list(keys.get("surnames") or ())
    surname_tokens = _tokens(surnames)
    documents, numbers, slots = set(), set(), set()
    for document in [data.get("document") or {}, *(extra_documents or ())]:
        if not document.get("number"):
            continue
        kind, country = document.get("type") or "other", document.get("country")
        documents.add(f"{kind}:{country or '?'}:{document['number']}")
        numbers.add(document["number"])
        if country:
            slots.add(f"{kind}:{country}")
    birth, year, month, day = _birth(data.get("birth_date"))
    if year is None and reference_year and isinstance(data.get("age"), int):
        year = reference_year - data["age"]
    given_codes = _codes(given)
    surname_codes = _codes(surname_tokens)
    name_codes = sorted(set(given_codes) | set(surname_codes))
    given1_code = phonetic(given[0]) if given else None
    surname1_code = phonetic(surname_tokens[0]) if surname_tokens else None
    return {
        "unique_id": record_key(agency, record_id),
        "agency": agency,
        "record_id": record_id,
        "role": role,
        "given1": given[0] if given else None,
        "given_all": " ".join(given) or None,
        "given_tokens": given,
        "given_codes": given_codes,
        "given_expanded": sorted(set(expand(given))),
        # "J. Pérez": initials on one side, the first letters of full names on the other.
        "given_initials": sorted({t for t in given if len(t) == 1}),
        "given_letters": sorted({t[0] for t in given if len(t) > 1}),
        "surname1": surnames[0] if surnames else None,
        "surname2": surnames[1] if len(surnames) > 1 else None,
        "surnames_sorted": " ".join(sorted(surnames)) or None,
        "full_name_key": (
            f"{' '.join(given)}|{' '.join(sorted(surnames))}"
            if given and len(surnames) > 1
            else None
        ),
        "surname_tokens": surname_tokens,
        "surname_codes": surname_codes,
        "name_codes": name_codes,
        "name_signature": " ".join(name_codes) or None,
        "given1_code": given1_code,
        "surname1_code": surname1_code,
        "aliases": sorted(set(keys.get("aliases") or ())),
        "birth_date": birth,
        "birth_year": year,
        "birth_month": month,
        "birth_day": day,
        "sex": data.get("sex") if data.get("sex") in ("M", "F") else None,
        "nationalities": sorted(data.get("nationality") or ()),
        "documents": sorted(documents),
        "document_numbers": sorted(numbers),
        "document_digits": document_digits(numbers),
        "document_variants": document_variants(numbers),
        "document1": min(numbers) if numbers else None,
        "document_slots": sorted(slots),
        "contacts": sorted(set(contacts or ())),
    }

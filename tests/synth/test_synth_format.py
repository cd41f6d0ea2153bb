"""Every generated file is a valid exchange submission, written with the agency's habits."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from turquesa.synth.agencies import BY_CODE
from turquesa.synth.countries import country_writer
from turquesa.synth.schema import (
    COLUMNS,
    CRIME_TYPES,
    DOCUMENT_TYPES,
    EVENT_TYPES,
    EXPLOITATION_TYPES,
    GRADE_COLUMNS,
    GRADED,
    IDENTIFIER_KINDS,
    MEANS_OF_CONTROL,
    MODES,
    ORG_TYPES,
    PERPETRATOR_ROLES,
    RECRUITMENT_METHODS,
    RELATIONS,
    ROLES,
    SEXES,
    STATUSES,
)

from .synth_helpers import agencies_in, rows

VOCAB_ONE = {
    ("cases", "crime_type"): CRIME_TYPES,
    ("cases", "status"): STATUSES,
    ("persons", "role"): ROLES,
    ("persons", "recruitment_method"): RECRUITMENT_METHODS,
    ("persons", "sex"): SEXES,
    ("persons", "document_type"): DOCUMENT_TYPES,
    ("identifiers", "kind"): IDENTIFIER_KINDS,
    ("organizations", "org_type"): ORG_TYPES,
    ("events", "event_type"): EVENT_TYPES,
    ("events", "exploitation_type"): EXPLOITATION_TYPES,
    ("events", "smuggling_mode"): MODES,
    ("events", "recruitment_method"): RECRUITMENT_METHODS,
    ("movements", "mode"): MODES,
    ("links", "relation"): RELATIONS,
}
VOCAB_LIST = {
    ("cases", "exploitation_types"): EXPLOITATION_TYPES,
    ("persons", "perpetrator_roles"): PERPETRATOR_ROLES,
    ("persons", "exploitation_types"): EXPLOITATION_TYPES,
    ("persons", "means_of_control"): MEANS_OF_CONTROL,
}
DATE_COLUMNS = {
    "cases": ("opened",),
    "persons": ("birth_date",),
    "events": ("date",),
    "movements": ("departure", "arrival"),
    "links": ("start", "end"),
}
COUNTRY_COLUMNS = {
    "persons": ("nationality", "document_country", "country"),
    "organizations": ("country",),
    "events": ("country",),
    "movements": ("from_country", "to_country"),
}
SHARING = re.compile(
    r"^(agency|all|network:(HTEG|ISON|REDTRAM)|agencies:[A-Z]{2}-[A-Z]+(;[A-Z]{2}-[A-Z]+)*)$"
)


def _valid_date(value: str, dmy: bool) -> bool:
    try:
        if re.fullmatch(r"\d{4}", value):
            return 1900 < int(value) < 2026
        if dmy:
            d, m, y = value.split("/")
        else:
            y, m, d = value.split("-")
        return date(int(y), int(m), int(d)) <= date(2025, 12, 31)
    except ValueError:
        return False


def test_at_least_eight_agencies_in_eight_countries(dataset: Path) -> None:
    codes = agencies_in(dataset)
    countries = {next(rows(dataset, c, "agency"))["country"] for c in codes}
    with_persons = [c for c in codes if any(True for _ in rows(dataset, c, "persons"))]
    assert len(codes) >= 8 and len(countries) >= 8
    assert len(with_persons) >= 8


def test_headers_are_exactly_the_exchange_columns(dataset: Path) -> None:
    for code in agencies_in(dataset):
        a = BY_CODE[code]
        for kind, cols in COLUMNS.items():
            header = next(iter(rows(dataset, code, kind)), None)
            with open(dataset / code / f"{kind}.csv", encoding=a.encoding) as f:
                first = f.readline().rstrip("\r\n").split(a.delimiter)
            expected = list(cols) + (list(GRADE_COLUMNS) if a.grades and kind in GRADED else [])
            assert [h.lower() for h in first] == expected, (code, kind)
            assert header is None or len(header) == len(expected)


def test_vocabularies_dates_countries_and_sharing(dataset: Path) -> None:
    for code in agencies_in(dataset):
        a = BY_CODE[code]
        countries = set(country_writer(a.country_style).values())
        for kind in COLUMNS:
            for row in rows(dataset, code, kind):
                for (k, col), allowed in VOCAB_ONE.items():
                    if k == kind and row[col]:
                        assert row[col] in allowed, (code, kind, col, row[col])
                for (k, col), allowed in VOCAB_LIST.items():
                    if k == kind and row[col]:
                        assert set(row[col].split(";")) <= set(allowed), (code, col, row[col])
                for col in DATE_COLUMNS.get(kind, ()):
                    if row[col]:
                        assert _valid_date(row[col], a.dates == "dmy"), (code, kind, col, row[col])
                for col in COUNTRY_COLUMNS.get(kind, ()):
                    if row[col]:
                        assert row[col] in countries, (code, kind, col, row[col])
                if kind == "cases":
                    assert SHARING.match(row["sharing"]), row["sharing"]
                if kind == "persons" and row["age"]:
                    assert 0 <= int(row["age"]) < 100
                if a.grades and kind in GRADED and row["source_grade"]:
                    assert row["source_grade"] in "ABCDEF" and row["information_grade"] in "123456"


def test_encodings_and_delimiters_follow_the_habits(dataset: Path) -> None:
    for code in agencies_in(dataset):
        a = BY_CODE[code]
        raw = (dataset / code / "persons.csv").read_bytes()
        first_line = raw.split(b"\n", 1)[0]
        assert raw.startswith(b"\xef\xbb\xbf") == (a.encoding == "utf-8-sig"), code
        assert first_line.count(a.delimiter.encode()) == len(COLUMNS["persons"]) - 1 + (
            2 if a.grades else 0
        )
        if a.encoding == "cp1252":
            assert raw.endswith(b"\r\n")
            if any(b > 127 for b in raw):
                try:
                    raw.decode("utf-8")
                    raise AssertionError(f"{code} should not be UTF-8")
                except UnicodeDecodeError:
                    pass
        else:
            raw.decode("utf-8")
        if a.upper:
            names = [r["full_name"] or r["given_names"] for r in rows(dataset, code, "persons")]
            assert all(n == n.upper() for n in names if n)

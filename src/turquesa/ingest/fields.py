"""One cleaner per field type of the model, each returning a JSON-ready value.

The cleaners in `turquesa.normalise` know names, phones and dates; this module knows
the model's field types and vocabularies and turns a cell into what a record stores.
A value outside its list is an error with the list in the message, because an
analyst fixing a spreadsheet needs to know what would have been accepted.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from turquesa.errors import InvalidValue
from turquesa.model import FieldSpec, Model
from turquesa.normalise import (
    clean_text,
    parse_countries,
    parse_country,
    parse_date,
    parse_document_type,
    parse_emails,
    parse_handles,
    parse_phones,
)

MAX_CELL_BYTES = 64 * 1024
AGENCY_CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9][A-Z0-9_.-]{0,36}$")
NETWORK_NAME = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,39}$")


@dataclass(frozen=True, slots=True)
class CleanContext:
    """What cleaning a row needs beyond the row: the agency and the platform's lists."""

    agency: str
    country: str  # default region for phone numbers
    networks: frozenset[str]


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


_VOCAB_SEPARATORS = re.compile(r"[\s\-]+")


def vocab_key(text: str) -> str:
    return _VOCAB_SEPARATORS.sub("_", text.strip().casefold())


def _enum(spec: FieldSpec, text: str, model: Model) -> str:
    assert spec.vocabulary is not None
    return _vocabulary_value(model.vocabularies[spec.vocabulary], text)


@functools.lru_cache(maxsize=4096)
def _vocabulary_value(allowed: tuple[str, ...], text: str) -> str:
    """A list value from how it was written ("Forced labour" -> forced_labour); the same
    few values fill millions of cells, so each spelling is worked out once."""
    key = vocab_key(text)
    if key in allowed:
        return key
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.75)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise InvalidValue(f"{text!r} is not one of: {', '.join(allowed)}{hint}")


def _enum_list(spec: FieldSpec, text: str, model: Model) -> list[str]:
    values: list[str] = []
    for part in split_list(text):
        value = _enum(spec, part, model)
        if value not in values:
            values.append(value)
    return values


def clean_sharing(text: str, ctx: CleanContext) -> str:
    """`agency`, `all`, `network:NAME` (a known network) or `agencies:CODE;CODE`."""
    value = text.strip()
    lowered = value.casefold()
    if lowered in ("agency", "all"):
        return lowered
    prefix, _, rest = value.partition(":")
    prefix = prefix.strip().casefold()
    if prefix == "network":
        name = rest.strip().upper()
        if name not in ctx.networks:
            known = ", ".join(sorted(ctx.networks)) or "none yet"
            raise InvalidValue(f"network {rest.strip()!r} is not known to the platform ({known})")
        return f"network:{name}"
    if prefix == "agencies":
        codes = [c.strip().upper() for c in re.split(r"[;,]", rest) if c.strip()]
        bad = [c for c in codes if not AGENCY_CODE.match(c)]
        if not codes or bad:
            raise InvalidValue(f"{value!r}: agencies:… must list agency codes such as CO-DIJIN")
        return "agencies:" + ";".join(sorted(set(codes)))
    raise InvalidValue(
        f"{value!r} is not a sharing rule: use agency, network:NAME, agencies:CODE;CODE or all"
    )


_SEX = {
    "f": "F", "female": "F", "femenino": "F", "feminino": "F", "féminin": "F", "mujer": "F",
    "mulher": "F", "femme": "F", "fem": "F", "w": "F",
    "m": "M", "male": "M", "masculino": "M", "masculin": "M", "hombre": "M", "homem": "M",
    "homme": "M", "masc": "M", "h": "M", "v": "M", "varón": "M", "varon": "M",
    "x": "X", "other": "X", "otro": "X", "outro": "X", "autre": "X", "nb": "X",
}  # fmt: skip


def clean_sex(text: str) -> str:
    value = _SEX.get(text.strip().casefold().rstrip("."))
    if value is None:
        raise InvalidValue(f"{text!r} is not a sex: use F, M or X (or leave it empty)")
    return value


def clean_decimal(text: str) -> str:
    """Amounts written 1.500,50 / 1,500.50 / 1500 / USD 2 700 all read the same."""
    value = re.sub(r"[^\d,.\-]", "", text)
    if not re.search(r"\d", value):
        raise InvalidValue(f"{text!r} is not an amount")
    if "," in value and "." in value:
        decimal_mark = "," if value.rfind(",") > value.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        value = value.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in value:
        head, _, tail = value.rpartition(",")
        value = value.replace(",", "") if len(tail) == 3 and head else value.replace(",", ".")
    elif value.count(".") > 1:
        value = value.replace(".", "")
    try:
        amount = Decimal(value)
    except InvalidOperation as exc:
        raise InvalidValue(f"{text!r} is not an amount") from exc
    if amount < 0:
        raise InvalidValue(f"{text!r}: an amount cannot be negative")
    return format(amount.normalize(), "f")


@cache
def _currencies() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def clean_currency(text: str) -> str:
    code = text.strip().upper()
    aliases = {"US$": "USD", "$US": "USD", "DOLARES": "USD", "DÓLARES": "USD", "DOLLARS": "USD"}
    code = aliases.get(code, code)
    if code not in _currencies():
        raise InvalidValue(f"{text!r} is not an ISO 4217 currency code such as USD, COP, MXN")
    return code


def clean_int(spec: FieldSpec, text: str) -> int:
    try:
        number = float(text.strip().replace(",", "."))
    except ValueError as exc:
        raise InvalidValue(f"{text!r} is not a whole number") from exc
    if not number.is_integer():
        raise InvalidValue(f"{text!r} is not a whole number")
    value = int(number)
    if (spec.min is not None and value < spec.min) or (spec.max is not None and value > spec.max):
        raise InvalidValue(f"{value} is outside {spec.min}–{spec.max}")
    return value


def clean_coordinate(text: str, limit: float, what: str) -> float:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError as exc:
        raise InvalidValue(f"{text!r} is not a {what} in decimal degrees") from exc
    if not -limit <= value <= limit:
        raise InvalidValue(f"{value} is not a {what}: it must lie within ±{limit:g}")
    return value


def clean_grade(text: str, allowed: str, what: str) -> str:
    value = text.strip().upper()
    if len(value) != 1 or value not in allowed:
        raise InvalidValue(f"{text!r} is not a {what} ({', '.join(allowed)})")
    return value


def clean_agency_code(text: str) -> str:
    value = text.strip().upper()
    if not AGENCY_CODE.match(value):
        raise InvalidValue(f"{text!r} is not an agency code: write COUNTRY-NAME, e.g. CO-DIJIN")
    return value


def clean_platform(text: str) -> str:
    return parse_handles(f"{text.strip()}:x")[0].platform


def clean_id(text: str) -> str:
    value = clean_text(text)
    if ";" in value:
        raise InvalidValue(f"{text!r}: a record id cannot contain ';' (it separates lists)")
    if len(value) > 200:
        raise InvalidValue("a record id is at most 200 characters")
    return value


Cleaner = Callable[[FieldSpec, str, CleanContext, Model], Any]

CLEANERS: dict[str, Cleaner] = {
    "id": lambda s, t, c, m: clean_id(t),
    "text": lambda s, t, c, m: clean_text(t),
    "longtext": lambda s, t, c, m: t.strip(),
    "place": lambda s, t, c, m: clean_text(t),
    "int": lambda s, t, c, m: clean_int(s, t),
    "decimal": lambda s, t, c, m: clean_decimal(t),
    "latitude": lambda s, t, c, m: clean_coordinate(t, 90, "latitude"),
    "longitude": lambda s, t, c, m: clean_coordinate(t, 180, "longitude"),
    "currency": lambda s, t, c, m: clean_currency(t),
    "date": lambda s, t, c, m: parse_date(t).iso,
    "country": lambda s, t, c, m: parse_country(t),
    "countries": lambda s, t, c, m: list(parse_countries(t)),
    "sex": lambda s, t, c, m: clean_sex(t),
    "enum": lambda s, t, c, m: _enum(s, t, m),
    "enum_list": lambda s, t, c, m: _enum_list(s, t, m),
    "sharing": lambda s, t, c, m: clean_sharing(t, c),
    "source_grade": lambda s, t, c, m: clean_grade(t, "ABCDEF", "source grade"),
    "information_grade": lambda s, t, c, m: clean_grade(t, "123456", "information grade"),
    "case_ref": lambda s, t, c, m: clean_id(t),
    "record_ref": lambda s, t, c, m: clean_id(t),
    "record_ref_list": lambda s, t, c, m: [clean_id(p) for p in split_list(t)],
    "phones": lambda s, t, c, m: parse_phones(t, c.country),
    "emails": lambda s, t, c, m: parse_emails(t),
    "handles": lambda s, t, c, m: parse_handles(t),
    "document_type": lambda s, t, c, m: parse_document_type(t),
    "agency_code": lambda s, t, c, m: clean_agency_code(t),
    "identifier_kind": lambda s, t, c, m: _enum(
        FieldSpec("kind", "enum", vocabulary="identifier_kind"), t, m
    ),
    "platform": lambda s, t, c, m: clean_platform(t),
}

#: Types whose cells are nearly all different (record ids) or long free text: cleaning
#: them again costs less than remembering them.
_NOT_CACHED = frozenset({"id", "case_ref", "record_ref", "record_ref_list", "longtext"})
_CACHE_LIMIT = 200_000


class ValueCache:
    """Each distinct cell text of a column type is cleaned once per agency and load.

    A million persons' submissions hold a few thousand distinct dates, countries and
    list values, and many repeated phone numbers, so most cells are a dictionary
    lookup. The cleaners are pure, so a remembered value (or the reason a value was
    refused) is exactly what cleaning again would give. Lists are copied out, so no
    record shares a list with another. Bounded: it empties itself when full, so memory
    stays flat on a long load.
    """

    __slots__ = ("_values", "ctx")

    def __init__(self, ctx: CleanContext) -> None:
        self.ctx = ctx
        self._values: dict[tuple[Any, ...], tuple[bool, Any]] = {}

    def clean(self, spec: FieldSpec, field_type: str, text: str, model: Model) -> Any:
        if field_type in _NOT_CACHED:
            return CLEANERS[field_type](spec, text, self.ctx, model)
        key = (field_type, spec.vocabulary, spec.min, spec.max, text)
        found = self._values.get(key)
        if found is None:
            try:
                found = (True, CLEANERS[field_type](spec, text, self.ctx, model))
            except InvalidValue as exc:
                found = (False, exc.message)
            if len(self._values) >= _CACHE_LIMIT:
                self._values.clear()
            self._values[key] = found
        ok, value = found
        if not ok:
            raise InvalidValue(value)
        return list(value) if isinstance(value, list) else value


_caches: dict[CleanContext, ValueCache] = {}


def value_cache(ctx: CleanContext) -> ValueCache:
    """The cache for one agency's context (one per process; workers each keep theirs)."""
    cache = _caches.get(ctx)
    if cache is None:
        if len(_caches) > 64:
            _caches.clear()
        cache = _caches[ctx] = ValueCache(ctx)
    return cache

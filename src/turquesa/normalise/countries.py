"""Countries named in any of the four languages of the region, or by ISO code.

Agencies write ``CO``, ``COL``, ``Colombia``, ``Colômbia``, ``Colombie``, ``EE.UU.``
or ``venezolana`` in a country or nationality column. Everything is reduced to ISO
3166-1 alpha-2, the one form the rest of Turquesa stores and compares.

The lookup table is built once, on first use: Babel territory names in English,
Spanish, Portuguese and French, pycountry names, the extras below (what real records
contain) and the demonyms of :mod:`._demonyms`, all keyed by their :func:`fold`.
"""

from __future__ import annotations

import functools
import re

import pycountry
from babel import Locale, UnknownLocaleError

from turquesa.errors import InvalidValue
from turquesa.normalise._demonyms import AMBIGUOUS, CONGO_FORMS, DEMONYMS
from turquesa.normalise.text import fold

__all__ = ["country_name", "parse_countries", "parse_country"]

LANGUAGES = ("en", "es", "pt", "fr")

# Codes in use that ISO 3166-1 does not (yet) assign: Kosovo, used by Interpol and
# Frontex records.
_USER_ASSIGNED = {"XK"}

# Names and abbreviations found in real records that neither Babel nor pycountry has.
_EXTRAS: dict[str, str] = {
    "usa": "US",
    "u s a": "US",
    "us": "US",
    "eeuu": "US",
    "ee uu": "US",
    "e e u u": "US",
    "eua": "US",
    "estados unidos": "US",
    "estados unidos de america": "US",
    "estados unidos da america": "US",
    "etats unis": "US",
    "etats unis d amerique": "US",
    "united states of america": "US",
    "america": "US",
    "uk": "GB",
    "u k": "GB",
    "great britain": "GB",
    "england": "GB",
    "inglaterra": "GB",
    "angleterre": "GB",
    "gran bretana": "GB",
    "gra bretanha": "GB",
    "grande bretagne": "GB",
    "reino unido": "GB",
    "holanda": "NL",
    "holland": "NL",
    "hollande": "NL",
    "the netherlands": "NL",
    "paises bajos": "NL",
    "republica dominicana": "DO",
    "rep dominicana": "DO",
    "rep dom": "DO",
    "rd": "DO",
    "dominican rep": "DO",
    "haiti": "HT",
    "ayiti": "HT",
    "peru": "PE",
    "brasil": "BR",
    "bolivia estado plurinacional de": "BO",
    "estado plurinacional de bolivia": "BO",
    "venezuela republica bolivariana de": "VE",
    "republica bolivariana de venezuela": "VE",
    "venezuela bolivarian republic of": "VE",
    "rusia": "RU",
    "russie": "RU",
    "russia": "RU",
    "the bahamas": "BS",
    "the gambia": "GM",
    "corea del sur": "KR",
    "coreia do sul": "KR",
    "coree du sud": "KR",
    "south korea": "KR",
    "north korea": "KP",
    "corea del norte": "KP",
    "iran": "IR",
    "syria": "SY",
    "siria": "SY",
    "vietnam": "VN",
    "viet nam": "VN",
    "laos": "LA",
    "cote d ivoire": "CI",
    "ivory coast": "CI",
    "costa de marfil": "CI",
    "costa do marfim": "CI",
    "trinidad": "TT",
    "trinidad y tobago": "TT",
    "trinidad e tobago": "TT",
    "trinite et tobago": "TT",
    "san cristobal y nieves": "KN",
    "saint kitts": "KN",
    "st kitts and nevis": "KN",
    "st lucia": "LC",
    "st vincent and the grenadines": "VC",
    "curacao": "CW",
    "guayana francesa": "GF",
    "guyane": "GF",
    "guyane francaise": "GF",
    "guiana francesa": "GF",
    "guayana": "GY",
    "turquia": "TR",
    "turkey": "TR",
    "tanzania": "TZ",
    "moldova": "MD",
    "palestine": "PS",
    "palestina": "PS",
    "taiwan": "TW",
    "hong kong": "HK",
    "macao": "MO",
    "macau": "MO",
    "kosovo": "XK",
}

_ARTICLES = frozenset({"the", "el", "la", "los", "las", "le", "les", "l", "o", "a", "os", "as"})
_LIST_SPLIT = re.compile(r"[/,]")
_PLURAL_SUFFIXES = ("es", "s")


@functools.cache
def _lookup() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Build the folded-name -> alpha-2 table once. Later sources never overwrite
    earlier ones, so the order below is the priority order."""
    table: dict[str, str] = {}
    codes = {c.alpha_2 for c in pycountry.countries} | _USER_ASSIGNED

    def add(name: str | None, code: str) -> None:
        if name:
            key = fold(name)
            if key:
                table.setdefault(key, code)

    for c in pycountry.countries:
        table[c.alpha_2.lower()] = c.alpha_2
        table[c.alpha_3.lower()] = c.alpha_2
    table["xk"] = "XK"
    table["xkx"] = "XK"
    table["rks"] = "XK"
    for key, code in _EXTRAS.items():
        table.setdefault(key, code)
    for code, forms in CONGO_FORMS.items():
        for form in forms.split(","):
            add(form, code)
    ambiguous = {fold(k): v for k, v in AMBIGUOUS.items()}
    for lang in LANGUAGES:
        for code, name in Locale.parse(lang).territories.items():
            if code in codes and fold(name) not in ambiguous:
                add(name, code)
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(c, attr, None)
            if name and fold(name) not in ambiguous:
                add(name, c.alpha_2)
    for code, forms in DEMONYMS.items():
        for form in forms.split(","):
            add(form, code)
    for key in ambiguous:
        table.pop(key, None)
    return table, ambiguous


@functools.cache
def _codes() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries) | _USER_ASSIGNED


def _find(key: str) -> str | None:
    table, ambiguous = _lookup()
    if key in ambiguous:
        codes = " or ".join(ambiguous[key])
        raise InvalidValue(f"is ambiguous: it may mean {codes}; use the ISO code")
    code = table.get(key)
    if code is not None:
        return code
    # "venezolanos", "haitiennes": a plural of a known form.
    for suffix in _PLURAL_SUFFIXES:
        if key.endswith(suffix) and len(key) > 4:
            code = table.get(key[: -len(suffix)])
            if code is not None:
                return code
    return None


def _resolve(text: str) -> str | None:
    key = fold(text)
    code = _find(key)
    if code is None and "(" in text:
        # "Bolivia (Plurinational State of)" written some other way: the part before
        # the parenthesis names the country.
        code = _find(fold(text.split("(", 1)[0]))
    if code is None:
        words = key.split(" ")
        if len(words) > 1 and words[0] in _ARTICLES:
            code = _find(" ".join(words[1:]))
    return code


@functools.lru_cache(maxsize=8192)
def parse_country(value: str) -> str:
    """Return the ISO 3166-1 alpha-2 code (upper case) of a country named by code,
    name (en/es/pt/fr) or nationality adjective. Raises InvalidValue otherwise."""
    text = value.strip()
    if not text:
        raise InvalidValue("empty: no country given")
    if len(text) == 2 and text.isascii() and text.isalpha():
        up = text.upper()
        if up in _codes():
            return up
    try:
        code = _resolve(text)
    except InvalidValue as exc:
        raise InvalidValue(f"{text[:60]} {exc.message}") from None
    if code is None:
        raise InvalidValue(
            f"{text[:60]} is not a country Turquesa knows; use an ISO code or a name in "
            "English, Spanish, Portuguese or French"
        )
    return code


def parse_countries(value: str) -> tuple[str, ...]:
    """Read a ``;``-separated list of countries (``/`` and ``,`` also separate when
    every part is a country). Duplicates are removed, first occurrence kept. An empty
    cell gives an empty tuple."""
    out: dict[str, None] = {}
    for part in value.split(";"):
        part = part.strip()
        if not part:
            continue
        try:
            out[parse_country(part)] = None
        except InvalidValue:
            pieces = [p.strip() for p in _LIST_SPLIT.split(part) if p.strip()]
            if len(pieces) < 2:
                raise
            # All pieces must be countries, or the first error stands.
            for code in [parse_country(p) for p in pieces]:
                out[code] = None
    return tuple(out)


@functools.cache
def _territories(lang: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(lang).territories)
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise InvalidValue(f"{lang} is not a language Turquesa knows") from exc


def country_name(code: str, lang: str = "en") -> str:
    """The name of a country in ``lang`` (from Babel), e.g. ``country_name("HT", "fr")``
    gives ``"Haïti"``. ``code`` may be anything :func:`parse_country` reads."""
    alpha2 = parse_country(code)
    name = _territories(lang).get(alpha2)
    if name is None:
        raise InvalidValue(f"Turquesa has no {lang} name for the country {alpha2}")
    return name

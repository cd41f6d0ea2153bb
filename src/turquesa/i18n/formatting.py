"""Numbers, dates and country names as each language writes them (Babel's CLDR data).

`1.234,5` in Spanish and Portuguese, `1 234,5` in French, `1,234.5` in English: a
report that mixes conventions with its language reads as careless, and a decimal comma
misread as a thousands separator changes a figure a thousandfold.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import babel.dates
import babel.numbers
from babel import Locale

from turquesa.errors import InvalidValue
from turquesa.i18n.catalogues import normalise_language
from turquesa.normalise.countries import country_name as _country_name


def format_integer(value: int, lang: str) -> str:
    return babel.numbers.format_decimal(value, format="#,##0", locale=normalise_language(lang))


def format_decimal(value: float, lang: str, digits: int = 1) -> str:
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return babel.numbers.format_decimal(value, format=pattern, locale=normalise_language(lang))


def format_percent(value: float, lang: str, digits: int = 0) -> str:
    """`value` is a fraction: 0.25 is 25 %."""
    code = normalise_language(lang)
    pattern = Locale(code).percent_formats[None].pattern  # "#,##0 %" in French
    if digits > 0:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * digits, 1)
    return babel.numbers.format_percent(value, format=pattern, locale=code)


def format_date(value: date, lang: str, style: str = "long") -> str:
    return babel.dates.format_date(value, format=style, locale=normalise_language(lang))


def format_datetime(value: datetime, lang: str, style: str = "long") -> str:
    """A moment in UTC, said to be UTC: reports travel across time zones."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return babel.dates.format_datetime(
        value.astimezone(UTC),
        format=style,
        tzinfo=UTC,
        locale=normalise_language(lang),
    )


def format_period(start: date, end: date, lang: str, skeleton: str = "yMMMd") -> str:
    """`1 de ene. de 2022 – 31 de dic. de 2023`: CLDR's interval patterns drop repeats."""
    return babel.dates.format_interval(
        start, end, skeleton=skeleton, locale=normalise_language(lang)
    )


def country_name(code: str, lang: str) -> str:
    """The country's name in `lang`; the code itself when nobody has a name for it."""
    try:
        return _country_name(code, normalise_language(lang))
    except InvalidValue:
        return code

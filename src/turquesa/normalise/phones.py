"""Phone numbers to E.164, with the agency's country as the default region.

A phone number is one of the strongest links between records of different agencies,
so every number is kept, even one that ``phonenumbers`` calls invalid: such a number is
flagged (``valid=False``) rather than dropped, because a typo in one digit, an old
numbering plan or a prepaid SIM from a small operator is still evidence. Only text with
no digit at all is refused.

Parsing is the slowest cleaner (``phonenumbers`` does real work), and the same numbers
recur across thousands of rows of call records, so results are cached.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from turquesa.errors import InvalidValue

__all__ = ["Phone", "parse_phone", "parse_phones"]


@dataclass(frozen=True, slots=True)
class Phone:
    """One phone number as written and as understood.

    ``e164`` is None only when nothing could be parsed; ``valid`` says whether
    ``phonenumbers`` accepts the number; ``country`` is the alpha-2 region of the
    number when it is known.
    """

    original: str
    e164: str | None
    valid: bool
    country: str | None


_DIGIT = re.compile(r"\d")
# WhatsApp click-to-chat links carry the full international number without "+".
_WA_LINK = re.compile(
    r"(?:https?://)?(?:www\.)?(?:wa\.me/|(?:api\.|web\.)?whatsapp\.com/send/?\?(?:.*&)?phone=)"
    r"\+?(\d+)",
    re.IGNORECASE,
)
# Labels written before the number: "Tel:", "cel.", "Móvil", "WhatsApp:", "Fono"...
_LABEL = re.compile(
    r"^(?:t[eé]l[eé]?(?:f(?:ono)?)?|tlf|phone|ph|mobile|mob|cell?(?:ular)?|m[oó]vil|"
    r"fono|whats?app|wsp|wa|n[uú]mero|num|no|nr|contact(?:o)?)\.?\s*[:#.]?\s*",
    re.IGNORECASE,
)
_EXTENSION = re.compile(r"\s*(?:ext|extension|ext\.|x|#|anexo|int)\.?\s*:?\s*(\d{1,6})\s*$", re.I)
_LIST_SPLIT = re.compile(r"[;\n|]")
_SOFT_SPLIT = re.compile(r"[/,]")
_MIN_DIGITS_FOR_SPLIT = 7


def _region(default_region: str | None) -> str | None:
    if not default_region:
        return None
    region = default_region.strip().upper()
    if len(region) == 2:
        return region
    # An alpha-3 code or a country name: read it like any country column.
    from turquesa.normalise.countries import parse_country

    return parse_country(default_region)


def _country_of(num: phonenumbers.PhoneNumber) -> str | None:
    region = phonenumbers.region_code_for_number(num)
    if region and region != "001" and len(region) == 2:
        return region
    regions = phonenumbers.region_codes_for_country_code(num.country_code)
    if len(regions) == 1 and len(regions[0]) == 2 and regions[0] != "ZZ":
        return regions[0]
    return None


def _try(text: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(text, region)
    except NumberParseException:
        return None


_SEPARATORS = str.maketrans("", "", " .-()/\t\u00a0")


def parse_phone(value: str, default_region: str | None) -> Phone:
    """Read one phone number (see `_parse_phone`).

    The same number reaches Turquesa written many ways by many agencies ("300 123 4567",
    "(300) 123-4567", "+57 300.123.4567"); reading the digits once per number and region
    is what keeps a load of millions of rows fast.
    """
    original = value.strip()
    compact = original.translate(_SEPARATORS)
    if compact.isdigit() or (compact[:1] == "+" and compact[1:].isdigit()):
        if compact.startswith("00") and not compact.startswith("000"):
            compact = "+" + compact[2:]
        phone = _parse_phone(compact, default_region)
        return (
            phone
            if phone.original == original
            else Phone(original, phone.e164, phone.valid, phone.country)
        )
    return _parse_phone(original, default_region)


@functools.lru_cache(maxsize=200_000)
def _parse_phone(value: str, default_region: str | None) -> Phone:
    """Read one phone number.

    Handles ``+`` and ``00`` international prefixes, labels ("Tel:", "cel."),
    extensions, separators of any kind and ``wa.me`` links. ``default_region`` is the
    alpha-2 code of the agency's country, used for numbers written without a country
    code. Raises InvalidValue only when ``value`` has no digit.
    """
    original = value.strip()
    if not _DIGIT.search(original):
        if not original:
            raise InvalidValue("empty: no phone number given")
        raise InvalidValue(f"{original[:60]} is not a phone number: it has no digits")
    region = _region(default_region)
    text = original
    if m := _WA_LINK.search(text):
        text = "+" + m[1]
    else:
        text = _LABEL.sub("", text, count=1)
        text = _EXTENSION.sub("", text)
        stripped = text.lstrip(" \t([")
        digits_first = re.sub(r"[\s().\-/]", "", stripped)
        if digits_first.startswith("00") and not digits_first.startswith("000"):
            text = "+" + digits_first[2:]
    num = _try(text, region)
    if num is not None and phonenumbers.is_valid_number(num):
        return _phone(original, num, valid=True)
    if not text.lstrip().startswith("+"):
        # An international number written without "+" (573001234567): accept that
        # reading only if it yields a valid number.
        digits = "".join(_DIGIT.findall(text))
        if len(digits) >= 8:
            alt = _try("+" + digits, None)
            if alt is not None and phonenumbers.is_valid_number(alt):
                return _phone(original, alt, valid=True)
    if num is None:
        return Phone(original, None, False, None)
    return _phone(original, num, valid=False)


def _phone(original: str, num: phonenumbers.PhoneNumber, *, valid: bool) -> Phone:
    return Phone(
        original, phonenumbers.format_number(num, PhoneNumberFormat.E164), valid, _country_of(num)
    )


def _split_part(part: str) -> list[str]:
    """Split on "/" or "," only when every piece looks like a whole number, so that
    "300 123 4567 / 310 765 4321" is two numbers and "(601) 234/5678" stays one."""
    pieces = [p.strip() for p in _SOFT_SPLIT.split(part)]
    pieces = [p for p in pieces if p]
    if len(pieces) > 1 and all(len(_DIGIT.findall(p)) >= _MIN_DIGITS_FOR_SPLIT for p in pieces):
        return pieces
    return [part]


def parse_phones(value: str, default_region: str | None) -> tuple[Phone, ...]:
    """Read a ``;``-separated list of phone numbers; empty entries are skipped."""
    out: list[Phone] = []
    for part in _LIST_SPLIT.split(value):
        part = part.strip()
        if part and "wa.me" not in part.lower():
            for piece in _split_part(part):
                out.append(parse_phone(piece, default_region))
        elif part:
            out.append(parse_phone(part, default_region))
    return tuple(out)

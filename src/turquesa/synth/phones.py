"""Phone numbers that follow each country's numbering plan, and the ways agencies write them.

Numbers are drawn from mobile ranges that ``phonenumbers`` accepts as valid (checked by
the tests), so that normalisation to E.164 has real work to do and real answers to find.
A phone is stored as (country, national significant number); the writer chooses the
format: E.164, international with spaces or dots, "00" international prefix, or the local
form with trunk prefix that only makes sense with the agency's country as default region.
"""

from __future__ import annotations

import random

# country: (calling code, mobile prefixes, national significant number length)
SPECS: dict[str, tuple[str, tuple[str, ...], int]] = {
    "CO": (
        "57",
        (
            "300",
            "301",
            "304",
            "310",
            "311",
            "312",
            "313",
            "314",
            "315",
            "316",
            "317",
            "318",
            "319",
            "320",
            "321",
            "350",
        ),
        10,
    ),
    "VE": ("58", ("412", "414", "416", "424", "426"), 10),
    "PA": ("507", ("60", "61", "62", "63", "64", "65", "66", "67", "68", "69"), 8),
    "CR": ("506", ("83", "84", "85", "86", "87", "88", "89", "60", "70", "72"), 8),
    "NI": ("505", ("81", "82", "83", "84", "85", "86", "87", "88", "57"), 8),
    "HN": ("504", ("94", "95", "96", "97", "98", "99", "31", "32", "33"), 8),
    "GT": (
        "502",
        (
            "30",
            "31",
            "40",
            "41",
            "42",
            "45",
            "46",
            "47",
            "48",
            "50",
            "51",
            "52",
            "53",
            "55",
            "57",
            "58",
            "59",
        ),
        8,
    ),
    "SV": ("503", ("7",), 8),
    "MX": ("52", ("55", "33", "81", "962", "656", "899", "664", "998"), 10),
    "EC": ("593", ("98", "99"), 9),
    "PE": ("51", ("91", "92", "93", "94", "95", "96", "97", "98", "99"), 9),
    "DO": ("1", ("809", "829", "849"), 10),
    "BR": ("55", ("9599", "9598", "9299", "9298", "1199", "1198", "1197"), 11),
    "HT": (
        "509",
        ("31", "32", "33", "34", "36", "37", "38", "39", "41", "42", "44", "46", "47", "48"),
        8,
    ),
    "CU": ("53", ("50", "51", "52", "53", "54", "55", "56", "58", "59"), 8),
    "TT": (
        "1",
        ("86829", "86830", "86834", "86835", "86836", "86837", "86838", "86846", "86847"),
        10,
    ),
    "CN": ("86", ("130", "131", "135", "136", "137", "138", "139", "150", "158", "186", "188"), 11),
    "IN": ("91", ("98", "99", "97", "94", "93", "96", "90", "81", "70"), 10),
    "AF": ("93", ("70", "72", "77", "78", "79"), 9),
    "CM": ("237", ("65", "67", "69", "68", "66"), 9),
    "SN": ("221", ("70", "76", "77", "78"), 9),
    "NP": ("977", ("980", "981", "982", "984", "985", "986"), 10),
    "BD": ("880", ("13", "14", "15", "16", "17", "18", "19"), 10),
    "AO": ("244", ("91", "92", "93", "94", "95"), 9),
    "US": ("1", ("915", "956", "619", "830", "212", "305", "713"), 10),
    "AW": ("297", ("56", "59", "73", "74"), 7),
    "CW": ("599", ("951", "952", "954", "956", "965", "966", "967", "968"), 8),
    "CL": ("56", ("98", "95", "94"), 9),
}
_NANP = frozenset({"DO", "US"})  # the digit after the area code must be 2-9

# how each country groups digits: (trunk prefix, groups, separator) for the local form
_LOCAL: dict[str, tuple[str, tuple[int, ...], str]] = {
    "CO": ("", (3, 3, 4), " "),
    "VE": ("0", (3, 7), "-"),
    "PA": ("", (4, 4), "-"),
    "CR": ("", (4, 4), "-"),
    "GT": ("", (4, 4), " "),
    "HN": ("", (4, 4), "-"),
    "EC": ("0", (2, 3, 4), " "),
    "PE": ("", (3, 3, 3), " "),
    "DO": ("", (3, 3, 4), "-"),
    "TT": ("", (3, 3, 4), "-"),
    "HT": ("", (4, 4), "-"),
    "MX": ("", (2, 4, 4), " "),
    "BR": ("", (2, 5, 4), " "),
}
# countries whose dialling plan reads "00" as the international prefix
IDD_00 = frozenset({"PA", "CR", "GT", "MX", "EC", "PE", "HN", "HT"})
_DIGITS = "0123456789"


def new_phone(rng: random.Random, country: str) -> tuple[str, str]:
    """A fresh mobile number: (country, national significant number)."""
    _, prefixes, length = SPECS[country if country in SPECS else "CO"]
    prefix = prefixes[rng.randrange(len(prefixes))]
    rest = length - len(prefix)
    if country in _NANP:
        tail = f"{rng.randrange(10 ** (rest - 1)):0{rest - 1}d}"
        return country, prefix + str(rng.randrange(2, 10)) + tail
    return (country if country in SPECS else "CO"), prefix + f"{rng.randrange(10**rest):0{rest}d}"


def e164(phone: tuple[str, str]) -> str:
    """Canonical form, as the truth and the resolution should see it."""
    return "+" + SPECS[phone[0]][0] + phone[1]


def _group(nsn: str, groups: tuple[int, ...], sep: str) -> str:
    out, i = [], 0
    for g in groups[:-1]:
        out.append(nsn[i : i + g])
        i += g
    out.append(nsn[i:])
    return sep.join(out)


def _intl_groups(nsn: str) -> tuple[int, ...]:
    n = len(nsn)
    return (3, 3, n - 6) if n >= 10 else (n - 4, 4) if n <= 8 else (3, 3, n - 6)


def format_phone(phone: tuple[str, str], style: str, agency_country: str) -> str:
    """The phone as an agency writes it.

    A local form is only used for numbers of the agency's own country (the default
    region then gives the country back); a foreign number is always written with its
    country code, and "00" only where that prefix dials abroad from the agency's country.
    """
    country, nsn = phone
    cc = SPECS[country][0]
    if style == "national" and country == agency_country and country in _LOCAL:
        trunk, groups, sep = _LOCAL[country]
        if country == "MX" and nsn[:2] not in ("55", "33", "81"):
            groups = (3, 3, 4)
        if country == "BR":
            return f"({nsn[:2]}) {nsn[2:7]}-{nsn[7:]}"
        return trunk + _group(nsn, groups, sep)
    if style == "e164":
        return "+" + cc + nsn
    spaced = _group(nsn, _intl_groups(nsn), " ")
    if style == "idd00" and agency_country in IDD_00:
        return "00" + cc + " " + spaced
    if style == "dots":
        return "+" + cc + " " + _group(nsn, _intl_groups(nsn), ".")
    return "+" + cc + " " + spaced


PHONE_STYLES = ("e164", "intl", "national", "idd00", "dots")

"""Person names: given names, surnames, aliases, and the keys that match them.

Names are where records from different countries disagree most. The same woman is
``MARIA DE LOS ANGELES GARCIA LOPEZ`` in a Colombian police file, ``García López, María
de los Ángeles`` in a Panamanian one and ``Maria Garcia`` in a US one. This module reads
each of these into a :class:`PersonName` whose *display* fields keep what the agency
wrote (accents, particles) and whose *keys* are what entity resolution compares:
folded, without particles, given names and surnames kept apart, aliases kept apart.

Splitting a full name without a comma is a guess; the guess is made with a lexicon of
given names (:mod:`._lexicon`) and the shape of Hispanic and Lusophone names (one to
three given names, then one to four surnames, particles bound to the next word). Chinese
and Vietnamese names written family name first are recognised by their family names.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from turquesa.errors import InvalidValue
from turquesa.normalise._lexicon import (
    CHINESE_SURNAMES,
    GIVEN_NAMES,
    MARIAN_COMPLEMENTS,
    PLACEHOLDERS,
    VIETNAMESE_MIDDLE,
    VIETNAMESE_SURNAMES,
)
from turquesa.normalise.text import clean_text, fold

__all__ = ["PersonName", "name_key", "parse_person_name"]


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name as displayed and as matched.

    ``surnames`` keeps each surname with its particles ("de la Cruz"); the keys drop
    the particles and are folded. ``aliases`` never take part in the name keys.
    """

    given_names: str
    surnames: tuple[str, ...]
    display: str
    aliases: tuple[str, ...]
    given_key: tuple[str, ...]
    surname_key: tuple[str, ...]
    alias_keys: tuple[str, ...]


# Names are made of few distinct words: folding each word once is much cheaper than
# folding it on every row.
_fold = functools.lru_cache(maxsize=262_144)(fold)

# Particles stay with the following surname in display and are dropped in keys.
PARTICLES = frozenset(
    [
        "de",
        "del",
        "la",
        "las",
        "los",
        "da",
        "das",
        "do",
        "dos",
        "di",
        "van",
        "von",
        "le",
        "du",
        "des",
        "der",
        "den",
        "ter",
        "ten",
        "della",
        "dello",
        "dei",
        "d",
    ]
)
# "Pérez y Gómez", "Silva e Souza": a connector between two surnames, not a surname.
CONNECTORS = frozenset({"y", "e"})
# Words that bind to the following word like a particle but are kept in keys:
# "San Martín", "Al Hassan", "Ould Abdallah".
BINDERS = frozenset(
    [
        "san",
        "santa",
        "santo",
        "sao",
        "saint",
        "sainte",
        "st",
        "ste",
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
        "abu",
        "ould",
    ]
)
_ALIAS_ARTICLES = frozenset(
    {"el", "la", "los", "las", "o", "a", "os", "as", "le", "les", "l", "the"}
)
_MAC_NAMES = frozenset(
    [
        "macdonald",
        "macarthur",
        "macgregor",
        "maclean",
        "macleod",
        "mackenzie",
        "mackay",
        "macmillan",
        "macneil",
        "macintosh",
        "macdougall",
        "macpherson",
    ]
)

# --- aliases ---------------------------------------------------------------------------

_MARKER = (
    r"(?:alias|aka|a\.k\.a\.?|a/k/a|vulgo|dit|dite|conocid[oa]s?\s+como|apodad[oa]|"
    r"also\s+known\s+as|apelidad[oa](?:\s+de)?|surnomm[ée]e?)"
)
_PAREN_MARKER = re.compile(r"\(\s*" + _MARKER + r"(?!\w)\s*[:.]?\s*([^()]*)\)", re.IGNORECASE)
_PAREN_A = re.compile(r"\(\s*a\s*\)\s*(.*)$", re.IGNORECASE | re.DOTALL)
_QUOTED = re.compile(
    r"\"([^\"]+)\"|“([^”]+)”|«([^»]+)»|‘([^’]+)’|„([^“”]+)[“”]|(?:(?<=\s)|^)'([^']+)'(?=\s|$|,)"
)
_PAREN = re.compile(r"\(([^()]*)\)")
_MARKER_TO_END = re.compile(
    r"(?:(?<=[\s,;])|^)" + _MARKER + r"(?!\w)\s*[:.]?\s*(\S.*)$", re.IGNORECASE | re.DOTALL
)
_MARKER_START = re.compile(r"^\s*" + _MARKER + r"(?!\w)\s*[:.]?\s*", re.IGNORECASE)
_ALIAS_SPLIT = re.compile(r"\s*[;/,]\s*|\s+" + _MARKER + r"(?!\w)\s*[:.]?\s*", re.IGNORECASE)
_LIST_SPLIT = re.compile(r"[;\n]")
# Cheap test run first: most names carry no alias, and then the five alias patterns
# need not run.
_ALIAS_HINT = re.compile(
    r"[\"'“”«»‘’„()]|alias|aka|a\.k\.a|a/k/a|vulgo|dit|conocid|apodad|known|apelidad|surnomm",
    re.IGNORECASE,
)
_ALIAS_TRIM = " \t\"'“”«»‘’„()[]:;.,-"


def _extract_aliases(text: str) -> tuple[str, list[str]]:
    """Remove alias expressions from ``text``; return the rest and the aliases found."""
    found: list[str] = []

    def keep(m: re.Match[str]) -> str:
        found.append(next(g for g in m.groups() if g is not None))
        return " "

    text = _PAREN_MARKER.sub(keep, text)
    m = _PAREN_A.search(text)
    if m:
        found.append(m[1])
        text = text[: m.start()]
    text = _QUOTED.sub(keep, text)
    text = _PAREN.sub(keep, text)
    m = _MARKER_TO_END.search(text)
    if m:
        found.append(m[1])
        text = text[: m.start()]
    aliases: list[str] = []
    for chunk in found:
        for piece in _ALIAS_SPLIT.split(chunk):
            if piece:
                piece = clean_text(piece.strip(_ALIAS_TRIM))
                if piece:
                    aliases.append(piece)
    return text, aliases


def _alias_key(alias: str) -> str:
    words = _fold(alias).split()
    if len(words) > 1 and words[0] in _ALIAS_ARTICLES:
        words = words[1:]
    return " ".join(words)


def _alias_display(alias: str) -> str:
    if not _needs_case_fix(alias):
        return alias
    tokens = [_proper_token(t) for t in alias.split(" ")]
    if tokens:
        tokens[0] = _capitalise(tokens[0])
    return " ".join(tokens)


# --- case ------------------------------------------------------------------------------

_HAS_LETTER = re.compile(r"[^\W\d_]")
_PART_SPLIT = re.compile(r"([-'’])")


def _needs_case_fix(text: str) -> bool:
    """ALL CAPS or all lower case: the agency's casing carries no information."""
    return bool(_HAS_LETTER.search(text)) and (text.isupper() or text.islower())


def _capitalise(part: str) -> str:
    return part[:1].upper() + part[1:].lower()


def _proper_part(part: str) -> str:
    low = part.lower()
    if low.startswith("mc") and len(low) > 2:
        return "Mc" + _capitalise(part[2:])
    if low in _MAC_NAMES:
        return "Mac" + _capitalise(part[3:])
    return _capitalise(part)


@functools.lru_cache(maxsize=65536)
def _proper_token(token: str) -> str:
    low = token.lower()
    if _fold(low) in PARTICLES or _fold(low) in CONNECTORS:
        return low
    return "".join(p if p in "-'’" else _proper_part(p) for p in _PART_SPLIT.split(token) if p)


# --- grouping tokens into surnames -------------------------------------------------------


def _group(tokens: list[str]) -> list[list[str]]:
    """Group display tokens into units: particles and binders attach to the next token,
    a connector between two units is dropped, trailing particles join the last unit."""
    units: list[list[str]] = []
    prefix: list[str] = []
    last = len(tokens) - 1
    for i, token in enumerate(tokens):
        key = _fold(token)
        if key in CONNECTORS and not prefix and units and i < last:
            continue
        if key in PARTICLES or key in BINDERS:
            prefix.append(token)
            continue
        units.append([*prefix, token])
        prefix = []
    if prefix:
        if units:
            units[-1].extend(prefix)
        else:
            units.append(prefix)
    return units


def _surname_key(surname: str) -> str:
    words = _fold(surname).split()
    kept = [w for w in words if w not in PARTICLES]
    return " ".join(kept or words)


def _given_key(given: str) -> tuple[str, ...]:
    words = _fold(given).split()
    return tuple(w for i, w in enumerate(words) if i == 0 or w not in PARTICLES)


# --- splitting a full name ---------------------------------------------------------------

_PINYIN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|uai|uan|ang|eng|ing|ong|ian|iao|ai|ei|ao|ou|an|en|er|in|un|"
    r"ia|ie|iu|ua|uo|ui|ue|ve|a|o|e|i|u|v)){1,2}"
)
_PLAIN_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _family_first(tokens: list[str]) -> bool:
    """Chinese (pinyin) or Vietnamese name written family name first."""
    if not 2 <= len(tokens) <= 4 or not all(_PLAIN_TOKEN.fullmatch(t) for t in tokens):
        return False
    keys = [_fold(t) for t in tokens]
    first = keys[0]
    if first in VIETNAMESE_SURNAMES and (first == "nguyen" or keys[1] in VIETNAMESE_MIDDLE):
        return True
    if len(tokens) > 3 or first not in CHINESE_SURNAMES or first in GIVEN_NAMES:
        return False
    for key in keys[1:]:
        for part in key.split():
            if part in GIVEN_NAMES or not _PINYIN.fullmatch(part):
                return False
    return True


# "Ma." and "Mª" abbreviate María in Hispanic records. Kept out of GIVEN_NAMES because
# "Ma" is also a Chinese family name.
_ABBREVIATED_GIVEN = frozenset({"ma", "jhon", "fco", "jose ma"})


_FRANCOPHONE_FIRST = frozenset({"marie", "jean"})


def _is_known_given(unit: list[str], index: int) -> bool:
    keys = [_fold(t) for t in unit]
    if len(unit) == 1:
        return keys[0] in _ABBREVIATED_GIVEN or all(p in GIVEN_NAMES for p in keys[0].split())
    # "de los Ángeles" after "María": part of a compound given name.
    return index > 0 and keys[0] in PARTICLES and keys[-1] in MARIAN_COMPLEMENTS


def _starts_surname(unit: list[str]) -> bool:
    if len(unit) < 2:
        return False
    key = _fold(unit[0])
    return key in PARTICLES or key in BINDERS


def _given_count(units: list[list[str]]) -> int:
    n = len(units)
    if n == 1:
        return 1
    known = 0
    for i, unit in enumerate(units):
        if not _is_known_given(unit, i):
            break
        known += 1
    if n == 2:
        g = 1
    elif n == 3:
        # Francophone and Haitian names ("Marie Roselaure Jean-Louis") carry one surname,
        # so after Marie / Jean the second word is a given name even when unknown.
        francophone = _fold(units[0][0]).split(" ")[0] in _FRANCOPHONE_FIRST
        g = 2 if known >= 2 or (francophone and len(units[1]) == 1) else 1
    else:
        g = min(known, n - 2, 3) if known >= 2 else 2
    # A particle ("de la Cruz", "dos Santos") starts the surnames at the latest, unless it
    # belongs to a Marian given name counted above.
    for i in range(1, n):
        if _starts_surname(units[i]) and not (i < known and _is_known_given(units[i], i)):
            g = min(g, i)
            break
    return max(1, min(g, n - 1))


def _tokens(text: str, fix_case: bool) -> list[str]:
    # Tokens with no letter or digit ("-", "/", "()") are punctuation left between words.
    tokens = [t for t in text.split(" ") if _fold(t)] if text else []
    if fix_case:
        tokens = [_proper_token(t) for t in tokens]
    return tokens


def _field(value: str | None) -> tuple[str, list[str]]:
    """Clean one input field: aliases out, placeholders dropped."""
    if value is None:
        return "", []
    text = clean_text(value)
    if _ALIAS_HINT.search(text):
        rest, aliases = _extract_aliases(text)
        rest = clean_text(rest)
    else:
        rest, aliases = text, []
    if not _HAS_ALNUM.search(rest) or _is_placeholder(rest):
        rest = ""
    return rest, aliases


_PLACEHOLDER_MAX = max(len(p) for p in PLACEHOLDERS) + 4
_HAS_ALNUM = re.compile(r"[^\W_]")


def _is_placeholder(text: str) -> bool:
    # Placeholders are short: skip folding (and caching) long, unique strings.
    return len(text) <= _PLACEHOLDER_MAX and _fold(text) in PLACEHOLDERS


def _not_placeholder(parts: list[str]) -> list[str]:
    """Drop words or surnames that stand for an unknown name ("NN PÉREZ")."""
    kept = [p for p in parts if _fold(p) not in PLACEHOLDERS]
    return [] if _is_placeholder(" ".join(kept)) else kept


def _fix_units(units: list[list[str]], fix_case: bool) -> list[str]:
    out: list[str] = []
    for unit in units:
        if fix_case and all(_fold(t) in PARTICLES or _fold(t) in CONNECTORS for t in unit):
            unit = [_capitalise(unit[0]), *unit[1:]]
        out.append(" ".join(unit))
    return _not_placeholder(out)


@functools.lru_cache(maxsize=65536)
def _parse(
    given_names: str | None, surnames: str | None, full_name: str | None, aliases: str | None
) -> PersonName:
    given_text, found = _field(given_names)
    surname_text, more = _field(surnames)
    found += more
    full_text, more = _field(full_name)
    found += more
    for entry in _LIST_SPLIT.split(aliases) if aliases else ():
        entry = _MARKER_START.sub("", clean_text(entry)).strip(_ALIAS_TRIM)
        if entry and _fold(entry) not in PLACEHOLDERS:
            found.append(clean_text(entry))

    family_first = False
    given_display = ""
    surname_list: list[str] = []
    if given_text or surname_text:
        given_text = clean_text(given_text.replace(",", " "))
        surname_text = clean_text(surname_text.replace(",", " "))
        given_display = " ".join(_tokens(given_text, _needs_case_fix(given_text)))
        fix = _needs_case_fix(surname_text)
        surname_list = _fix_units(_group(_tokens(surname_text, fix)), fix)
    elif full_text:
        fix = _needs_case_fix(full_text)
        if "," in full_text:
            left, right = full_text.split(",", 1)
            left, right = clean_text(left), clean_text(right.replace(",", " "))
            # "PÉREZ GÓMEZ, José Luis": each side's casing is judged on its own.
            fix = _needs_case_fix(left)
            surname_list = _fix_units(_group(_tokens(left, fix)), fix)
            given_display = " ".join(_tokens(right, _needs_case_fix(right)))
        else:
            tokens = _tokens(full_text, fix)
            if _family_first(tokens):
                family_first = True
                surname_list = [tokens[0]]
                given_display = " ".join(tokens[1:])
            else:
                units = _group(tokens)
                g = _given_count(units)
                given_display = " ".join(" ".join(u) for u in units[:g])
                surname_list = _fix_units(units[g:], fix)

    given_display = " ".join(_not_placeholder(given_display.split(" ")))
    alias_display: dict[str, str] = {}
    for alias in found:
        key = _alias_key(alias)
        if key and key not in alias_display:
            alias_display[key] = _alias_display(alias)
    if not given_display and not surname_list and not alias_display:
        raise InvalidValue("no name")
    surname_tuple = tuple(surname_list)
    if family_first:
        display = " ".join([*surname_tuple, given_display]).strip()
    else:
        display = " ".join([given_display, *surname_tuple]).strip()
    return PersonName(
        given_names=given_display,
        surnames=surname_tuple,
        display=display,
        aliases=tuple(alias_display.values()),
        given_key=_given_key(given_display),
        surname_key=tuple(_surname_key(s) for s in surname_tuple),
        alias_keys=tuple(alias_display),
    )


def parse_person_name(
    *,
    given_names: str | None = None,
    surnames: str | None = None,
    full_name: str | None = None,
    aliases: str | None = None,
) -> PersonName:
    """Read a person's name from the persons.csv columns.

    ``given_names``/``surnames`` are used when either is filled; otherwise
    ``full_name`` is split (``SURNAMES, GIVEN`` when it has a comma). Aliases are
    taken from every field and from ``aliases`` (a ``;`` list). Raises
    InvalidValue("no name") when nothing usable is left.
    """
    return _parse(given_names, surnames, full_name, aliases)


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Matching key for any name-like text (people, organisations, places): folded,
    particles and connectors removed (unless nothing else is left)."""
    words = _fold(text).split()
    kept = [w for w in words if w not in PARTICLES and w not in CONNECTORS]
    return " ".join(kept or words)

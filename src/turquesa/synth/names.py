"""Names built per naming tradition, from the nationality of a true person.

Hispanic persons carry two surnames (father's first, mother's first), Portuguese and
Angolan ones several, with particles (da, dos); Haitians French or Creole given names and
one surname; Chinese persons are written family name first in pinyin; Afghans often
have a single name; Indians, Nepalis and West Africans one given name and one surname.
Getting these right matters: name matching that only works for "Juan Pérez García"
fails on half the persons crossing the Darién.
"""

from __future__ import annotations

import random

from . import names_data as d

_u = tuple  # keep the tables immutable and ordered (deterministic output)

# tradition: (female given, male given, surnames, surnames per person (min, max))
_TRADITIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "hispanic": (_u(d.HISPANIC_F), _u(d.HISPANIC_M), _u(dict.fromkeys(d.HISPANIC_SURNAMES))),
    "portuguese": (_u(d.PORTUGUESE_F), _u(d.PORTUGUESE_M), _u(d.PORTUGUESE_SURNAMES)),
    "angolan": (_u(d.PORTUGUESE_F), _u(d.PORTUGUESE_M), _u(d.ANGOLAN_SURNAMES)),
    "haitian": (_u(d.HAITIAN_F), _u(d.HAITIAN_M), _u(d.HAITIAN_SURNAMES)),
    "chinese": (_u(d.CHINESE_F), _u(d.CHINESE_M), _u(d.CHINESE_SURNAMES)),
    "afghan": (_u(d.MUSLIM_F), _u(d.MUSLIM_M), _u(d.AFGHAN_SURNAMES)),
    "bangladeshi": (_u(d.MUSLIM_F), _u(d.MUSLIM_M), _u(d.BANGLADESHI_SURNAMES)),
    "indian": (_u(d.INDIAN_F), _u(d.INDIAN_M), _u(d.INDIAN_SURNAMES)),
    "nepali": (_u(d.NEPALI_F), _u(d.NEPALI_M), _u(d.NEPALI_SURNAMES)),
    "senegalese": (_u(d.WEST_AFRICAN_F), _u(d.WEST_AFRICAN_M), _u(d.SENEGALESE_SURNAMES)),
    "cameroonian": (_u(d.WEST_AFRICAN_F), _u(d.WEST_AFRICAN_M), _u(d.CAMEROONIAN_SURNAMES)),
}

TRADITION_OF: dict[str, str] = {
    "BR": "portuguese",
    "AO": "angolan",
    "HT": "haitian",
    "CN": "chinese",
    "AF": "afghan",
    "BD": "bangladeshi",
    "IN": "indian",
    "NP": "nepali",
    "SN": "senegalese",
    "CM": "cameroonian",
}

FAMILY_FIRST = frozenset({"chinese"})

ALIASES = d.ALIASES
NICKNAMES = d.NICKNAMES
VARIANT_OF: dict[str, tuple[str, ...]] = {name: group for group in d.VARIANTS for name in group}


def tradition(nationality: str) -> str:
    """Naming tradition of a nationality (Hispanic unless listed)."""
    return TRADITION_OF.get(nationality, "hispanic")


def given_names(rng: random.Random, trad: str, sex: str) -> tuple[str, ...]:
    """One or two given names; Hispanic and Portuguese people often have two."""
    fem, masc, _ = _TRADITIONS[trad]
    pool = fem if sex == "F" else masc
    first = pool[rng.randrange(len(pool))]
    if trad in ("hispanic", "portuguese", "angolan") and rng.random() < 0.45:
        second = pool[rng.randrange(len(pool))]
        if second != first and "-" not in first:
            return (first, second)
    if trad == "haitian" and sex == "F" and rng.random() < 0.2:
        return ("Marie", first)
    return (first,)


def surnames(rng: random.Random, trad: str) -> tuple[str, ...]:
    """Surnames as the civil registry of the tradition writes them."""
    pool = _TRADITIONS[trad][2]
    first = pool[rng.randrange(len(pool))]
    if trad == "hispanic":
        if rng.random() < 0.03:  # "de la Cruz", "de los Santos" style compound
            first = "de la Cruz" if rng.random() < 0.5 else "de los Santos"
        return (first, pool[rng.randrange(len(pool))])
    if trad in ("portuguese", "angolan"):
        if rng.random() < 0.35:
            particle = d.PORTUGUESE_PARTICLES[rng.randrange(5)]
            return (pool[rng.randrange(len(pool))], f"{particle} {first}")
        return (pool[rng.randrange(len(pool))], first)
    if trad == "afghan" and rng.random() < 0.35:
        return ()  # many Afghans carry a single name
    return (first,)


def child_surnames(trad: str, father: tuple[str, ...], mother: tuple[str, ...]) -> tuple[str, ...]:
    """Surnames of a child of the two parents, by the tradition's rule."""
    if trad == "hispanic" and father and mother:
        return (father[0], mother[0])
    if trad in ("portuguese", "angolan") and father and mother:
        return (mother[-1], father[-1])
    return father or mother

"""Journeys: who travels together, along which places, when, how, and who is paid.

Migrants mostly travel in parties (families with children, groups of young men, couples)
along the group's corridor. Each leg has a mode, departure and arrival dates, the border
post it crosses, the amount paid and, where the leg falls in the group's countries, the
member who organised it. Costs add up to USD 2,700-20,000 per journey as reported in the
Turquesa operations; the US border crossing and air tickets are the expensive parts.
"""

from __future__ import annotations

import random
from datetime import date
from itertools import pairwise
from typing import NamedTuple

from .agencies import BY_COUNTRY
from .corridors import Route, build_path, pick
from .groups import Group, Member
from .names import child_surnames
from .people import PersonFactory, TruePerson
from .places import P

ISO: dict[int, str] = {}
_BASE = date(2019, 1, 1).toordinal()
for _o in range(_BASE - 400, date(2025, 12, 31).toordinal()):
    ISO[_o] = date.fromordinal(_o).isoformat()
YEAR_WEIGHTS = ((2019, 0.04), (2020, 0.02), (2021, 0.13), (2022, 0.22), (2023, 0.39), (2024, 0.20))


class Leg(NamedTuple):
    frm: str
    to: str
    dep: int
    arr: int
    mode: str
    crossing: str
    usd: int
    facilitator: Member | None


class Party:
    """People travelling together, and the legs they travelled."""

    __slots__ = ("dead", "family", "legs", "members", "nat")

    def __init__(self, nat: str) -> None:
        self.nat = nat
        self.members: list[TruePerson] = []
        self.family: list[tuple[TruePerson, TruePerson, str]] = []  # (a, b, relation)
        self.legs: list[Leg] = []
        self.dead: TruePerson | None = None


def leg_mode(frm: str, to: str) -> str:
    a, b = P[frm], P[to]
    if b.arrive in ("sea", "river"):
        return b.arrive
    if b.arrive == "air" and a.country != b.country:
        return "air"
    if a.country != b.country and abs(a.lat - b.lat) + abs(a.lon - b.lon) > 20:
        return "air"
    return "land"


def leg_cost(rng: random.Random, frm: str, to: str, mode: str) -> int:
    """USD paid for one leg (smugglers' prices on these routes, 2021-2024)."""
    a, b = P[frm], P[to]
    if mode == "air":
        return rng.randint(600, 1800) if abs(a.lon - b.lon) < 60 else rng.randint(1500, 3500)
    if b.country == "US":
        return rng.randint(2500, 8000)
    if b.crossing == "Selva del Darién":
        return rng.randint(150, 500)
    if mode == "sea":
        return rng.randint(80, 450)
    if mode == "river":
        return rng.randint(20, 150)
    if a.country == "MX" and b.country == "MX" and abs(a.lat - b.lat) > 5:
        return rng.randint(800, 3000)
    if a.country != b.country:
        return rng.randint(100, 700)
    return rng.randint(20, 150)


def _days(rng: random.Random, mode: str, to: str) -> tuple[int, int]:
    """(travel days, wait before next leg)."""
    if P[to].crossing == "Selva del Darién":
        return rng.randint(3, 8), rng.randint(0, 2)
    if mode == "air":
        return rng.randint(0, 1), rng.randint(0, 5)
    if P[to].name in ("Necoclí", "Tapachula"):
        return rng.randint(1, 2), rng.randint(2, 20)
    return rng.randint(0, 3), rng.randint(0, 4)


def start_day(rng: random.Random, g: Group) -> int:
    """A departure day inside the group's active years, weighted like the Darién flows."""
    years = tuple((y, w) for y, w in YEAR_WEIGHTS if g.year0 <= y <= g.year1) or ((g.year0, 1.0),)
    y = int(pick(rng, years))  # type: ignore[call-overload]
    first = date(y, 1, 1).toordinal()
    last = min(date(y, 12, 31).toordinal(), date(2024, 9, 30).toordinal())
    return rng.randint(first, max(first, last))


def make_legs(rng: random.Random, g: Group, path: list[str], day: int) -> list[Leg]:
    """Legs along the path, with facilitators from the group where it works."""
    legs: list[Leg] = []
    cands_cache: dict[tuple[str, str, bool], list[Member]] = {}
    for frm, to in pairwise(path):
        mode, crossing, ca, cb = _leg_static(frm, to)
        travel, wait = _days(rng, mode, to)
        fac = None
        if ca in g.countries or cb in g.countries:
            jungle = crossing == "Selva del Darién" or mode == "river"
            cands = cands_cache.get((ca, cb, jungle))
            if cands is None:
                roles = ("guide",) if jungle else ("transporter", "guide")
                cands = cands_cache[(ca, cb, jungle)] = g.in_country(ca, roles) or g.in_country(
                    cb, roles
                )
            if cands:
                fac = cands[rng.randrange(len(cands))]
        legs.append(
            Leg(frm, to, day, day + travel, mode, crossing, leg_cost(rng, frm, to, mode), fac)
        )
        day += travel + wait
    return legs


_STATIC: dict[tuple[str, str], tuple[str, str, str, str]] = {}


def _leg_static(frm: str, to: str) -> tuple[str, str, str, str]:
    """(mode, crossing, from country, to country) of a leg; the same for every traveller."""
    out = _STATIC.get((frm, to))
    if out is None:
        a, b = P[frm], P[to]
        out = (
            leg_mode(frm, to),
            b.crossing if a.country != b.country else "",
            a.country,
            b.country,
        )
        _STATIC[(frm, to)] = out
    return out


def make_party(
    rng: random.Random, factory: PersonFactory, g: Group, route: Route, size: int
) -> Party:
    """A travelling party with its journey; families share surnames, some children are twins."""
    nat = str(pick(rng, route.nationalities))
    day = start_day(rng, g)
    year = int(ISO[day][:4])
    party = Party(nat)
    if size >= 3 and rng.random() < 0.6:
        father = factory.person(rng, nat, "M", rng.randint(24, 48), year, kind="migrant")
        mother = factory.person(rng, nat, "F", rng.randint(22, 45), year, kind="migrant")
        party.members += [father, mother]
        party.family.append((father, mother, "partner"))
        kids_sur = child_surnames(father.trad, father.surnames, mother.surnames)
        prev: TruePerson | None = None
        for _ in range(size - 2):
            if prev is not None and rng.random() < 0.1:
                kid = factory.twin(rng, prev, "migrant")
            else:
                sex = "F" if rng.random() < 0.5 else "M"
                kid = factory.person(
                    rng, nat, sex, rng.randint(0, 17), year, kind="migrant", surnames=kids_sur
                )
            party.members.append(kid)
            party.family += [(father, kid, "family"), (mother, kid, "family")]
            prev = kid
    else:
        for _ in range(size):
            sex = "M" if rng.random() < 0.66 else "F"
            if party.members and rng.random() < 0.03:
                party.members.append(factory.twin(rng, party.members[-1], "migrant"))
                party.family.append((party.members[-2], party.members[-1], "family"))
                continue
            party.members.append(
                factory.person(rng, nat, sex, rng.randint(18, 50), year, kind="migrant")
            )
    path = build_path(route, rng, nat)
    if P[path[0]].country == nat:
        for p in party.members:
            p.city = P[path[0]].name
    if rng.random() < 0.15 and len(path) > 3:
        # some stop on the way (settle, turn back, run out of money), but only where an
        # agency could have met them, so that every true person is on record somewhere
        short = path[: rng.randint(3, len(path))]
        if any(P[k].country in BY_COUNTRY for k in short):
            path = short
    party.legs = make_legs(rng, g, path, day)
    return party


def party_size(rng: random.Random) -> int:
    x = rng.random()
    return (
        1 if x < 0.35 else 2 if x < 0.55 else rng.randint(3, 5) if x < 0.88 else rng.randint(6, 10)
    )

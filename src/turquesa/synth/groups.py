"""Organised criminal groups: who leads, who recruits, who drives, who forges, who pays.

A group works a segment of 2-4 countries of one corridor. It is tied to other groups the
way real ones are: independent brokers sell their services to several groups, a document
forger or a driver works for a neighbouring group too, and prosecutors charge members of
two groups together. Those ties are what make group detection harder than finding the
connected components of the link graph, and they are listed in the truth as associates.
"""

from __future__ import annotations

import random
from collections import deque
from typing import NamedTuple

from .agencies import BY_COUNTRY
from .corridors import Route, countries_of, pick
from .documents import bank_account, vehicle_plate
from .people import PersonFactory, TruePerson
from .places import P

_NICK = (
    "Coyotes",
    "Lancheros",
    "Trocheros",
    "Paisas",
    "Chamos",
    "Costeños",
    "Guías",
    "Caleños",
    "Norteños",
    "Catrachos",
    "Chapines",
    "Panas",
)
_SHAPES = (
    "Los {nick} de {place}",
    "Clan {surname}",
    "Red {place}",
    "Los {surname}",
    "La Empresa {place}",
    "Banda de {alias}",
)


_BARS = ("La Estrella", "El Paraíso", "Las Palmas", "Venus", "El Dorado", "Aurora")
_FIRMS = ("Urabá", "del Golfo", "Sol y Mar", "Frontera", "El Paisa", "Los Andes")


_TOWNS: dict[str, tuple[str, ...]] = {}
for _p in P.values():
    _TOWNS[_p.country] = (*_TOWNS.get(_p.country, ()), _p.name)


class Member(NamedTuple):
    person: TruePerson
    role: str
    country: str


class Group:
    """One OCG of the synthetic world and everything it needs to act in one batch."""

    def __init__(self, index: int, route: Route, crime: str, countries: list[str]) -> None:
        self.index = index
        self.gid = f"G{index:04d}"
        self.route = route
        self.crime = crime
        self.countries = countries
        self.members: list[Member] = []
        self.associates: list[tuple[Member, str]] = []  # (member, home group id or "")
        self.name = ""
        self.exploitation: tuple[str, ...] = ()
        self.shared_phone: tuple[str, str] | None = None
        self.company: tuple[str, str] | None = None  # (name, country)
        self.year0 = 2019
        self.year1 = 2024

    def in_country(self, country: str, roles: tuple[str, ...]) -> list[Member]:
        """Members (and borrowed associates) of these roles working in a country."""
        found = [m for m in self.members if m.country == country and m.role in roles]
        found += [m for m, _ in self.associates if m.country == country and m.role in roles]
        return found

    @property
    def home(self) -> str:
        """The group country whose agency knows it best (first covered country)."""
        for c in self.countries:
            if c in BY_COUNTRY:
                return c
        return self.countries[0]


_ROLE_PLAN = {
    "smuggling": (
        ("recruiter", 1, 2),
        ("transporter", 2, 4),
        ("guide", 1, 3),
        ("money_handler", 1, 2),
        ("document_forger", 0, 1),
        ("lookout", 0, 2),
        ("harbourer", 0, 1),
    ),
    "trafficking": (
        ("recruiter", 2, 3),
        ("transporter", 1, 2),
        ("exploiter", 1, 3),
        ("money_handler", 1, 1),
        ("harbourer", 0, 1),
        ("document_forger", 0, 1),
    ),
}


def segment(route: Route, rng: random.Random) -> list[str]:
    """2-4 consecutive countries of the route, at least one with a reporting agency."""
    seq = countries_of(route)
    for _ in range(20):
        size = min(len(seq), rng.randint(2, 4))
        start = rng.randrange(len(seq) - size + 1)
        window = seq[start : start + size]
        if any(c in BY_COUNTRY for c in window):
            return window
    return seq[:4]


def make_group(
    rng: random.Random,
    factory: PersonFactory,
    index: int,
    route: Route,
    crime: str,
    year0: int,
    recent: deque[Group],
    brokers: list[Member],
) -> Group:
    """A new group with its members, its borrowed associates and its brokers."""
    g = Group(index, route, crime, segment(route, rng))
    g.year0, g.year1 = year0, min(2024, year0 + rng.randint(0, 2))
    plan = _ROLE_PLAN["trafficking" if crime == "trafficking" else "smuggling"]
    first = g.countries[0]
    last = g.countries[-1]
    leader_c = g.countries[rng.randrange(len(g.countries))]
    leader = _suspect(
        rng, factory, leader_c, g.year0, rng.randint(35, 60), "M" if rng.random() < 0.8 else "F"
    )
    g.members.append(Member(leader, "leader", leader_c))
    for role, lo, hi in plan:
        for _ in range(rng.randint(lo, hi)):
            c = (
                first
                if role == "recruiter"
                else last
                if role == "exploiter"
                else g.countries[rng.randrange(len(g.countries))]
            )
            female = 0.55 if role in ("recruiter", "exploiter") and crime != "smuggling" else 0.2
            p = _suspect(
                rng, factory, c, g.year0, rng.randint(20, 55), "F" if rng.random() < female else "M"
            )
            g.members.append(Member(p, role, c))
    if rng.random() < 0.1:
        c = g.countries[rng.randrange(len(g.countries))]
        g.members.append(
            Member(
                _suspect(rng, factory, c, g.year0, rng.randint(30, 55), "M"), "corrupt_official", c
            )
        )
    if rng.random() < 0.15:  # the leader's son, same name, drives for the group
        son = factory.son_of(rng, leader, "suspect")
        g.members.append(Member(son, "transporter", leader_c))
    if rng.random() < 0.5:  # one phone shared by several members
        g.shared_phone = leader.phones[0] if leader.phones else None
        for m in g.members[1:3]:
            if g.shared_phone and g.shared_phone not in m.person.phones:
                m.person.phones.append(g.shared_phone)
    for m in g.members:
        if m.role == "transporter" and rng.random() < 0.7:
            m.person.extra.append(("vehicle_plate", vehicle_plate(rng, m.country), m.country, ""))
        if m.role in ("money_handler", "leader") and rng.random() < 0.7:
            kind, value = bank_account(rng, m.country)
            m.person.extra.append((kind, value, m.country, ""))
    # ties to other groups
    for old in list(recent)[-6:]:
        shared = [
            m
            for m in old.members
            if m.role in ("document_forger", "transporter", "guide") and m.country in g.countries
        ]
        if shared and rng.random() < 0.35:
            g.associates.append((shared[rng.randrange(len(shared))], old.gid))
    if brokers:
        g.associates.append((brokers[index % len(brokers)], ""))
        if rng.random() < 0.4:
            g.associates.append((brokers[rng.randrange(len(brokers))], ""))
    g.name = _name(rng, g, leader)
    if crime != "smuggling":
        place = P[route.exploitation_place] if route.exploitation_place else None
        kind = ("Bar", "Night Club", "Spa", "Karaoke", "Finca", "Restaurante")[rng.randrange(6)]
        g.company = (f"{kind} {_BARS[rng.randrange(len(_BARS))]}", place.country if place else last)
    elif rng.random() < 0.5:
        g.company = (f"Transportes {_FIRMS[rng.randrange(len(_FIRMS))]}", first)
    return g


def _suspect(
    rng: random.Random, factory: PersonFactory, country: str, year: int, age: int, sex: str
) -> TruePerson:
    """A group member based in ``country``: mostly a national, else a Venezuelan or Colombian."""
    nat = country if rng.random() < 0.75 else ("VE", "CO")[rng.randrange(2)]
    if nat in ("US", "AW", "CW"):
        nat = "MX" if country == "US" else "VE"
    towns = _TOWNS.get(country, ())
    city = towns[rng.randrange(len(towns))] if towns else ""
    return factory.person(rng, nat, sex, age, year, kind="suspect", home=country, city=city)


def _name(rng: random.Random, g: Group, leader: TruePerson) -> str:
    shape = _SHAPES[rng.randrange(len(_SHAPES))]
    own = [
        k
        for stage in g.route.stages
        for opt in stage
        for k in opt[0]
        if P[k].country in g.countries
    ]
    place = P[own[rng.randrange(len(own))]].name if own else P[g.route.stages[0][0][0][0]].name
    return shape.format(
        nick=_NICK[rng.randrange(len(_NICK))],
        place=place,
        surname=leader.surnames[0] if leader.surnames else leader.given[0],
        alias=leader.aliases[0] if leader.aliases else leader.given[0],
    )


def make_brokers(rng: random.Random, factory: PersonFactory, count: int) -> list[Member]:
    """Independent brokers who sell services (documents, transport, money) to many groups."""
    out = []
    for _ in range(count):
        c = str(
            pick(
                rng, (("CO", 0.3), ("PA", 0.2), ("MX", 0.2), ("GT", 0.1), ("EC", 0.1), ("HN", 0.1))
            )
        )
        p = _suspect(
            rng, factory, c, 2021, rng.randint(30, 60), "M" if rng.random() < 0.75 else "F"
        )
        role = ("smuggler", "money_handler", "document_forger")[rng.randrange(3)]
        out.append(Member(p, role, c))
    return out

"""True persons: who someone really is, before any agency writes them down.

A true person carries the facts every copy is derived from: names by their tradition,
sex, birth date, nationality, phones, e-mail, handles, one identity document and extra
identifiers. Families (shared surnames, children with both parents' surnames), twins
(same surnames and birth date, different given names) and fathers and sons with the
same name are made here too, because they are what keeps entity resolution honest.
"""

from __future__ import annotations

import calendar
import random
import unicodedata

from . import documents, names, phones

_DAYS = {(y, m): calendar.monthrange(y, m)[1] for y in range(1930, 2026) for m in range(1, 13)}
_MAIL = ("gmail.com", "gmail.com", "hotmail.com", "yahoo.com", "outlook.com", "icloud.com")
_ASCII_CACHE: dict[str, str] = {}


def ascii_lower(s: str) -> str:
    """Lower-case ASCII form of a name (for e-mails and handles)."""
    out = _ASCII_CACHE.get(s)
    if out is None:
        out = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
        out = out.replace(" ", "").replace("-", "").replace("'", "")
        _ASCII_CACHE[s] = out
    return out


class TruePerson:
    """One real human being of the synthetic world."""

    __slots__ = (
        "aliases",
        "birth",
        "city",
        "country",
        "doc",
        "email",
        "extra",
        "given",
        "handles",
        "nat",
        "phones",
        "pid",
        "sex",
        "surnames",
        "trad",
    )

    def __init__(self, pid: int, nat: str, sex: str, birth: str) -> None:
        self.pid = pid
        self.nat = nat
        self.trad = names.tradition(nat)
        self.sex = sex
        self.birth = birth
        self.given: tuple[str, ...] = ()
        self.surnames: tuple[str, ...] = ()
        self.aliases: tuple[str, ...] = ()
        self.phones: list[tuple[str, str]] = []
        self.email = ""
        self.handles: list[str] = []
        self.doc: tuple[str, str, str] | None = None
        self.extra: list[tuple[str, str, str, str]] = []  # kind, value, country, platform
        self.city = ""
        self.country = nat

    @property
    def tid(self) -> str:
        return f"TP{self.pid:07d}"


def birth_date(rng: random.Random, year: int) -> str:
    month = rng.randint(1, 12)
    return f"{year:04d}-{month:02d}-{rng.randint(1, _DAYS[(year, month)]):02d}"


class PersonFactory:
    """Makes true persons with consecutive ids; one per generation run."""

    def __init__(self, start: int = 1) -> None:
        self.next_id = start

    def _new(self, rng: random.Random, nat: str, sex: str, birth: str) -> TruePerson:
        p = TruePerson(self.next_id, nat, sex, birth)
        self.next_id += 1
        return p

    def person(
        self,
        rng: random.Random,
        nat: str,
        sex: str,
        age: int,
        year: int,
        *,
        kind: str,
        home: str | None = None,
        city: str = "",
        surnames: tuple[str, ...] | None = None,
    ) -> TruePerson:
        """A new person of ``kind`` (suspect, migrant, victim) aged ``age`` in ``year``."""
        by = max(1935, min(2024, year - age))
        p = self._new(rng, nat, sex, birth_date(rng, by))
        p.given = names.given_names(rng, p.trad, sex)
        p.surnames = surnames if surnames is not None else names.surnames(rng, p.trad)
        p.country = home or nat
        p.city = city
        self.fill_contacts(rng, p, kind)
        return p

    def fill_contacts(self, rng: random.Random, p: TruePerson, kind: str) -> None:
        """Phones, e-mail, handles, documents; suspects have more of them, children fewer."""
        age = 2023 - int(p.birth[:4])
        suspect = kind == "suspect"
        if suspect and rng.random() < 0.55:
            p.aliases = (names.ALIASES[rng.randrange(len(names.ALIASES))],)
        if age >= 14 and (suspect or rng.random() < 0.75):
            p.phones.append(phones.new_phone(rng, p.country))
            if rng.random() < (0.5 if suspect else 0.25):
                transit = ("CO", "PA", "MX", p.country)[rng.randrange(4)]
                p.phones.append(phones.new_phone(rng, transit))
        if age >= 16 and p.given and rng.random() < (0.6 if suspect else 0.3):
            sur = ascii_lower(p.surnames[0]) if p.surnames else ""
            dot = "." if rng.random() < 0.5 else ""
            domain = _MAIL[rng.randrange(6)]
            p.email = f"{ascii_lower(p.given[0])}{dot}{sur}{rng.randint(1, 99)}@{domain}"
        if age >= 16 and rng.random() < (0.7 if suspect else 0.2):
            base = ascii_lower(p.given[0]) if p.given else "user"
            if p.surnames:
                base += "." + ascii_lower(p.surnames[0])
            plat = ("facebook", "instagram", "telegram", "tiktok")[rng.randrange(4)]
            p.handles.append(f"{plat}:{base}{rng.randint(1, 999) if rng.random() < 0.6 else ''}")
        if age >= 18 or rng.random() < 0.4:
            nid = documents.national_id(rng, p.nat, p.given, p.surnames, p.birth, p.sex)
            if nid is not None and (kind != "migrant" or rng.random() < 0.4):
                p.doc = ("national_id", nid, p.nat)
            else:
                p.doc = ("passport", documents.passport(rng, p.nat), p.nat)
            if nid is not None and rng.random() < 0.2:
                p.extra.append(("passport", documents.passport(rng, p.nat), p.nat, ""))

    def twin(self, rng: random.Random, sibling: TruePerson, kind: str) -> TruePerson:
        """Same surnames and birth date, a different given name (and person)."""
        sex = "F" if rng.random() < 0.5 else "M"
        t = self._new(rng, sibling.nat, sex, sibling.birth)
        t.surnames = sibling.surnames
        t.country, t.city = sibling.country, sibling.city
        for _ in range(5):
            t.given = names.given_names(rng, t.trad, sex)
            if t.given[0] != sibling.given[0]:
                break
        self.fill_contacts(rng, t, kind)
        return t

    def son_of(self, rng: random.Random, father: TruePerson, kind: str) -> TruePerson:
        """A son with exactly his father's name, 20-30 years younger."""
        year = min(2004, int(father.birth[:4]) + rng.randint(20, 30))
        s = self._new(rng, father.nat, "M", birth_date(rng, year))
        s.given, s.surnames = father.given, father.surnames
        s.country, s.city = father.country, father.city
        self.fill_contacts(rng, s, kind)
        return s

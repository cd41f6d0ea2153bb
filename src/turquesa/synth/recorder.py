"""What one agency writes when it meets a person, a leg, an event or a link.

A Recorder wraps the agency's writer and renderer: it opens cases, writes a person once
per case (the same true person gets a new record in each case, as in real systems),
writes the truth row for every person record (with the kinds of noise that changed that
copy, its identifier rows included), and turns legs and events into rows in the agency's
formats. References it writes always point at records of the same agency.
"""

from __future__ import annotations

import random
from pathlib import Path

from . import text
from .agencies import Agency
from .config import NoiseConfig, NoiseKind
from .corridors import pick
from .journeys import ISO, Leg
from .noise import Renderer
from .people import TruePerson
from .places import P
from .truth import Truth
from .writers import AgencyWriter

_STATUS = (
    ("open", 0.35),
    ("closed", 0.15),
    ("prosecuted", 0.25),
    ("convicted", 0.15),
    ("dismissed", 0.1),
)
_STREET = {
    "es": "Calle {n} # {a}-{b}",
    "pt": "Rua {w}, {n}",
    "fr": "Rue {w} #{n}",
    "en": "{n} {w} Street",
}
_WORDS = ("Bolívar", "Sucre", "Miranda", "Libertad", "Central", "Martí", "Progreso", "Esperanza")
_WITH_ADDRESS = ("suspect", "facilitator", "victim")


class Case:
    __slots__ = ("cid", "n", "recs", "year")

    def __init__(self, cid: str, year: int) -> None:
        self.cid = cid
        self.year = year
        self.recs: dict[tuple[int, bool], str] = {}
        self.n = 0


class Recorder:
    """Writes one agency's records; lives for the whole run."""

    def __init__(
        self, agency: Agency, out_dir: Path, noise: NoiseConfig, truth: Truth, block: int = 0
    ) -> None:
        self.a = agency
        self.w = AgencyWriter(agency, out_dir, block)
        self.r = Renderer(agency, noise)
        self.noise = noise
        self.truth = truth
        self.covers = set(agency.covers or (agency.country,))
        self.intercept: Case | None = None

    # -- cases --------------------------------------------------------------------------
    def open_case(
        self,
        rng: random.Random,
        crime: str,
        day: int,
        kind: str,
        place: str,
        expl: tuple[str, ...] = (),
        name: str = "",
    ) -> Case:
        year = int(ISO[day][:4])
        case = Case(self.w.new_case_id(year), year)
        lang = self.a.lang
        word = text.EXPLOITATION_WORD[lang][expl[0]] if expl else ""
        title = text.CASE_TITLE[lang][kind].format(place=place, year=year, expl=word, name=name)
        sharing = str(pick(rng, self.a.sharing))
        status = "open" if year >= 2024 and rng.random() < 0.7 else str(pick(rng, _STATUS))
        self.w.write(
            "cases",
            [case.cid, title, crime, ";".join(expl), self.r.date(ISO[day]), status, sharing],
        )
        return case

    def interception_case(self, rng: random.Random, day: int, place: str) -> Case:
        """The running case for migrants met at the border; a new one every ~40 persons."""
        c = self.intercept
        if c is None or c.n >= 40:
            c = self.intercept = self.open_case(rng, "smuggling", day, "interception", place)
        return c

    # -- persons --------------------------------------------------------------------------
    def person(
        self,
        rng: random.Random,
        case: Case,
        tp: TruePerson,
        role: str,
        year: int,
        *,
        perp: str = "",
        victim: tuple[tuple[str, ...], str, tuple[str, ...]] | None = None,
        gid: str = "",
    ) -> str:
        """Record id of this person in this case, writing the record the first time."""
        # keyed by role too: a former victim who now recruits gets a second, suspect record
        key = (tp.pid, role == "victim")
        rid = case.recs.get(key)
        if rid is not None:
            return rid
        rid = self.w.new_id("persons")
        case.recs[key] = rid
        case.n += 1
        r = self.r
        applied: set[NoiseKind] = set()
        given, surnames, full, aliases = r.names(tp, rng, applied)
        birth, age = r.birth(tp, rng, year, applied)
        dtype, dnum, dcountry = r.document(tp, rng, applied)
        phones, emails, handles, extra = r.contacts(tp, rng, applied)
        expl, method, control = ("", "", "")
        if victim is not None:
            expl, method, control = ";".join(victim[0]), victim[1], ";".join(victim[2])
        address, city = self.address(tp, role, rng, applied)
        residence = notes = ""
        if r.kept(rng, applied):
            residence = r.country(tp.country)
        if rng.random() < 0.12:
            notes = text.NOTE[self.a.lang][rng.randrange(5)]
        self.w.write(
            "persons",
            [
                rid,
                case.cid,
                role,
                perp,
                expl,
                method,
                control,
                given,
                surnames,
                full,
                aliases,
                tp.sex if r.kept(rng, applied) else "",
                birth,
                age,
                r.country(tp.nat) if r.kept(rng, applied) else "",
                dtype,
                dnum,
                dcountry,
                phones,
                emails,
                handles,
                address,
                city,
                residence,
                notes,
            ],
            rng,
        )
        for kind, value, country, platform in extra:
            self.w.write("identifiers", [rid, kind, value, country, platform])
        self.truth.record(self.a.code, rid, tp, role, gid, applied)
        return rid

    def address(
        self, tp: TruePerson, role: str, rng: random.Random, applied: set[NoiseKind]
    ) -> tuple[str, str]:
        """(address, city) as written: taken down for suspects, facilitators and victims only.

        The street is made up per copy (the truth has no address), so leaving it out, at
        three times the missing_field rate, is noted as missing_field like any other field.
        """
        if role not in _WITH_ADDRESS:
            return "", ""
        if rng.random() <= self.noise.missing_field * 3:
            applied.add("missing_field")
            return "", ""
        street = _STREET[self.a.lang].format(
            n=rng.randint(1, 120),
            a=rng.randint(1, 90),
            b=rng.randint(1, 99),
            w=_WORDS[rng.randrange(8)],
        )
        return self.r.case(street), self.r.case(tp.city) if tp.city else ""

    # -- other records ----------------------------------------------------------------------
    def org(
        self,
        rng: random.Random,
        case: Case,
        name: str,
        org_type: str,
        country: str,
        regno: str = "",
    ) -> str:
        rid = self.w.new_id("organizations")
        self.w.write(
            "organizations",
            [rid, case.cid, self.r.case(name), org_type, self.r.country(country), regno],
            rng,
        )
        return rid

    def event(
        self,
        rng: random.Random,
        case: Case,
        etype: str,
        day: int,
        place_key: str,
        persons: list[str],
        *,
        expl: str = "",
        mode: str = "",
        method: str = "",
        amount: int | None = None,
        currency: str = "",
        n: int = 0,
    ) -> str:
        rid = self.w.new_id("events")
        pl = P[place_key]
        lat = lon = ""
        if rng.random() < 0.7:
            lat, lon = (
                f"{pl.lat + (rng.random() - 0.5) * 0.02:.4f}",
                f"{pl.lon + (rng.random() - 0.5) * 0.02:.4f}",
            )
        lang = self.a.lang
        desc = text.EVENT[lang][etype].format(
            n=n or len(persons),
            place=pl.name,
            amount=amount or "",
            currency=currency,
            method=method,
            expl=text.EXPLOITATION_WORD[lang].get(expl, ""),
            mode=mode,
        )
        self.w.write(
            "events",
            [
                rid,
                case.cid,
                etype,
                self.r.date(ISO[day]),
                self.r.case(pl.name),
                self.r.country(pl.country),
                lat,
                lon,
                ";".join(persons),
                expl,
                mode,
                method,
                "" if amount is None else str(amount),
                currency if amount is not None else "",
                desc,
            ],
            rng,
        )
        return rid

    def money(self, rng: random.Random, usd: int, country: str) -> tuple[int, str]:
        """An amount in the currency people pay in where the leg starts."""
        x = rng.random()
        if country == "CO" and x < 0.35:
            return round(usd * 4000, -4), "COP"
        if country == "MX" and x < 0.4:
            return round(usd * 17, -2), "MXN"
        if country == "PA" and x < 0.2:
            return usd, "PAB"
        return usd, "USD"

    def movement(
        self, rng: random.Random, case: Case, leg: Leg, recs: list[str], pids: list[int], fac: str
    ) -> None:
        rid = self.w.new_id("movements")
        a, b = P[leg.frm], P[leg.to]
        amount, currency = ("", "")
        if rng.random() < 0.55:
            value, currency = self.money(rng, leg.usd, a.country)
            amount = str(value)
        miss = self.noise.missing_field
        dep = "" if rng.random() < miss * 0.5 else self.r.date(ISO[leg.dep])
        arr = "" if rng.random() < miss else self.r.date(ISO[leg.arr])
        single = len(recs) == 1
        self.w.write(
            "movements",
            [
                rid,
                case.cid,
                recs[0] if single else "",
                "" if single else ";".join(recs),
                self.r.case(a.name),
                self.r.country(a.country),
                self.r.case(b.name),
                self.r.country(b.country),
                dep,
                arr,
                leg.mode,
                self.r.case(leg.crossing) if leg.crossing else "",
                fac,
                amount,
                currency,
            ],
            rng,
        )
        self.truth.movement(ISO[leg.dep], a.country, b.country, pids)

    def link(
        self,
        rng: random.Random,
        case: Case,
        frm: str,
        to: str,
        relation: str,
        start: int | None = None,
    ) -> None:
        rid = self.w.new_id("links") if rng.random() < 0.7 else ""
        self.w.write(
            "links",
            [rid, frm, to, relation, self.r.date(ISO[start]) if start else "", "", case.cid, ""],
            rng,
        )

    def touches(self, leg: Leg) -> bool:
        """Whether the leg starts or ends in a country this agency covers."""
        return P[leg.frm].country in self.covers or P[leg.to].country in self.covers

    def close(self) -> dict[str, int]:
        self.w.close()
        return self.w.counts

"""One batch: a group, the people it moves or exploits, and what each agency records.

A batch is the unit of streaming: everything about one group is made, written and
dropped before the next one, so memory does not grow with the number of persons. Only
the broker pool and the last few groups (for cross-group ties) outlive a batch.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field
from datetime import date

from .agencies import AGENCIES, BY_COUNTRY
from .corridors import ROUTES, SMUGGLING_WEIGHTS, TRAFFICKING_WEIGHTS, pick
from .documents import passport
from .groups import Group, Member, make_group
from .journeys import ISO, YEAR_WEIGHTS, Party, make_party, party_size
from .people import PersonFactory, TruePerson
from .places import P
from .rand import FastRandom
from .recorder import Case, Recorder
from .truth import Truth
from .victims import Victim, make_victims

# The first groups of every run: together they pass through all the agencies' countries.
FIRST_GROUPS = (
    ("smuggling", "darien_andean"),
    ("trafficking", "t_ve_tt"),
    ("smuggling", "hispaniola"),
    ("smuggling", "caribbean_abc"),
    ("both", "brazil_north"),
    ("trafficking", "t_ec_pe"),
)


@dataclass
class World:
    """What outlives a batch."""

    seed: int
    factory: PersonFactory
    recorders: dict[str, Recorder]
    truth: Truth
    brokers: list[Member]
    recent: deque[Group] = field(default_factory=lambda: deque(maxlen=8))


class Batch:
    def __init__(self, world: World, index: int, target_end: int) -> None:
        self.w = world
        self.rng = FastRandom(world.seed * 1_000_003 + index)
        self.index = index
        self.target_end = target_end
        self.recorded: set[int] = set()
        self.cases: dict[str, Case] = {}  # agency code -> investigation case of this group
        self.forged: list[tuple[str, str, str]] = []
        for rec in world.recorders.values():
            rec.intercept = None

    # -- helpers ------------------------------------------------------------------------
    def left(self) -> int:
        return self.target_end - (self.w.factory.next_id - 1)

    def agencies_on(self, places: list[str]) -> list[Recorder]:
        out: list[Recorder] = []
        for key in places:
            a = BY_COUNTRY.get(P[key].country)
            if a is not None:
                rec = self.w.recorders[a.code]
                if rec not in out:
                    out.append(rec)
        return out

    def suspect(self, rec: Recorder, case: Case, m: Member, gid: str, role: str = "suspect") -> str:
        self.recorded.add(m.person.pid)
        return rec.person(self.rng, case, m.person, role, case.year, perp=m.role, gid=gid)

    def forge(self, p: TruePerson) -> None:
        """A forged passport from the group's forger; the same number is sold again."""
        rng = self.rng
        if self.forged and rng.random() < 0.5:
            doc = self.forged[rng.randrange(len(self.forged))]
        else:
            issuer = ("MX", "CO", "PE", "CL", "BR")[rng.randrange(5)]
            doc = ("passport", passport(rng, issuer), issuer)
            self.forged.append(doc)
        if p.doc is not None:
            p.extra.append((p.doc[0], p.doc[1], p.doc[2], ""))
        p.doc = doc

    def inv_case(self, rec: Recorder, g: Group) -> Case:
        case = self.cases.get(rec.a.code)
        if case is None:
            rng = self.rng
            day = day_in_year(g.year0, rng)
            place = next(
                (
                    P[k].name
                    for s in g.route.stages
                    for o in s
                    for k in o[0]
                    if P[k].country in rec.covers
                ),
                rec.a.country,
            )
            kind = (
                "smuggling"
                if g.crime == "smuggling"
                else "trafficking"
                if g.crime == "trafficking"
                else "both"
            )
            case = rec.open_case(rng, g.crime, day, kind, place, g.exploitation, g.name)
            self.cases[rec.a.code] = case
        return case

    # -- the batch ------------------------------------------------------------------------
    def run(self) -> None:
        rng, w = self.rng, self.w
        crime = crime_of(w.seed, self.index)
        route = ROUTES[
            str(pick(rng, TRAFFICKING_WEIGHTS if crime == "trafficking" else SMUGGLING_WEIGHTS))
        ]
        if self.index <= len(FIRST_GROUPS):  # even the smallest data set covers every agency
            route = ROUTES[FIRST_GROUPS[self.index - 1][1]]
        year0 = int(pick(rng, YEAR_WEIGHTS))  # type: ignore[call-overload]
        g = make_group(
            rng, w.factory, self.index, route, crime, min(year0, 2024), w.recent, w.brokers
        )
        for m in g.members:
            w.truth.person(m.person, "suspect")
        victims: list[Victim] = []
        if crime == "trafficking":
            victims = make_victims(rng, w.factory, g, route, max(1, self.left()))
        else:
            if crime == "both":
                victims = make_victims(rng, w.factory, g, route, max(1, self.left() // 8))
            forger = any(m.role == "document_forger" for m in g.members) or any(
                m.role == "document_forger" for m, _ in g.associates
            )
            while self.left() > 0:
                party = make_party(rng, w.factory, g, route, min(party_size(rng), self.left()))
                if forger and rng.random() < 0.15:
                    self.forge(party.members[0])
                for p in party.members:
                    w.truth.person(p, "migrant")
                self.record_party(g, party)
        g.exploitation = tuple(dict.fromkeys(e for v in victims for e in v.exploitation))[:3]
        for v in victims:
            w.truth.person(v.person, "victim")
        self.record_victims(g, victims)
        self.record_group(g)
        w.truth.group(g)
        w.truth.end_batch()
        w.recent.append(g)

    def record_party(self, g: Group, party: Party) -> None:
        rng = self.rng
        places = [party.legs[0].frm, *(leg.to for leg in party.legs)] if party.legs else []
        recs = self.agencies_on(places)
        darien = any(P[leg.to].crossing == "Selva del Darién" for leg in party.legs)
        if darien and rng.random() < 0.004:
            party.dead = party.members[rng.randrange(len(party.members))]
        chosen = [
            r for r in recs if rng.random() < r.a.encounter or (party.dead and r.a.country == "PA")
        ]
        if not chosen and recs:
            chosen = [max(recs, key=lambda r: r.a.encounter)]
        for rec in chosen:
            legs = [leg for leg in party.legs if rec.touches(leg)]
            if not legs:
                continue
            meet = legs[0] if P[legs[0].to].country in rec.covers else legs[-1]
            at = meet.to if P[meet.to].country in rec.covers else meet.frm
            case = rec.interception_case(rng, meet.arr, P[at].name)
            members = [
                p for p in party.members if p is not party.dead or rec.a.country in ("PA", "CO")
            ]
            ids, pids = [], []
            for p in members:
                if p.pid in self.recorded and rng.random() < 0.04:
                    continue  # one of the party was not written down (already known elsewhere)
                ids.append(rec.person(rng, case, p, "smuggled_migrant", int(ISO[meet.arr][:4])))
                pids.append(p.pid)
                self.recorded.add(p.pid)
            if not ids:
                continue
            facs: dict[int, str] = {}
            died = next(
                (leg.arr for leg in party.legs if P[leg.to].crossing == "Selva del Darién"), 0
            )
            for leg in legs:
                movers, mover_ids = ids, pids
                if party.dead is not None and leg.dep > died and party.dead.pid in pids:
                    keep = [i for i, pid in enumerate(pids) if pid != party.dead.pid]
                    movers, mover_ids = [ids[i] for i in keep], [pids[i] for i in keep]
                    if not movers:
                        continue
                fac = ""
                if leg.facilitator is not None and rng.random() < 0.5:
                    m = leg.facilitator
                    fac = facs.get(m.person.pid) or self.suspect(
                        rec, case, m, self.gid_of(g, m), "facilitator"
                    )
                    facs[m.person.pid] = fac
                rec.movement(rng, case, leg, movers, mover_ids, fac)
            for fac in facs.values():
                for rid in ids:
                    rec.link(rng, case, fac, rid, "smuggled", meet.dep)
            etype = (
                "border_crossing" if rec.a.country == "PA" or rng.random() < 0.3 else "interception"
            )
            rec.event(rng, case, etype, meet.arr, at, ids, mode=meet.mode)
            if facs and rng.random() < 0.2:
                amount, cur = rec.money(rng, meet.usd * len(ids), P[meet.frm].country)
                rec.event(
                    rng,
                    case,
                    "payment",
                    meet.dep,
                    meet.frm,
                    [ids[0], next(iter(facs.values()))],
                    amount=amount,
                    currency=cur,
                )
            by_pid = dict(zip(pids, ids, strict=True))
            for a, b, rel in party.family:
                if a.pid in by_pid and b.pid in by_pid and rng.random() < 0.6:
                    rec.link(rng, case, by_pid[a.pid], by_pid[b.pid], rel)
            if party.dead is not None and rec.a.country == "PA" and party.dead.pid in by_pid:
                jungle = next(leg for leg in party.legs if P[leg.to].crossing == "Selva del Darién")
                etype = "death" if rng.random() < 0.7 else "disappearance"
                rec.event(
                    rng, case, etype, jungle.arr, jungle.to, [by_pid[party.dead.pid]], mode="land"
                )

    def gid_of(self, g: Group, m: Member) -> str:
        for am, home in g.associates:
            if am.person is m.person:
                return home
        return g.gid

    def record_victims(self, g: Group, victims: list[Victim]) -> None:
        rng = self.rng
        for v in victims:
            places = [v.legs[0].frm, *(leg.to for leg in v.legs)] if v.legs else []
            recs = self.agencies_on(places)
            if not recs:
                continue
            dest, origin = recs[-1], recs[0]
            chosen = [
                r
                for r in recs
                if rng.random() < (0.85 if r is dest else 0.3 if r is origin else 0.1)
            ] or [dest]
            year = int(ISO[v.rescue_day][:4])
            expl_place = g.route.exploitation_place or places[-1]
            for rec in chosen:
                if g.crime == "both" and rec is not dest:
                    # met on the way as a smuggled migrant; identified as a victim only where
                    # she was exploited (the category differs per record, as in real files)
                    case = rec.interception_case(rng, v.legs[0].arr, P[places[0]].name)
                    rec.person(rng, case, v.person, "smuggled_migrant", year)
                    self.recorded.add(v.person.pid)
                    continue
                case = self.inv_case(rec, g)
                vid = rec.person(
                    rng,
                    case,
                    v.person,
                    "victim",
                    year,
                    victim=(v.exploitation, v.method, v.control),
                )
                self.recorded.add(v.person.pid)
                rid = self.suspect(rec, case, v.recruiter, g.gid)
                rec.link(rng, case, rid, vid, "recruited", v.legs[0].dep - 10 if v.legs else None)
                if v.method == "romance" and rng.random() < 0.6:
                    rec.link(rng, case, rid, vid, "partner")
                if rec is origin:
                    rec.event(
                        rng,
                        case,
                        "recruitment",
                        (v.legs[0].dep if v.legs else v.rescue_day) - rng.randint(5, 60),
                        places[0],
                        [vid, rid],
                        method=v.method,
                    )
                    if v.legs:
                        first = v.legs[0]
                        rec.event(
                            rng, case, "transport", first.dep, first.to, [vid], mode=first.mode
                        )
                for leg in v.legs:
                    if rec.touches(leg):
                        rec.movement(rng, case, leg, [vid], [v.person.pid], "")
                if rec is dest:
                    if v.exploiter is not None:
                        eid = self.suspect(rec, case, v.exploiter, g.gid)
                        rec.link(rng, case, eid, vid, "exploited")
                        if rng.random() < 0.5:
                            rec.link(rng, case, eid, vid, "controls")
                    rec.event(
                        rng,
                        case,
                        "exploitation",
                        v.legs[-1].arr + 3 if v.legs else v.rescue_day - 30,
                        expl_place,
                        [vid],
                        expl=v.exploitation[0],
                    )
                    rec.event(rng, case, "rescue", v.rescue_day, expl_place, [vid])

    def record_group(self, g: Group) -> None:
        """Investigation cases: suspects, the group as organisation, their links and events."""
        rng, w = self.rng, self.w
        home = BY_COUNTRY.get(g.home) or AGENCIES[0]
        for c in g.countries:
            a = BY_COUNTRY.get(c)
            if a is not None and (a is home or a.code in self.cases or rng.random() < 0.55):
                self.inv_case(w.recorders[a.code], g)
        self.inv_case(w.recorders[home.code], g)
        for code, case in self.cases.items():
            rec = w.recorders[code]
            own = code == home.code
            ids: list[tuple[Member, str]] = []
            for m in g.members:
                known = 0.85 if m.country in rec.covers else 0.25
                if rng.random() < known or (own and m.person.pid not in self.recorded):
                    ids.append((m, self.suspect(rec, case, m, g.gid)))
            for m, homegid in g.associates:
                if own or (m.country in rec.covers and rng.random() < 0.6):
                    aid = self.suspect(rec, case, m, homegid)
                    if ids:
                        rec.link(
                            rng, case, aid, ids[0][1], "paid" if homegid == "" else "associate"
                        )
            self.codefendants(rec, case, g, ids)
            if not ids:
                continue
            org = rec.org(rng, case, self.org_name(g, rec), "criminal_group", g.home)
            leader = ids[0][1] if ids[0][0].role == "leader" else ""
            for m, rid in ids:
                if rng.random() < 0.8:
                    rec.link(rng, case, rid, org, "member_of")
                if leader and rid != leader and rng.random() < 0.4:
                    rec.link(rng, case, leader, rid, "controls")
                if m.role in ("leader", "money_handler") and rid != leader and leader:
                    rec.link(rng, case, rid, leader, "paid")
            for _ in range(len(ids) // 2):
                a, b = ids[rng.randrange(len(ids))][1], ids[rng.randrange(len(ids))][1]
                if a != b:
                    rec.link(rng, case, a, b, "communicated")
                    if rng.random() < 0.3:
                        rec.event(
                            rng,
                            case,
                            "communication",
                            day_in_year(g.year0, rng),
                            self.place_in(g, rec),
                            [a, b],
                        )
            for m, rid in ids:
                if (
                    m.person.given == g.members[0].person.given
                    and m.person.surnames == g.members[0].person.surnames
                    and rid != leader
                    and leader
                ):
                    rec.link(rng, case, leader, rid, "family")
                if rng.random() < 0.25:
                    rec.event(
                        rng, case, "arrest", day_in_year(g.year1, rng), self.place_in(g, rec), [rid]
                    )
            if g.company and g.company[1] in rec.covers:
                cid = rec.org(
                    rng,
                    case,
                    g.company[0],
                    "company",
                    g.company[1],
                    _tax_number(rng),
                )
                if leader:
                    rec.link(rng, case, leader, cid, "owns")

    def codefendants(
        self, rec: Recorder, case: Case, g: Group, ids: list[tuple[Member, str]]
    ) -> None:
        """Members of an earlier group charged in the same case (ties across groups)."""
        rng = self.rng
        if rng.random() >= 0.2 or not ids:
            return
        for old in list(self.w.recent)[-4:]:
            cands = [m for m in old.members if m.country in rec.covers]
            if cands:
                m = cands[rng.randrange(len(cands))]
                rid = self.suspect(rec, case, m, old.gid)
                rec.link(rng, case, rid, ids[rng.randrange(len(ids))][1], "associate")
                return

    def org_name(self, g: Group, rec: Recorder) -> str:
        """Each agency names the group its own way."""
        x = self.rng.random()
        leader: TruePerson = g.members[0].person
        if x < 0.6:
            return g.name
        if x < 0.85 and leader.surnames:
            return (
                f"Red {leader.surnames[0]}"
                if rec.a.lang == "es"
                else f"{leader.surnames[0]} network"
            )
        return f"Banda de {leader.aliases[0] if leader.aliases else leader.given[0]}"

    def place_in(self, g: Group, rec: Recorder) -> str:
        keys = [k for s in g.route.stages for o in s for k in o[0] if P[k].country in rec.covers]
        return keys[self.rng.randrange(len(keys))] if keys else g.route.stages[0][0][0][0]


def day_in_year(year: int, rng: random.Random) -> int:
    """A day of the year (ordinal), within 2019-2024."""
    first = date(min(year, 2024), 1, 1).toordinal()
    return rng.randint(first, first + 360)


def _tax_number(rng: random.Random) -> str:
    """A company tax number in the NIT style (900.123.456-7)."""
    a, b, c = rng.randint(800, 999), rng.randint(100, 999), rng.randint(100, 999)
    return f"{a}.{b}.{c}-{rng.randrange(10)}"


def crime_of(seed: int, index: int) -> str:
    """The crime of group ``index`` (1-based), known before the batch runs to size it."""
    if index <= len(FIRST_GROUPS):
        return FIRST_GROUPS[index - 1][0]
    x = FastRandom(seed * 7_000_003 + index).random()
    return "trafficking" if x < 0.25 else "both" if x < 0.35 else "smuggling"

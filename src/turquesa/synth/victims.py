"""Victims of trafficking: who they are, how they were recruited, controlled and exploited.

Demographics follow the UNODC Global Report on Trafficking in Persons 2024: women and
girls 61% of detected victims, children 38%; most girls detected were sexually
exploited, boys mostly in forced labour and forced criminality, men in forced labour.
Recruitment is most often a job offer, then romance ("lover boy"), online offers, family
and debt; means of control are the HTCDS v2.0 value set.
"""

from __future__ import annotations

import random
from typing import NamedTuple

from .corridors import Route, build_path, pick
from .groups import Group, Member
from .journeys import ISO, Leg, make_legs, start_day
from .people import PersonFactory, TruePerson

# (sex, child?, weight)
_PROFILES = (("F", False, 0.39), ("F", True, 0.22), ("M", False, 0.23), ("M", True, 0.16))
_EXPLOITATION = {
    ("F", True): (
        ("sexual", 0.72),
        ("forced_labour", 0.12),
        ("forced_criminality", 0.05),
        ("begging", 0.06),
        ("forced_marriage", 0.05),
    ),
    ("M", True): (
        ("forced_labour", 0.45),
        ("forced_criminality", 0.3),
        ("begging", 0.15),
        ("sexual", 0.1),
    ),
    ("F", False): (
        ("sexual", 0.66),
        ("forced_labour", 0.26),
        ("forced_marriage", 0.04),
        ("other", 0.04),
    ),
    ("M", False): (
        ("forced_labour", 0.76),
        ("forced_criminality", 0.15),
        ("sexual", 0.04),
        ("other", 0.05),
    ),
}
_METHODS = (
    ("job_offer", 0.45),
    ("romance", 0.15),
    ("online", 0.15),
    ("family", 0.12),
    ("debt", 0.07),
    ("abduction", 0.03),
    ("other", 0.03),
)
_CONTROL = (
    ("false_promises", 0.5),
    ("takes_earnings", 0.4),
    ("debt_bondage", 0.35),
    ("withholds_documents", 0.35),
    ("restricts_movement", 0.35),
    ("physical_threats", 0.3),
    ("excessive_hours", 0.25),
    ("threats_family", 0.2),
    ("physical_abuse", 0.2),
    ("threats_law_enforcement", 0.15),
    ("sexual_abuse", 0.15),
    ("psychoactive_substances", 0.1),
    ("other", 0.03),
)


class Victim(NamedTuple):
    person: TruePerson
    exploitation: tuple[str, ...]
    method: str
    control: tuple[str, ...]
    recruiter: Member
    exploiter: Member | None
    legs: list[Leg]
    rescue_day: int


def _control(rng: random.Random, expl: str) -> tuple[str, ...]:
    out = [c for c, w in _CONTROL if rng.random() < w]
    if expl != "sexual" and "sexual_abuse" in out:
        out.remove("sexual_abuse")
    if expl == "forced_labour" and "excessive_hours" not in out and rng.random() < 0.4:
        out.append("excessive_hours")
    return tuple(out) or ("false_promises",)


def make_victims(
    rng: random.Random, factory: PersonFactory, g: Group, route: Route, count: int
) -> list[Victim]:
    """Victims exploited by the group; they travel in small groups along the route."""
    out: list[Victim] = []
    recruiters = [m for m in g.members if m.role == "recruiter"] or g.members[:1]
    exploiters = [m for m in g.members if m.role in ("exploiter", "leader")]
    while len(out) < count:
        day = start_day(rng, g)
        year = int(ISO[day][:4])
        nat = str(pick(rng, route.nationalities))
        path = build_path(route, rng, nat)
        legs = make_legs(rng, g, path, day)
        recruiter = recruiters[rng.randrange(len(recruiters))]
        for _ in range(min(count - len(out), rng.randint(1, 3))):
            sex, child = pick(rng, tuple(((s, c), w) for s, c, w in _PROFILES))  # type: ignore[misc]
            age = rng.randint(12, 17) if child else rng.randint(18, 40)
            if sex == "X" or rng.random() < 0.003:
                sex = "X"
            p = factory.person(rng, nat, "F" if sex == "X" else sex, age, year, kind="victim")
            p.sex = sex
            table = _EXPLOITATION[("F" if sex == "X" else sex, child)]
            main = str(pick(rng, table))
            expl = (main,) if rng.random() < 0.9 else (main, str(pick(rng, table)))
            expl = tuple(dict.fromkeys(expl))
            method = str(pick(rng, _METHODS))
            if child and method == "job_offer" and rng.random() < 0.3:
                method = "online"
            exploiter = exploiters[rng.randrange(len(exploiters))] if exploiters else None
            rescue = legs[-1].arr + rng.randint(20, 400) if legs else day + rng.randint(20, 400)
            out.append(
                Victim(
                    p,
                    expl,
                    method,
                    _control(rng, main),
                    recruiter,
                    exploiter,
                    legs,
                    min(rescue, 739251),
                )
            )
    if out and rng.random() < 0.4:  # a former victim later recruits for the group
        adults = [v for v in out if v.person.sex == "F" and int(v.person.birth[:4]) < 2002]
        if adults:
            v = adults[rng.randrange(len(adults))]
            g.members.append(Member(v.person, "recruiter", g.countries[0]))
    return out

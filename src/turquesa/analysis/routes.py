"""Routes: movement records become legs, legs become flows, journeys and corridors.

Two counts, always side by side. `legs` counts movement records: what the agencies
wrote, exact, comparable with their own statistics. `persons` counts distinct resolved
persons: two agencies recording the same migrant crossing at Paso Canoas are one person,
and that is the figure a route analysis is about. The first is exact; the second is as
good as entity resolution.

A leg is dated by its departure (the synthetic truth and most agencies' tables count a
crossing when it starts). A record without a departure is dated by its arrival minus the
typical time of that stretch (the median over the legs that carry both dates), so that
a two-day crossing that arrived on 1 March still counts in February when it left then.
Two things come first: another record of the same leg that gives the departure (the
same resolved traveller, countries and day of arrival: both countries' police recording
one crossing), and, as a floor, the day the traveller last arrived in the country the
leg leaves from.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from turquesa.analysis.dataset import Dataset, EventRecord, MovementRecord, record_name
from turquesa.normalise.names import name_key

Period = Literal["year", "quarter", "month"]
PERIODS: tuple[Period, ...] = ("year", "quarter", "month")

#: A stay longer than this between one arrival and the next departure ends a journey:
#: two months is longer than any wait at a transit point in the agencies' records
#: (reception stations, border towns hold people for days or weeks) and shorter than a
#: settlement (Venezuelans who lived in Colombia for years before moving north start a
#: new journey when they do).
MAX_GAP_DAYS = 60


@dataclass(frozen=True, slots=True)
class Leg:
    agency: str
    record_id: str
    case_id: str | None
    from_country: str | None
    from_place: str | None
    from_key: str | None
    to_country: str | None
    to_place: str | None
    to_key: str | None
    crossing_point: str | None
    crossing_key: str | None
    mode: str | None
    departure: str | None
    arrival: str | None
    date: str | None  # departure, else estimated from the arrival (module docstring)
    amount: float | None
    currency: str | None
    facilitator: str | None  # resolved entity id
    movers: tuple[str, ...]  # resolved entity ids, distinct

    @property
    def days(self) -> int | None:
        """Days from departure to arrival, when both are full dates in order."""
        start, end = parse_date(self.departure), parse_date(self.arrival)
        if start is None or end is None or end < start:
            return None
        return (end - start).days

    @property
    def pair(self) -> tuple[str, str] | None:
        if self.from_country and self.to_country:
            return (self.from_country, self.to_country)
        return None


def parse_date(text: str | None) -> dt.date | None:
    if not text or len(text) < 10:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def days_before(date: dt.date, days: int) -> dt.date | None:
    """`date` less `days`, or None before the calendar's first day."""
    try:
        return date - dt.timedelta(days=days)
    except OverflowError:
        return None


def period_of(date: str | None, period: Period = "year") -> str | None:
    """`2024`, `2024-Q2` or `2024-05` for an ISO date (partial dates allowed as far as
    they go: a bare year has no month)."""
    if not date or len(date) < 4 or not date[:4].isdigit():
        return None
    if period == "year":
        return date[:4]
    if len(date) < 7 or not date[5:7].isdigit() or not 1 <= int(date[5:7]) <= 12:
        return None
    if period == "month":
        return date[:7]
    return f"{date[:4]}-Q{(int(date[5:7]) - 1) // 3 + 1}"


def _movers(dataset: Dataset, movement: MovementRecord) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for rid in movement.persons:
        entity = dataset.entity_of(movement.agency, rid) or record_name(movement.agency, rid)
        seen.setdefault(entity, None)
    return tuple(seen)


def _typical_days(movements: Iterable[MovementRecord]) -> dict[tuple[str, ...], int]:
    """Median days of travel per stretch (places), per country pair and per mode."""
    spans: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for m in movements:
        start, end = parse_date(m.departure), parse_date(m.arrival)
        if start is None or end is None or end < start:
            continue
        days = (end - start).days
        spans[("place", m.from_place_key or "", m.to_place_key or "")].append(days)
        spans[("country", m.from_country or "", m.to_country or "")].append(days)
        spans[("mode", m.mode or "")].append(days)
    return {k: round(statistics.median(v)) for k, v in spans.items()}


def _typical_for(m: MovementRecord, typical: dict[tuple[str, ...], int]) -> int | None:
    for key in (
        ("place", m.from_place_key or "", m.to_place_key or ""),
        ("country", m.from_country or "", m.to_country or ""),
        ("mode", m.mode or ""),
    ):
        if key in typical:
            return typical[key]
    return None


def _estimated_date(m: MovementRecord, typical: dict[tuple[str, ...], int]) -> str | None:
    if m.departure:
        return m.departure
    arrival = parse_date(m.arrival)
    days = _typical_for(m, typical)
    if arrival is None or days is None:
        return m.arrival
    earlier = days_before(arrival, days)
    return earlier.isoformat() if earlier else m.arrival


def _neighbour_dates(
    movements: Sequence[MovementRecord], typical: dict[tuple[str, ...], int]
) -> dict[int, str]:
    """A date for records that carry neither departure nor arrival, from the same
    travellers' adjacent stretches in the same submission: after the arrival of the
    stretch that ended where this one starts, before the departure of the one that
    starts where this one ends (the midpoint when both are known)."""
    by_party: dict[tuple[str, str | None, tuple[str, ...]], list[MovementRecord]] = defaultdict(
        list
    )
    for m in movements:
        by_party[(m.agency, m.case_id, m.persons)].append(m)
    found: dict[int, str] = {}
    for index, m in enumerate(movements):
        if m.departure or m.arrival:
            continue
        party = by_party[(m.agency, m.case_id, m.persons)]
        after = [
            d
            for o in party
            if o is not m and o.to_place_key and o.to_place_key == m.from_place_key
            for d in [parse_date(o.arrival or o.departure)]
            if d
        ]
        before = [
            d
            for o in party
            if o is not m and o.from_place_key and o.from_place_key == m.to_place_key
            for d in [parse_date(o.departure or _estimated_date(o, typical))]
            if d
        ]
        low = max(after) if after else None
        high = min(before) if before else None
        if high is not None:
            high = days_before(high, _typical_for(m, typical) or 0)
        if low and high and high >= low:
            found[index] = (low + (high - low) / 2).isoformat()
        elif low or high:
            found[index] = (low or high).isoformat()  # type: ignore[union-attr]
    return found


def _event_dates(
    dataset: Dataset, undated: dict[int, MovementRecord], typical: dict[tuple[str, ...], int]
) -> dict[int, str]:
    """Dates for records with neither departure nor arrival, from events of the same
    case involving the same travellers: an event at the stretch's start (a payment, a
    departure) gives the day itself, one at its end (a crossing, an interception) that
    day less the stretch's typical time. Used only when the travellers' adjacent
    stretches give nothing (`_neighbour_dates` is closer: events can be weeks away)."""
    if not undated:
        return {}
    by_case: dict[tuple[str, str | None], list[EventRecord]] = defaultdict(list)
    for event in dataset.events:
        if event.date and parse_date(event.date):
            by_case[(event.agency, event.case_id)].append(event)
    found: dict[int, str] = {}
    for index, m in undated.items():
        travellers = set(m.persons)
        events = [e for e in by_case.get((m.agency, m.case_id), []) if travellers & set(e.persons)]
        start = [
            e.date for e in events if e.date and e.place_key and e.place_key == m.from_place_key
        ]
        end = [e.date for e in events if e.date and e.place_key and e.place_key == m.to_place_key]
        if start:
            found[index] = max(start)
        elif end:
            arrived = parse_date(min(end))
            days = _typical_for(m, typical) or 0
            earlier = days_before(arrived, days) if arrived else None
            if earlier is not None:
                found[index] = earlier.isoformat()
    return found


def _same_leg_departures(
    movements: Sequence[MovementRecord], movers: Sequence[tuple[str, ...]]
) -> dict[int, str]:
    """The departure of a record that gives only the arrival, read from another record
    of the same leg: the same resolved traveller, the same two countries, the same day of
    arrival (the police of both countries recording one crossing, one of them without
    the day it began). Taken only when all such records agree on the departure."""
    departures: dict[tuple[str, str | None, str | None, str], set[str]] = defaultdict(set)
    for m, who in zip(movements, movers, strict=True):
        if m.departure and m.arrival and parse_date(m.departure):
            for mover in who:
                departures[(mover, m.from_country, m.to_country, m.arrival)].add(m.departure)
    found: dict[int, str] = {}
    for index, (m, who) in enumerate(zip(movements, movers, strict=True)):
        if m.departure or not m.arrival:
            continue
        options: set[str] = set()
        for mover in who:
            options |= departures.get((mover, m.from_country, m.to_country, m.arrival), set())
        if len(options) == 1:
            found[index] = options.pop()
    return found


def _previous_arrivals(
    movements: Sequence[MovementRecord], movers: Sequence[tuple[str, ...]]
) -> dict[int, dt.date]:
    """For a record that gives only the arrival, the latest day on which one of its
    travellers arrived, by an earlier leg, in the country this leg leaves from: the leg
    cannot have begun before it (a lower bound for the estimate)."""
    arrivals: dict[tuple[str, str], list[tuple[dt.date, int]]] = defaultdict(list)
    for index, (m, who) in enumerate(zip(movements, movers, strict=True)):
        day = parse_date(m.arrival)
        if day is not None and m.to_country:
            for mover in who:
                arrivals[(mover, m.to_country)].append((day, index))
    found: dict[int, dt.date] = {}
    for index, (m, who) in enumerate(zip(movements, movers, strict=True)):
        end = parse_date(m.arrival)
        if m.departure or end is None or not m.from_country:
            continue
        start = days_before(end, MAX_GAP_DAYS) or dt.date.min
        earlier = [
            day
            for mover in who
            for day, other in arrivals.get((mover, m.from_country), ())
            if start <= day <= end and not _same_stretch(movements[other], m)
        ]
        if earlier:
            found[index] = max(earlier)
    return found


def _same_stretch(a: MovementRecord, b: MovementRecord) -> bool:
    """Whether two records can be the same leg (the record itself, or another agency's
    record of it): then its arrival is no bound on its own departure."""
    return (a.from_country, a.to_country, a.arrival) == (b.from_country, b.to_country, b.arrival)


def _bounded(estimate: str | None, lowest: dt.date | None) -> str | None:
    day = parse_date(estimate)
    if day is None or lowest is None or day >= lowest:
        return estimate
    return lowest.isoformat()


def legs_of(dataset: Dataset) -> list[Leg]:
    """Every movement record in scope as a leg, movers and facilitator resolved."""
    typical = _typical_days(dataset.movements)
    undated = {i: m for i, m in enumerate(dataset.movements) if not (m.departure or m.arrival)}
    movers = [_movers(dataset, m) for m in dataset.movements]
    estimated = {
        **_event_dates(dataset, undated, typical),
        **_neighbour_dates(dataset.movements, typical),
        **_same_leg_departures(dataset.movements, movers),
    }
    lowest = _previous_arrivals(dataset.movements, movers)
    legs = []
    for index, m in enumerate(dataset.movements):
        facilitator = None
        if m.facilitator:
            facilitator = dataset.entity_of(m.agency, m.facilitator) or record_name(
                m.agency, m.facilitator
            )
        legs.append(
            Leg(
                agency=m.agency,
                record_id=m.record_id,
                case_id=m.case_id,
                from_country=m.from_country,
                from_place=m.from_place,
                from_key=m.from_place_key,
                to_country=m.to_country,
                to_place=m.to_place,
                to_key=m.to_place_key,
                crossing_point=m.crossing_point,
                crossing_key=m.crossing_point_key,
                mode=m.mode,
                departure=m.departure,
                arrival=m.arrival,
                date=m.departure
                or estimated.get(index)
                or _bounded(_estimated_date(m, typical), lowest.get(index)),
                amount=m.amount,
                currency=(m.currency or "").upper() or None,
                facilitator=facilitator,
                movers=movers[index],
            )
        )
    return legs


@dataclass(frozen=True, slots=True)
class Flow:
    period: str
    from_country: str
    to_country: str
    legs: int
    persons: int

    def as_row(self) -> dict[str, str | int]:
        return {
            "period": self.period,
            "from_country": self.from_country,
            "to_country": self.to_country,
            "legs": self.legs,
            "persons": self.persons,
        }


FLOW_COLUMNS = ("period", "from_country", "to_country", "legs", "persons")


def flows(legs: Iterable[Leg], period: Period = "year") -> list[Flow]:
    """Legs and distinct persons per period and country pair, in period order. Legs
    without both countries or without a date cannot be placed and are left out
    (`unplaced` counts them)."""
    counts: Counter[tuple[str, str, str]] = Counter()
    movers: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for leg in legs:
        when = period_of(leg.date, period)
        if leg.pair is None or when is None:
            continue
        key = (when, *leg.pair)
        counts[key] += 1
        movers[key].update(leg.movers)
    return [Flow(*key, counts[key], len(movers[key])) for key in sorted(counts)]


def unplaced(legs: Iterable[Leg], period: Period = "year") -> int:
    return sum(1 for leg in legs if leg.pair is None or period_of(leg.date, period) is None)


@dataclass(frozen=True, slots=True)
class Corridor:
    """A country pair over the whole period, or (with `via`) a journey's country chain."""

    countries: tuple[str, ...]
    legs: int
    persons: int
    first: str | None
    last: str | None

    @property
    def label(self) -> str:
        return " → ".join(self.countries)


def _ranked(
    groups: dict[tuple[str, ...], list[Leg]], people: dict[tuple[str, ...], set[str]]
) -> list[Corridor]:
    out = []
    for key, members in groups.items():
        dates = sorted(d for d in (leg.date for leg in members) if d)
        out.append(
            Corridor(
                key,
                len(members),
                len(people[key]),
                dates[0] if dates else None,
                dates[-1] if dates else None,
            )
        )
    return sorted(out, key=lambda c: (-c.persons, -c.legs, c.countries))


def corridors(legs: Iterable[Leg], international_only: bool = True) -> list[Corridor]:
    """Country pairs ranked by distinct persons, then legs."""
    groups: dict[tuple[str, ...], list[Leg]] = defaultdict(list)
    people: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for leg in legs:
        if leg.pair is None or (international_only and leg.pair[0] == leg.pair[1]):
            continue
        groups[leg.pair].append(leg)
        people[leg.pair].update(leg.movers)
    return _ranked(groups, people)


@dataclass(frozen=True, slots=True)
class Journey:
    """One person's chain of legs from an origin through transits to a destination."""

    person: str
    legs: tuple[Leg, ...]

    @property
    def countries(self) -> tuple[str, ...]:
        chain: list[str] = []
        for leg in self.legs:
            for country in (leg.from_country, leg.to_country):
                if country and (not chain or chain[-1] != country):
                    chain.append(country)
        return tuple(chain)

    @property
    def origin(self) -> str | None:
        return self.countries[0] if self.countries else None

    @property
    def destination(self) -> str | None:
        return self.countries[-1] if self.countries else None

    @property
    def transits(self) -> tuple[str, ...]:
        return self.countries[1:-1]

    @property
    def start(self) -> str | None:
        return self.legs[0].departure or self.legs[0].date

    @property
    def end(self) -> str | None:
        return self.legs[-1].arrival or self.legs[-1].date

    @property
    def days(self) -> int | None:
        start, end = parse_date(self.legs[0].departure), parse_date(self.legs[-1].arrival)
        return (end - start).days if start and end and end >= start else None

    def cost(self) -> dict[str, float]:
        """Sum paid per currency over the legs that record a price."""
        totals: dict[str, float] = defaultdict(float)
        for leg in self.legs:
            if leg.amount is not None and leg.currency:
                totals[leg.currency] += leg.amount
        return dict(totals)


def _same_leg(a: Leg, b: Leg) -> bool:
    """Two agencies' records of one stretch travelled by one person on one date."""
    return a.pair == b.pair and a.date == b.date and (a.to_key == b.to_key or not a.to_key)


def _continues(previous: Leg, leg: Leg, max_gap_days: int) -> bool:
    """Whether `leg` carries on from `previous`: it starts in the country where the
    previous one ended (a different place in the same country is accepted, because
    domestic stretches are often unrecorded) and not long after."""
    if previous.to_country != leg.from_country:
        return False
    arrived = parse_date(previous.arrival or previous.date)
    leaves = parse_date(leg.departure or leg.date)
    if arrived is None or leaves is None:
        return True
    return (leaves - arrived).days <= max_gap_days


def journeys(legs: Iterable[Leg], max_gap_days: int = MAX_GAP_DAYS) -> list[Journey]:
    """Each resolved person's dated legs in time order, cut into journeys where the
    chain breaks (see `_continues`). Duplicate records of one stretch count once.
    Undated legs cannot be ordered and are left out."""
    by_person: dict[str, list[Leg]] = defaultdict(list)
    for leg in legs:
        if leg.date and leg.pair:
            for person in leg.movers:
                by_person[person].append(leg)
    out: list[Journey] = []
    for person in sorted(by_person):
        ordered = sorted(by_person[person], key=lambda leg: (leg.date or "", leg.arrival or ""))
        chain: list[Leg] = []
        for leg in ordered:
            if chain and _same_leg(chain[-1], leg):
                continue
            if chain and not _continues(chain[-1], leg, max_gap_days):
                out.append(Journey(person, tuple(chain)))
                chain = []
            chain.append(leg)
        if chain:
            out.append(Journey(person, tuple(chain)))
    return out


def journey_routes(items: Sequence[Journey]) -> list[Corridor]:
    """Journeys' country chains (origin → transits → destination) ranked by persons;
    `legs` counts the distinct movement records on them."""
    groups: dict[tuple[str, ...], dict[tuple[str, str], Leg]] = defaultdict(dict)
    people: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for journey in items:
        key = journey.countries
        if len(key) < 2:
            continue
        groups[key].update({(leg.agency, leg.record_id): leg for leg in journey.legs})
        people[key].add(journey.person)
    return _ranked({k: list(v.values()) for k, v in groups.items()}, people)


@dataclass(frozen=True, slots=True)
class Tally:
    """Legs and distinct persons under one label (a crossing point, a mode)."""

    key: str
    label: str
    legs: int
    persons: int
    countries: tuple[str, ...] = field(default=())


def _tally(legs: Iterable[Leg], key_of, label_of) -> list[Tally]:  # type: ignore[no-untyped-def]
    counts: Counter[str] = Counter()
    people: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    countries: dict[str, set[str]] = defaultdict(set)
    for leg in legs:
        key = key_of(leg)
        if not key:
            continue
        counts[key] += 1
        people[key].update(leg.movers)
        labels[key][label_of(leg)] += 1
        countries[key].update(c for c in (leg.from_country, leg.to_country) if c)
    return sorted(
        (
            Tally(k, labels[k].most_common(1)[0][0], n, len(people[k]), tuple(sorted(countries[k])))
            for k, n in counts.items()
        ),
        key=lambda t: (-t.persons, -t.legs, t.key),
    )


def crossing_key(leg: Leg) -> str:
    """The crossing point's matching key ("Río Suchiate" and "RIO SUCHIATE" are one)."""
    return leg.crossing_key or (name_key(leg.crossing_point) if leg.crossing_point else "")


def crossings(legs: Iterable[Leg]) -> list[Tally]:
    """Crossing points ranked by persons then legs, under their most written spelling."""
    return _tally(legs, crossing_key, lambda leg: leg.crossing_point or "")


def modes(legs: Iterable[Leg]) -> list[Tally]:
    return _tally(legs, lambda leg: leg.mode, lambda leg: leg.mode or "")

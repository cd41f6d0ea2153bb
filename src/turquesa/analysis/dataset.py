"""The records an analysis sees, read once from storage into plain Python objects.

Why one loader: every analysis (link graph, groups, routes, trends, reports) must see
exactly the same records, through the same scope, so that a group in the report is the
group of `turquesa groups` and the server (issue 5) can narrow everything to what one
user may see by handing a narrower `Scope` to this one function. Only current versions
are read: a superseded or retracted record is no longer anyone's evidence.

A record outside its submission is named `AGENCY:RECORD_ID` (exchange/README.md); a
person or organization record that no resolution run has covered stands for itself
under that name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import ColumnElement, Connection, Engine, and_, select

from turquesa.normalise.text import fold
from turquesa.storage.tables import agencies, entity_members, identifiers, records

RecordKey = tuple[str, str]  # (agency, record_id)

PERPETRATOR_ROLES = frozenset({"suspect", "facilitator"})


def record_name(agency: str, record_id: str) -> str:
    """The exchange's name of a record outside its submission."""
    return f"{agency}:{record_id}"


@dataclass(frozen=True)
class Scope:
    """Which current records an analysis sees.

    A local analyst sees all loaded data (`Scope()`). The shared server builds one per
    requesting user: `agencies` limits the owners, `where` adds any SQL condition over
    the `records` table (the sharing rule). `name` keys stored results such as group
    ids, so that ids are stable within one scope and never leak across scopes.
    """

    name: str = "all"
    agencies: frozenset[str] | None = None
    where: Callable[[], ColumnElement[bool]] | None = None

    def clause(self) -> ColumnElement[bool]:
        conditions: list[ColumnElement[bool]] = [records.c.status == "current"]
        if self.agencies is not None:
            conditions.append(records.c.agency.in_(sorted(self.agencies)))
        if self.where is not None:
            conditions.append(self.where())
        return and_(*conditions)


@dataclass(slots=True)
class PersonRecord:
    agency: str
    record_id: str
    case_id: str | None
    role: str
    entity_id: str
    perpetrator_roles: tuple[str, ...]
    sex: str | None
    age: int | None  # at the time of the case, from the age or the birth date
    nationality: tuple[str, ...]
    country: str | None
    exploitation_types: tuple[str, ...]
    recruitment_method: str | None
    means_of_control: tuple[str, ...]
    label: str | None  # the name as shown to those who may see it
    date: str | None  # the case's opening date: when this record was true
    address_key: str | None = None  # folded address, city and country: a place people share

    @property
    def key(self) -> RecordKey:
        return (self.agency, self.record_id)

    @property
    def is_perpetrator(self) -> bool:
        return self.role in PERPETRATOR_ROLES


@dataclass(slots=True)
class OrganizationRecord:
    agency: str
    record_id: str
    case_id: str | None
    entity_id: str
    name: str
    org_type: str
    country: str | None


@dataclass(slots=True)
class CaseRecord:
    agency: str
    case_id: str
    title: str | None
    crime_type: str | None
    exploitation_types: tuple[str, ...]
    opened: str | None
    status: str | None
    sharing: str


@dataclass(slots=True)
class EventRecord:
    agency: str
    record_id: str
    case_id: str | None
    event_type: str
    date: str | None
    place: str | None
    place_key: str | None
    country: str | None
    lat: float | None
    lon: float | None
    persons: tuple[str, ...]
    exploitation_type: str | None
    smuggling_mode: str | None
    recruitment_method: str | None
    amount: float | None
    currency: str | None


@dataclass(slots=True)
class MovementRecord:
    agency: str
    record_id: str
    case_id: str | None
    persons: tuple[str, ...]  # record ids of the agency
    from_place: str | None
    from_place_key: str | None
    from_country: str | None
    to_place: str | None
    to_place_key: str | None
    to_country: str | None
    departure: str | None
    arrival: str | None
    mode: str | None
    crossing_point: str | None
    crossing_point_key: str | None
    facilitator: str | None
    amount: float | None
    currency: str | None


@dataclass(slots=True)
class LinkRecord:
    agency: str
    record_id: str
    case_id: str | None
    from_record_id: str
    to_record_id: str
    relation: str
    start: str | None
    end: str | None


@dataclass(slots=True)
class IdentifierRecord:
    agency: str
    owner_record_id: str
    kind: str
    value: str
    country: str | None
    platform: str | None


@dataclass
class Dataset:
    """Everything one analysis reads, with the entity each person record belongs to."""

    scope: Scope
    agencies: dict[str, str] = field(default_factory=dict)  # code -> country
    persons: dict[RecordKey, PersonRecord] = field(default_factory=dict)
    organizations: dict[RecordKey, OrganizationRecord] = field(default_factory=dict)
    cases: dict[RecordKey, CaseRecord] = field(default_factory=dict)
    events: list[EventRecord] = field(default_factory=list)
    movements: list[MovementRecord] = field(default_factory=list)
    links: list[LinkRecord] = field(default_factory=list)
    identifiers: list[IdentifierRecord] = field(default_factory=list)
    snapshot: str = ""  # content hash of the records and resolution read
    resolution_run: int | None = None

    def entity_of(self, agency: str, record_id: str) -> str | None:
        """The resolved entity of a person or organization record (None when unknown)."""
        person = self.persons.get((agency, record_id))
        if person is not None:
            return person.entity_id
        org = self.organizations.get((agency, record_id))
        return org.entity_id if org is not None else None

    def case(self, agency: str, case_id: str | None) -> CaseRecord | None:
        return self.cases.get((agency, case_id)) if case_id else None

    def agency_country(self, agency: str) -> str | None:
        return self.agencies.get(agency)

    def period(self) -> tuple[str | None, str | None]:
        """The first and last date any record in scope carries."""
        dates = [
            d
            for d in (
                *(c.opened for c in self.cases.values()),
                *(e.date for e in self.events),
                *(m.departure or m.arrival for m in self.movements),
            )
            if d
        ]
        return (min(dates), max(dates)) if dates else (None, None)


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value if v not in (None, ""))
    return (str(value),)


def _float(value: Any) -> float | None:
    try:
        return None if value in (None, "") else float(value)
    except (TypeError, ValueError):
        return None


def _data(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if isinstance(value, str | bytes):
        return orjson.loads(value)
    return {}


def age_at(data: dict[str, Any], when: str | None) -> int | None:
    """Age in whole years at `when` (an ISO date, partial allowed): the recorded age, or
    the years from the birth date. Statistics by age group need the age at the time of
    the facts, not today's."""
    age = data.get("age")
    if age not in (None, ""):
        try:
            return int(age)
        except (TypeError, ValueError):
            return None
    birth = str(data.get("birth_date") or "")
    if len(birth) < 4 or not when or len(when) < 4:
        return None
    years = int(when[:4]) - int(birth[:4])
    if len(birth) >= 10 and len(when) >= 10 and when[5:10] < birth[5:10]:
        years -= 1
    return years if 0 <= years <= 120 else None


def _label(data: dict[str, Any]) -> str | None:
    name = data.get("full_name")
    if not name:
        parts = [data.get("given_names") or "", " ".join(_tuple(data.get("surnames")))]
        name = " ".join(p for p in parts if p).strip()
    return name or None


def _address_key(data: dict[str, Any]) -> str | None:
    """An address two records can share: folded street, city and country. A bare city or
    country is not an address (thousands live there)."""
    street = data.get("address")
    if not street:
        return None
    parts = (fold(str(street)), fold(str(data.get("city") or "")), str(data.get("country") or ""))
    return "|".join(parts)


def _rows(conn: Connection, scope: Scope, kinds: Iterable[str]) -> Iterator[Any]:
    query = (
        select(
            records.c.agency,
            records.c.record_id,
            records.c.kind,
            records.c.version,
            records.c.case_id,
            records.c.role,
            records.c.sharing,
            records.c.data,
        )
        .where(scope.clause(), records.c.kind.in_(tuple(kinds)))
        .order_by(records.c.agency, records.c.kind, records.c.record_id)
    )
    yield from conn.execute(query.execution_options(yield_per=5000))


def _last_run(conn: Connection) -> int | None:
    runs = {run for (run,) in conn.execute(select(entity_members.c.run_id).distinct())}
    return max(runs) if runs else None


def snapshot_of(engine: Engine, scope: Scope | None = None) -> str:
    """The snapshot hash `load_dataset` would give, from the records' keys and versions
    alone: cheap enough to ask before deciding whether a cached analysis still holds."""
    scope = scope or Scope()
    digest = hashlib.sha256(scope.name.encode())
    with engine.connect() as conn:
        digest.update(f"run:{_last_run(conn)}".encode())
        for kinds in (("case",), ("person", "organization", "event", "movement", "link")):
            query = (
                select(records.c.agency, records.c.record_id, records.c.kind, records.c.version)
                .where(scope.clause(), records.c.kind.in_(kinds))
                .order_by(records.c.agency, records.c.kind, records.c.record_id)
            )
            for agency, rid, kind, version in conn.execute(query):
                digest.update(f"{agency}\x1f{rid}\x1f{kind}\x1f{version}\n".encode())
    return digest.hexdigest()


def load_dataset(engine: Engine, scope: Scope | None = None) -> Dataset:
    """Read the records in `scope` and the last resolution's entities."""
    scope = scope or Scope()
    dataset = Dataset(scope=scope)
    digest = hashlib.sha256(scope.name.encode())
    with engine.connect() as conn:
        dataset.agencies = {
            code: country
            for code, country in conn.execute(select(agencies.c.code, agencies.c.country))
        }
        members = {
            (a, r, k): e
            for a, r, k, e in conn.execute(
                select(
                    entity_members.c.agency,
                    entity_members.c.record_id,
                    entity_members.c.kind,
                    entity_members.c.entity_id,
                )
            )
        }
        dataset.resolution_run = _last_run(conn)
        digest.update(f"run:{dataset.resolution_run}".encode())
        # cases first: a person's age is taken at its case's opening
        for agency, rid, kind, version, _case, _role, sharing, raw in _rows(conn, scope, ["case"]):
            data = _data(raw)
            digest.update(f"{agency}\x1f{rid}\x1f{kind}\x1f{version}\n".encode())
            dataset.cases[(agency, rid)] = CaseRecord(
                agency=agency,
                case_id=rid,
                title=data.get("title"),
                crime_type=data.get("crime_type"),
                exploitation_types=_tuple(data.get("exploitation_types")),
                opened=data.get("opened"),
                status=data.get("status"),
                sharing=sharing,
            )
        kinds = ("person", "organization", "event", "movement", "link")
        for agency, rid, kind, version, case_id, role, _sharing, raw in _rows(conn, scope, kinds):
            digest.update(f"{agency}\x1f{rid}\x1f{kind}\x1f{version}\n".encode())
            data = _data(raw)
            _add(dataset, members, agency, rid, kind, case_id, role, data)
        kept = set(dataset.persons) | set(dataset.organizations)
        for row in conn.execute(
            select(
                identifiers.c.agency,
                identifiers.c.owner_record_id,
                identifiers.c.kind,
                identifiers.c.value,
                identifiers.c.country,
                identifiers.c.platform,
                identifiers.c.owner_version,
            )
            .join(
                records,
                and_(
                    records.c.agency == identifiers.c.agency,
                    records.c.record_id == identifiers.c.owner_record_id,
                    records.c.kind.in_(("person", "organization")),
                ),
            )
            .where(
                scope.clause(),
                (identifiers.c.owner_version.is_(None))
                | (identifiers.c.owner_version == records.c.version),
            )
        ):
            if (row[0], row[1]) in kept:
                dataset.identifiers.append(IdentifierRecord(*row[:6]))
    dataset.snapshot = digest.hexdigest()
    return dataset


def _add(
    dataset: Dataset,
    members: dict[tuple[str, str, str], str],
    agency: str,
    rid: str,
    kind: str,
    case_id: str | None,
    role: str | None,
    data: dict[str, Any],
) -> None:
    keys = data.get("place_keys") or {}
    if kind == "person":
        case = dataset.cases.get((agency, case_id or ""))
        when = case.opened if case else None
        dataset.persons[(agency, rid)] = PersonRecord(
            agency=agency,
            record_id=rid,
            case_id=case_id,
            role=role or data.get("role") or "unknown",
            entity_id=members.get((agency, rid, "person")) or record_name(agency, rid),
            perpetrator_roles=_tuple(data.get("perpetrator_roles")),
            sex=data.get("sex"),
            age=age_at(data, when),
            nationality=_tuple(data.get("nationality")),
            country=data.get("country"),
            exploitation_types=_tuple(data.get("exploitation_types")),
            recruitment_method=data.get("recruitment_method"),
            means_of_control=_tuple(data.get("means_of_control")),
            label=_label(data),
            date=when,
            address_key=_address_key(data),
        )
    elif kind == "organization":
        dataset.organizations[(agency, rid)] = OrganizationRecord(
            agency=agency,
            record_id=rid,
            case_id=case_id,
            entity_id=members.get((agency, rid, "organization")) or record_name(agency, rid),
            name=data.get("name") or rid,
            org_type=data.get("org_type") or "other",
            country=data.get("country"),
        )
    elif kind == "event":
        dataset.events.append(
            EventRecord(
                agency=agency,
                record_id=rid,
                case_id=case_id,
                event_type=data.get("event_type") or "other",
                date=data.get("date"),
                place=data.get("place"),
                place_key=keys.get("place"),
                country=data.get("country"),
                lat=_float(data.get("lat")),
                lon=_float(data.get("lon")),
                persons=_tuple(data.get("persons")),
                exploitation_type=data.get("exploitation_type"),
                smuggling_mode=data.get("smuggling_mode"),
                recruitment_method=data.get("recruitment_method"),
                amount=_float(data.get("amount")),
                currency=data.get("currency"),
            )
        )
    elif kind == "movement":
        movers = _tuple(data.get("persons"))
        single = data.get("person_record_id")
        if single and single not in movers:
            movers = (single, *movers)
        dataset.movements.append(
            MovementRecord(
                agency=agency,
                record_id=rid,
                case_id=case_id,
                persons=movers,
                from_place=data.get("from_place"),
                from_place_key=keys.get("from_place"),
                from_country=data.get("from_country"),
                to_place=data.get("to_place"),
                to_place_key=keys.get("to_place"),
                to_country=data.get("to_country"),
                departure=data.get("departure"),
                arrival=data.get("arrival"),
                mode=data.get("mode"),
                crossing_point=data.get("crossing_point"),
                crossing_point_key=keys.get("crossing_point"),
                facilitator=data.get("facilitator_record_id"),
                amount=_float(data.get("amount")),
                currency=data.get("currency"),
            )
        )
    elif kind == "link":
        dataset.links.append(
            LinkRecord(
                agency=agency,
                record_id=rid,
                case_id=case_id,
                from_record_id=data.get("from_record_id") or "",
                to_record_id=data.get("to_record_id") or "",
                relation=data.get("relation") or "other",
                start=data.get("start"),
                end=data.get("end"),
            )
        )

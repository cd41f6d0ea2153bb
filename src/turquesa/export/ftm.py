"""FollowTheMoney entities (JSON lines) that Aleph imports.

Each current record becomes one FTM entity; persons also give one Passport or
Identification entity per document, and links become the FTM relation schema that
fits (Family, Associate, Membership, Employment, Ownership, Payment, UnknownLink).
Ids are derived from agency and record id, so an export run twice gives the same ids
and Aleph updates rather than duplicates.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

GENDER = {"F": "female", "M": "male", "X": "other"}
RELATION_SCHEMA = {
    "family": ("Family", "person", "relative"),
    "partner": ("Family", "person", "relative"),
    "associate": ("Associate", "person", "associate"),
    "communicated": ("Associate", "person", "associate"),
    "member_of": ("Membership", "member", "organization"),
    "employer": ("Employment", "employer", "employee"),
    "owns": ("Ownership", "owner", "asset"),
    "paid": ("Payment", "payer", "beneficiary"),
}


def entity_id(agency: str, record_id: str, suffix: str = "") -> str:
    digest = hashlib.sha1(f"{agency}:{record_id}:{suffix}".encode()).hexdigest()
    return f"tq-{digest}"


def _props(**values: Any) -> dict[str, list[str]]:
    props: dict[str, list[str]] = {}
    for key, value in values.items():
        if value is None or value == "" or value == []:
            continue
        items = value if isinstance(value, list) else [value]
        props[key] = [str(v) for v in items if v not in (None, "")]
    return {k: v for k, v in props.items() if v}


def _common(record: dict[str, Any], agency_name: str, field: str = "recordId") -> dict[str, Any]:
    """Provenance: the agency as publisher, AGENCY:RECORD_ID as the record reference
    (FTM's things have no recordId property, so they carry it as a keyword)."""
    return {"publisher": agency_name, field: f"{record['agency']}:{record['record_id']}"}


def _person(record: dict[str, Any], agency_name: str) -> Iterator[dict[str, Any]]:
    data = record["data"]
    pid = entity_id(record["agency"], record["record_id"])
    nationality = [c.lower() for c in data.get("nationality", [])]
    yield {
        "id": pid,
        "schema": "Person",
        "properties": _props(
            name=record.get("label"),
            firstName=data.get("given_names") or None,
            lastName=" ".join(data.get("surnames", [])) or None,
            alias=data.get("aliases"),
            birthDate=data.get("birth_date"),
            gender=GENDER.get(data.get("sex", "")),
            nationality=nationality,
            country=(data.get("country") or "").lower() or None,
            phone=data.get("phones"),
            email=data.get("emails"),
            address=", ".join(v for v in (data.get("address"), data.get("city")) if v) or None,
            notes=data.get("notes"),
            topics=_topics(record),
            description=f"{record.get('role') or 'unknown'} in case {record.get('case_id')}"
            if record.get("case_id")
            else record.get("role"),
            **_common(record, agency_name, "keywords"),
        ),
    }
    document = data.get("document")
    if document:
        schema = "Passport" if document["type"] == "passport" else "Identification"
        yield {
            "id": entity_id(record["agency"], record["record_id"], "document"),
            "schema": schema,
            "properties": _props(
                holder=pid,
                number=document["number"],
                type=document["type"],
                country=(document.get("country") or "").lower() or None,
                **_common(record, agency_name),
            ),
        }


def _topics(record: dict[str, Any]) -> list[str]:
    role = record.get("role")
    if role == "suspect":
        return ["crime.traffick"]
    return []


def _organization(record: dict[str, Any], agency_name: str) -> Iterator[dict[str, Any]]:
    data = record["data"]
    schema = "Company" if data.get("org_type") == "company" else "Organization"
    yield {
        "id": entity_id(record["agency"], record["record_id"]),
        "schema": schema,
        "properties": _props(
            name=data.get("name"),
            country=(data.get("country") or "").lower() or None,
            registrationNumber=data.get("registration_number"),
            description=data.get("org_type"),
            **_common(record, agency_name, "keywords"),
        ),
    }


def _case(record: dict[str, Any], agency_name: str) -> Iterator[dict[str, Any]]:
    data = record["data"]
    yield {
        "id": entity_id(record["agency"], record["record_id"], "case"),
        "schema": "CourtCase",
        "properties": _props(
            name=data.get("title") or record["record_id"],
            caseNumber=record["record_id"],
            fileDate=data.get("opened"),
            status=data.get("status"),
            category=data.get("crime_type"),
            summary=", ".join(data.get("exploitation_types", [])),
            **_common(record, agency_name, "keywords"),
        ),
    }


def _involved(record: dict[str, Any], data: dict[str, Any]) -> list[str]:
    refs = list(data.get("persons", []))
    if data.get("person_record_id"):
        refs.append(data["person_record_id"])
    return [entity_id(record["agency"], ref) for ref in dict.fromkeys(refs)]


def _event(record: dict[str, Any], agency_name: str) -> Iterator[dict[str, Any]]:
    data = record["data"]
    yield {
        "id": entity_id(record["agency"], record["record_id"]),
        "schema": "Event",
        "properties": _props(
            name=record.get("label") or data.get("event_type"),
            date=data.get("date"),
            location=data.get("place"),
            country=(data.get("country") or "").lower() or None,
            involved=_involved(record, data),
            description=data.get("description"),
            summary=data.get("event_type"),
            **_common(record, agency_name),
        ),
    }


def _movement(record: dict[str, Any], agency_name: str) -> Iterator[dict[str, Any]]:
    data = record["data"]
    origin = data.get("from_place") or data.get("from_country")
    destination = data.get("to_place") or data.get("to_country")
    countries = [c.lower() for c in (data.get("from_country"), data.get("to_country")) if c]
    involved = _involved(record, data)
    if data.get("facilitator_record_id"):
        involved.append(entity_id(record["agency"], data["facilitator_record_id"]))
    amount = f"{data['amount']} {data.get('currency', '')}".strip() if data.get("amount") else None
    yield {
        "id": entity_id(record["agency"], record["record_id"]),
        "schema": "Trip",
        "properties": _props(
            name=f"{origin or '?'} → {destination or '?'}",
            startDate=data.get("departure"),
            endDate=data.get("arrival"),
            country=countries,
            involved=involved,
            location=data.get("crossing_point"),
            summary=data.get("mode"),
            description=f"paid {amount}" if amount else None,
            **_common(record, agency_name),
        ),
    }


def _link(record: dict[str, Any], agency_name: str) -> Iterator[dict[str, Any]]:
    data = record["data"]
    schema, source, target = RELATION_SCHEMA.get(
        data["relation"], ("UnknownLink", "subject", "object")
    )
    props = {
        source: entity_id(record["agency"], data["from_record_id"]),
        target: entity_id(record["agency"], data["to_record_id"]),
        "startDate": data.get("start"),
        "endDate": data.get("end"),
        "description": data.get("notes"),
        **_common(record, agency_name),
    }
    if schema in ("Family", "Associate"):
        props["relationship"] = data["relation"]
    elif schema == "UnknownLink":
        props["role"] = data["relation"]
    yield {
        "id": entity_id(record["agency"], record["record_id"]),
        "schema": schema,
        "properties": _props(**props),
    }


CONVERTERS = {
    "person": _person,
    "organization": _organization,
    "case": _case,
    "event": _event,
    "movement": _movement,
    "link": _link,
}


def to_ftm(record: dict[str, Any], agency_name: str) -> Iterator[dict[str, Any]]:
    """The FTM entities one current record gives."""
    yield from CONVERTERS[record["kind"]](record, agency_name)

"""Entity-level export: one document per resolved entity, every value with the
agencies that hold it.

An analyst reading "+57 300 123 4567 (CO-DIJIN, PA-SENAFRONT)" knows at once that two
forces recorded the same phone for this person, and whom to ask. Values of victim
records go through the same protection as every export: without the explicit option,
a victim record contributes its category, sex, age group and nationality only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

#: The properties of a person or organization entity, and where each comes from.
PROPERTIES: dict[str, tuple[str, ...]] = {
    "name": ("full_name", "name"),
    "alias": ("aliases",),
    "birth_date": ("birth_date",),
    "sex": ("sex",),
    "age_group": ("age_group",),
    "nationality": ("nationality",),
    "document": ("document",),
    "phone": ("phones",),
    "email": ("emails",),
    "account": ("handles",),
    "country": ("country",),
    "pseudonym": ("pseudonym",),
}


def _values(record: dict[str, Any], fields: tuple[str, ...]) -> Iterator[str]:
    data = record.get("data") or {}
    for field in fields:
        value = data.get(field)
        if value is None and field == "pseudonym":
            value = record.get("pseudonym")
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, dict):  # a document
            yield ":".join(str(value.get(k) or "?") for k in ("type", "country", "number"))
        elif isinstance(value, list):
            yield from (str(v) for v in value)
        else:
            yield str(value)


def entity_documents(
    records: Iterable[dict[str, Any]],
    membership: dict[tuple[str, str, str], tuple[str, float | None]],
    standalone_id: Any,
) -> list[dict[str, Any]]:
    """Group (already protected) records by entity; values keep their agencies."""
    entities: dict[str, dict[str, Any]] = {}
    values: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(set))
    )
    for record in records:
        key = (record["agency"], record["record_id"], record["kind"])
        entity_id = membership.get(key, (standalone_id(record["agency"], record["record_id"]),))[0]
        entity = entities.setdefault(
            entity_id, {"entity_id": entity_id, "kind": record["kind"], "records": []}
        )
        entity["records"].append(
            {"agency": record["agency"], "record_id": record["record_id"], "role": record["role"]}
        )
        for prop, fields in PROPERTIES.items():
            for value in _values(record, fields):
                values[entity_id][prop][value].add(record["agency"])
    out = []
    for entity_id in sorted(entities):
        entity = entities[entity_id]
        entity["records"].sort(key=lambda r: (r["agency"], r["record_id"]))
        entity["agencies"] = sorted({r["agency"] for r in entity["records"]})
        entity["properties"] = {
            prop: [
                {"value": value, "agencies": sorted(agencies)}
                for value, agencies in sorted(found.items())
            ]
            for prop, found in values[entity_id].items()
        }
        out.append(entity)
    return out

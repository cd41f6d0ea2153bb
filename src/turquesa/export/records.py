"""Rows of `turquesa export records`: one per current record (exchange/OUTPUTS.md)."""

from __future__ import annotations

import json
from typing import Any

#: The columns of the CSV form; the first four are fixed by exchange/OUTPUTS.md.
RECORD_COLUMNS = (
    "agency",
    "record_id",
    "kind",
    "case_id",
    "role",
    "label",
    "version",
    "sharing",
    "source_grade",
    "information_grade",
    "source_file",
    "source_row",
    "submission_id",
    "loaded_at",
    "data",
)


def record_row(record: dict[str, Any]) -> dict[str, Any]:
    """The flat form: provenance columns and the cleaned values as one JSON cell."""
    return {
        "agency": record["agency"],
        "record_id": record["record_id"],
        "kind": record["kind"],
        "case_id": record["case_id"] if record["kind"] != "case" else record["record_id"],
        "role": record.get("role"),
        "label": record.get("label"),
        "version": record["version"],
        "sharing": record["sharing"],
        "source_grade": record.get("source_grade"),
        "information_grade": record.get("information_grade"),
        "source_file": record.get("source_file"),
        "source_row": record["row"],
        "submission_id": record["submission_id"],
        "loaded_at": _iso(record.get("loaded_at")),
        "data": json.dumps(record["data"], ensure_ascii=False, sort_keys=True),
    }


def record_document(record: dict[str, Any]) -> dict[str, Any]:
    """The JSON-lines form: everything, values nested, originals beside them."""
    row = record_row(record)
    row["data"] = record["data"]
    row["raw"] = record.get("raw") or {}
    if record.get("protected"):
        row["protected"] = True
    return row


def _iso(value: Any) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else value

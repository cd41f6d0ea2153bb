"""Turning one row of a template into a clean record, or into the reasons it is not one.

Pure: no database, no files. The loader feeds rows in and decides, across rows, what
only the whole submission can tell (duplicated ids, references, versions).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any

from turquesa.errors import InvalidValue
from turquesa.ingest.fields import MAX_CELL_BYTES, CleanContext, value_cache
from turquesa.model import FieldSpec, Model, Template
from turquesa.normalise import (
    name_key,
    parse_document,
    parse_emails,
    parse_handle,
    parse_person_name,
    parse_phone,
)
from turquesa.storage.bulk import JsonText, json_text

DOCUMENT_KINDS = ("passport", "national_id", "residence_permit", "driving_licence")


@dataclass(slots=True)
class IdentifierValue:
    """An identifier found in a row, normalised, with the text it came from."""

    column: str
    kind: str
    value: str
    original: str
    country: str | None = None
    platform: str | None = None
    valid: bool = True
    owner: str | None = None  # identifiers.csv rows name their owner

    def __reduce__(self) -> tuple[Any, ...]:
        return (IdentifierValue, _identifier_fields(self))


@dataclass(slots=True)
class CleanRow:
    template: str
    row: int
    record_id: str | None = None
    kind: str | None = None
    case_id: str | None = None
    role: str | None = None
    sharing: str | None = None
    source_grade: str | None = None
    information_grade: str | None = None
    label: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    identifiers: list[IdentifierValue] = field(default_factory=list)
    refs: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    errors: list[tuple[str | None, str | None, str]] = field(default_factory=list)
    notes: list[tuple[str | None, str | None, str]] = field(default_factory=list)
    id_derived: bool = False  # the id was made from the row's content (links.csv)
    data_json: str = ""  # `data` and `raw` serialised where the row was cleaned (a worker)
    raw_json: str = ""

    def __reduce__(self) -> tuple[Any, ...]:
        # Cleaned rows travel back from the worker processes by the million: as one
        # plain tuple each, pickle's C code does the work (slotted dataclasses
        # otherwise pickle through Python-level state dicts, three times slower).
        return (CleanRow, _clean_row_fields(self))


_identifier_fields = attrgetter(*(f.name for f in fields(IdentifierValue)))
_clean_row_fields = attrgetter(*(f.name for f in fields(CleanRow)))


@dataclass(frozen=True)
class ColumnPlan:
    """How the columns of one table map onto a template: worked out once per file, so
    that the per-row work is only the cleaning itself."""

    template: Template
    known: tuple[tuple[int, FieldSpec], ...]
    extra: tuple[tuple[int, str], ...]
    common: tuple[tuple[int, FieldSpec], ...]
    defaults: tuple[FieldSpec, ...]
    refs: tuple[FieldSpec, ...]
    has_name: bool
    has_document: bool
    width: int  # cells in the header
    places: tuple[str, ...] = ()  # place columns, keyed for matching beside their text
    # Per column, what the row loop needs, looked up once: index, name, field type
    # (None for the parts of a name or document, read together later), spec, and
    # whether an empty cell is an error. Plain data, so plans travel to workers.
    steps: tuple[tuple[int, str, str | None, FieldSpec, bool], ...] = ()


def plan_columns(template: Template, header: list[str], model: Model) -> ColumnPlan:
    known, extra, common = [], [], []
    for index, name in enumerate(header):
        key = name.casefold()
        if not key:
            continue
        if key in template.fields:
            known.append((index, template.fields[key]))
        elif key in model.common_fields and template.record_kind is not None:
            common.append((index, model.common_fields[key]))
        else:
            extra.append((index, name))
    return ColumnPlan(
        template,
        tuple(known),
        tuple(extra),
        tuple(common),
        defaults=tuple(spec for _, spec in known if spec.default is not None),
        refs=tuple(
            f for f in template.fields.values() if f.type in ("record_ref", "record_ref_list")
        ),
        has_name=bool(template.composite("name")),
        has_document=bool(template.composite("document")),
        width=len(header),
        places=tuple(spec.name for _, spec in known if spec.type == "place"),
        steps=tuple(
            (
                index,
                spec.name,
                None if spec.part_of else spec.type,
                spec,
                spec.required and not (template.derived_id and spec.name == template.id_field),
            )
            for index, spec in known + common
        ),
    )


def _name_data(texts: dict[str, str]) -> tuple[dict[str, Any], str | None]:
    if not any(texts.get(k) for k in ("given_names", "surnames", "full_name", "aliases")):
        return {}, None
    name = parse_person_name(
        given_names=texts.get("given_names") or None,
        surnames=texts.get("surnames") or None,
        full_name=texts.get("full_name") or None,
        aliases=texts.get("aliases") or None,
    )
    data = {
        "given_names": name.given_names,
        "surnames": list(name.surnames),
        "full_name": name.display,
        "aliases": list(name.aliases),
        "name_keys": {
            "given": list(name.given_key),
            "surnames": list(name.surname_key),
            "aliases": list(name.alias_keys),
        },
    }
    label = name.display or (name.aliases[0] if name.aliases else None)
    return data, label


def _identifier_from_cell(
    kind: str, text: str, country: str | None, platform: str | None, ctx: CleanContext
) -> IdentifierValue:
    """identifiers.csv: one value of a declared kind, normalised as that kind is."""
    if kind == "phone":
        phone = parse_phone(text, country or ctx.country)
        return IdentifierValue(
            "value",
            "phone",
            phone.e164 or re.sub(r"\D", "", text),
            text,
            phone.country,
            None,
            phone.valid,
        )
    if kind == "email":
        email = parse_emails(text)[0]
        return IdentifierValue("value", "email", email.address, text, None, None, email.valid)
    if kind == "handle":
        handle = parse_handle(text, platform)
        return IdentifierValue("value", "handle", handle.key, text, None, handle.platform)
    if kind in DOCUMENT_KINDS or kind == "other":
        doc = parse_document(kind, text, country)
        return IdentifierValue("value", kind, doc.number, text, doc.country)
    value = re.sub(r"[\s\-.]", "", text).upper()
    if not value:
        raise InvalidValue("the identifier is empty")
    valid = iban_valid(value) if kind == "iban" else True
    return IdentifierValue("value", kind, value, text, country, None, valid)


def iban_valid(iban: str) -> bool:
    """ISO 13616 check digits: a wrong IBAN is kept, flagged, never silently dropped."""
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", iban):
        return False
    moved = iban[4:] + iban[:4]
    digits = "".join(str(int(ch, 36)) for ch in moved)
    return int(digits) % 97 == 1


def derived_link_id(data: dict[str, Any]) -> str:
    key = "|".join(
        str(data.get(k) or "")
        for k in ("from_record_id", "to_record_id", "relation", "start", "case_id")
    )
    return "link-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


_SMALL_CELL = MAX_CELL_BYTES // 4  # at most 4 bytes a character: smaller cells fit


def _oversized(text: str) -> str | None:
    if len(text) > _SMALL_CELL:
        size = len(text.encode("utf-8"))
        if size > MAX_CELL_BYTES:
            return f"the cell holds {size:,} bytes; the limit is 64 KB per cell"
    return None


def clean_row(
    plan: ColumnPlan,
    row: int,
    cells: list[str],
    ctx: CleanContext,
    model: Model,
    cell_problems: list[tuple[int, str]] | None = None,
) -> CleanRow:
    """Clean one row; problems are collected on the result, never raised."""
    template = plan.template
    out = CleanRow(template.name, row, kind=template.record_kind)
    problem_at = dict(cell_problems) if cell_problems else {}
    errors = out.errors
    if len(cells) < plan.width:
        cells = cells + [""] * (plan.width - len(cells))
    raw = out.raw
    data: dict[str, Any] = {}
    clean = value_cache(ctx).clean
    for index, name, field_type, spec, required in plan.steps:
        text = cells[index]
        if problem_at and index in problem_at:
            errors.append((name, text, problem_at[index]))
            continue
        if not text or text.isspace():
            if required:
                errors.append((name, "", "a value is required"))
            continue
        if (too_big := _oversized(text)) is not None:
            errors.append((name, text[:50] + "…", too_big))
            continue
        raw[name] = text
        if field_type is None:
            continue
        try:
            data[name] = clean(spec, field_type, text, model)
        except InvalidValue as exc:
            errors.append((name, text, exc.message))
    extras = {name: cells[i] for i, name in plan.extra if cells[i] and not cells[i].isspace()}
    if len(cells) > plan.width:
        spill = {f"column_{i + 1}": c for i, c in enumerate(cells) if i >= plan.width and c.strip()}
        if spill:
            extras.update(spill)
            out.notes.append(
                (
                    None,
                    None,
                    "the row has more cells than the header has columns; "
                    "the extra cells are kept under extra",
                )
            )
    for name, text in extras.items():
        if (too_big := _oversized(text)) is not None:
            errors.append((name, text[:50] + "…", too_big))
    if extras:
        raw.update(extras)
    for spec in plan.defaults:
        if spec.name not in data and spec.name not in raw:
            data[spec.name] = spec.default
    if plan.places:
        # "Peñas Blancas" and "PENAS BLANCAS" meet on one key; the gazetteer that puts
        # names in other languages and coordinates on them comes with route analysis.
        keys = {n: name_key(data[n]) for n in plan.places if data.get(n)}
        if keys:
            data["place_keys"] = keys

    _composites(out, plan, raw, data, ctx)
    if extras:
        data["extra"] = extras
    out.sharing = data.pop("sharing", None)
    out.source_grade = data.pop("source_grade", None)
    out.information_grade = data.pop("information_grade", None)
    out.data = data
    _record_identity(out, plan, data)
    if not errors and template.record_kind is not None:
        out.data_json = json_text(data)
        out.raw_json = json_text(raw)
    return out


def _composites(
    out: CleanRow, plan: ColumnPlan, texts: dict[str, str], data: dict[str, Any], ctx: CleanContext
) -> None:
    """Fields read together (a name, a document) and the identifiers a row carries."""
    template = plan.template
    if plan.has_name:
        try:
            name_data, out.label = _name_data(texts)
            data.update(name_data)
        except InvalidValue:
            # Only placeholders (NN, desconocido...): an unidentified person is still a
            # record, and the placeholder stays in `raw`.
            written = " ".join(texts.get(k, "") for k in ("given_names", "surnames", "full_name"))
            out.notes.append(
                (
                    "full_name",
                    written.strip(),
                    "no usable name (a placeholder such as NN): kept without a name",
                )
            )
    if plan.has_document and texts.get("document_number"):
        try:
            doc = parse_document(
                texts.get("document_type"), texts["document_number"], texts.get("document_country")
            )
            data["document"] = {"type": doc.type, "number": doc.number, "country": doc.country}
            out.identifiers.append(
                IdentifierValue(
                    "document_number", doc.type, doc.number, texts["document_number"], doc.country
                )
            )
        except InvalidValue as exc:
            out.errors.append(("document_number", texts["document_number"], exc.message))
    elif texts.get("document_type") or texts.get("document_country"):
        out.notes.append(("document_number", "", "a document type or country without a number"))
    for phone in data.pop("phones", ()) or ():
        data.setdefault("phones", []).append(phone.e164 or phone.original)
        out.identifiers.append(
            IdentifierValue(
                "phones",
                "phone",
                phone.e164 or phone.original,
                phone.original,
                phone.country,
                None,
                phone.valid,
            )
        )
        if not phone.valid:
            out.notes.append(
                (
                    "phones",
                    phone.original,
                    "not a valid phone number for its country; kept and flagged",
                )
            )
    for email in data.pop("emails", ()) or ():
        data.setdefault("emails", []).append(email.address)
        out.identifiers.append(
            IdentifierValue(
                "emails", "email", email.address, email.original, None, None, email.valid
            )
        )
        if not email.valid:
            out.notes.append(("emails", email.original, "not a valid e-mail address; kept"))
    for handle in data.pop("handles", ()) or ():
        data.setdefault("handles", []).append(handle.key)
        out.identifiers.append(
            IdentifierValue("handles", "handle", handle.key, handle.original, None, handle.platform)
        )
    if template.name == "identifiers" and not out.errors:
        try:
            ident = _identifier_from_cell(
                data["kind"], texts["value"], data.get("country"), data.get("platform"), ctx
            )
            ident.owner = data["owner_record_id"]
            out.identifiers.append(ident)
            if not ident.valid:
                out.notes.append(
                    ("value", texts["value"], f"not a valid {ident.kind}; kept and flagged")
                )
        except InvalidValue as exc:
            out.errors.append(("value", texts.get("value", ""), exc.message))


def _record_identity(out: CleanRow, plan: ColumnPlan, data: dict[str, Any]) -> None:
    """Record id, case, role, label and the references the loader must check."""
    template = plan.template
    if template.id_field:
        out.record_id = data.get(template.id_field)
        if out.record_id is None and template.derived_id and not out.errors:
            out.record_id = derived_link_id(data)
            out.id_derived = True
            data["record_id"] = out.record_id
    if template.name == "cases":
        out.label = data.get("title")
    else:
        out.case_id = data.get("case_id")
    if template.name == "organizations":
        out.label = data.get("name")
    out.role = data.get("role") if template.name == "persons" else None
    if out.role and data.get("perpetrator_roles") and out.role not in ("suspect", "facilitator"):
        out.notes.append(
            (
                "perpetrator_roles",
                ";".join(data["perpetrator_roles"]),
                f"perpetrator roles on a {out.role} record: kept, but only suspect "
                "and facilitator records make anyone a member of a group",
            )
        )
    if out.case_id:
        out.refs.append(("case_id", out.case_id, ("case",)))
    for spec in plan.refs:
        if spec.type == "record_ref" and data.get(spec.name):
            out.refs.append((spec.name, data[spec.name], spec.refers_to))
        elif spec.type == "record_ref_list":
            out.refs.extend((spec.name, ref, spec.refers_to) for ref in data.get(spec.name, ()))
    if template.name in ("events", "movements") and not out.label:
        out.label = (
            " ".join(
                str(data[k])
                for k in ("event_type", "from_country", "to_country", "date", "departure")
                if data.get(k)
            )
            or None
        )


def record_values(clean: CleanRow, file_id: int, version: int) -> dict[str, Any]:
    """The stored columns of a clean record (storage adds agency and submission)."""
    return {
        "record_id": clean.record_id,
        "kind": clean.kind,
        "version": version,
        "file_id": file_id,
        "row": clean.row,
        "case_id": clean.case_id,
        "role": clean.role,
        "sharing": clean.sharing or "agency",
        "source_grade": clean.source_grade,
        "information_grade": clean.information_grade,
        "label": clean.label,
        "data": JsonText(clean.data_json or json_text(clean.data)),
        "raw": JsonText(clean.raw_json or json_text(clean.raw)),
    }


def identifier_values(
    clean: CleanRow, file_id: int, owner_version: int | None
) -> list[dict[str, Any]]:
    """The stored columns of the identifiers a clean row carries."""
    return [
        {
            "owner_record_id": ident.owner or clean.record_id,
            "owner_version": owner_version,
            "file_id": file_id,
            "row": clean.row,
            "column_name": ident.column,
            "kind": ident.kind,
            "value": ident.value,
            "original": ident.original,
            "country": ident.country,
            "platform": ident.platform,
            "valid": ident.valid,
        }
        for ident in clean.identifiers
    ]

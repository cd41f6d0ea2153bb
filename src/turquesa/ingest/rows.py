"""Turning one row of a template into a clean record, or into the reasons it is not one.

Pure: no database, no files. The loader feeds rows in and decides, across rows, what
only the whole submission can tell (duplicated ids, references, versions).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from turquesa.errors import InvalidValue
from turquesa.ingest.fields import MAX_CELL_BYTES, CleanContext, clean_field
from turquesa.model import FieldSpec, Model, Template
from turquesa.normalise import (
    clean_text,
    parse_document,
    parse_emails,
    parse_handle,
    parse_person_name,
    parse_phone,
)

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


@dataclass(frozen=True)
class ColumnPlan:
    """How the columns of one table map onto a template: computed once per file."""

    template: Template
    known: tuple[tuple[int, FieldSpec], ...]
    extra: tuple[tuple[int, str], ...]
    common: tuple[tuple[int, FieldSpec], ...]


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
    return ColumnPlan(template, tuple(known), tuple(extra), tuple(common))


def missing_required(plan: ColumnPlan) -> list[str]:
    present = {spec.name for _, spec in plan.known}
    return [
        f.name
        for f in plan.template.fields.values()
        if f.required and f.name not in present and not plan.template.derived_id
        or f.required and f.name not in present and f.name != plan.template.id_field
    ]


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


def _identifier_from_cell(kind: str, text: str, country: str | None, platform: str | None,
                          ctx: CleanContext) -> IdentifierValue:
    """identifiers.csv: one value of a declared kind, normalised as that kind is."""
    if kind == "phone":
        phone = parse_phone(text, country or ctx.country)
        return IdentifierValue("value", "phone", phone.e164 or re.sub(r"\D", "", text), text,
                               phone.country, None, phone.valid)
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
    key = "|".join(str(data.get(k) or "") for k in ("from_record_id", "to_record_id",
                                                     "relation", "start", "case_id"))
    return "link-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def clean_row(plan: ColumnPlan, row: int, cells: list[str], ctx: CleanContext,
              model: Model, cell_problems: list[tuple[int, str]] | None = None) -> CleanRow:
    """Clean one row; problems are collected on the result, never raised."""
    template = plan.template
    out = CleanRow(template.name, row, kind=template.record_kind)
    problem_at = dict(cell_problems or ())
    texts: dict[str, str] = {}
    width = len(cells)

    def cell(index: int) -> str:
        return cells[index] if index < width else ""

    for index, spec in plan.known + plan.common:
        text = cell(index)
        if index in problem_at:
            out.errors.append((spec.name, text, problem_at[index]))
            continue
        if len(text) > MAX_CELL_BYTES // 4 and len(text.encode("utf-8")) > MAX_CELL_BYTES:
            out.errors.append((spec.name, text[:50] + "…",
                               f"the cell holds {len(text.encode('utf-8')):,} bytes; "
                               "the limit is 64 KB per cell"))
            continue
        if text.strip():
            out.raw[spec.name] = text
            texts[spec.name] = text
    if width > len(plan.known) + len(plan.common) + len(plan.extra) and any(
        c.strip() for c in cells[len(plan.known) + len(plan.common) + len(plan.extra):]
    ):
        out.notes.append((None, None, "the row has more cells than the header has columns; "
                                      "the extra cells are kept under extra"))
    extras = {name: cell(i) for i, name in plan.extra if cell(i).strip()}
    for name, text in extras.items():
        if len(text.encode("utf-8")) > MAX_CELL_BYTES:
            out.errors.append((name, text[:50] + "…", "the cell is over 64 KB"))
    if extras:
        out.raw.update(extras)

    data: dict[str, Any] = {}
    for index, spec in plan.known + plan.common:
        if spec.part_of or spec.name not in texts:
            if spec.required and spec.name not in texts and index not in problem_at and not (
                template.derived_id and spec.name == template.id_field
            ):
                out.errors.append((spec.name, "", "a value is required"))
            continue
        try:
            data[spec.name] = clean_field(spec, texts[spec.name], ctx, model)
        except InvalidValue as exc:
            out.errors.append((spec.name, texts[spec.name], exc.message))
    for _, spec in plan.known:
        if spec.default is not None and spec.name not in data and spec.name not in texts:
            data[spec.name] = spec.default

    _composites(out, template, texts, data, ctx, model)
    if extras:
        data["extra"] = extras
    for key in ("sharing", "source_grade", "information_grade"):
        setattr(out, key, data.pop(key, None))
    out.data = data
    _record_identity(out, template, data)
    return out


def _composites(out: CleanRow, template: Template, texts: dict[str, str],
                data: dict[str, Any], ctx: CleanContext, model: Model) -> None:
    """Fields read together (a name, a document) and the identifiers a row carries."""
    if template.composite("name"):
        try:
            name_data, out.label = _name_data(texts)
            data.update(name_data)
        except InvalidValue as exc:
            out.errors.append(("full_name", texts.get("full_name", ""), exc.message))
    if template.composite("document") and texts.get("document_number"):
        try:
            doc = parse_document(texts.get("document_type"), texts["document_number"],
                                 texts.get("document_country"))
            data["document"] = {"type": doc.type, "number": doc.number, "country": doc.country}
            out.identifiers.append(IdentifierValue("document_number", doc.type, doc.number,
                                                   texts["document_number"], doc.country))
        except InvalidValue as exc:
            out.errors.append(("document_number", texts["document_number"], exc.message))
    elif texts.get("document_type") or texts.get("document_country"):
        out.notes.append(("document_number", "", "a document type or country without a number"))
    for phone in data.pop("phones", ()) or ():
        data.setdefault("phones", []).append(phone.e164 or phone.original)
        out.identifiers.append(IdentifierValue("phones", "phone", phone.e164 or phone.original,
                                               phone.original, phone.country, None, phone.valid))
        if not phone.valid:
            out.notes.append(("phones", phone.original,
                              "not a valid phone number for its country; kept and flagged"))
    for email in data.pop("emails", ()) or ():
        data.setdefault("emails", []).append(email.address)
        out.identifiers.append(IdentifierValue("emails", "email", email.address, email.original,
                                               None, None, email.valid))
        if not email.valid:
            out.notes.append(("emails", email.original, "not a valid e-mail address; kept"))
    for handle in data.pop("handles", ()) or ():
        data.setdefault("handles", []).append(handle.key)
        out.identifiers.append(IdentifierValue("handles", "handle", handle.key, handle.original,
                                               None, handle.platform))
    if template.name == "identifiers" and not out.errors:
        try:
            ident = _identifier_from_cell(data["kind"], texts["value"], data.get("country"),
                                          data.get("platform"), ctx)
            ident.owner = data["owner_record_id"]
            out.identifiers.append(ident)
            if not ident.valid:
                out.notes.append(("value", texts["value"], f"not a valid {ident.kind}; kept and flagged"))
        except InvalidValue as exc:
            out.errors.append(("value", texts.get("value", ""), exc.message))


def _record_identity(out: CleanRow, template: Template, data: dict[str, Any]) -> None:
    """Record id, case, role, label and the references the loader must check."""
    if template.id_field:
        out.record_id = data.get(template.id_field)
        if out.record_id is None and template.derived_id and not out.errors:
            out.record_id = derived_link_id(data)
            data["record_id"] = out.record_id
    if template.name == "cases":
        out.label = data.get("title")
    else:
        out.case_id = data.get("case_id")
    if template.name == "organizations":
        out.label = data.get("name")
    out.role = data.get("role") if template.name == "persons" else None
    if out.role and data.get("perpetrator_roles") and out.role not in ("suspect", "facilitator"):
        out.notes.append(("perpetrator_roles", ";".join(data["perpetrator_roles"]),
                          f"perpetrator roles on a {out.role} record: kept, but only suspect "
                          "and facilitator records make anyone a member of a group"))
    if out.case_id:
        out.refs.append(("case_id", out.case_id, ("case",)))
    for spec in template.fields.values():
        if spec.type == "record_ref" and data.get(spec.name):
            out.refs.append((spec.name, data[spec.name], spec.refers_to))
        elif spec.type == "record_ref_list":
            out.refs.extend((spec.name, ref, spec.refers_to) for ref in data.get(spec.name, ()))
    if template.name in ("events", "movements") and not out.label:
        out.label = " ".join(
            str(data[k]) for k in ("event_type", "from_country", "to_country", "date", "departure")
            if data.get(k)
        ) or None


def display_text(value: str) -> str:
    return clean_text(value)

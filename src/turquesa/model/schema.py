"""The data model, loaded once from `model.yaml` into immutable objects.

Why a data file: storage, ingest validation, export and the model reference all read
the same field lists, so a column is added in one place and nowhere else. The file is
checked when it is loaded (unknown types, vocabularies that do not exist, references
to record kinds nobody defines), so a mistake in it fails at import, not at 3 a.m.
in the middle of a load.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

FIELD_TYPES = frozenset(
    {
        "id", "text", "longtext", "place", "int", "decimal", "latitude", "longitude", "currency",
        "date", "country", "countries", "sex", "enum", "enum_list", "sharing",
        "source_grade", "information_grade", "case_ref", "record_ref", "record_ref_list",
        "phones", "emails", "handles", "document_type", "agency_code", "identifier_kind",
        "platform",
    }
)  # fmt: skip

#: Record kinds, in the order exchange/OUTPUTS.md names them.
RECORD_KINDS = ("person", "organization", "case", "event", "movement", "link")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One column of a template."""

    name: str
    type: str
    required: bool = False
    vocabulary: str | None = None
    default: str | None = None
    part_of: str | None = None
    refers_to: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class Template:
    """One exchange file (persons.csv...) and the record kind it produces."""

    name: str
    description: str
    record_kind: str | None
    id_field: str | None
    derived_id: bool
    fields: dict[str, FieldSpec]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.fields)

    def composite(self, group: str) -> tuple[FieldSpec, ...]:
        """The fields that are read together (the parts of a name, of a document)."""
        return tuple(f for f in self.fields.values() if f.part_of == group)


@dataclass(frozen=True, slots=True)
class EntityKind:
    name: str
    description: str
    sources: tuple[str, ...]
    key: str | None


@dataclass(frozen=True, slots=True)
class Model:
    version: int
    vocabularies: dict[str, tuple[str, ...]]
    entity_kinds: dict[str, EntityKind]
    templates: dict[str, Template]
    common_fields: dict[str, FieldSpec] = field(default_factory=dict)

    def template_for_kind(self, record_kind: str) -> Template:
        for template in self.templates.values():
            if template.record_kind == record_kind:
                return template
        raise KeyError(record_kind)

    @property
    def load_order(self) -> tuple[str, ...]:
        return tuple(self.templates)


class ModelError(ValueError):
    """model.yaml contradicts itself: a bug in the product, not in the user's data."""


def _field(name: str, raw: dict[str, Any], vocabularies: dict[str, tuple[str, ...]]) -> FieldSpec:
    kind = raw.get("type")
    if kind not in FIELD_TYPES:
        raise ModelError(f"field {name!r}: unknown type {kind!r}")
    vocab = raw.get("vocabulary")
    if kind in ("enum", "enum_list") and vocab not in vocabularies:
        raise ModelError(f"field {name!r}: vocabulary {vocab!r} is not defined")
    refers = tuple(raw.get("refers_to", ()))
    unknown = set(refers) - set(RECORD_KINDS)
    if unknown:
        raise ModelError(f"field {name!r}: refers to unknown kinds {sorted(unknown)}")
    default = raw.get("default")
    if default is not None and vocab and default not in vocabularies[vocab]:
        raise ModelError(f"field {name!r}: default {default!r} not in {vocab}")
    return FieldSpec(
        name=name,
        type=kind,
        required=bool(raw.get("required", False)),
        vocabulary=vocab,
        default=default,
        part_of=raw.get("part_of"),
        refers_to=refers,
        min=raw.get("min"),
        max=raw.get("max"),
        description=raw.get("description", ""),
    )


def parse_model(raw: dict[str, Any]) -> Model:
    """Build and check a Model from the parsed YAML."""
    vocabularies = {k: tuple(v) for k, v in raw["vocabularies"].items()}
    for name, values in vocabularies.items():
        if len(set(values)) != len(values):
            raise ModelError(f"vocabulary {name!r} repeats a value")
    templates: dict[str, Template] = {}
    for tname, traw in raw["templates"].items():
        fields = {n: _field(n, f, vocabularies) for n, f in traw["fields"].items()}
        kind = traw.get("record_kind")
        if kind is not None and kind not in RECORD_KINDS:
            raise ModelError(f"template {tname!r}: unknown record kind {kind!r}")
        id_field = traw.get("id_field")
        if id_field is not None and id_field not in fields:
            raise ModelError(f"template {tname!r}: id field {id_field!r} is not a field")
        templates[tname] = Template(
            name=tname,
            description=traw.get("description", ""),
            record_kind=kind,
            id_field=id_field,
            derived_id=bool(traw.get("derived_id", False)),
            fields=fields,
        )
    kinds_made = {t.record_kind for t in templates.values()}
    if set(RECORD_KINDS) - kinds_made:
        raise ModelError(f"no template makes {sorted(set(RECORD_KINDS) - kinds_made)}")
    entity_kinds = {
        n: EntityKind(n, e.get("description", ""), tuple(e.get("from", ())), e.get("key"))
        for n, e in raw["entity_kinds"].items()
    }
    common = {n: _field(n, f, vocabularies) for n, f in raw.get("common_fields", {}).items()}
    return Model(int(raw["version"]), vocabularies, entity_kinds, templates, common)


@cache
def load_model() -> Model:
    """The model shipped with the package (parsed once per process)."""
    text = resources.files("turquesa.model").joinpath("model.yaml").read_text("utf-8")
    return parse_model(yaml.safe_load(text))

"""The data model: templates, fields, vocabularies and entity kinds, defined once."""

from turquesa.model.schema import (
    RECORD_KINDS,
    EntityKind,
    FieldSpec,
    Model,
    ModelError,
    Template,
    load_model,
)

__all__ = [
    "RECORD_KINDS",
    "EntityKind",
    "FieldSpec",
    "Model",
    "ModelError",
    "Template",
    "load_model",
]

"""The model reference (docs/model.md), generated from model.yaml so it cannot drift."""

from __future__ import annotations

from turquesa.model.schema import FieldSpec, Model


def _describe(spec: FieldSpec) -> str:
    parts = [spec.type]
    if spec.vocabulary:
        parts.append(
            f"one of `{spec.vocabulary}`" if spec.type == "enum" else f"list of `{spec.vocabulary}`"
        )
    if spec.refers_to:
        parts.append("refers to " + " or ".join(spec.refers_to))
    if spec.default:
        parts.append(f"default `{spec.default}`")
    if spec.min is not None or spec.max is not None:
        parts.append(f"{spec.min}–{spec.max}")
    return ", ".join(parts)


def model_reference(model: Model) -> str:
    """Markdown: templates with their columns, common columns, vocabularies, entity kinds."""
    lines = [
        f"# Turquesa data model (version {model.version})",
        "",
        "Generated from `src/turquesa/model/model.yaml` by `turquesa model`; do not edit.",
        "",
        "## Templates",
        "",
        "Loaded in this order; a reference may name a record of an earlier template or of an "
        "earlier submission of the same agency.",
    ]
    for template in model.templates.values():
        kind = f" → `{template.record_kind}` records" if template.record_kind else ""
        lines += [
            "",
            f"### {template.name}{kind}",
            "",
            template.description,
            "",
            "| column | required | type | description |",
            "|---|---|---|---|",
        ]
        for spec in template.fields.values():
            required = "yes" if spec.required else ""
            lines.append(f"| `{spec.name}` | {required} | {_describe(spec)} | {spec.description} |")
    lines += [
        "",
        "## Columns every record template may carry",
        "",
        "| column | type | description |",
        "|---|---|---|",
    ]
    for spec in model.common_fields.values():
        lines.append(f"| `{spec.name}` | {_describe(spec)} | {spec.description} |")
    lines += ["", "## Vocabularies", ""]
    for name, values in model.vocabularies.items():
        lines.append(f"- `{name}`: " + ", ".join(f"`{v}`" for v in values))
    lines += ["", "## Entity kinds", "", "| kind | from | key | description |", "|---|---|---|---|"]
    for entity in model.entity_kinds.values():
        lines.append(
            f"| {entity.name} | {', '.join(entity.sources)} | {entity.key or ''} | "
            f"{entity.description} |"
        )
    return "\n".join(lines) + "\n"

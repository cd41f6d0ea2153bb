"""`turquesa export records|entities`: the loaded data for other tools.

Victim identity is left out unless `--with-victim-identity` is given (see
turquesa.export.privacy): an export is the moment data leaves the agency's hands.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from turquesa.analysis.dataset import load_dataset
from turquesa.analysis.graph import build_link_graph
from turquesa.analysis.groups import find_groups
from turquesa.cli.context import AppState
from turquesa.cli.output import open_output, write_csv, write_jsonl
from turquesa.export.entities import entity_documents
from turquesa.export.ftm import to_ftm
from turquesa.export.graph_formats import WRITERS
from turquesa.export.graph_view import graph_view, restrict_to_group
from turquesa.export.privacy import PROTECTED_ROLES, protect
from turquesa.export.records import RECORD_COLUMNS, record_document, record_row
from turquesa.i18n import gettext_for, normalise_language
from turquesa.model import RECORD_KINDS
from turquesa.storage import store

export_app = typer.Typer(
    help="Export records or entities as CSV, JSON lines or FollowTheMoney; the link graph "
    "for Gephi, igraph and i2 Analyst's Notebook.",
    no_args_is_help=True,
)

#: exchange/OUTPUTS.md: one row per source record of a resolved kind.
ENTITY_COLUMNS = ("agency", "record_id", "kind", "entity_id", "match_probability")
RESOLVED_KINDS = ("person", "organization")


class Format(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    ftm = "ftm"


def _records(
    state: AppState, kinds: tuple[str, ...] | None, victim_identity: bool
) -> Iterator[dict[str, Any]]:
    with state.engine().connect() as conn:
        for record in store.iter_current_records(conn, kinds):
            yield record if victim_identity else protect(record)


def _agency_names(state: AppState) -> dict[str, str]:
    with state.engine().connect() as conn:
        return {row["agency"]: row.get("name", row["agency"]) for row in store.status_summary(conn)}


@export_app.command("records")
def export_records(
    ctx: typer.Context,
    fmt: Format = typer.Option(Format.csv, "--format", help="csv, jsonl or ftm."),
    kind: list[str] | None = typer.Option(
        None, "--kind", help=f"Only these kinds ({', '.join(RECORD_KINDS)}); repeatable."
    ),
    output: Path | None = typer.Option(None, "--output", help="Write here instead of stdout."),
    victim_identity: bool = typer.Option(
        False, "--with-victim-identity", help="Include victims' names and identifiers."
    ),
) -> None:
    """One row per current version of every record (retracted ones left out)."""
    state: AppState = ctx.obj
    kinds = tuple(kind) if kind else None
    if kinds and set(kinds) - set(RECORD_KINDS):
        raise typer.BadParameter(f"kinds are {', '.join(RECORD_KINDS)}", param_hint="--kind")
    records = _records(state, kinds, victim_identity)
    with open_output(output) as out:
        if fmt is Format.csv:
            write_csv((record_row(r) for r in records), RECORD_COLUMNS, out)
        elif fmt is Format.jsonl:
            write_jsonl((record_document(r) for r in records), out)
        else:
            names = _agency_names(state)
            write_jsonl((e for r in records for e in to_ftm(r, names.get(r["agency"], ""))), out)


def standalone_entity_id(agency: str, record_id: str) -> str:
    return "e-" + hashlib.sha1(f"{agency}:{record_id}".encode()).hexdigest()[:16]


@export_app.command("entities")
def export_entities(
    ctx: typer.Context,
    fmt: Format = typer.Option(Format.csv, "--format", help="csv or jsonl."),
    output: Path | None = typer.Option(None, "--output", help="Write here instead of stdout."),
    per_entity: bool = typer.Option(
        False,
        "--per-entity",
        help="One JSON document per entity, each value with the agencies that hold it.",
    ),
    victim_identity: bool = typer.Option(
        False, "--with-victim-identity", help="Include victims' names and identifiers."
    ),
) -> None:
    """One row per person or organization record with the entity it belongs to
    (or, with --per-entity, one document per entity).

    The entity comes from the last `turquesa resolve`; a record loaded since (or before
    any run) stands alone: its own entity, with an empty match_probability.
    """
    state: AppState = ctx.obj
    if fmt is Format.ftm:
        raise typer.BadParameter("entities export as csv or jsonl", param_hint="--format")
    with state.engine().connect() as conn:
        resolved = store.entity_memberships(conn)
    if per_entity:
        if fmt is not Format.jsonl:
            raise typer.BadParameter("--per-entity writes JSON lines", param_hint="--format")
        records = (
            {**r, "pseudonym": r["label"]}
            if r["role"] in PROTECTED_ROLES and not victim_identity
            else r
            for r in _records(state, RESOLVED_KINDS, victim_identity)
        )
        documents = entity_documents(records, resolved, standalone_entity_id)
        with open_output(output) as out:
            write_jsonl(documents, out)
        return

    def row(r: dict[str, Any]) -> dict[str, Any]:
        entity_id, probability = resolved.get(
            (r["agency"], r["record_id"], r["kind"]),
            (standalone_entity_id(r["agency"], r["record_id"]), None),
        )
        return {
            "agency": r["agency"],
            "record_id": r["record_id"],
            "kind": r["kind"],
            "entity_id": entity_id,
            "match_probability": None if probability is None else round(probability, 6),
        }

    rows = (row(r) for r in _records(state, RESOLVED_KINDS, victim_identity=False))
    with open_output(output) as out:
        if fmt is Format.csv:
            write_csv(rows, ENTITY_COLUMNS, out)
        else:
            write_jsonl(rows, out)


class GraphFormat(StrEnum):
    graphml = "graphml"
    gexf = "gexf"
    i2 = "i2"
    i2_csv = "i2-csv"


class GraphKind(StrEnum):
    link = "link"
    perpetrators = "perpetrators"


@export_app.command("graph")
def export_graph(
    ctx: typer.Context,
    fmt: GraphFormat = typer.Option(
        GraphFormat.graphml,
        "--format",
        help="graphml (igraph, networkx, yEd), gexf (Gephi), i2 (Analyst's Notebook .anx "
        "chart) or i2-csv (one row per link, for the i2 Import wizard).",
    ),
    graph: GraphKind = typer.Option(
        GraphKind.link,
        "--graph",
        help="link: persons, organizations, identifiers, addresses, events and cases; "
        "perpetrators: suspects and facilitators tied person to person.",
    ),
    group: str | None = typer.Option(
        None, "--group", help="Only this group's members and what ties them."
    ),
    output: Path | None = typer.Option(None, "--output", help="Write here instead of stdout."),
    lang: str = typer.Option("en", "--lang", help="Language of i2 type and attribute names."),
) -> None:
    """The link graph with each node's group and each tie's kinds, dates, weight, agencies
    and records. Victims are never named: they appear under a pseudonym."""
    state: AppState = ctx.obj
    _ = gettext_for(normalise_language(lang))
    engine = state.engine()
    dataset = load_dataset(engine)
    groups = find_groups(dataset, engine=engine)
    chosen = build_link_graph(dataset) if graph is GraphKind.link else groups.graph
    if group is not None:
        profile = groups.profile(group)
        if profile is None:
            known = ", ".join(p.group_id for p in groups.profiles[:10]) or "none"
            raise typer.BadParameter(f"no group {group!r} (groups: {known})", param_hint="--group")
        chosen = restrict_to_group(chosen, profile.members)
    view = graph_view(chosen, dataset, groups.group_of, groups.brokers, _)
    with open_output(output) as out:
        WRITERS[fmt.value](view, out, _)


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")

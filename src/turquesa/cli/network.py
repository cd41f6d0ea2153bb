"""`turquesa groups`, `players`, `path` and `linked`: the criminal network, asked.

`groups --format csv` is the machine output of exchange/OUTPUTS.md (one row per
suspect or facilitator record of a member: agency, record_id, entity_id, group_id);
`--format json` gives each group's profile. Names shown are never a victim's.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from turquesa.analysis.dataset import load_dataset
from turquesa.analysis.graph import build_link_graph
from turquesa.analysis.groups import OBJECTIVE, RESOLUTION, find_groups
from turquesa.analysis.paths import find_node, neighbourhood, paths_between
from turquesa.analysis.players import key_players
from turquesa.cli.context import AppState
from turquesa.cli.output import open_output, print_table, write_csv

GROUP_ROW_COLUMNS = ("agency", "record_id", "entity_id", "group_id")
GROUP_TABLE_COLUMNS = (
    "group_id",
    "members",
    "roles",
    "countries",
    "agencies",
    "cases",
    "corridors",
    "victims",
    "migrants",
    "first",
    "last",
)
PLAYER_COLUMNS = (
    "entity_id",
    "label",
    "group_id",
    "degree",
    "betweenness",
    "eigenvector",
    "group_betweenness",
    "cut_point",
    "bridges",
    "roles",
    "countries",
)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _json(value: Any, output: Path | None) -> None:
    with open_output(output) as out:
        json.dump(value, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")


def groups(
    ctx: typer.Context,
    fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json."),
    output: Path | None = typer.Option(None, "--output", help="Write here, not to stdout."),
    resolution: float = typer.Option(
        RESOLUTION,
        "--resolution",
        min=0.0,
        help="Leiden resolution (CPM, persons weighted by their ties): higher, smaller groups.",
    ),
) -> None:
    """Criminal groups found in the suspects' and facilitators' ties, with profiles."""
    state: AppState = ctx.obj
    engine = state.engine()
    dataset = load_dataset(engine)
    result = find_groups(dataset, engine=engine, resolution=resolution)
    if fmt is Format.csv:
        with open_output(output) as out:
            write_csv(result.member_records(dataset), GROUP_ROW_COLUMNS, out)
        return
    if fmt is Format.json:
        profiles = [p.document() for p in result.profiles]
        _json(
            {
                "scope": result.scope,
                "snapshot": dataset.snapshot,
                "objective": OBJECTIVE,
                "resolution": resolution,
                "groups": profiles,
            },
            output,
        )
        return
    rows = [p.summary() for p in result.profiles]
    print_table(f"{len(rows)} groups", rows, GROUP_TABLE_COLUMNS)


def players(
    ctx: typer.Context,
    fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json."),
    output: Path | None = typer.Option(None, "--output", help="Write here, not to stdout."),
    group: str | None = typer.Option(None, "--group", help="Only the members of this group."),
    top: int = typer.Option(25, "--top", min=1, help="Rows in the readable table."),
    brokers: bool = typer.Option(False, "--brokers", help="Only cut points and bridges."),
) -> None:
    """Key players: degree, betweenness and eigenvector centrality; brokers."""
    state: AppState = ctx.obj
    engine = state.engine()
    dataset = load_dataset(engine)
    result = find_groups(dataset, engine=engine)
    ranked = key_players(result.graph, result.group_of)
    chosen = [
        p
        for p in ranked.players
        if (group is None or p.group_id == group) and (not brokers or p.broker)
    ]
    rows = [p.row() for p in chosen]
    if fmt is Format.csv:
        with open_output(output) as out:
            write_csv(rows, tuple(rows[0]) if rows else PLAYER_COLUMNS, out)
        return
    if fmt is Format.json:
        crossing = [
            {
                "source": c.source,
                "target": c.target,
                "kind": c.kind,
                "cross_border": c.cross_border,
                "cross_agency": c.cross_agency,
                "countries": c.countries,
                "agencies": c.agencies,
                "evidence": c.evidence,
            }
            for c in ranked.crossing
        ]
        _json(
            {
                "betweenness": ranked.betweenness_method,
                "players": rows,
                "crossing_links": crossing,
            },
            output,
        )
        return
    title = f"Key players ({ranked.betweenness_method} betweenness)"
    print_table(title, rows[:top], PLAYER_COLUMNS)
    flagged = sum(1 for c in ranked.crossing if c.cross_border)
    Console().print(
        f"{flagged} ties cross a border; {len(ranked.crossing)} cross agencies or borders"
    )


def path(
    ctx: typer.Context,
    source: str = typer.Argument(..., help="Entity id, AGENCY:RECORD_ID, phone, document..."),
    target: str = typer.Argument(..., help="The same, for the other end."),
    k: int = typer.Option(1, "-k", "--paths", min=1, max=20, help="Shortest paths to show."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json."),
    output: Path | None = typer.Option(None, "--output", help="Write here, not to stdout."),
) -> None:
    """How A is connected to B: the shortest chains, each step with its records."""
    state: AppState = ctx.obj
    dataset = load_dataset(state.engine())
    graph = build_link_graph(dataset)
    a, b = find_node(graph, dataset, source), find_node(graph, dataset, target)
    found = paths_between(graph, a, b, k=k)
    rows = [
        {
            "path": n,
            "step": i,
            "from": s.source,
            "from_kind": graph.nodes[s.source].kind,
            "to": s.target,
            "to_kind": graph.nodes[s.target].kind,
            "ties": ";".join(f"{kind}:{count}" for kind, count in sorted(s.kinds.items())),
            "first": s.first,
            "last": s.last,
            "evidence": ";".join(s.evidence),
        }
        for n, p in enumerate(found, 1)
        for i, s in enumerate(p.steps, 1)
    ]
    if fmt is Format.csv:
        with open_output(output) as out:
            write_csv(rows, tuple(rows[0]) if rows else ("path", "step"), out)
        return
    if fmt is Format.json:
        _json({"from": a, "to": b, "paths": [p.nodes for p in found], "steps": rows}, output)
        return
    if not found:
        Console().print(f"No path between {a} and {b} in this scope.")
        raise typer.Exit(0)
    columns = ("path", "step", "from", "to", "ties", "first", "last", "evidence")
    print_table(f"{len(found)} path(s) from {a} to {b}", rows, columns)


def linked(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Entity id, AGENCY:RECORD_ID, phone, passport..."),
    hops: int = typer.Option(1, "--hops", min=1, max=4, help="How many steps out."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json."),
    output: Path | None = typer.Option(None, "--output", help="Write here, not to stdout."),
) -> None:
    """Everything linked to one entity, phone or passport, to `--hops` steps."""
    state: AppState = ctx.obj
    dataset = load_dataset(state.engine())
    graph = build_link_graph(dataset)
    centre = find_node(graph, dataset, name)
    around = neighbourhood(graph, centre, hops)
    rows = [
        {
            "entity_id": n.id,
            "kind": n.kind,
            "label": n.label,
            "hops": around.distance[n.id],
            "agencies": ";".join(sorted(n.agencies)),
            "roles": ";".join(sorted(n.roles)),
        }
        for n in around.nodes
    ]
    if fmt is Format.csv:
        with open_output(output) as out:
            write_csv(rows, ("entity_id", "kind", "label", "hops", "agencies", "roles"), out)
        return
    if fmt is Format.json:
        edges = [
            {"from": e.source, "to": e.target, "kinds": e.kinds, "evidence": e.evidence}
            for e in around.edges
        ]
        _json({"centre": centre, "hops": hops, "nodes": rows, "edges": edges}, output)
        return
    title = f"{len(rows) - 1} linked to {centre} within {hops} step(s)"
    print_table(title, rows, ("entity_id", "kind", "label", "hops", "agencies", "roles"))


def register(app: typer.Typer) -> None:
    app.command("groups")(groups)
    app.command("players")(players)
    app.command("path")(path)
    app.command("linked")(linked)

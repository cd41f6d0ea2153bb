"""A link chart of a small network (one group, one neighbourhood) as inline SVG.

The layout is igraph's Fruchterman–Reingold from a circle, with igraph's random
numbers drawn from a generator seeded for the call: the same graph gives the same
picture in every run, so a report rebuilt from the same snapshot is the same report,
and an analyst who has annotated a printout finds people where they left them.

Shape says what a node is (person, organization, phone, document...), colour which
group it belongs to, a thick ring marks a leader; line style says how two nodes are
linked. A legend lists the shapes, groups and line styles present.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import igraph

from turquesa.i18n.catalogues import Gettext, identity
from turquesa.report.svg import INK, MUTED, chart_id, colour, esc, open_svg, shorten

NEUTRAL = "#bcccdc"
SHAPES = {
    "person": "circle",
    "organization": "square",
    "phone": "diamond",
    "email": "diamond",
    "account": "triangle",
    "document": "rect",
    "vehicle": "hexagon",
    "bank_account": "pentagon",
    "address": "pentagon",
    "place": "hexagon",
}
DASHES = ("", "7 4", "2 3", "9 3 2 3", "1 5", "12 4")


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    kind: str = "person"  # a key of SHAPES; anything else is drawn as a hexagon
    role: str | None = None  # "leader" gets a ring
    group: str | None = None


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str = "link"
    weight: float = 1.0


def layout(
    nodes: Sequence[Node], edges: Sequence[Edge], seed: int = 1
) -> list[tuple[float, float]]:
    """Positions in [0, 1]², the same for the same input and seed."""
    if not nodes:
        return []
    index = {node.id: i for i, node in enumerate(nodes)}
    pairs = [(index[e.source], index[e.target]) for e in edges if e.source != e.target]
    graph = igraph.Graph(n=len(nodes), edges=pairs)
    start = graph.layout_circle().coords
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = graph.layout_fruchterman_reingold(seed=start, niter=500).coords
    finally:
        igraph.set_random_number_generator(random)
    if len(nodes) == 1:
        return [(0.5, 0.5)]
    xs = [x for x, _y in coords]
    ys = [y for _x, y in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0  # one scale: no stretching
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return [(0.5 + (x - cx) / span, 0.5 + (y - cy) / span) for x, y in coords]


def _shape(kind: str, x: float, y: float, r: float, fill: str, extra: str = "") -> str:
    shape = SHAPES.get(kind, "hexagon")
    common = f'fill="{fill}" stroke="{INK}" stroke-width="1.2"{extra}'
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {common}/>'
    if shape == "square":
        return (
            f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" '
            f'height="{2 * r:.1f}" {common}/>'
        )
    if shape == "rect":
        return (
            f'<rect x="{x - r * 1.2:.1f}" y="{y - r * 0.8:.1f}" width="{2.4 * r:.1f}" '
            f'height="{1.6 * r:.1f}" rx="2" {common}/>'
        )
    sides = {"diamond": 4, "triangle": 3, "pentagon": 5, "hexagon": 6}[shape]
    turn = -math.pi / 2
    points = " ".join(
        f"{x + r * 1.15 * math.cos(turn + 2 * math.pi * k / sides):.1f},"
        f"{y + r * 1.15 * math.sin(turn + 2 * math.pi * k / sides):.1f}"
        for k in range(sides)
    )
    return f'<polygon points="{points}" {common}/>'


def link_chart(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    *,
    title: str,
    description: str = "",
    kind_labels: Mapping[str, str] | None = None,
    edge_labels: Mapping[str, str] | None = None,
    group_labels: Mapping[str, str] | None = None,
    seed: int = 1,
    width: float = 720,
    height: float = 520,
    _: Gettext = identity,
) -> str:
    """The SVG of the network; labels of kinds and groups arrive translated."""
    known = {node.id for node in nodes}
    edges = [e for e in edges if e.source in known and e.target in known]
    kind_labels = kind_labels or {}
    edge_labels = edge_labels or {}
    group_labels = group_labels or {}
    groups = sorted({n.group for n in nodes if n.group is not None})
    group_colour = {g: colour(i) for i, g in enumerate(groups)}
    edge_kinds = sorted({e.kind for e in edges})
    dash = {k: DASHES[i % len(DASHES)] for i, k in enumerate(edge_kinds)}
    legend_w = 190.0
    plot_w = width - legend_w - 20
    margin = 36.0
    r = 9.0 if len(nodes) <= 40 else 6.0
    positions = layout(nodes, edges, seed)
    # one scale for both axes (no stretching); the drawing is as tall as the network
    # needs, and never shorter than the legend
    xs = [px for px, _py in positions] or [0.5]
    ys = [py for _px, py in positions] or [0.5]
    extent_x = max(max(xs) - min(xs), 0.05)
    extent_y = max(max(ys) - min(ys), 0.05)
    side = 70.0  # room for the labels written under the outermost nodes
    scale = min((plot_w - 2 * side) / extent_x, (height - 2 * margin) / extent_y)
    legend, legend_height = _legend(
        nodes,
        edge_kinds,
        dash,
        groups,
        group_colour,
        kind_labels,
        edge_labels,
        group_labels,
        width - legend_w,
        _,
    )
    height = max(extent_y * scale + 2 * margin, legend_height)
    x0 = (plot_w - extent_x * scale) / 2 - min(xs) * scale
    y0 = (height - extent_y * scale) / 2 - min(ys) * scale
    where = {
        node.id: (x0 + px * scale, y0 + py * scale)
        for node, (px, py) in zip(nodes, positions, strict=True)
    }
    parts: list[str] = []
    for edge in edges:
        (x1, y1), (x2, y2) = where[edge.source], where[edge.target]
        pattern = f' stroke-dasharray="{dash[edge.kind]}"' if dash[edge.kind] else ""
        stroke = 1 + min(3.0, math.log1p(max(edge.weight, 0)))
        parts.append(
            f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{MUTED}" '
            f'stroke-width="{stroke:.1f}"{pattern}>'
            f"<title>{esc(edge_labels.get(edge.kind, edge.kind))}</title></line>"
        )
    for node in nodes:
        x, y = where[node.id]
        fill = group_colour.get(node.group, NEUTRAL) if node.group else NEUTRAL
        if node.role == "leader":
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r + 4:.1f}" fill="none" '
                f'stroke="{INK}" stroke-width="2"/>'
            )
        label = shorten(node.label, 10, 110)
        parts.append(
            f'<g class="node"><title>{esc(node.label)}</title>'
            f"{_shape(node.kind, x, y, r, fill)}"
            f'<text x="{x:.1f}" y="{y + r + 12:.1f}" font-size="10" fill="{INK}" '
            f'text-anchor="middle">{esc(label)}</text></g>'
        )
    parts.append(legend)
    ident = chart_id("links", title, tuple(nodes), tuple(edges), seed)
    return open_svg(width, height, title, description, ident) + "".join(parts) + "</svg>"


def _legend(
    nodes: Sequence[Node],
    edge_kinds: Sequence[str],
    dash: Mapping[str, str],
    groups: Sequence[str],
    group_colour: Mapping[str, str],
    kind_labels: Mapping[str, str],
    edge_labels: Mapping[str, str],
    group_labels: Mapping[str, str],
    x: float,
    _: Gettext,
) -> tuple[str, float]:
    """The legend's SVG and how far down it reaches."""
    room = 150.0
    y = 16.0
    parts: list[str] = []

    def heading(text: str) -> None:
        nonlocal y
        parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="11" font-weight="bold" '
            f'fill="{INK}">{esc(text)}</text>'
        )
        y += 16

    def entry(symbol: str, text: str) -> None:
        nonlocal y
        parts.append(
            symbol + f'<text x="{x + 24:.1f}" y="{y + 4:.1f}" font-size="10" '
            f'fill="{INK}">{esc(shorten(text, 10, room))}</text>'
        )
        y += 18

    kinds = sorted({n.kind for n in nodes})
    heading(_("Entities"))
    for kind in kinds:
        entry(_shape(kind, x + 9, y, 6, "#ffffff"), kind_labels.get(kind, kind))
    if any(n.role == "leader" for n in nodes):
        entry(
            f'<circle cx="{x + 9:.1f}" cy="{y:.1f}" r="6" fill="#ffffff" stroke="{INK}"/>'
            f'<circle cx="{x + 9:.1f}" cy="{y:.1f}" r="9" fill="none" stroke="{INK}" '
            'stroke-width="2"/>',
            _("Leader"),
        )
    if groups:
        y += 6
        heading(_("Groups"))
        for group in groups:
            entry(
                f'<rect x="{x + 3:.1f}" y="{y - 6:.1f}" width="12" height="12" '
                f'fill="{group_colour[group]}"/>',
                group_labels.get(group, group),
            )
    if edge_kinds:
        y += 6
        heading(_("Links"))
        for kind in edge_kinds:
            pattern = f' stroke-dasharray="{dash[kind]}"' if dash[kind] else ""
            entry(
                f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + 20:.1f}" y2="{y:.1f}" '
                f'stroke="{MUTED}" stroke-width="2"{pattern}/>',
                edge_labels.get(kind, kind),
            )
    return "".join(parts), y + 8

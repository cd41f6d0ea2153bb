"""The questions an investigator asks of the link graph, answered with their evidence.

How is A connected to B (the shortest chains, each step sourced), what lies within k
hops of an entity, and everything tied to one phone or passport. Answers run on the
full link graph (identifiers, addresses, events and cases as nodes), so "both used this
phone" and "both were named in case X" are steps of a path like any other.

A user names an entity however they know it: an entity id (P-…, PH-…), a record as
`AGENCY:RECORD_ID`, or an identifier as written (a phone in any format, an e-mail, a
document number); `find_node` turns each into a node of the graph.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import igraph as ig

from turquesa.analysis.dataset import Dataset
from turquesa.analysis.graph import Edge, LinkGraph, Node, identifier_node_id
from turquesa.errors import InvalidValue, TurquesaError

#: Case and event nodes with more members than this are not walked through when looking
#: for paths: "both were among the 300 persons of one operation" says nothing.
MAX_HUB_DEGREE = 60


class NotFound(TurquesaError):
    """The entity a user named is not in the scope's graph."""

    exit_code = 1


@dataclass
class Step:
    source: str
    target: str
    kinds: dict[str, int]
    evidence: list[str]  # AGENCY:RECORD_ID of each record behind the step
    first: str | None
    last: str | None


@dataclass
class Path:
    nodes: list[str]
    steps: list[Step] = field(default_factory=list)

    @property
    def length(self) -> int:
        return len(self.steps)


def _step(edge: Edge, source: str, target: str) -> Step:
    return Step(
        source=source,
        target=target,
        kinds=dict(edge.kinds),
        evidence=sorted({e.source for e in edge.evidence}),
        first=edge.first,
        last=edge.last,
    )


def find_node(
    graph: LinkGraph,
    dataset: Dataset,
    name: str,
    normalisers: dict[str, Callable[[str], str | None]] | None = None,
) -> str:
    """The graph node a user means by `name` (entity id, record, or identifier value)."""
    if name in graph.nodes:
        return name
    if ":" in name:
        agency, record_id = name.split(":", 1)
        entity = dataset.entity_of(agency, record_id)
        if entity and entity in graph.nodes:
            return entity
    for kind, normalise in (normalisers or default_normalisers(dataset)).items():
        value = normalise(name)
        if value:
            node = identifier_node_id(kind, value)
            if node in graph.nodes:
                return node
    wanted = name.strip().casefold()
    for node in graph.nodes.values():
        if node.label and node.label.casefold() == wanted and node.kind != "person":
            return node.id
    raise NotFound(f"{name!r} is not in the graph of this scope")


def default_normalisers(dataset: Dataset) -> dict[str, Callable[[str], str | None]]:
    """Normalisers of what a user may type, keyed by identifier kind: the same cleaning
    ingest applied, so '+57 310 675 9681' finds the phone stored as '+573106759681'."""
    from turquesa.normalise.contacts import parse_email
    from turquesa.normalise.documents import normalise_number
    from turquesa.normalise.phones import parse_phone

    regions = sorted(set(dataset.agencies.values()))
    known = {(i.kind, i.value) for i in dataset.identifiers}

    def phone(text: str) -> str | None:
        for region in [None, *regions]:
            try:
                found = parse_phone(text, region)
            except InvalidValue:
                return None
            if found.e164 and ("phone", found.e164) in known:
                return found.e164
        return None

    def email(text: str) -> str | None:
        try:
            return parse_email(text).address if "@" in text else None
        except ValueError:
            return None

    def document(kind: str) -> Callable[[str], str | None]:
        def number(text: str) -> str | None:
            value = normalise_number(text)
            return value if (kind, value) in known else None

        return number

    found: dict[str, Callable[[str], str | None]] = {"phone": phone, "email": email}
    for kind in ("passport", "national_id", "residence_permit", "driving_licence", "other"):
        found[kind] = document(kind)
    found["vehicle_plate"] = document("vehicle_plate")
    found["bank_account"] = document("bank_account")
    return found


def _walkable(graph: LinkGraph, g: ig.Graph, keep: set[int]) -> ig.Graph:
    """The graph without hub cases and events (the two ends are always kept)."""
    names = g.vs["name"]
    hubs = [
        v
        for v in range(g.vcount())
        if v not in keep
        and graph.nodes[names[v]].kind in ("case", "event")
        and g.degree(v) > MAX_HUB_DEGREE
    ]
    if not hubs:
        return g
    sub = g.copy()
    sub.delete_vertices(hubs)
    return sub


def paths_between(graph: LinkGraph, a: str, b: str, k: int = 1) -> list[Path]:
    """Up to `k` shortest chains from `a` to `b` (fewest steps first), with evidence."""
    g = graph.igraph()
    index = {n: i for i, n in enumerate(g.vs["name"])}
    if a not in index or b not in index:
        missing = a if a not in index else b
        raise NotFound(f"{missing!r} is not in the graph of this scope")
    walk = _walkable(graph, g, {index[a], index[b]})
    names = walk.vs["name"]
    at = {n: i for i, n in enumerate(names)}
    found = walk.get_k_shortest_paths(at[a], to=at[b], k=k, mode="all", output="vpath")
    paths = []
    for vertices in found:
        if not vertices:
            continue
        nodes = [names[v] for v in vertices]
        path = Path(nodes)
        for source, target in itertools.pairwise(nodes):
            edge = graph.edge(source, target)
            if edge is not None:
                path.steps.append(_step(edge, source, target))
        paths.append(path)
    return paths


@dataclass
class Neighbourhood:
    centre: str
    hops: int
    nodes: list[Node]
    edges: list[Step]
    distance: dict[str, int]


def neighbourhood(graph: LinkGraph, centre: str, hops: int = 1) -> Neighbourhood:
    """Every node within `hops` steps of `centre`, and the edges among them."""
    if centre not in graph.nodes:
        raise NotFound(f"{centre!r} is not in the graph of this scope")
    adjacency: dict[str, list[str]] = {}
    for a, b in graph.edges:
        adjacency.setdefault(a, []).append(b)
        adjacency.setdefault(b, []).append(a)
    distance = {centre: 0}
    frontier = [centre]
    for hop in range(1, hops + 1):
        following = []
        for node in frontier:
            for other in adjacency.get(node, ()):
                if other not in distance:
                    distance[other] = hop
                    following.append(other)
        frontier = following
    inside = set(distance)
    edges = [
        _step(edge, a, b)
        for (a, b), edge in sorted(graph.edges.items())
        if a in inside and b in inside
    ]
    nodes = sorted((graph.nodes[n] for n in inside), key=lambda n: (distance[n.id], n.id))
    return Neighbourhood(centre, hops, nodes, edges, distance)

"""The link graph as it may leave Turquesa: flat, sourced, and safe for victims.

Why a separate view: Gephi, i2 Analyst's Notebook and any GraphML reader get a copy of
the graph that Turquesa no longer controls, so everything that protects a victim has to
be settled before any writer runs, once, for every format. A person who has *any*
victim record is shown under a pseudonym, never a name, even where another record (a
victim who later recruits) carries one; identifiers that a victim's record lists
(phone, passport, account...) are shown under a pseudonym too, since a phone number
names a person as surely as a name does. Kinds, roles, agencies and countries stay:
victims appear as categories, not as people.

The writers (`turquesa.export.graph_formats`) only format what this view holds.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from turquesa.analysis.dataset import Dataset
from turquesa.analysis.graph import Edge, LinkGraph, Node, identifier_node_id
from turquesa.export.privacy import PROTECTED_ROLES

Translate = Callable[[str], str]

PERSON_KINDS = frozenset({"person"})
#: Nodes that may tie two members of a group without being one: the phone they share,
#: the case that names them, the event they took part in.
CONNECTOR_KINDS = frozenset(
    {
        "phone",
        "email",
        "account",
        "document",
        "vehicle",
        "bank_account",
        "identifier",
        "address",
        "event",
        "case",
        "organization",
    }
)

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
#: Characters XML 1.0 cannot carry: dropped from labels so that every format shows the
#: same text (a pasted control character would otherwise make a file unreadable).
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _identity(text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class ExportNode:
    id: str
    kind: str
    label: str
    group_id: str | None
    brokers_for: tuple[str, ...]  # the groups an independent broker deals with
    agencies: tuple[str, ...]
    countries: tuple[str, ...]
    roles: tuple[tuple[str, int], ...]
    protected: bool

    @property
    def roles_text(self) -> str:
        return ";".join(f"{role}:{n}" for role, n in self.roles)


@dataclass(frozen=True, slots=True)
class ExportEdge:
    source: str
    target: str
    kind: str  # the strongest kind of tie, for display
    kinds: tuple[tuple[str, int], ...]
    weight: float
    first: str | None
    last: str | None
    agencies: tuple[str, ...]
    evidence: tuple[str, ...]  # AGENCY:RECORD_ID

    @property
    def kinds_text(self) -> str:
        return ";".join(f"{kind}:{n}" for kind, n in self.kinds)


@dataclass(frozen=True)
class GraphView:
    nodes: tuple[ExportNode, ...]
    edges: tuple[ExportEdge, ...]
    title: str = "Turquesa link graph"


def pseudonym(node_id: str) -> str:
    """A stable stand-in for a protected node, the same in every export of this data."""
    return "V-" + hashlib.sha256(node_id.encode("utf-8")).hexdigest()[:8].upper()


def day_range(value: str | None) -> tuple[str, str] | None:
    """The first and last day a possibly partial ISO date covers ("2023" is the whole
    year), for formats that take only full dates; None when it is not a date."""
    if not value:
        return None
    match = _DATE.match(value.strip())
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    if month is None:
        return f"{year}-01-01", f"{year}-12-31"
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-{month}-{day}", f"{year}-{month}-{day}"


def protected_nodes(graph: LinkGraph, dataset: Dataset) -> set[str]:
    """Persons with any victim record, and the identifiers a victim's record lists or a
    protected person holds."""
    people = {
        node.id
        for node in graph.nodes.values()
        if any(node.roles.get(role) for role in PROTECTED_ROLES)
    }
    people |= {
        p.entity_id
        for p in dataset.persons.values()
        if p.role in PROTECTED_ROLES and p.entity_id in graph.nodes
    }
    identifiers: set[str] = set()
    for ident in dataset.identifiers:
        owner = dataset.persons.get((ident.agency, ident.owner_record_id))
        if owner is not None and (owner.role in PROTECTED_ROLES or owner.entity_id in people):
            identifiers.add(identifier_node_id(ident.kind, ident.value))
    return people | (identifiers & set(graph.nodes))


def restrict_to_group(graph: LinkGraph, members: Iterable[str]) -> LinkGraph:
    """One group's members and what ties them: their direct ties, and the phones, cases,
    events, addresses and organizations that two or more of them share. Anything that
    touches only one member, or persons outside the group, is left out."""
    keep = {m for m in members if m in graph.nodes}
    touching: dict[str, set[str]] = {}
    for a, b in graph.edges:
        for member, other in ((a, b), (b, a)):
            if member in keep and other not in keep:
                touching.setdefault(other, set()).add(member)
    connectors = {
        node_id
        for node_id, around in touching.items()
        if len(around) >= 2 and graph.nodes[node_id].kind in CONNECTOR_KINDS
    }
    chosen = keep | connectors
    sub = LinkGraph()
    sub.nodes = {n: graph.nodes[n] for n in sorted(chosen)}
    sub.edges = {
        key: edge
        for key, edge in sorted(graph.edges.items())
        if key[0] in chosen and key[1] in chosen and (key[0] in keep or key[1] in keep)
    }
    return sub


def _label(node: Node, protected: bool, _: Translate) -> str:
    if protected:
        return pseudonym(node.id)
    if node.label and _UNWRITABLE.sub("", node.label).strip():
        return _UNWRITABLE.sub("", node.label)
    if node.kind == "address":
        return _("Address") + " " + node.id[-6:]
    return node.id


def _node(
    node: Node,
    protected: bool,
    group_of: Mapping[str, str],
    brokers: Mapping[str, tuple[str, ...]],
    _: Translate,
) -> ExportNode:
    return ExportNode(
        id=node.id,
        kind=node.kind,
        label=_label(node, protected, _),
        group_id=group_of.get(node.id),
        brokers_for=tuple(brokers.get(node.id, ())),
        agencies=tuple(sorted(node.agencies)),
        countries=tuple(sorted(node.countries)),
        roles=tuple(sorted(node.roles.items(), key=lambda kv: (-kv[1], kv[0]))),
        protected=protected,
    )


def _edge(edge: Edge) -> ExportEdge:
    sources = sorted({e.source for e in edge.evidence})
    return ExportEdge(
        source=edge.source,
        target=edge.target,
        kind=edge.kind,
        kinds=tuple(sorted(edge.kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        weight=round(edge.weight, 6),
        first=edge.first,
        last=edge.last,
        agencies=tuple(sorted(edge.agencies)),
        evidence=tuple(sources),
    )


def graph_view(
    graph: LinkGraph,
    dataset: Dataset,
    group_of: Mapping[str, str] | None = None,
    brokers: Mapping[str, tuple[str, ...]] | None = None,
    _: Translate = _identity,
    title: str | None = None,
) -> GraphView:
    """The export copy of `graph`: nodes in id order with their group, edges in
    (source, target) order with their evidence, victims protected."""
    protected = protected_nodes(graph, dataset)
    nodes = tuple(
        _node(graph.nodes[n], n in protected, group_of or {}, brokers or {}, _)
        for n in sorted(graph.nodes)
    )
    edges = tuple(_edge(graph.edges[key]) for key in sorted(graph.edges))
    return GraphView(nodes, edges, title or _("Turquesa link graph"))

"""The link graph of resolved entities, with the evidence behind every edge.

Why two views of one set of facts:

* The **link graph** is what an investigator charts: persons and organizations, the
  phones, documents, accounts, vehicles and addresses they hold, the events they took
  part in and the cases that name them. Events and cases are nodes, not cliques, so an
  interception of forty migrants costs forty edges, and a path from A to B reads as the
  evidence it is ("A — case X — B", "A — phone — B").
* The **perpetrators' graph** is what groups are found in: persons tied person to person,
  and only through records in which *both* stand as suspect or facilitator. A victim or
  migrant record never makes anyone a member of a group: a victim who later recruits is
  tied through the later record only.

Every edge keeps its kinds, first and last dates, a weight, the agencies that reported
it and the records that say so (agency, record id), so each answer can be sourced.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

import igraph as ig

from turquesa.analysis.dataset import Dataset, PersonRecord, RecordKey, record_name
from turquesa.resolve.identities import identifier_entity_id

#: How much one piece of evidence ties two perpetrators, by kind. Direct relations and
#: shared identifiers are strong; being named in one case or one event is weaker, and is
#: further divided in large cases (a hundred co-defendants are not one clique).
TIE_WEIGHT: dict[str, float] = {
    "member_of": 1.0,
    "controls": 1.0,
    # what an analyst writes when the nature of a tie is not known: weak evidence of
    # membership (groups' members "associate" with those of groups they work with)
    "associate": 0.5,
    "family": 1.0,
    "partner": 1.0,
    "employer": 0.8,
    "recruited": 0.8,
    "paid": 0.8,
    "communicated": 0.8,
    "owns": 0.8,
    "smuggled": 0.6,
    "exploited": 0.6,
    "other": 0.5,
    "co_member": 1.0,  # named members of one organization
    # co-defendants, times the Jaccard index of their cases: joint cases against two
    # groups are common, so standing trial together says less than working together
    "co_case": 0.5,
    "co_event": 0.6,
    # organised legs of the same persons' journeys, times the Jaccard index of the persons
    # they moved: the relay of one smuggling organisation, its strongest operational sign
    "co_facilitation": 4.0,
    "phone": 1.0,
    "email": 1.0,
    "handle": 1.0,
    "bank_account": 1.0,
    "iban": 1.0,
    "vehicle_plate": 0.8,
    "address": 0.6,
    "passport": 0.6,  # a document two entities share is mostly a resolution left undone
    "national_id": 0.6,
    "residence_permit": 0.6,
    "driving_licence": 0.6,
    "other_document": 0.6,
}

#: An identifier or address held by more entities than this is a hub (a bus company's
#: phone, a shelter's address): it ties no one to anyone in particular.
MAX_SHARED_HOLDERS = 12
#: Co-defendant ties are divided beyond this many perpetrators in one case or event.
FULL_TIE_UP_TO = 8

IDENTIFIER_NODE_KIND = {
    "phone": "phone",
    "email": "email",
    "handle": "account",
    "passport": "document",
    "national_id": "document",
    "residence_permit": "document",
    "driving_licence": "document",
    "other": "document",
    "vehicle_plate": "vehicle",
    "bank_account": "bank_account",
    "iban": "bank_account",
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One record that supports an edge."""

    kind: str
    agency: str
    record_id: str
    date: str | None = None

    @property
    def source(self) -> str:
        return record_name(self.agency, self.record_id)


@dataclass(slots=True)
class Node:
    id: str
    kind: str  # person, organization, phone, email, account, document, vehicle, ...
    label: str | None = None
    agencies: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    roles: Counter[str] = field(default_factory=Counter)
    perpetrator_roles: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class Edge:
    source: str
    target: str
    kinds: Counter[str] = field(default_factory=Counter)
    weight: float = 0.0
    agencies: set[str] = field(default_factory=set)
    first: str | None = None
    last: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def add(self, evidence: Evidence, weight: float) -> None:
        self.kinds[evidence.kind] += 1
        self.weight += weight
        self.agencies.add(evidence.agency)
        self.evidence.append(evidence)
        if evidence.date:
            self.first = min(self.first or evidence.date, evidence.date)
            self.last = max(self.last or evidence.date, evidence.date)

    @property
    def kind(self) -> str:
        """The strongest kind of tie, for display."""
        return max(self.kinds.items(), key=lambda kv: (TIE_WEIGHT.get(kv[0], 0.5), kv[1]))[0]


@dataclass
class LinkGraph:
    """Nodes and edges keyed by node id; `igraph()` hands them to the engine."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str], Edge] = field(default_factory=dict)

    def node(self, node_id: str, kind: str) -> Node:
        found = self.nodes.get(node_id)
        if found is None:
            found = self.nodes[node_id] = Node(node_id, kind)
        return found

    def tie(self, a: str, b: str, evidence: Evidence, weight: float | None = None) -> None:
        if a == b:
            return
        key = (a, b) if a < b else (b, a)
        edge = self.edges.get(key)
        if edge is None:
            edge = self.edges[key] = Edge(*key)
        edge.add(evidence, TIE_WEIGHT.get(evidence.kind, 0.5) if weight is None else weight)

    def edge(self, a: str, b: str) -> Edge | None:
        return self.edges.get((a, b) if a < b else (b, a))

    def igraph(self) -> ig.Graph:
        """An undirected igraph with vertex attribute `name` and edge attribute `weight`,
        vertices in sorted id order so that every run builds the same graph."""
        names = sorted(self.nodes)
        index = {n: i for i, n in enumerate(names)}
        keys = sorted(self.edges)
        graph = ig.Graph(n=len(names), edges=[(index[a], index[b]) for a, b in keys])
        graph.vs["name"] = names
        graph.vs["kind"] = [self.nodes[n].kind for n in names]
        graph.es["weight"] = [self.edges[k].weight for k in keys]
        return graph


def _person_node(graph: LinkGraph, dataset: Dataset, person: PersonRecord) -> Node:
    node = graph.node(person.entity_id, "person")
    node.agencies.add(person.agency)
    country = dataset.agency_country(person.agency)
    if country:
        node.countries.add(country)
    node.roles[person.role] += 1
    if person.is_perpetrator:
        node.perpetrator_roles.update(person.perpetrator_roles)
    # victims appear as counts and categories, never by name, in everything analysis
    # produces: a person with any victim record is shown by entity id alone, even where
    # a later record names them as a suspect
    if person.role == "victim":
        node.label = None
    elif person.label and not node.label and not node.roles["victim"]:
        node.label = person.label
    return node


def _hide_victims(graph: LinkGraph, dataset: Dataset) -> None:
    """No name on any entity that has a victim record, whichever records built it."""
    for person in dataset.persons.values():
        if person.role == "victim" and person.entity_id in graph.nodes:
            graph.nodes[person.entity_id].label = None


def _entity(dataset: Dataset, agency: str, record_id: str | None) -> str | None:
    return dataset.entity_of(agency, record_id) if record_id else None


def identifier_node_id(kind: str, value: str) -> str:
    return identifier_entity_id(kind, value)


def address_node_id(address_key: str) -> str:
    return "AD-" + hashlib.sha1(address_key.encode("utf-8")).hexdigest()[:16]


def case_node_id(agency: str, case_id: str) -> str:
    return f"CASE:{agency}:{case_id}"


def event_node_id(agency: str, record_id: str) -> str:
    return f"EVENT:{agency}:{record_id}"


def build_link_graph(dataset: Dataset) -> LinkGraph:
    """Everything an investigator charts, victims and migrants included."""
    graph = LinkGraph()
    for person in dataset.persons.values():
        _person_node(graph, dataset, person)
    for org in dataset.organizations.values():
        node = graph.node(org.entity_id, "organization")
        node.label = node.label or org.name
        node.agencies.add(org.agency)
        if org.country:
            node.countries.add(org.country)
    for case in dataset.cases.values():
        node = graph.node(case_node_id(case.agency, case.case_id), "case")
        node.label = case.title or case.case_id
        node.agencies.add(case.agency)
    for (agency, rid), person in dataset.persons.items():
        if person.case_id and (agency, person.case_id) in dataset.cases:
            graph.tie(
                person.entity_id,
                case_node_id(agency, person.case_id),
                Evidence("named_in_case", agency, rid, person.date),
                weight=1.0,
            )
        if person.address_key:
            address = address_node_id(person.address_key)
            graph.node(address, "address").agencies.add(agency)
            graph.tie(person.entity_id, address, Evidence("address", agency, rid), 1.0)
    for ident in dataset.identifiers:
        owner = _entity(dataset, ident.agency, ident.owner_record_id)
        if owner is None:
            continue
        node_id = identifier_node_id(ident.kind, ident.value)
        node = graph.node(node_id, IDENTIFIER_NODE_KIND.get(ident.kind, "identifier"))
        node.label = node.label or ident.value
        node.agencies.add(ident.agency)
        graph.tie(owner, node_id, Evidence(ident.kind, ident.agency, ident.owner_record_id), 1.0)
    for link in dataset.links:
        a = _entity(dataset, link.agency, link.from_record_id)
        b = _entity(dataset, link.agency, link.to_record_id)
        if a and b:
            graph.tie(a, b, Evidence(link.relation, link.agency, link.record_id, link.start))
    for event in dataset.events:
        node_id = event_node_id(event.agency, event.record_id)
        node = graph.node(node_id, "event")
        node.label = event.event_type
        node.agencies.add(event.agency)
        if event.country:
            node.countries.add(event.country)
        for rid in event.persons:
            who = _entity(dataset, event.agency, rid)
            if who:
                graph.tie(
                    who,
                    node_id,
                    Evidence("took_part", event.agency, event.record_id, event.date),
                    1.0,
                )
    for move in dataset.movements:
        helper = _entity(dataset, move.agency, move.facilitator)
        if helper is None:
            continue
        for rid in move.persons:
            who = _entity(dataset, move.agency, rid)
            if who:
                graph.tie(
                    helper,
                    who,
                    Evidence("facilitated", move.agency, move.record_id, move.departure),
                    0.6,
                )
    _hide_victims(graph, dataset)
    return graph


# --- the perpetrators' graph ---------------------------------------------------------


def _perpetrator(dataset: Dataset, agency: str, record_id: str | None) -> str | None:
    """The entity of a record that stands as suspect or facilitator, else None."""
    if not record_id:
        return None
    person = dataset.persons.get((agency, record_id))
    if person is not None and person.is_perpetrator:
        return person.entity_id
    return None


def _clique(
    graph: LinkGraph, members: Iterable[str], evidence: Evidence, base: float | None = None
) -> None:
    people = sorted(set(members))
    if len(people) < 2:
        return
    weight = TIE_WEIGHT.get(evidence.kind, 0.5) if base is None else base
    weight *= min(1.0, (FULL_TIE_UP_TO - 1) / (len(people) - 1))
    for a, b in combinations(people, 2):
        graph.tie(a, b, evidence, weight)


def build_perpetrator_graph(dataset: Dataset) -> LinkGraph:
    """Person-to-person ties between suspects and facilitators, through perpetrator
    records only; the graph that groups, key players and brokers are found in."""
    graph = LinkGraph()
    for person in dataset.persons.values():
        if person.is_perpetrator:
            _person_node(graph, dataset, person)
    _co_defendants(graph, dataset)
    # relations between two perpetrator records
    org_members: dict[str, set[str]] = defaultdict(set)
    org_evidence: dict[str, Evidence] = {}
    for link in dataset.links:
        a = _perpetrator(dataset, link.agency, link.from_record_id)
        b = _perpetrator(dataset, link.agency, link.to_record_id)
        if a and b:
            graph.tie(a, b, Evidence(link.relation, link.agency, link.record_id, link.start))
        elif link.relation in ("member_of", "controls", "owns"):
            # membership of an organization ties its members to each other
            org = dataset.organizations.get((link.agency, link.to_record_id))
            member = a or b
            if org is not None and member is not None and org.org_type == "criminal_group":
                # the organization as this agency recorded it: organizations are
                # resolved on their name alone, and two agencies' "Los Flacos" may be
                # two gangs
                org_key = record_name(org.agency, org.record_id)
                org_members[org_key].add(member)
                org_evidence.setdefault(
                    org_key, Evidence("co_member", link.agency, org.record_id, link.start)
                )
    for org_id, members in sorted(org_members.items()):
        _clique(graph, members, org_evidence[org_id])
    # identifiers and addresses held by several perpetrators
    holders: dict[tuple[str, str], dict[str, RecordKey]] = defaultdict(dict)
    for ident in dataset.identifiers:
        who = _perpetrator(dataset, ident.agency, ident.owner_record_id)
        if who:
            kind = ident.kind if ident.kind in TIE_WEIGHT else "other_document"
            holders[(kind, ident.value)].setdefault(who, (ident.agency, ident.owner_record_id))
    for person in dataset.persons.values():
        if person.is_perpetrator and person.address_key:
            holders[("address", person.address_key)].setdefault(person.entity_id, person.key)
    for (kind, _value), owners in sorted(holders.items()):
        if not 2 <= len(owners) <= MAX_SHARED_HOLDERS:
            continue
        for a, b in combinations(sorted(owners), 2):
            agency, rid = owners[b]
            graph.tie(a, b, Evidence(kind, agency, rid))
    # events in which several perpetrators took part
    for event in dataset.events:
        people = {_perpetrator(dataset, event.agency, rid) for rid in event.persons} - {None}
        _clique(graph, people, Evidence("co_event", event.agency, event.record_id, event.date))  # type: ignore[arg-type]
    _co_facilitation(graph, dataset)
    _hide_victims(graph, dataset)
    return graph


def _co_defendants(graph: LinkGraph, dataset: Dataset) -> None:
    """Perpetrators named in one case, tied by the share of their cases they have in
    common (Jaccard): members of one group stand trial together again and again, while
    two groups in one joint case share that case and little else. A plain count would
    let every joint operation merge two groups."""
    per_case: dict[tuple[str, str], set[str]] = defaultdict(set)
    for person in dataset.persons.values():
        if person.is_perpetrator and person.case_id:
            per_case[(person.agency, person.case_id)].add(person.entity_id)
    cases_of: Counter[str] = Counter()
    for people in per_case.values():
        cases_of.update(people)
    for (agency, case_id), people in sorted(per_case.items()):
        case = dataset.cases.get((agency, case_id))
        evidence = Evidence("co_case", agency, case_id, case.opened if case else None)
        for a, b in combinations(sorted(people), 2):
            graph.tie(a, b, evidence, 0.0)
    for (a, b), edge in graph.edges.items():
        shared = edge.kinds.get("co_case", 0)
        if shared:
            edge.weight += TIE_WEIGHT["co_case"] * shared / (cases_of[a] + cases_of[b] - shared)


def _co_facilitation(graph: LinkGraph, dataset: Dataset) -> None:
    """Facilitators who organised legs for the same persons: the relay of one route.
    Tied by the Jaccard index of the persons they moved, since groups also hand migrants
    over to each other along a route, a few at a time, while one group's own relay
    moves the same people over and over."""
    helpers_of: dict[str, dict[str, tuple[str, str, str | None]]] = defaultdict(dict)
    moved: dict[str, set[str]] = defaultdict(set)
    for move in dataset.movements:
        helper = _perpetrator(dataset, move.agency, move.facilitator)
        if helper is None:
            continue
        for rid in move.persons:
            who = dataset.entity_of(move.agency, rid)
            if who:
                helpers_of[who].setdefault(helper, (move.agency, move.record_id, move.departure))
                moved[helper].add(who)
    shared: Counter[tuple[str, str]] = Counter()
    for helpers in helpers_of.values():
        if not 2 <= len(helpers) <= MAX_SHARED_HOLDERS:
            continue
        for a, b in combinations(sorted(helpers), 2):
            agency, rid, date = helpers[b]
            graph.tie(a, b, Evidence("co_facilitation", agency, rid, date), 0.0)
            shared[(a, b)] += 1
    for (a, b), n in shared.items():
        edge = graph.edge(a, b)
        if edge is not None:
            union = len(moved[a]) + len(moved[b]) - n
            edge.weight += TIE_WEIGHT["co_facilitation"] * n / union

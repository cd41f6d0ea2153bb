"""Criminal groups: communities of the perpetrators' graph, with stable ids and profiles.

Why Leiden with a Constant Potts Model whose nodes weigh their strength: Leiden
guarantees connected communities (Louvain does not), and igraph's own implementation is
fast enough for a national data set. Modularity has a resolution limit: it merges two
communities A and B when the ties between them exceed γ·K_A·K_B / 2m, and 2m (the whole
graph's weight) grows with the data, so at igraph's default γ = 1 small groups merge and
the right γ grows with the data set (2 was best at 2,000 synthetic persons, above 16 at
20,000). Plain CPM (penalty γ·n_A·n_B) has no such limit but ignores how strongly each
person is tied, so a gang's thinly recorded cell of couriers splits off. CPM with node
weights = strength asks for ties above γ·K_A·K_B: local like CPM, degree-aware like
modularity. `RESOLUTION` = 0.0015 and the tie weights of `graph.TIE_WEIGHT` were chosen
together on three synthetic data sets (2,000, 5,000 and 20,000 persons; adjusted Rand
index 0.898, 0.903, 0.921) and checked on two others never used to choose them (20,000
persons of another seed: 0.926; 100,000: 0.915). Plain CPM at its best (0.1) gave
0.798 / 0.892 / 0.874 at 2,000 / 20,000 / 100,000. Then three rules an analyst would apply: a
community held together only by one person whose ties are evenly shared between its
parts is two groups and a broker (`split_at_brokers`); a person whose own community
holds under 40% of their ties while they deal with two other groups or more is an
independent broker (`independent_brokers`); and a perpetrator left outside every group
joins the one holding half their ties (`attach_peripheral`). A community of fewer
than three persons is not reported as a group: the Palermo Convention (art. 2a) defines
an organized criminal group as three or more persons.

Ids stay put: each scope remembers the group each member was given, and a new
community takes the id most of its members had (`resolve.identities.assign_ids`).
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import igraph as ig
from sqlalchemy import Engine, delete, select

from turquesa.analysis.dataset import (
    Dataset,
    LinkRecord,
    MovementRecord,
    PersonRecord,
    record_name,
)
from turquesa.analysis.graph import LinkGraph, build_perpetrator_graph
from turquesa.resolve.identities import assign_ids
from turquesa.storage.tables import analysis_groups

OBJECTIVE = "CPM"
RESOLUTION = 0.0015
MIN_MEMBERS = 3
#: An independent broker's own community holds under this share of their ties (one who
#: serves three groups alike keeps a third in each).
BROKER_INSIDE_SHARE = 0.4
#: A person whose removal splits a community and whose ties are no more than this share
#: in any one part joins the parts as a broker rather than holding one group together.
BROKER_EVEN_SHARE = 0.5
#: A perpetrator outside every group joins the one holding at least this share of their
#: ties.
PERIPHERAL_SHARE = 0.5
SEED = 20261201


def leiden(
    g: ig.Graph, resolution: float = RESOLUTION, seed: int = SEED, objective: str = OBJECTIVE
) -> list[tuple[str, ...]]:
    """Leiden over an igraph with `name` and `weight`; reproducible: the same graph and
    seed give the same communities. With CPM each node weighs its strength (see the
    module's docstring)."""
    if g.vcount() == 0:
        return []
    weighted = g.ecount() > 0
    node_weights = None
    if objective == "CPM" and weighted:
        node_weights = [max(s, 1e-9) for s in g.strength(weights="weight")]
    ig.set_random_number_generator(random.Random(seed))
    try:
        parts = g.community_leiden(
            objective_function=objective,
            weights="weight" if weighted else None,
            resolution=resolution,
            node_weights=node_weights,
            n_iterations=-1,
        )
    finally:
        ig.set_random_number_generator(random)
    names = g.vs["name"]
    found = [tuple(sorted(names[v] for v in part)) for part in parts]
    kept = [members for members in found if len(members) >= MIN_MEMBERS]
    return sorted(kept, key=lambda m: (-len(m), m[0]))


@dataclass
class GroupProfile:
    """What a prosecutor or a network meeting needs to know about one group."""

    group_id: str
    members: tuple[str, ...]
    labels: dict[str, str | None] = field(default_factory=dict)
    roles: Counter[str] = field(default_factory=Counter)  # perpetrator roles of members
    member_roles: dict[str, list[str]] = field(default_factory=dict)
    countries: Counter[str] = field(default_factory=Counter)  # of the agencies' records
    nationalities: Counter[str] = field(default_factory=Counter)
    agencies: Counter[str] = field(default_factory=Counter)
    cases: list[str] = field(default_factory=list)  # AGENCY:CASE_ID
    corridors: Counter[tuple[str, str]] = field(default_factory=Counter)
    victims: int = 0  # distinct resolved persons, counted, never named
    migrants: int = 0
    exploitation: Counter[str] = field(default_factory=Counter)
    brokers: list[str] = field(default_factory=list)  # independent brokers it deals with
    first: str | None = None
    last: str | None = None

    @property
    def size(self) -> int:
        return len(self.members)

    def summary(self) -> dict[str, object]:
        """A flat row for tables and JSON."""
        return {
            "group_id": self.group_id,
            "members": self.size,
            "roles": ";".join(f"{r}:{n}" for r, n in self.roles.most_common()),
            "countries": ";".join(c for c, _ in self.countries.most_common()),
            "agencies": ";".join(a for a, _ in self.agencies.most_common()),
            "cases": len(self.cases),
            "corridors": ";".join(f"{a}>{b}" for (a, b), _ in self.corridors.most_common(5)),
            "victims": self.victims,
            "migrants": self.migrants,
            "first": self.first,
            "last": self.last,
        }

    def document(self) -> dict[str, object]:
        """The summary with each member (id, name, roles) and the cases: what the JSON
        outputs of the command line and the API give."""
        return {
            **self.summary(),
            "members": [
                {"entity_id": m, "label": self.labels.get(m), "roles": self.member_roles.get(m, [])}
                for m in self.members
            ],
            "cases": self.cases,
        }


@dataclass
class GroupResult:
    scope: str
    profiles: list[GroupProfile]
    graph: LinkGraph
    group_of: dict[str, str]  # entity id -> group id
    resolution: float
    brokers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # -> groups served

    def member_records(self, dataset: Dataset) -> list[dict[str, str]]:
        """OUTPUTS.md rows: each suspect or facilitator record of a member, never a victim's
        or a migrant's record of the same person."""
        rows = []
        for (agency, rid), person in sorted(dataset.persons.items()):
            group = self.group_of.get(person.entity_id)
            if group and person.is_perpetrator:
                rows.append(
                    {
                        "agency": agency,
                        "record_id": rid,
                        "entity_id": person.entity_id,
                        "group_id": group,
                    }
                )
        return rows

    def profile(self, group_id: str) -> GroupProfile | None:
        return next((p for p in self.profiles if p.group_id == group_id), None)


def _previous(engine: Engine, scope: str) -> dict[str, str]:
    with engine.connect() as conn:
        query = select(analysis_groups.c.entity_id, analysis_groups.c.group_id).where(
            analysis_groups.c.scope == scope
        )
        return {entity: group for entity, group in conn.execute(query)}


def _remember(engine: Engine, scope: str, group_of: dict[str, str]) -> None:
    from turquesa.storage.store import utcnow

    now = utcnow()
    with engine.begin() as conn:
        conn.execute(delete(analysis_groups).where(analysis_groups.c.scope == scope))
        if group_of:
            conn.execute(
                analysis_groups.insert(),
                [
                    {"scope": scope, "entity_id": e, "group_id": g, "assigned_at": now}
                    for e, g in sorted(group_of.items())
                ],
            )


def find_groups(
    dataset: Dataset,
    engine: Engine | None = None,
    resolution: float = RESOLUTION,
    seed: int = SEED,
    objective: str = OBJECTIVE,
) -> GroupResult:
    """Groups of the dataset's scope. With `engine`, ids are kept from the scope's last
    run and the new assignment is remembered; without, ids come from the members alone
    (the same data always gives the same ids)."""
    graph = build_perpetrator_graph(dataset)
    g = graph.igraph()
    parted, joining = split_at_brokers(
        g, leiden(g, resolution=resolution, seed=seed, objective=objective)
    )
    found, independent = independent_brokers(g, parted)
    outside = independent | joining
    found = attach_peripheral(g, found, outside)
    brokers = groups_served(g, found, outside)
    scope = dataset.scope.name
    previous = _previous(engine, scope) if engine is not None else {}
    ids = assign_ids(found, previous, "G")
    group_of = {member: ids[members] for members in found for member in members}
    if engine is not None:
        _remember(engine, scope, group_of)
    index = _Index.of(dataset)
    profiles = [profile_group(dataset, graph, ids[members], members, index) for members in found]
    dealing_with: dict[str, list[str]] = defaultdict(list)
    for broker, served in sorted(brokers.items()):
        for members in served:
            dealing_with[ids[members]].append(broker)
    for profile in profiles:
        profile.brokers = dealing_with.get(profile.group_id, [])
    return GroupResult(
        scope,
        profiles,
        graph,
        group_of,
        resolution,
        brokers={b: tuple(sorted(ids[c] for c in served)) for b, served in brokers.items()},
    )


def independent_brokers(
    g: ig.Graph, found: list[tuple[str, ...]]
) -> tuple[list[tuple[str, ...]], set[str]]:
    """Take out of the communities the independent brokers: persons who deal with two or
    more other groups and whose ties inside their own community are under
    `BROKER_INSIDE_SHARE` of all their ties. Community detection must put every node
    somewhere; an independent smuggler who serves several groups belongs to none, and
    calling them a member would hand a prosecutor the wrong organisation chart. They
    stay in the graph, and in each group's profile as a broker it deals with."""
    community_of = {m: i for i, members in enumerate(found) for m in members}
    inside: Counter[str] = Counter()
    total: Counter[str] = Counter()
    touches: dict[str, set[int]] = defaultdict(set)
    names: list[str] = g.vs["name"]
    weights = g.es["weight"] if g.ecount() else []
    for (i, j), weight in zip(g.get_edgelist(), weights, strict=True):
        a, b = names[i], names[j]
        ca, cb = community_of.get(a), community_of.get(b)
        total[a] += weight
        total[b] += weight
        if ca is not None and ca == cb:
            inside[a] += weight
            inside[b] += weight
        if cb is not None:
            touches[a].add(cb)
        if ca is not None:
            touches[b].add(ca)
    brokers = {
        node
        for node, own in community_of.items()
        if len(touches[node] - {own}) >= 2 and inside[node] < BROKER_INSIDE_SHARE * total[node]
    }
    remaining = (tuple(m for m in members if m not in brokers) for members in found)
    return [members for members in remaining if len(members) >= MIN_MEMBERS], brokers


def groups_served(
    g: ig.Graph, found: list[tuple[str, ...]], brokers: set[str]
) -> dict[str, list[tuple[str, ...]]]:
    """Each broker and the groups it has ties into."""
    group_of = {m: members for members in found for m in members}
    names: list[str] = g.vs["name"]
    index = {name: i for i, name in enumerate(names)}
    return {
        broker: sorted(
            {group_of[names[n]] for n in g.neighbors(index[broker]) if names[n] in group_of}
        )
        for broker in sorted(brokers)
    }


def split_at_brokers(
    g: ig.Graph, found: list[tuple[str, ...]]
) -> tuple[list[tuple[str, ...]], set[str]]:
    """Split a community that holds together only through one person whose ties are
    evenly shared between its parts: two gangs that pay the same smuggler are two gangs
    and a broker, not one group. A person tied mostly to one part (a cell's leader who
    also answers to the core) keeps the community whole."""
    index = {name: i for i, name in enumerate(g.vs["name"])}
    kept: list[tuple[str, ...]] = []
    joining: set[str] = set()
    for members in found:
        parts = _parts_around_a_broker(g, [index[m] for m in members])
        if parts is None:
            kept.append(members)
            continue
        broker, pieces = parts
        joining.add(broker)
        kept.extend(pieces)
    return kept, joining


def _parts_around_a_broker(
    g: ig.Graph, vertices: list[int]
) -> tuple[str, list[tuple[str, ...]]] | None:
    sub = g.induced_subgraph(vertices)
    names: list[str] = sub.vs["name"]
    for cut in sub.articulation_points():
        rest = sub.copy()
        rest.delete_vertices([cut])
        rest_names: list[str] = rest.vs["name"]
        parts = [tuple(sorted(rest_names[i] for i in c)) for c in rest.connected_components()]
        big = [p for p in parts if len(p) >= MIN_MEMBERS]
        if len(big) < 2:
            continue
        part_of = {name: k for k, part in enumerate(parts) for name in part}
        toward: Counter[int] = Counter()
        for edge in sub.es[sub.incident(cut)]:
            other = edge.target if edge.source == cut else edge.source
            toward[part_of[names[other]]] += edge["weight"]
        if max(toward.values()) <= BROKER_EVEN_SHARE * sum(toward.values()):
            return names[cut], sorted(big)
    return None


def attach_peripheral(
    g: ig.Graph, found: list[tuple[str, ...]], brokers: set[str]
) -> list[tuple[str, ...]]:
    """A perpetrator left outside every group (alone, or in a pair too small to be one)
    joins the group that holds at least `PERIPHERAL_SHARE` of their ties: a courier seen
    only beside two members of one gang is that gang's courier. Independent brokers
    stay out."""
    community_of = {m: i for i, members in enumerate(found) for m in members}
    names: list[str] = g.vs["name"]
    weights = g.es["weight"] if g.ecount() else []
    total: Counter[str] = Counter()
    toward: dict[str, Counter[int]] = defaultdict(Counter)
    for (i, j), weight in zip(g.get_edgelist(), weights, strict=True):
        a, b = names[i], names[j]
        total[a] += weight
        total[b] += weight
        if b in community_of and a not in community_of:
            toward[a][community_of[b]] += weight
        if a in community_of and b not in community_of:
            toward[b][community_of[a]] += weight
    joining: dict[int, list[str]] = defaultdict(list)
    for name, counts in sorted(toward.items()):
        if name in brokers:
            continue
        best, weight = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))
        if weight >= PERIPHERAL_SHARE * total[name]:
            joining[best].append(name)
    return [tuple(sorted((*members, *joining[i]))) for i, members in enumerate(found)]


def _dates(values: Iterable[str | None]) -> list[str]:
    return [v for v in values if v]


@dataclass
class _Index:
    """What hangs on each record, case and entity, built once for all profiles (a
    national data set has thousands of groups; no profile may scan every record)."""

    records_of: dict[str, list[PersonRecord]] = field(default_factory=lambda: defaultdict(list))
    people_in_case: dict[tuple[str, str], list[PersonRecord]] = field(
        default_factory=lambda: defaultdict(list)
    )
    links_of: dict[tuple[str, str], list[LinkRecord]] = field(
        default_factory=lambda: defaultdict(list)
    )
    moves_of: dict[tuple[str, str], list[MovementRecord]] = field(
        default_factory=lambda: defaultdict(list)
    )
    moves_in_case: dict[tuple[str, str], list[MovementRecord]] = field(
        default_factory=lambda: defaultdict(list)
    )
    event_dates: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def of(cls, dataset: Dataset) -> _Index:
        index = cls()
        for person in dataset.persons.values():
            index.records_of[person.entity_id].append(person)
            if person.case_id:
                index.people_in_case[(person.agency, person.case_id)].append(person)
        for link in dataset.links:
            index.links_of[(link.agency, link.from_record_id)].append(link)
            index.links_of[(link.agency, link.to_record_id)].append(link)
        for move in dataset.movements:
            if move.facilitator:
                index.moves_of[(move.agency, move.facilitator)].append(move)
            if move.case_id:
                index.moves_in_case[(move.agency, move.case_id)].append(move)
        for event in dataset.events:
            if event.case_id and event.date:
                index.event_dates[(event.agency, event.case_id)].append(event.date)
        return index


def profile_group(
    dataset: Dataset,
    graph: LinkGraph,
    group_id: str,
    members: tuple[str, ...],
    index: _Index | None = None,
) -> GroupProfile:
    """Roles, places, agencies, cases, corridors, victims and dates of one group, all
    from its members' perpetrator records and what hangs on them."""
    index = index or _Index.of(dataset)
    profile = GroupProfile(group_id, members)
    perpetrator_records = [
        p for member in members for p in index.records_of.get(member, ()) if p.is_perpetrator
    ]
    roles_of: dict[str, Counter[str]] = defaultdict(Counter)
    cases: set[tuple[str, str]] = set()
    dates: list[str] = []
    for person in perpetrator_records:
        roles_of[person.entity_id].update(person.perpetrator_roles or (person.role,))
        profile.agencies[person.agency] += 1
        country = dataset.agency_country(person.agency)
        if country:
            profile.countries[country] += 1
        profile.nationalities.update(person.nationality)
        if person.case_id:
            cases.add((person.agency, person.case_id))
    for member in members:
        node = graph.nodes.get(member)
        profile.labels[member] = node.label if node else None
        profile.member_roles[member] = [r for r, _ in roles_of[member].most_common()]
        profile.roles.update(set(roles_of[member]))
    profile.cases = sorted(record_name(a, c) for a, c in cases)
    victims: set[str] = set()
    migrants: set[str] = set()

    def count(person: PersonRecord | None) -> None:
        if person is None:
            return
        if person.role == "victim":
            if person.entity_id not in victims:
                profile.exploitation.update(person.exploitation_types)
            victims.add(person.entity_id)
        elif person.role == "smuggled_migrant":
            migrants.add(person.entity_id)

    # victims and migrants linked: in the members' cases, linked to a member, or moved
    moves: dict[str, MovementRecord] = {}
    for key in sorted(cases):
        case = dataset.cases.get(key)
        if case and case.opened:
            dates.append(case.opened)
        for person in index.people_in_case.get(key, ()):
            count(person)
        for move in index.moves_in_case.get(key, ()):
            moves[record_name(move.agency, move.record_id)] = move
        dates.extend(index.event_dates.get(key, ()))
    member_keys = {p.key for p in perpetrator_records}
    for key in member_keys:
        for link in index.links_of.get(key, ()):
            dates.extend(_dates((link.start, link.end)))
            for end in ((link.agency, link.from_record_id), (link.agency, link.to_record_id)):
                if end not in member_keys:
                    count(dataset.persons.get(end))
        for move in index.moves_of.get(key, ()):
            moves[record_name(move.agency, move.record_id)] = move
    for move in moves.values():
        if move.from_country and move.to_country and move.from_country != move.to_country:
            profile.corridors[(move.from_country, move.to_country)] += 1
        dates.extend(_dates((move.departure, move.arrival)))
        for rid in move.persons:
            count(dataset.persons.get((move.agency, rid)))
    profile.victims = len(victims)
    profile.migrants = len(migrants)
    if dates:
        profile.first, profile.last = min(dates), max(dates)
    return profile

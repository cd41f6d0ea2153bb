"""Key players: who is central, who holds a group together, who joins groups.

Why these measures: degree says who deals with many; betweenness says who sits on the
paths between others (the broker an operation should reach first); eigenvector
centrality says who is tied to the well-tied (the leadership a flat count misses). Each
is computed across the whole perpetrators' graph and within each group's own subgraph,
since "central in the region" and "central in the group" are different questions.

Exact betweenness costs one search per node and does not fit a national graph in
seconds, so above `EXACT_BETWEENNESS_UP_TO` nodes it is estimated from a seeded sample of
source nodes (Brandes and Pich, 2007): the betweenness restricted to paths from the
sampled sources, scaled by n / k. The result says which it used.

Brokers are of two kinds. A *cut point* of a group is a member whose removal splits the
group's subgraph (an articulation point). A *bridge* ties members of two or more groups;
it is the *sole* bridge of a pair of groups when no other tie joins them.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

import igraph as ig

from turquesa.analysis.graph import LinkGraph

EXACT_BETWEENNESS_UP_TO = 5_000
#: 128 sources: about 4 s on a graph of 1,000,000 ties here, and the top of the ranking
#: (what an analyst reads) is stable at that sample size.
BETWEENNESS_SAMPLE = 128
SEED = 20261201


@dataclass
class Player:
    entity_id: str
    label: str | None
    group_id: str | None
    degree: int = 0
    strength: float = 0.0
    betweenness: float = 0.0  # across the whole graph, normalised to 0..1
    eigenvector: float = 0.0
    group_degree: int = 0
    group_betweenness: float = 0.0  # within its group, normalised to 0..1
    group_eigenvector: float = 0.0
    cut_point: bool = False  # removing it splits its group
    bridges: tuple[str, ...] = ()  # the groups it ties (its own included)
    sole_bridge_of: tuple[tuple[str, str], ...] = ()
    countries: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()

    @property
    def broker(self) -> bool:
        return self.cut_point or len(self.bridges) >= 2

    def row(self) -> dict[str, object]:
        return {
            "entity_id": self.entity_id,
            "label": self.label,
            "group_id": self.group_id,
            "degree": self.degree,
            "strength": round(self.strength, 3),
            "betweenness": round(self.betweenness, 5),
            "eigenvector": round(self.eigenvector, 5),
            "group_degree": self.group_degree,
            "group_betweenness": round(self.group_betweenness, 5),
            "group_eigenvector": round(self.group_eigenvector, 5),
            "cut_point": self.cut_point,
            "bridges": ";".join(self.bridges),
            "sole_bridge_of": ";".join(f"{a}|{b}" for a, b in self.sole_bridge_of),
            "roles": ";".join(self.roles),
            "countries": ";".join(self.countries),
            "agencies": ";".join(self.agencies),
        }


@dataclass
class CrossingLink:
    """An edge between entities of different countries or reported by different agencies:
    the ties that need a network's cooperation to follow."""

    source: str
    target: str
    kind: str
    cross_border: bool
    cross_agency: bool
    countries: tuple[str, ...]
    agencies: tuple[str, ...]
    evidence: tuple[str, ...]


@dataclass
class PlayersResult:
    players: list[Player]
    crossing: list[CrossingLink]
    betweenness_method: str  # "exact" or "sampled from N sources"


def betweenness(
    g: ig.Graph, seed: int = SEED, sample: int = BETWEENNESS_SAMPLE
) -> tuple[list[float], str]:
    """Betweenness normalised to 0..1 (unweighted hops: a tie is a tie, whatever its
    strength), exact on small graphs, estimated from sampled sources on large ones."""
    n = g.vcount()
    if n < 3:
        return [0.0] * n, "exact"
    scale = (n - 1) * (n - 2) / 2
    if n <= EXACT_BETWEENNESS_UP_TO:
        values = g.betweenness(directed=False)
        return [v / scale for v in values], "exact"
    rng = random.Random(seed)
    sources = rng.sample(range(n), min(sample, n))
    values = g.betweenness(directed=False, sources=sources, targets=None)
    # with every node as a source igraph gives the exact values: scale the sample up
    factor = n / len(sources)
    return [v * factor / scale for v in values], f"sampled from {len(sources)} sources"


def _eigenvector(g: ig.Graph) -> list[float]:
    """Eigenvector centrality per connected component (it means nothing across
    components), each scaled so that its most central node scores 1."""
    values = [0.0] * g.vcount()
    for component in g.connected_components():
        if len(component) < 3:
            continue
        sub = g.induced_subgraph(component)
        # (igraph 1.0 refuses directed=False on an undirected graph: the default is right)
        scores = sub.eigenvector_centrality(scale=True, weights="weight")
        for vertex, score in zip(component, scores, strict=True):
            values[vertex] = score
    return values


def measure(
    g: ig.Graph, group_of: dict[str, str], seed: int = SEED
) -> tuple[dict[str, Player], str]:
    """Every measure that needs only the graph (an igraph with `name` and `weight`):
    centrality across and within groups, cut points and bridges. Apart from
    `key_players` so that a benchmark can run it on a national-size graph."""
    names: list[str] = g.vs["name"]
    between, method = betweenness(g, seed=seed)
    eigen = _eigenvector(g)
    strength = g.strength(weights="weight") if g.ecount() else [0.0] * g.vcount()
    degree = g.degree()
    players = {
        name: Player(
            entity_id=name,
            label=None,
            group_id=group_of.get(name),
            degree=degree[i],
            strength=strength[i],
            betweenness=between[i],
            eigenvector=eigen[i],
        )
        for i, name in enumerate(names)
    }
    _within_groups(g, names, group_of, players)
    _bridges(g, group_of, players)
    return players, method


def key_players(graph: LinkGraph, group_of: dict[str, str], seed: int = SEED) -> PlayersResult:
    """Centrality across and within groups, cut points, bridges and crossing links, with
    each player's name (never a victim's), countries, agencies and roles."""
    players, method = measure(graph.igraph(), group_of, seed)
    for name, player in players.items():
        node = graph.nodes[name]
        player.label = node.label
        player.countries = tuple(sorted(node.countries))
        player.agencies = tuple(sorted(node.agencies))
        player.roles = tuple(r for r, _ in node.perpetrator_roles.most_common())
    crossing = crossing_links(graph)
    ranked = sorted(players.values(), key=lambda p: (-p.betweenness, -p.degree, p.entity_id))
    return PlayersResult(ranked, crossing, method)


def _within_groups(
    g: ig.Graph, names: list[str], group_of: dict[str, str], players: dict[str, Player]
) -> None:
    members: dict[str, list[int]] = defaultdict(list)
    for i, name in enumerate(names):
        if name in group_of:
            members[group_of[name]].append(i)
    for indices in members.values():
        sub = g.induced_subgraph(indices)
        sub_names = sub.vs["name"]
        between, _ = betweenness(sub)
        eigen = _eigenvector(sub)
        cuts = set(sub.articulation_points())
        for j, name in enumerate(sub_names):
            player = players[name]
            player.group_degree = sub.degree(j)
            player.group_betweenness = between[j]
            player.group_eigenvector = eigen[j]
            player.cut_point = j in cuts


def _bridges(g: ig.Graph, group_of: dict[str, str], players: dict[str, Player]) -> None:
    """Which groups each node touches, and the node that every tie between two groups
    passes through. Each way two groups meet is a set of nodes (a direct tie between
    members: both ends; an outsider dealing with both: that outsider); the sole bridge
    of the pair is the node common to all of them."""
    touches: dict[str, set[str]] = defaultdict(set)
    for name, group in group_of.items():
        touches[name].add(group)
    meetings: dict[tuple[str, str], set[str]] = {}

    def meet(first: str, second: str, nodes: set[str]) -> None:
        pair = (first, second) if first < second else (second, first)
        if pair in meetings:
            meetings[pair] &= nodes
        else:
            meetings[pair] = set(nodes)

    names: list[str] = g.vs["name"]
    for i, j in g.get_edgelist():
        a, b = names[i], names[j]
        ga, gb = group_of.get(a), group_of.get(b)
        if ga:
            touches[b].add(ga)
        if gb:
            touches[a].add(gb)
        if ga and gb and ga != gb:
            meet(ga, gb, {a, b})
    for name, groups in touches.items():
        ordered = sorted(groups)
        if len(ordered) < 2:
            continue
        players[name].bridges = tuple(ordered)
        if name not in group_of:
            for i, first in enumerate(ordered):
                for second in ordered[i + 1 :]:
                    meet(first, second, {name})
    for pair, common in sorted(meetings.items()):
        for name in sorted(common):
            players[name].sole_bridge_of = (*players[name].sole_bridge_of, pair)


def crossing_links(graph: LinkGraph) -> list[CrossingLink]:
    """Edges whose two ends sit in different countries or were reported by different
    agencies, strongest first."""
    found = []
    for (a, b), edge in graph.edges.items():
        na, nb = graph.nodes[a], graph.nodes[b]
        border = bool(na.countries and nb.countries and not (na.countries & nb.countries))
        agency = len(edge.agencies) > 1 or bool(
            na.agencies and nb.agencies and not (na.agencies & nb.agencies)
        )
        if border or agency:
            found.append(
                CrossingLink(
                    source=a,
                    target=b,
                    kind=edge.kind,
                    cross_border=border,
                    cross_agency=agency,
                    countries=tuple(sorted(na.countries | nb.countries)),
                    agencies=tuple(sorted(edge.agencies | na.agencies | nb.agencies)),
                    evidence=tuple(sorted({e.source for e in edge.evidence})),
                )
            )
    return sorted(found, key=lambda c: (-graph.edges[(c.source, c.target)].weight, c.source))

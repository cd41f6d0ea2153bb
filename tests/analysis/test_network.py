"""Link graph, groups, key players and paths on small graphs whose answer is known."""

from __future__ import annotations

from pathlib import Path

import igraph as ig
from hypothesis import given
from hypothesis import strategies as st

from turquesa.analysis import players as players_module
from turquesa.analysis.graph import (
    MAX_SHARED_HOLDERS,
    build_link_graph,
    build_perpetrator_graph,
    identifier_node_id,
)
from turquesa.analysis.group_quality import adjusted_rand_index
from turquesa.analysis.groups import find_groups
from turquesa.analysis.paths import find_node, neighbourhood, paths_between
from turquesa.analysis.players import betweenness, key_players
from turquesa.storage.engine import open_database

from .builders import Builder

GANGS = (("A", "CO-DIJIN"), ("B", "PA-SENAFRONT"), ("C", "MX-FGR"))


def _gangs_and_a_broker(count: int) -> Builder:
    b = Builder()
    for gang, agency in GANGS[:count]:
        b.gang(agency, gang, 5)
    # the broker: a smuggler two members of each gang paid, charged in a case of its own
    # by each agency
    for gang, agency in GANGS[:count]:
        broker = b.person(agency, "BROKER", f"broker-case-{gang}")
        for i in (1, 2):
            b.link(agency, f"{gang}{i}@{gang}-case-1:suspect", broker, "paid")
    return b


def test_three_gangs_are_three_groups_and_their_broker_belongs_to_none() -> None:
    b = _gangs_and_a_broker(3)
    result = find_groups(b.dataset)
    members = sorted(sorted(p.members) for p in result.profiles)
    assert members == [[f"{g}{i}" for i in range(1, 6)] for g in "ABC"]
    assert "BROKER" not in result.group_of
    assert result.brokers["BROKER"] == tuple(sorted(p.group_id for p in result.profiles))
    assert all(p.brokers == ["BROKER"] for p in result.profiles)


def test_the_broker_between_two_groups_is_their_sole_bridge_and_the_most_between() -> None:
    b = _gangs_and_a_broker(2)
    result = find_groups(b.dataset)
    # tied as much to one gang as to the other, the broker may count as a member of one;
    # either way it is found as the one node that joins them
    assert len(result.profiles) == 2
    ranked = key_players(result.graph, result.group_of)
    top = ranked.players[0]
    assert top.entity_id == "BROKER"
    assert top.broker and len(top.bridges) == 2
    assert top.sole_bridge_of == (tuple(sorted(p.group_id for p in result.profiles)),)
    assert ranked.betweenness_method == "exact"
    # cross-border: BROKER's records come from CO and PA, A's from CO only: no border,
    # but the gangs' own ties never cross one
    assert not any(c.cross_border for c in ranked.crossing if "BROKER" not in (c.source, c.target))


def test_a_member_who_holds_the_group_together_is_a_cut_point() -> None:
    b = Builder()
    b.gang("CO-DIJIN", "A", 4)
    # a cell of three tied to the group through one member only
    b.gang("CO-DIJIN", "C", 3, cases=1)
    b.link("CO-DIJIN", "A1@A-case-0:suspect", "C1@C-case-0:suspect", "controls")
    b.link("CO-DIJIN", "A1@A-case-0:suspect", "C2@C-case-0:suspect", "controls")
    b.link("CO-DIJIN", "A1@A-case-0:suspect", "C3@C-case-0:suspect", "controls")
    result = find_groups(b.dataset)
    assert len(result.profiles) == 1
    ranked = {p.entity_id: p for p in key_players(result.graph, result.group_of).players}
    assert ranked["A1"].cut_point
    assert not ranked["A2"].cut_point


def test_a_victim_record_never_makes_anyone_a_member() -> None:
    b = Builder()
    b.gang("CO-DIJIN", "A", 4)
    # V was recruited by the gang as a victim in their case...
    victim = b.person("CO-DIJIN", "V", "A-case-0", role="victim", label="Victim Name")
    b.link("CO-DIJIN", "A1@A-case-0:suspect", victim, "recruited")
    b.link("CO-DIJIN", "A2@A-case-0:suspect", victim, "exploited")
    result = find_groups(b.dataset)
    assert "V" not in result.group_of
    # ...and later recruits for another gang: a member there, through that record only
    b.gang("MX-FGR", "M", 4)
    for c in range(3):
        b.person("MX-FGR", "V", f"M-case-{c}", roles=("recruiter",))
    b.link("MX-FGR", "V@M-case-0:suspect", "M1@M-case-0:suspect", "communicated")
    result = find_groups(b.dataset)
    assert result.group_of["V"] == result.group_of["M1"]
    rows = [r for r in result.member_records(b.dataset) if r["entity_id"] == "V"]
    assert {r["agency"] for r in rows} == {"MX-FGR"}
    assert all(":suspect" in r["record_id"] for r in rows)


def test_no_victim_name_in_the_graph() -> None:
    b = Builder()
    b.gang("CO-DIJIN", "A", 3)
    victim = b.person("CO-DIJIN", "V", "A-case-0", role="victim", label="Secret Victim")
    b.link("CO-DIJIN", "A1@A-case-0:suspect", victim, "exploited")
    graph = build_link_graph(b.dataset)
    assert "V" in graph.nodes
    assert all(node.label != "Secret Victim" for node in graph.nodes.values())


def test_two_groups_in_one_joint_case_stay_two() -> None:
    b = Builder()
    b.gang("CO-DIJIN", "A", 5, cases=4)
    b.gang("CO-DIJIN", "B", 5, cases=4)
    for m in ("A1", "A2", "A3", "B1", "B2", "B3"):
        b.person("CO-DIJIN", m, "joint-operation")
    result = find_groups(b.dataset)
    assert len(result.profiles) == 2
    assert result.group_of["A1"] != result.group_of["B1"]


def test_a_phone_everyone_uses_ties_no_one() -> None:
    b = Builder()
    holders = [b.person("CO-DIJIN", f"H{i}", f"case-{i}") for i in range(MAX_SHARED_HOLDERS + 1)]
    for rid in holders:
        b.identifier("CO-DIJIN", rid, "phone", "+5712345678")
    assert not build_perpetrator_graph(b.dataset).edges
    # the same phone in three hands is a tie
    few = Builder()
    for i in range(3):
        rid = few.person("CO-DIJIN", f"H{i}", f"case-{i}")
        few.identifier("CO-DIJIN", rid, "phone", "+5712345678")
    assert len(build_perpetrator_graph(few.dataset).edges) == 3


def test_group_ids_stay_when_little_changes(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 't.db'}")
    b = _gangs_and_a_broker(3)
    first = find_groups(b.dataset, engine=engine)
    ids = {m: g for m, g in first.group_of.items()}
    # a new member joins gang A; the groups keep their ids
    for c in range(3):
        b.person("CO-DIJIN", "A6", f"A-case-{c}")
    second = find_groups(b.dataset, engine=engine)
    assert {m: second.group_of[m] for m in ids} == ids
    assert second.group_of["A6"] == ids["A1"]
    engine.dispose()


def test_profile_counts_victims_and_corridors_and_dates() -> None:
    b = Builder()
    b.gang("CO-DIJIN", "A", 3)
    v = b.person("CO-DIJIN", "V1", "A-case-0", role="victim")
    m = b.person("CO-DIJIN", "M1", None, role="smuggled_migrant")
    b.movement("CO-DIJIN", "MOV1", (m,), "A1@A-case-0:suspect")
    b.link("CO-DIJIN", "A2@A-case-1:suspect", v, "exploited")
    (profile,) = find_groups(b.dataset).profiles
    assert profile.victims == 1 and profile.migrants == 1
    assert profile.corridors == {("CO", "PA"): 1}
    assert profile.first == "2023-01-01" and profile.last == "2023-04-03"
    assert profile.exploitation == {"sexual": 1}
    assert profile.agencies == {"CO-DIJIN": 9}


def test_path_through_a_shared_phone_with_its_evidence() -> None:
    b = Builder()
    ana = b.person("CO-DIJIN", "ANA", "c1", roles=("recruiter",))
    ben = b.person("MX-FGR", "BEN", "c2", roles=("transporter",))
    b.identifier("CO-DIJIN", ana, "phone", "+573001112233")
    b.identifier("MX-FGR", ben, "phone", "+573001112233")
    graph = build_link_graph(b.dataset)
    (path,) = paths_between(graph, "ANA", "BEN")
    phone = identifier_node_id("phone", "+573001112233")
    assert path.nodes == ["ANA", phone, "BEN"]
    assert [s.evidence for s in path.steps] == [[f"CO-DIJIN:{ana}"], [f"MX-FGR:{ben}"]]
    # the user types the phone as written anywhere
    assert find_node(graph, b.dataset, "+57 300 111 2233") == phone
    assert find_node(graph, b.dataset, f"MX-FGR:{ben}") == "BEN"


def test_k_shortest_paths_fewest_steps_first() -> None:
    b = Builder()
    a = b.person("CO-DIJIN", "A", "c1")
    c = b.person("CO-DIJIN", "C", "c2")
    d = b.person("CO-DIJIN", "D", "c3")
    e = b.person("CO-DIJIN", "E", "c4")
    b.link("CO-DIJIN", a, c)  # A - C directly
    b.link("CO-DIJIN", a, d)  # A - D - E - C
    b.link("CO-DIJIN", d, e)
    b.link("CO-DIJIN", e, c)
    graph = build_link_graph(b.dataset)
    found = paths_between(graph, "A", "C", k=3)
    assert [p.nodes for p in found[:2]] == [["A", "C"], ["A", "D", "E", "C"]]


def test_everything_linked_to_a_passport() -> None:
    b = Builder()
    x = b.person("CO-DIJIN", "X", "c1")
    y = b.person("PA-SENAFRONT", "Y", "c2")
    b.person("PA-SENAFRONT", "Z", "c2")
    b.identifier("CO-DIJIN", x, "passport", "AB123456")
    b.identifier("PA-SENAFRONT", y, "passport", "AB123456")
    graph = build_link_graph(b.dataset)
    node = find_node(graph, b.dataset, "ab-123 456")
    around = neighbourhood(graph, node, hops=1)
    assert {n.id for n in around.nodes} == {node, "X", "Y"}
    wider = neighbourhood(graph, node, hops=3)
    assert "Z" in wider.distance and wider.distance["Z"] == 3  # Y - case c2 - Z


def test_sampled_betweenness_finds_the_same_bridge(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # two dense communities of 60 joined only through node 120, tied to five in each
    g = ig.Graph.Erdos_Renyi(n=60, p=0.2) + ig.Graph.Erdos_Renyi(n=60, p=0.2)
    g.add_vertices(1)
    g.add_edges([(120, v) for v in (0, 1, 2, 3, 4, 60, 61, 62, 63, 64)])
    exact, method = betweenness(g)
    assert method == "exact"
    monkeypatch.setattr(players_module, "EXACT_BETWEENNESS_UP_TO", 10)
    estimate, method = betweenness(g, sample=40)
    assert method == "sampled from 40 sources"
    assert max(range(121), key=estimate.__getitem__) == 120
    assert abs(estimate[120] - exact[120]) / exact[120] < 0.25


labelings = st.dictionaries(st.integers(0, 40), st.integers(0, 5), min_size=2)


@given(labelings, st.permutations(list(range(6))))
def test_ari_is_one_on_itself_whatever_the_names(labels: dict[int, int], perm: list[int]) -> None:
    left = {str(k): str(v) for k, v in labels.items()}
    right = {str(k): f"g{perm[v]}" for k, v in labels.items()}
    assert abs(adjusted_rand_index(left, right) - 1.0) < 1e-9


def test_ari_of_a_split_group_is_below_one() -> None:
    truth = {str(i): "a" if i < 6 else "b" for i in range(12)}
    found = {str(i): "x" if i < 3 else ("y" if i < 6 else "z") for i in range(12)}
    assert 0 < adjusted_rand_index(found, truth) < 1


def test_a_victim_who_later_recruits_is_never_named() -> None:
    for order in ("victim first", "suspect first"):
        b = Builder()
        if order == "suspect first":
            b.person("MX-FGR", "V", "m1", roles=("recruiter",), label="Secret Victim")
        b.person("CO-DIJIN", "V", "c1", role="victim", label="Secret Victim")
        b.person("MX-FGR", "V", "m2", roles=("recruiter",), label="Secret Victim")
        for build in (build_link_graph, build_perpetrator_graph):
            assert build(b.dataset).nodes["V"].label is None, order


def test_a_courier_seen_only_beside_one_gang_joins_it() -> None:
    b = Builder()
    b.gang("CO-DIJIN", "A", 5)
    courier = b.person("CO-DIJIN", "COURIER", "courier-case", roles=("transporter",))
    b.link("CO-DIJIN", "A1@A-case-0:suspect", courier, "paid")
    result = find_groups(b.dataset)
    assert result.group_of["COURIER"] == result.group_of["A1"]
    # a lone suspect tied to no one stays out of every group
    b.person("CO-DIJIN", "LONER", "loner-case")
    assert "LONER" not in find_groups(b.dataset).group_of

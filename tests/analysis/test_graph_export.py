"""`turquesa export graph`: the link graph as GraphML, GEXF, i2 ANX and i2 CSV.

What a user relies on: igraph and networkx read the GraphML back with the same nodes,
edges and typed attributes; Gephi and Analyst's Notebook get well-formed files whose
references all resolve; odd characters in names survive; and no victim is ever named,
not even one who later recruits and so also has a suspect record with a name.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import igraph as ig
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.cli.test_cli import run
from tests.helpers import good_submission
from turquesa.analysis.dataset import (
    CaseRecord,
    Dataset,
    EventRecord,
    IdentifierRecord,
    LinkRecord,
    MovementRecord,
    PersonRecord,
    Scope,
)
from turquesa.analysis.graph import (
    TIE_WEIGHT,
    build_link_graph,
    build_perpetrator_graph,
    case_node_id,
)
from turquesa.export.graph_formats import WRITERS, write_anx, write_gexf, write_graphml
from turquesa.export.graph_view import (
    GraphView,
    day_range,
    graph_view,
    pseudonym,
    restrict_to_group,
)
from turquesa.resolve.identities import identifier_entity_id

GEXF = "{http://gexf.net/1.3}"
BOSS_NAME = 'José "El Flaco" Pérez & Cía <jefe>\x01'
BOSS_SHOWN = 'José "El Flaco" Pérez & Cía <jefe>'  # XML cannot carry the control character
VICTIM_NAME = "María Secreta Víctima"
VICTIM_PASSPORT = "VICPASS999"
SHARED_PHONE = "+573001234567"


def _person(
    agency: str, rid: str, role: str, entity: str, label: str | None, case: str | None = "C1"
) -> PersonRecord:
    return PersonRecord(
        agency=agency,
        record_id=rid,
        case_id=case,
        role=role,
        entity_id=entity,
        perpetrator_roles=("recruiter",) if role in ("suspect", "facilitator") else (),
        sex="F",
        age=30,
        nationality=("VE",),
        country="CO",
        exploitation_types=(),
        recruitment_method=None,
        means_of_control=(),
        label=label,
        date="2023-03-01" if case else None,
    )


def _event(persons: tuple[str, ...]) -> EventRecord:
    return EventRecord(
        agency="CO-DIJIN",
        record_id="EV1",
        case_id=None,
        event_type="interception",
        date="2023-05",
        place="Necoclí",
        place_key=None,
        country="CO",
        lat=None,
        lon=None,
        persons=persons,
        exploitation_type=None,
        smuggling_mode="sea",
        recruitment_method=None,
        amount=None,
        currency=None,
    )


def _movement() -> MovementRecord:
    return MovementRecord(
        agency="CO-DIJIN",
        record_id="MV1",
        case_id=None,
        persons=("M1",),
        from_place="Necoclí",
        from_place_key=None,
        from_country="CO",
        to_place="Capurganá",
        to_place_key=None,
        to_country="CO",
        departure="2023-05-01",
        arrival=None,
        mode="sea",
        crossing_point=None,
        crossing_point_key=None,
        facilitator="S3",
        amount=None,
        currency=None,
    )


@pytest.fixture
def dataset() -> Dataset:
    """Two suspects share a phone and a case; a facilitator moved a migrant; a victim
    exploited by the boss later turns up in Peru as a suspect under her own name."""
    ds = Dataset(scope=Scope(), agencies={"CO-DIJIN": "CO", "PE-PNP": "PE"})
    ds.cases[("CO-DIJIN", "C1")] = CaseRecord(
        "CO-DIJIN", "C1", 'Operación "Ñandú" & <Co>', "trafficking", (), "2023-03-01", "open", ""
    )
    people = [
        _person("CO-DIJIN", "S1", "suspect", "E-boss", BOSS_NAME),
        _person("CO-DIJIN", "S2", "suspect", "E-two", "Ana Ruiz"),
        _person("CO-DIJIN", "S3", "facilitator", "E-three", "Luis Díaz", case=None),
        _person("CO-DIJIN", "V1", "victim", "E-victim", VICTIM_NAME),
        _person("PE-PNP", "R9", "suspect", "E-victim", VICTIM_NAME, case=None),
        _person("CO-DIJIN", "M1", "smuggled_migrant", "E-migrant", "Jean Migrant", case=None),
        _person("CO-DIJIN", "L1", "witness", "E-loner", "Solo Testigo", case=None),
    ]
    ds.persons = {p.key: p for p in people}
    ds.identifiers = [
        IdentifierRecord("CO-DIJIN", "S1", "phone", SHARED_PHONE, "CO", None),
        IdentifierRecord("CO-DIJIN", "S2", "phone", SHARED_PHONE, "CO", None),
        IdentifierRecord("CO-DIJIN", "V1", "passport", VICTIM_PASSPORT, "VE", None),
    ]
    ds.links = [
        LinkRecord("CO-DIJIN", "K1", "C1", "S1", "S2", "associate", "2023-03", None),
        LinkRecord("CO-DIJIN", "K2", "C1", "S1", "V1", "exploited", "2023-04-02", None),
    ]
    ds.events = [_event(("S3", "M1"))]
    ds.movements = [_movement()]
    return ds


GROUP_OF = {"E-boss": "G-1", "E-two": "G-1"}


def _view(dataset: Dataset) -> GraphView:
    return graph_view(build_link_graph(dataset), dataset, GROUP_OF, {"E-three": ("G-1", "G-2")})


def _written(writer, view: GraphView) -> str:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    writer(view, out)
    return out.getvalue()


def test_graphml_round_trips_through_igraph_with_its_attributes(
    dataset: Dataset, tmp_path: Path
) -> None:
    view = _view(dataset)
    path = tmp_path / "g.graphml"
    path.write_text(_written(write_graphml, view), encoding="utf-8")
    g = ig.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount()) == (len(view.nodes), len(view.edges))
    by_id = {v["id"]: v for v in g.vs}
    assert set(by_id) == {n.id for n in view.nodes}
    for node in view.nodes:
        v = by_id[node.id]
        assert (v["kind"], v["label"]) == (node.kind, node.label)
        assert v["group_id"] == (node.group_id or "")
        assert v["agencies"] == ";".join(node.agencies)
        assert v["protected"] is node.protected
    assert by_id["E-boss"]["label"] == BOSS_SHOWN
    assert by_id["E-three"]["brokers_for"] == "G-1;G-2"
    ties = {frozenset((g.vs[e.source]["id"], g.vs[e.target]["id"])): e.attributes() for e in g.es}
    boss_two = ties[frozenset(("E-boss", "E-two"))]
    assert boss_two["weight"] == pytest.approx(TIE_WEIGHT["associate"])
    assert isinstance(boss_two["weight"], float)
    assert (boss_two["kinds"], boss_two["first"]) == ("associate:1", "2023-03")
    assert boss_two["evidence"] == "CO-DIJIN:K1"
    phone = identifier_entity_id("phone", SHARED_PHONE)
    assert frozenset(("E-boss", phone)) in ties and frozenset(("E-two", phone)) in ties


def test_graphml_reads_in_networkx_too(dataset: Dataset, tmp_path: Path) -> None:
    nx = pytest.importorskip("networkx")
    view = _view(dataset)
    path = tmp_path / "g.graphml"
    path.write_text(_written(write_graphml, view), encoding="utf-8")
    g = nx.read_graphml(path)
    assert (g.number_of_nodes(), g.number_of_edges()) == (len(view.nodes), len(view.edges))
    assert g.nodes["E-boss"]["group_id"] == "G-1"
    assert isinstance(g.edges["E-boss", "E-two"]["weight"], float)


def test_gexf_declares_its_attributes_and_dates_each_tie(dataset: Dataset) -> None:
    view = _view(dataset)
    root = ET.fromstring(_written(write_gexf, view))
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.3"
    graph = root.find(f"{GEXF}graph")
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    declared = {
        a.get("class"): {x.get("id"): x.get("title") for x in a.iter(f"{GEXF}attribute")}
        for a in graph.iter(f"{GEXF}attributes")
    }
    assert "group_id" in declared["node"].values() and "evidence" in declared["edge"].values()
    nodes = {n.get("id"): n for n in graph.iter(f"{GEXF}node")}
    edges = list(graph.iter(f"{GEXF}edge"))
    assert (len(nodes), len(edges)) == (len(view.nodes), len(view.edges))
    for element, cls in [*((n, "node") for n in nodes.values()), *((e, "edge") for e in edges)]:
        for value in element.iter(f"{GEXF}attvalue"):
            assert value.get("for") in declared[cls]
    assert nodes["E-boss"].get("label") == BOSS_SHOWN
    group = next(
        v.get("value")
        for v in nodes["E-boss"].iter(f"{GEXF}attvalue")
        if declared["node"][v.get("for")] == "group_id"
    )
    assert group == "G-1"
    tie = next(e for e in edges if {e.get("source"), e.get("target")} == {"E-boss", "E-two"})
    # a month widens to the days it covers
    assert (tie.get("start"), tie.get("end")) == ("2023-03-01", "2023-03-31")
    assert float(tie.get("weight", "nan")) == pytest.approx(TIE_WEIGHT["associate"])
    undated = [e for e in edges if e.get("start") is None]
    assert undated and all(e.get("end") is None for e in undated)  # the phone ties


def test_gexf_without_any_date_is_static(dataset: Dataset) -> None:
    dataset.links, dataset.events, dataset.movements, dataset.cases = [], [], [], {}
    graph = ET.fromstring(_written(write_gexf, _view(dataset))).find(f"{GEXF}graph")
    assert graph is not None and graph.get("mode") == "static" and graph.get("timeformat") is None


def test_anx_chart_items_and_their_references_all_resolve(dataset: Dataset) -> None:
    view = _view(dataset)
    root = ET.fromstring(_written(write_anx, view))
    assert root.tag == "Chart"
    items = list(root.iter("ChartItem"))
    assert len(items) == len(view.nodes) + len(view.edges)
    entity_types = {t.get("Name"): t for t in root.iter("EntityType")}
    link_types = {t.get("Name") for t in root.iter("LinkType")}
    classes = {c.get("Id") for c in root.iter("AttributeClass")}
    entities = {e.get("EntityId"): e for e in root.iter("Entity")}
    assert {e.get("Identity") for e in entities.values()} == {n.id for n in view.nodes}
    for link in root.iter("Link"):
        assert link.get("End1Id") in entities and link.get("End2Id") in entities
        style = link.find("LinkStyle")
        assert style is not None and style.get("Type") in link_types
    for icon in root.iter("IconStyle"):
        assert icon.get("Type") in entity_types
    for attribute in root.iter("Attribute"):
        assert attribute.get("AttributeClassReference") in classes
    by_identity = {e.get("Identity"): e for e in entities.values()}
    style = by_identity["E-boss"].find("Icon/IconStyle")
    assert style is not None and style.get("Type") == "Person"
    assert entity_types["Person"].get("IconFile") == "Person"
    phone = by_identity[identifier_entity_id("phone", SHARED_PHONE)].find("Icon/IconStyle")
    assert phone is not None and phone.get("Type") == "Telephone"
    boss = next(i for i in items if i.find("End/Entity[@Identity='E-boss']") is not None)
    assert boss.get("Label") == BOSS_SHOWN
    dated = next(i for i in items if i.get("Description") == "CO-DIJIN:K2")
    assert (dated.get("DateSet"), dated.get("DateTime")) == ("true", "2023-04-02T00:00:00.000")


def test_i2_csv_has_one_row_per_link_and_one_per_lone_node(dataset: Dataset) -> None:
    view = _view(dataset)
    rows = list(csv.DictReader(io.StringIO(_written(WRITERS["i2-csv"], view))))
    assert len(rows) == len(view.edges) + 1  # the witness stands alone
    lone = [r for r in rows if not r["entity2_id"]]
    assert [r["entity1_id"] for r in lone] == ["E-loner"]
    boss = next(r for r in rows if r["entity1_id"] == "E-boss" and r["entity2_id"] == "E-two")
    assert (boss["entity1_label"], boss["entity1_type"]) == (BOSS_SHOWN, "Person")
    assert (boss["link_type"], boss["date"], boss["entity1_group"]) == (
        "associate",
        "2023-03-01",
        "G-1",
    )


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("build", [build_link_graph, build_perpetrator_graph])
def test_no_victim_is_ever_named_in_any_export(dataset: Dataset, fmt: str, build) -> None:  # type: ignore[no-untyped-def]
    view = graph_view(build(dataset), dataset, GROUP_OF)
    text = _written(WRITERS[fmt], view)
    assert VICTIM_NAME not in text and "Víctima" not in text
    assert VICTIM_PASSPORT not in text
    victim = next(n for n in view.nodes if n.id == "E-victim")
    # she is in the perpetrators' graph through her later suspect record, yet unnamed
    assert victim.label == pseudonym("E-victim") and victim.protected
    assert pseudonym("E-victim") in text


def test_victims_stay_as_categories(dataset: Dataset) -> None:
    victim = next(n for n in _view(dataset).nodes if n.id == "E-victim")
    assert dict(victim.roles) == {"victim": 1, "suspect": 1}
    assert victim.countries == ("CO", "PE")


def test_group_keeps_members_and_what_ties_them(dataset: Dataset) -> None:
    sub = restrict_to_group(build_link_graph(dataset), ["E-boss", "E-two"])
    phone = identifier_entity_id("phone", SHARED_PHONE)
    assert set(sub.nodes) == {"E-boss", "E-two", phone, case_node_id("CO-DIJIN", "C1")}
    assert all(a in {"E-boss", "E-two"} or b in {"E-boss", "E-two"} for a, b in sub.edges)
    assert len(sub.edges) == 5  # their tie, two to the phone, two to the case


def test_group_of_perpetrators_is_the_induced_subgraph(dataset: Dataset) -> None:
    sub = restrict_to_group(build_perpetrator_graph(dataset), ["E-boss", "E-two"])
    assert set(sub.nodes) == {"E-boss", "E-two"}
    assert list(sub.edges) == [("E-boss", "E-two")]


def test_day_range_widens_partial_dates() -> None:
    assert day_range("2024-02") == ("2024-02-01", "2024-02-29")
    assert day_range("2023") == ("2023-01-01", "2023-12-31")
    assert day_range("2023-05-07T10:00") == ("2023-05-07", "2023-05-07")
    assert day_range("2023-13") is None and day_range("unknown") is None and day_range(None) is None


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_day_range_of_a_month_covers_exactly_its_days(day: date) -> None:
    start, end = day_range(day.isoformat()[:7]) or ("", "")
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    assert first <= day <= last and first.day == 1
    assert (last + timedelta(days=1)).month != last.month
    assert day_range(day.isoformat()) == (day.isoformat(), day.isoformat())


@given(st.text(max_size=40))
def test_any_label_survives_every_xml_writer(label: str) -> None:
    ds = Dataset(scope=Scope(), agencies={"A": "CO"})
    ds.persons = {
        ("A", "1"): _person("A", "1", "suspect", "E-1", label or None, case=None),
        ("A", "2"): _person("A", "2", "suspect", "E-2", "Other", case=None),
    }
    ds.links = [LinkRecord("A", "K", None, "1", "2", "associate", None, None)]
    view = graph_view(build_link_graph(ds), ds)
    kept = next(n.label for n in view.nodes if n.id == "E-1")
    anx = ET.fromstring(_written(write_anx, view))
    shown = {i.get("Label") for i in anx.iter("ChartItem") if i.find("End") is not None}
    assert kept in shown
    gexf = ET.fromstring(_written(write_gexf, view))
    assert kept in {n.get("label") for n in gexf.iter(f"{GEXF}node")}
    graphml = ET.fromstring(_written(write_graphml, view))
    assert kept in {d.text or "" for d in graphml.iter() if d.get("key") == "n_label"}


def test_cli_exports_a_loaded_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 't.db'}"
    assert run(capsys, "--db", db, "ingest", str(good_submission(tmp_path / "sub")))[0] == 0
    assert run(capsys, "--db", db, "resolve")[0] == 0
    out_file = tmp_path / "graph.graphml"
    code, _, err = run(
        capsys, "--db", db, "export", "graph", "--format", "graphml", "--output", str(out_file)
    )
    assert code == 0, err
    g = ig.Graph.Read_GraphML(str(out_file))
    kinds = sorted(g.vs["kind"])
    assert kinds.count("person") == 3 and "case" in kinds and "phone" in kinds
    labels = set(g.vs["label"])
    assert "José Luis Pérez Gómez" in labels  # the suspect is named
    text = out_file.read_text("utf-8")
    assert "Ana" not in text and "Ruiz" not in text and "V-12.345.678" not in text  # victim P3

    code, out, _ = run(capsys, "--db", db, "export", "graph", "--format", "i2")
    assert code == 0
    chart = ET.fromstring(out)
    assert len(chart.findall("ChartItemCollection/ChartItem")) == g.vcount() + g.ecount()
    code, out, _ = run(capsys, "--db", db, "export", "graph", "--graph", "perpetrators")
    assert code == 0 and ET.fromstring(out).tag.endswith("graphml")
    code, _, err = run(capsys, "--db", db, "export", "graph", "--group", "G-nope")
    assert code == 2 and "G-nope" in err

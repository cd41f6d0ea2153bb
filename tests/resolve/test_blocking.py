"""Blocking: which pairs of records are put forward to be compared at all."""

from __future__ import annotations

from pathlib import Path

from turquesa.resolve.blocking import blocking_figures
from turquesa.resolve.features import document_digits, person_features


def _person(record_id: str, given: str, surname: str, number: str) -> dict[str, object]:
    data = {
        "name_keys": {"given": [given], "surnames": [surname]},
        "document": {"type": "national_id", "country": "VE", "number": number},
    }
    return person_features("VE-X", record_id, "suspect", data)


def test_a_cedula_with_and_without_its_letter_is_compared(tmp_path: Path) -> None:
    """'V26883703' and '26883703' are one Venezuelan cédula: the two records are
    compared even though the names are spelt apart and neither gives a birth date."""
    assert document_digits(["V26883703"]) == document_digits(["26883703"]) == ["26883703"]
    assert document_digits(["A123"]) == []  # too short to say anything
    rows = [
        _person("1", "jhon", "batista", "V26883703"),
        _person("2", "john", "pena", "26883703"),
        _person("3", "maria", "lopez", "V11111111"),
    ]
    truth = {"VE-X/1": "p1", "VE-X/2": "p1", "VE-X/3": "p2"}
    figures = blocking_figures(rows, truth, workdir=tmp_path)
    assert figures.true_pairs == 1
    assert figures.true_pairs_kept == 1
    assert figures.candidate_pairs == 1

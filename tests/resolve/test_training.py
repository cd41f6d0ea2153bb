"""Training on a part of the records: whole surname sounds, so EM blocks stay whole."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from turquesa.resolve.features import person_features
from turquesa.resolve.splink_model import _DuckDB, write_features

SURNAMES = [
    "perez",
    "garcia",
    "charles",
    "villalobos",
    "rodriguez",
    "silva",
    "mendoza",
    "joseph",
    "gomez",
    "rojas",
    "castro",
    "pierre",
    "herrera",
    "vargas",
    "ortiz",
]


def _rows() -> list[dict]:
    rows = []
    for i in range(600):
        surname = f"{SURNAMES[i % len(SURNAMES)]}{'' if i % 2 else 'z'}{i % 40}"
        data = {"name_keys": {"given": [["ana", "luis", "jean"][i % 3]], "surnames": [surname]}}
        rows.append(person_features("CO-X", str(i), "victim", data))
    return rows


def test_the_training_part_keeps_every_surname_sound_whole(tmp_path: Path) -> None:
    rows = _rows()
    backend = _DuckDB(tmp_path)
    try:
        table = backend.load(write_features(rows, tmp_path))
        part = backend.training_table(table, 200)
        assert part != table
        kept = {r[0] for r in backend.con.execute(f"SELECT unique_id FROM {part}").fetchall()}
        assert 60 < len(kept) < 400  # about a third, by whole sounds
        by_sound: dict[str, set[bool]] = defaultdict(set)
        for row in rows:
            by_sound[row["surname1_code"]].add(row["unique_id"] in kept)
        assert all(len(inside) == 1 for inside in by_sound.values())
        assert backend.training_table(table, 600) == table  # small data: all of it
    finally:
        backend.close()

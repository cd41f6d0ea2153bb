"""Cleaning in worker processes gives exactly what cleaning in-process gives, in order."""

from __future__ import annotations

from pathlib import Path

from turquesa.ingest.fields import CleanContext
from turquesa.ingest.parallel import PARALLEL_FROM_BYTES, Cleaner
from turquesa.ingest.readers import Table, read_rows
from turquesa.ingest.rows import plan_columns
from turquesa.model import load_model


def _clean_all(jobs: int, table: Table) -> list[tuple]:
    model = load_model()
    rows = list(read_rows(table))
    plan = plan_columns(model.templates["persons"], table.header, model)
    ctx = CleanContext("CO-DIJIN", "CO", frozenset({"HTEG", "ISON", "REDTRAM"}))
    cleaner = Cleaner(jobs)
    try:
        return [
            (
                c.row,
                c.record_id,
                c.data_json,
                c.raw_json,
                c.errors,
                c.notes,
                [(i.kind, i.value) for i in c.identifiers],
            )
            for c in cleaner.clean(plan, ctx, rows, size_hint=PARALLEL_FROM_BYTES * 10)
        ]
    finally:
        cleaner.close()


def test_workers_give_the_same_rows_in_the_same_order(synth_dir: Path) -> None:
    folder = next(p for p in sorted(synth_dir.iterdir()) if (p / "persons.csv").exists())
    table = Table(folder / "persons.csv", "persons.csv", "csv", template="persons")
    in_process = _clean_all(1, table)
    in_workers = _clean_all(2, table)
    assert len(in_process) > 50
    assert in_workers == in_process

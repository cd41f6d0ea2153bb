"""Cleaning rows on every core while the main process reads and writes.

Normalisation (names, phone numbers above all) is most of the cost of a load, and it
is pure, so chunks of rows go to worker processes and come back in order. The main
process keeps the cross-row checks and the single database transaction, so nothing
about all-or-nothing changes. At most a few chunks are in flight, so memory stays
flat however long the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from turquesa.ingest.fields import CleanContext
from turquesa.ingest.readers import Row
from turquesa.ingest.rows import CleanRow, ColumnPlan, clean_row
from turquesa.model import load_model
from turquesa.parallel import chunks, default_jobs, ordered_map, worker_pool

CHUNK = 1000
#: Below this many bytes a table is cleaned in-process: starting workers costs more.
PARALLEL_FROM_BYTES = 256_000


def _clean_chunk(task: tuple[ColumnPlan, CleanContext, list[Row]]) -> list[CleanRow]:
    plan, ctx, rows = task
    model = load_model()
    cleaned = [clean_row(plan, n, cells, ctx, model, problems) for n, cells, problems in rows]
    for row in cleaned:
        if row.data_json:  # already serialised: send the text back, not the dicts too
            row.data, row.raw = {}, {}
    return cleaned


def warm_up() -> None:
    """Build the cleaners' lazy tables (countries in four languages, the name lexicon,
    phone metadata) once in the loader, so that forked workers share them instead of
    each building its own."""
    from turquesa.normalise import (
        parse_country,
        parse_date,
        parse_document_type,
        parse_person_name,
        parse_phone,
    )

    parse_country("Colombia")
    parse_date("01/02/2000")
    parse_document_type("pasaporte")
    parse_person_name(full_name="José Luis Pérez Gómez alias El Flaco")
    for region in ("CO", "PA", "MX", "VE", "HT", "BR", "US"):
        parse_phone("+573001234567", region)


class Cleaner:
    """Cleans the rows of each table, in worker processes when it pays."""

    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = default_jobs() if jobs is None else max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            warm_up()
            self._pool = worker_pool(self.jobs)
        return self._pool

    def clean(
        self, plan: ColumnPlan, ctx: CleanContext, rows: Iterable[Row], size_hint: int
    ) -> Iterator[CleanRow]:
        model = load_model()
        if self.jobs == 1 or size_hint < PARALLEL_FROM_BYTES:
            for number, cells, problems in rows:
                yield clean_row(plan, number, cells, ctx, model, problems)
            return
        tasks = ((plan, ctx, chunk) for chunk in chunks(rows, CHUNK))
        for cleaned in ordered_map(self._executor(), _clean_chunk, tasks, 3 * self.jobs):
            yield from cleaned

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

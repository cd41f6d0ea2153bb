"""Loading one agency submission: all of it, or none of it.

The whole submission runs in one database transaction. Every row is cleaned and
checked; once a row fails, nothing more is written but every remaining row is still
checked, so that the report lists every problem at once; then the transaction is
rolled back. A crash or a kill at any point likewise leaves the database as it was:
the transaction never commits. `skip_bad_rows` instead loads the good rows and keeps
the bad ones, with their reasons, in `rejected_rows`.
"""

from __future__ import annotations

import getpass
import time
from collections.abc import Callable, Iterator
from itertools import chain
from pathlib import Path

from sqlalchemy import Connection, Engine

from turquesa.errors import InvalidInput, TurquesaError, UsageError
from turquesa.ingest.agency import resolve_agency
from turquesa.ingest.checks import ANY_KIND, SubmissionState, cross_row_errors
from turquesa.ingest.fields import CleanContext
from turquesa.ingest.mapping import Mapping
from turquesa.ingest.parallel import Cleaner
from turquesa.ingest.readers import Table, read_rows
from turquesa.ingest.report import ERROR, NOTE, LoadReport
from turquesa.ingest.rows import CleanRow, identifier_values, plan_columns, record_values
from turquesa.ingest.sources import Submission, display_path, find_tables
from turquesa.memory import fewer_collections
from turquesa.model import Model, load_model
from turquesa.storage import store
from turquesa.storage.bulk import BulkWriter, bulk_loading
from turquesa.storage.tables import rejected_rows, source_files, submissions

Progress = Callable[[int], None]


class _Refused(Exception):
    """Raised inside the transaction to roll it back once the report is complete."""


def ingest(
    engine: Engine,
    path: Path,
    *,
    agency: str | None = None,
    mapping: Mapping | None = None,
    template: str | None = None,
    skip_bad_rows: bool = False,
    loaded_by: str | None = None,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> LoadReport:
    """Load the submission at `path`; the report says what happened."""
    started = time.perf_counter()
    model = load_model()
    report = LoadReport(source=display_path(path), database=engine.url.render_as_string())
    try:
        if mapping is not None:
            sub = mapping.find_tables(path, model)
        else:
            sub = find_tables(path, model, template)
        for note in sub.notes:
            report.add(NOTE, report.source, None, None, None, note)
        with engine.connect() as conn, bulk_loading(conn), conn.begin():
            info = resolve_agency(conn, sub, agency, model)
            report.agency = info["code"]
            extra = mapping.fingerprint() if mapping else b""
            report.content_hash = sub.content_hash(extra + info["code"].encode())
            earlier = store.find_submission(conn, info["code"], report.content_hash)
            if earlier is not None:
                report.status = "already_loaded"
                report.submission_id = earlier
                report.add(
                    NOTE,
                    report.source,
                    None,
                    None,
                    None,
                    f"this submission was loaded before (submission {earlier}); nothing changed",
                )
                return report
            cleaner = Cleaner(jobs)
            try:
                with fewer_collections():
                    _load(
                        conn,
                        sub,
                        info,
                        report,
                        model,
                        mapping,
                        skip_bad_rows,
                        loaded_by or getpass.getuser(),
                        progress,
                        cleaner,
                    )
            finally:
                cleaner.close()
    except _Refused:
        report.status = "refused"
    except InvalidInput as exc:
        report.status = "refused"
        report.add(ERROR, exc.file or report.source, exc.row, exc.column, None, exc.message)
    except TurquesaError as exc:
        if isinstance(exc, UsageError):
            raise
        report.status = "refused"
        report.add(ERROR, report.source, None, None, None, exc.message)
    finally:
        report.seconds = round(time.perf_counter() - started, 3)
    return report


def _load(
    conn: Connection,
    sub: Submission,
    info: dict[str, str],
    report: LoadReport,
    model: Model,
    mapping: Mapping | None,
    skip_bad_rows: bool,
    user: str,
    progress: Progress | None,
    cleaner: Cleaner,
) -> None:
    store.upsert_agency(conn, info["code"], info["country"], info["name"])
    submission_id = conn.execute(
        submissions.insert().values(
            agency=info["code"],
            content_hash=report.content_hash,
            source=report.source,
            loaded_at=store.utcnow(),
            loaded_by=user,
            rows_loaded=0,
            rows_rejected=0,
            report={},
        )
    ).inserted_primary_key[0]
    report.submission_id = submission_id
    ctx = CleanContext(info["code"], info["country"], store.network_names(conn))
    state = SubmissionState(
        info["code"],
        store.current_records(conn, info["code"]),
        store.current_cases(conn, info["code"]),
    )
    writer = BulkWriter(conn, info["code"], submission_id)
    rows_done = 0
    for table in sub.tables:
        if table.template == "agency":
            continue
        file_id = conn.execute(
            source_files.insert().values(
                submission_id=submission_id,
                template=table.template or "?",
                name=table.display_name,
                name_bytes_hex=sub.name_bytes.get(table.display_name),
                sheet=table.sheet or table.json_key,
                sha256="",
                rows=0,
            )
        ).inserted_primary_key[0]
        count = 0
        for clean in _clean_table(table, ctx, model, mapping, report, cleaner):
            count += 1
            _accept(
                clean, table, file_id, state, writer, report, skip_bad_rows, conn, submission_id
            )
            rows_done += 1
            if progress and rows_done % 2000 == 0:
                progress(rows_done)
        writer.flush()
        conn.execute(
            source_files.update()
            .where(source_files.c.id == file_id)
            .values(
                rows=count,
                encoding=table.encoding,
                delimiter=table.delimiter,
                template=table.template,
                sha256=sub.file_digest(table.path),
            )
        )
        report.files.append(
            {
                "file": table.label,
                "template": table.template,
                "rows": count,
                "encoding": table.encoding,
                "delimiter": table.delimiter,
            }
        )
    if progress:
        progress(rows_done)
    if state.failed and not skip_bad_rows:
        raise _Refused
    writer.flush()
    report.counts = dict(writer.counts)
    report.new_versions = writer.new_versions
    report.identifiers = writer.identifier_count
    report.status = "loaded_with_rejections" if report.rows_rejected else "loaded"
    conn.execute(
        submissions.update()
        .where(submissions.c.id == submission_id)
        .values(
            rows_loaded=sum(writer.counts.values()),
            rows_rejected=report.rows_rejected,
            report=report.as_dict(),
        )
    )


def _clean_table(
    table: Table,
    ctx: CleanContext,
    model: Model,
    mapping: Mapping | None,
    report: LoadReport,
    cleaner: Cleaner,
) -> Iterator[CleanRow]:
    rows = read_rows(table)
    first = next(rows, None)  # reading the first row sets the header
    header = table.header
    if mapping is not None:
        header = mapping.header_for(table, header)
    if table.template is None:
        table.template = guess_template(header, model, table.label)
    template = model.templates[table.template]
    plan = plan_columns(template, header, model)
    missing = [
        f.name
        for f in template.fields.values()
        if f.required
        and not (template.derived_id and f.name == template.id_field)
        and f.name not in {s.name for _, s in plan.known}
    ]
    if missing:
        raise InvalidInput(
            f"{table.label}: row 1: required column(s) missing: {', '.join(missing)}"
            f" (the {template.name} template needs them)",
            file=table.label,
            row=1,
            column=missing[0],
        )
    for _, name in plan.extra:
        report.add(
            NOTE,
            table.label,
            1,
            name,
            None,
            "unknown column: kept as an extra property of each record",
        )
    if first is None:
        return
    transform = mapping.row_transform(table, header) if mapping is not None else None
    stream = chain([first], rows)
    if transform is not None:
        stream = ((n, *transform(cells, problems)) for n, cells, problems in stream)
    yield from cleaner.clean(plan, ctx, stream, table.path.stat().st_size)


def guess_template(header: list[str], model: Model, label: str) -> str:
    """The template a file's columns fit best (for a file not named after one)."""
    columns = {h.casefold() for h in header}
    scored = []
    for template in model.templates.values():
        required = {f.name for f in template.fields.values() if f.required}
        if not required <= columns and not (
            template.derived_id and required - {"record_id"} <= columns
        ):
            continue
        overlap = len(columns & set(template.fields)) / len(template.fields)
        scored.append((overlap, template.name))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        raise InvalidInput(
            f"{label}: cannot tell which template the columns follow; name the "
            f"file after one ({', '.join(model.templates)}) or use --template"
        )
    return scored[0][1]


def _accept(
    clean: CleanRow,
    table: Table,
    file_id: int,
    state: SubmissionState,
    writer: BulkWriter,
    report: LoadReport,
    skip_bad_rows: bool,
    conn: Connection,
    submission_id: int,
) -> None:
    """Cross-row checks, then hand the row to the writer (or record why not)."""
    if clean.id_derived and clean.record_id in state.seen and not clean.errors:
        report.add(
            NOTE,
            table.label,
            clean.row,
            None,
            None,
            "the same link as an earlier row (same persons, relation, date and case); kept once",
        )
        return
    errors = list(clean.errors) + cross_row_errors(clean, state)
    for column, value, reason in clean.notes:
        report.add(NOTE, table.label, clean.row, column, value, reason)
    is_case = clean.template == "cases"
    if errors:
        _reject(clean, table.label, errors, state, report, skip_bad_rows, conn, submission_id)
        return
    if state.failed and not skip_bad_rows:
        _remember(clean, state, is_case)  # keep checking later rows, write nothing more
        return
    if clean.template == "retractions":
        ref = clean.data["record_id"]
        is_case_ref = state.resolve(ref, ANY_KIND) == "case"
        writer.retract(ref, is_case_ref, clean.data.get("reason"))
        state.forget(ref, is_case_ref)
        report.retracted += 1
        return
    if clean.template == "identifiers":
        writer.add_identifiers(identifier_values(clean, file_id, owner_version=None))
        return
    if clean.sharing is None:
        clean.sharing = state.case_sharing(clean.case_id) or "agency"
    if is_case:
        previous = state.cases.get(clean.record_id or "", (0, ""))[0]
    else:
        previous = state.existing.get(clean.record_id or "", ("", 0))[1]
    writer.add_record(
        record_values(clean, file_id, previous + 1),
        identifier_values(clean, file_id, owner_version=previous + 1),
        is_new_version=previous > 0,
    )
    _remember(clean, state, is_case)


def _reject(
    clean: CleanRow,
    label: str,
    errors: list[tuple[str | None, str | None, str]],
    state: SubmissionState,
    report: LoadReport,
    skip_bad_rows: bool,
    conn: Connection,
    submission_id: int,
) -> None:
    for column, value, reason in errors:
        report.add(ERROR, label, clean.row, column, value, reason)
    report.rows_rejected += 1
    state.failed = True
    if clean.record_id:
        state.bad.add(clean.record_id)
    if skip_bad_rows:
        conn.execute(
            rejected_rows.insert(),
            [
                {
                    "submission_id": submission_id,
                    "file": label,
                    "row": clean.row,
                    "column_name": column,
                    "value": value,
                    "reason": reason,
                }
                for column, value, reason in errors
            ],
        )


def _remember(clean: CleanRow, state: SubmissionState, is_case: bool) -> None:
    if clean.record_id is None:
        return
    if is_case:
        state.seen_cases[clean.record_id] = clean.sharing or "agency"
    elif clean.kind:
        state.seen[clean.record_id] = clean.kind

"""`turquesa status`: what is loaded, per agency and kind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from sqlalchemy import Engine

from turquesa.cli.context import AppState
from turquesa.cli.output import open_output, print_table, write_csv, write_jsonl
from turquesa.model import RECORD_KINDS
from turquesa.storage import store

#: The terminal table leaves the agency's full name to --format csv|json.
TABLE_COLUMNS = ("agency", "country", "submissions", *RECORD_KINDS, "identifiers", "retracted")
TABLE_HEADERS = {
    "country": "cc",
    "submissions": "subm",
    "organization": "org",
    "movement": "move",
    "identifiers": "ids",
    "retracted": "retr",
}
STATUS_COLUMNS = (
    "agency",
    "country",
    "name",
    "submissions",
    *RECORD_KINDS,
    "identifiers",
    "retracted",
)


def status_rows(engine: Engine) -> list[dict[str, Any]]:
    """One row per agency with every count column present (0 when there is none)."""
    with engine.connect() as conn:
        rows = store.status_summary(conn)
    for row in rows:
        for column in STATUS_COLUMNS[3:]:
            row.setdefault(column, 0)
    return rows


def with_total(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows and a total row, for the terminal."""
    total: dict[str, Any] = {"agency": "total", "country": ""}
    for column in STATUS_COLUMNS[3:]:
        total[column] = sum(int(r.get(column) or 0) for r in rows)
    return [*rows, total]


def status(
    ctx: typer.Context,
    fmt: str = typer.Option("table", "--format", help="table, csv or json."),
    output: Path | None = typer.Option(None, "--output", help="Write here instead of stdout."),
) -> None:
    """Current records per agency and kind, identifiers, retractions, submissions."""
    state: AppState = ctx.obj
    rows = status_rows(state.engine())
    if fmt == "table":
        print_table(
            f"Loaded in {state.display_url()}",
            with_total(rows),
            TABLE_COLUMNS,
            headers=TABLE_HEADERS,
        )
        return
    with open_output(output) as out:
        if fmt == "csv":
            write_csv(rows, STATUS_COLUMNS, out)
        elif fmt == "json":
            write_jsonl(rows, out)
        else:
            raise typer.BadParameter("use table, csv or json", param_hint="--format")


def register(app: typer.Typer) -> None:
    app.command("status")(status)

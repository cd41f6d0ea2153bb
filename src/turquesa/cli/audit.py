"""`turquesa audit`: verify the hash-chained audit log, sign its head, review it.

The signing key lives in a key folder outside the database (`--key-dir`, else
`TURQUESA_KEY_DIR`); an auditor who holds only the public key verifies with
`--verify-key FILE`. `verify` exits 0 when the chain is intact and 1 with every
failure listed; run `checkpoint` from cron (or let the server do it) and keep the
exported checkpoints somewhere the database administrators cannot write.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from turquesa.cli.context import AppState
from turquesa.cli.output import open_output, print_table, write_csv
from turquesa.errors import UsageError
from turquesa.server import audit
from turquesa.server.audit_keys import (
    CHECKPOINT_LOG,
    export_verify_key,
    load_signing_key,
    load_verify_key,
)

audit_app = typer.Typer(
    help="Verify the tamper-evident audit log, sign its head, export checkpoints, review it.",
    no_args_is_help=True,
)
err = Console(stderr=True)
SHOW_COLUMNS = (
    "seq",
    "at",
    "username",
    "agency",
    "source",
    "action",
    "target",
    "justification",
    "detail",
)
KEY_DIR_HELP = "Folder of the audit signing key, outside the database (default: TURQUESA_KEY_DIR)."


class ShowFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _key_dir(option: Path | None) -> Path:
    chosen = option or os.environ.get("TURQUESA_KEY_DIR")
    if not chosen:
        raise UsageError("say where the audit key is: --key-dir DIR or TURQUESA_KEY_DIR")
    return Path(chosen)


@audit_app.command("verify")
def verify_command(
    ctx: typer.Context,
    checkpoints: Path | None = typer.Option(
        None,
        "--checkpoints",
        help="Checkpoints exported earlier and kept outside the database (JSON lines); "
        f"default: {CHECKPOINT_LOG} in the key folder, when there is one.",
    ),
    key_dir: Path | None = typer.Option(None, "--key-dir", help=KEY_DIR_HELP),
    verify_key: Path | None = typer.Option(
        None, "--verify-key", help="The public key alone (hex), instead of the key folder."
    ),
) -> None:
    """Recompute every hash and check every link and signature; exit 1 on any failure."""
    state: AppState = ctx.obj
    key_source = verify_key or _key_dir(key_dir)
    key = load_verify_key(key_source)
    if checkpoints is None and verify_key is None:
        default = _key_dir(key_dir) / CHECKPOINT_LOG
        checkpoints = default if default.exists() else None
    outside = None
    if checkpoints is not None:
        try:
            with checkpoints.open(encoding="utf-8") as handle:
                outside = audit.read_checkpoints(handle)
        except OSError as exc:
            raise UsageError(f"cannot read {checkpoints}: {exc.strerror}") from exc
    report = audit.verify(state.engine(), key, outside)
    span = f"entries {report.first_seq} to {report.last_seq}" if report.entries else "no entries"
    typer.echo(
        f"{span}; {report.checkpoints} stored and {report.exported} exported checkpoints"
        + (f"; entries up to {report.anchor_seq} purged" if report.anchor_seq else "")
    )
    if report.unsigned_entries:
        typer.echo(f"{report.unsigned_entries} entries after the last signed checkpoint")
    if report.ok:
        typer.echo("audit log intact")
        return
    for failure in report.failures:
        where = "" if failure.seq is None else f"seq {failure.seq}: "
        typer.echo(f"FAILED {where}{failure.message}")
    typer.echo(f"audit log NOT intact: {len(report.failures)} failures")
    raise typer.Exit(1)


@audit_app.command("checkpoint")
def checkpoint_command(
    ctx: typer.Context,
    key_dir: Path | None = typer.Option(None, "--key-dir", help=KEY_DIR_HELP),
) -> None:
    """Sign the chain head (the key is made on first use) and keep a copy in the key
    folder; refused when the chain since the last checkpoint does not verify."""
    state: AppState = ctx.obj
    folder = _key_dir(key_dir)
    signed = audit.checkpoint(state.engine(), load_signing_key(folder), log=folder / CHECKPOINT_LOG)
    if signed is None:
        typer.echo("the audit log is empty: nothing to sign")
        return
    typer.echo(f"signed entry {signed.seq} ({signed.entry_hash}) with key {signed.key_id}")


@audit_app.command("export-checkpoints")
def export_checkpoints_command(
    ctx: typer.Context,
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write."),
) -> None:
    """Write the signed checkpoints as JSON lines, to keep outside the database."""
    state: AppState = ctx.obj
    with open_output(output) as out:
        count = audit.export_checkpoints(state.engine(), out)
    if output is not None:
        typer.echo(f"{count} checkpoints written to {output}")


@audit_app.command("public-key")
def public_key_command(
    key_dir: Path | None = typer.Option(None, "--key-dir", help=KEY_DIR_HELP),
) -> None:
    """Print the public key (hex) that verifies the checkpoints, for auditors."""
    typer.echo(export_verify_key(load_verify_key(_key_dir(key_dir))))


@audit_app.command("show")
def show_command(
    ctx: typer.Context,
    agency: str | None = typer.Option(None, "--agency", help="Only entries of this agency."),
    action: str | None = typer.Option(None, "--action", help="Only this action."),
    limit: int = typer.Option(50, "--limit", min=1, help="How many, newest first."),
    fmt: ShowFormat = typer.Option(ShowFormat.table, "--format", help="table, csv or json."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write."),
) -> None:
    """The latest entries, newest first."""
    state: AppState = ctx.obj
    with state.engine().connect() as conn:
        entries = audit.list_entries(conn, agency=agency, action=action, limit=limit)
    rows = [entry.to_json() for entry in entries]
    if fmt is ShowFormat.table and output is None:
        for row in rows:
            row["detail"] = json.dumps(row["detail"], ensure_ascii=False, sort_keys=True)
        print_table("Audit log", rows, SHOW_COLUMNS)
        return
    with open_output(output) as out:
        if fmt is ShowFormat.json:
            json.dump(rows, out, ensure_ascii=False, indent=2, sort_keys=True)
            out.write("\n")
        else:
            for row in rows:
                row["detail"] = json.dumps(row["detail"], ensure_ascii=False, sort_keys=True)
            write_csv(rows, (*SHOW_COLUMNS, "user_id", "prev_hash", "entry_hash"), out)


@audit_app.command("purge")
def purge_command(
    ctx: typer.Context,
    before: datetime = typer.Option(
        ..., "--before", formats=["%Y-%m-%d"], help="Drop entries older than this date (UTC)."
    ),
    key_dir: Path | None = typer.Option(None, "--key-dir", help=KEY_DIR_HELP),
) -> None:
    """Drop entries older than a date at least a year back; the rest still verifies."""
    state: AppState = ctx.obj
    signing = load_signing_key(_key_dir(key_dir))
    result = audit.purge_before(state.engine(), before.replace(tzinfo=UTC), signing)
    typer.echo(f"{result.purged} entries purged; the chain now starts after {result.anchor_seq}")


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")

"""The `turquesa` command line (exchange/OUTPUTS.md conventions).

Global `--db URL` (else TURQUESA_DB, else ./turquesa.db); output to standard output
unless `--output`; exit codes 0 done, 1 input refused (nothing changed), 2 used wrongly.
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from turquesa import __version__
from turquesa.cli.context import AppState
from turquesa.errors import TurquesaError

app = typer.Typer(
    name="turquesa",
    help="Criminal intelligence against human trafficking and migrant smuggling.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"turquesa {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        help="Database URL: sqlite:///path.db or postgresql+psycopg://user@host/db "
        "(default: TURQUESA_DB, else sqlite:///turquesa.db).",
        envvar=None,
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Turquesa: load agencies' records, resolve who is who, find groups and routes."""
    ctx.obj = AppState(db)


def _register() -> None:
    from turquesa.cli import (
        audit,
        demo,
        explain,
        export,
        ingest,
        init,
        model,
        network,
        report,
        resolve,
        review,
        routes,
        server,
        status,
        synth,
        trends,
    )

    modules = (init, ingest, synth, status, resolve, review, explain, export, model)
    for module in (*modules, network, routes, trends, report, server, audit, demo):
        module.register(app)


_register()


def main(argv: list[str] | None = None) -> None:
    """Entry point. Click handles wrong use (exit 2) and --help; a TurquesaError raised
    anywhere below becomes its message and exit code, never a traceback."""
    try:
        app(args=argv, prog_name="turquesa")
    except TurquesaError as exc:
        err.print(f"[red]error:[/red] {exc.message}", highlight=False)
        sys.exit(exc.exit_code)

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
        None, "--db", help="Database URL: sqlite:///path.db or postgresql+psycopg://user@host/db "
        "(default: TURQUESA_DB, else sqlite:///turquesa.db).", envvar=None,
    ),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Turquesa: load agencies' records, resolve who is who, find groups and routes."""
    ctx.obj = AppState(db)


def _register() -> None:
    from turquesa.cli import demo, export, ingest, init, status, synth

    for module in (init, ingest, synth, status, export, demo):
        module.register(app)


_register()


def main() -> None:
    """Entry point: TurquesaError becomes a message and its exit code, never a traceback."""
    try:
        app(standalone_mode=False)
    except TurquesaError as exc:
        err.print(f"[red]error:[/red] {exc.message}", highlight=False)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(1)
    except Exception as exc:  # click's usage errors arrive here in non-standalone mode
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(2 if isinstance(exc, click.UsageError) else 1)
        raise

"""`turquesa init`: create (or migrate) the database."""

from __future__ import annotations

import typer

from turquesa.cli.context import AppState
from turquesa.storage.engine import current_revision


def init(ctx: typer.Context) -> None:
    """Create the database, or bring its schema up to date. Other commands do it too."""
    state: AppState = ctx.obj
    engine = state.engine()
    typer.echo(f"database ready: {state.display_url()} (schema {current_revision(engine)})")


def register(app: typer.Typer) -> None:
    app.command("init")(init)

"""`turquesa resolve`: who is who across every agency's records."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from turquesa.cli.context import AppState
from turquesa.resolve.run import ACCEPT_FROM, ResolutionReport, resolve


def show_resolution(report: ResolutionReport, console: Console) -> None:
    if report.new_records:
        console.print(
            f"Incremental: {report.new_records:,} person records were new since the last run; "
            "its entities were kept."
        )
    console.print(
        f"{report.person_records:,} person records became [bold]{report.persons:,}[/bold] "
        f"persons; {report.persons_in_several_records:,} of them are in more than one "
        f"record and [bold]{report.persons_across_countries:,}[/bold] span more than one "
        "country.",
        soft_wrap=True,
    )
    console.print(
        f"{report.organization_records:,} organization records became "
        f"{report.organizations:,} organizations; {report.identifier_entities:,} phones, "
        "e-mails, accounts, documents, vehicles and bank accounts are entities of their own.",
        soft_wrap=True,
    )
    console.print(
        f"Pairs: {report.pairs_scored:,} compared, {report.pairs_accepted:,} accepted, "
        f"{report.pairs_to_review:,} to review (turquesa review), {report.pairs_refused:,} "
        f"refused as contradictory; run {report.run_id} took {report.seconds:.1f} s.",
        soft_wrap=True,
    )


def resolve_command(
    ctx: typer.Context,
    engine: str = typer.Option(
        "duckdb", "--engine", help="duckdb (default) or spark (pip install 'turquesa[spark]')."
    ),
    threshold: float = typer.Option(
        ACCEPT_FROM, "--threshold", min=0.5, max=1.0, help="Match probability to accept."
    ),
    workdir: Path | None = typer.Option(None, "--workdir", help="Folder for temporary files."),
    run_by: str | None = typer.Option(None, "--as", help="Who runs it (default: system user)."),
    reuse_model: bool = typer.Option(
        False, "--reuse-model", help="Score with the last run's trained model, without training."
    ),
    incremental: bool = typer.Option(
        False,
        "--incremental",
        help="Link records loaded since the last run to its entities, which stay as they are.",
    ),
) -> None:
    """Resolve persons, organizations and identifiers into entities.

    Persons are matched by a Splink model trained on the loaded records; analysts'
    decisions (turquesa review) always win over it. Entity ids stay the same between
    runs when their records do not change.
    """
    state: AppState = ctx.obj
    console = Console(stderr=True)
    with console.status("resolving") as status:
        report = resolve(
            state.engine(),
            run_by=run_by,
            resolver=engine,
            accept_from=threshold,
            workdir=workdir,
            step=lambda msg: status.update(msg),
            reuse_model=reuse_model,
            incremental=incremental,
        )
    show_resolution(report, Console())


def register(app: typer.Typer) -> None:
    app.command("resolve")(resolve_command)

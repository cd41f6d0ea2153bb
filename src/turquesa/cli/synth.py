"""`turquesa synth OUT`: realistic synthetic multi-agency submissions with ground truth."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from turquesa.synth import NoiseConfig, generate


def synth(
    out: Path = typer.Argument(..., help="Folder to write the submissions and truth/ into."),
    seed: int = typer.Option(7, "--seed", help="Same seed, same files."),
    persons: int = typer.Option(2000, "--persons", min=10, help="True persons to generate."),
    typo: float = typer.Option(NoiseConfig.typo, help="Rate of one-letter typos in names."),
    one_surname: float = typer.Option(
        NoiseConfig.one_surname, help="Rate of records with one surname of two."
    ),
    day_month_swapped: float = typer.Option(
        NoiseConfig.day_month_swapped, help="Rate of dates with day and month swapped."
    ),
    missing_field: float = typer.Option(
        NoiseConfig.missing_field, help="Rate of optional fields left empty."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Write one submission folder per agency and the ground truth under OUT/truth."""
    noise = NoiseConfig(
        typo=typo,
        one_surname=one_surname,
        day_month_swapped=day_month_swapped,
        missing_field=missing_field,
    )
    with Progress(
        TextColumn("synthesising"),
        BarColumn(),
        TextColumn("{task.completed:,} / {task.total:,} persons"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=quiet,
        transient=True,
    ) as bar:
        task = bar.add_task("synth", total=persons)
        summary = generate(
            out,
            seed=seed,
            persons=persons,
            noise=noise,
            progress=lambda n: bar.update(task, completed=n),
        )
    records = ", ".join(f"{n:,} {kind}" for kind, n in sorted(summary.records.items()))
    typer.echo(
        f"{summary.persons:,} persons for {len(summary.agencies)} agencies in "
        f"{summary.seconds:.1f} s: {records}"
    )
    typer.echo(f"written to {summary.out_dir} (truth in {summary.out_dir / 'truth'})")


def register(app: typer.Typer) -> None:
    app.command("synth")(synth)

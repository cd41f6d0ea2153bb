"""`turquesa synth OUT`: realistic synthetic multi-agency submissions with ground truth."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from turquesa.synth import NoiseConfig, generate

RATES = ", ".join(f"{f.name} ({f.default})" for f in fields(NoiseConfig))


def noise_config(settings: list[str], none: bool) -> NoiseConfig:
    """NoiseConfig from `--noise name=rate` settings, on top of the defaults or of zero."""
    noise = NoiseConfig.zero() if none else NoiseConfig()
    known = {f.name for f in fields(NoiseConfig)}
    for setting in settings:
        name, _, value = setting.partition("=")
        name = name.strip().replace("-", "_")
        if name not in known:
            raise typer.BadParameter(
                f"{name!r} is not a noise rate; rates: {RATES}", param_hint="--noise"
            )
        try:
            rate = float(value)
        except ValueError:
            rate = -1.0
        if not 0.0 <= rate <= 1.0:
            raise typer.BadParameter(
                f"{setting!r}: a rate is a number from 0 to 1", param_hint="--noise"
            )
        noise = replace(noise, **{name: rate})
    return noise


def synth(
    out: Path = typer.Argument(..., help="Folder to write the submissions and truth/ into."),
    seed: int = typer.Option(7, "--seed", help="Same seed, same files."),
    persons: int = typer.Option(2000, "--persons", min=10, help="True persons to generate."),
    noise: list[str] = typer.Option(
        [],
        "--noise",
        help="Change one error rate, e.g. --noise "
        f"typo=0.2 (repeatable). Rates and defaults: {RATES}.",
    ),
    no_noise: bool = typer.Option(False, "--no-noise", help="Start every rate from 0."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Write one submission folder per agency and the ground truth under OUT/truth."""
    config = noise_config(noise, no_noise)
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
            noise=config,
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

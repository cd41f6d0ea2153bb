"""`turquesa model`: the data model reference, generated from the model itself."""

from __future__ import annotations

from pathlib import Path

import typer

from turquesa.cli.output import open_output
from turquesa.model import load_model
from turquesa.model.reference import model_reference


def model(
    output: Path | None = typer.Option(None, "--output", help="Write here instead of stdout."),
) -> None:
    """Print the templates, columns, vocabularies and entity kinds as Markdown."""
    with open_output(output) as out:
        out.write(model_reference(load_model()))


def register(app: typer.Typer) -> None:
    app.command("model")(model)

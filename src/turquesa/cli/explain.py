"""`turquesa explain A B`: the waterfall of match weights for two person records."""

from __future__ import annotations

from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from turquesa.cli.context import AppState
from turquesa.resolve.explain import Explanation, explain_pair

SHOWN = (
    ("agency", "agency"),
    ("role", "role"),
    ("given_all", "given names"),
    ("surname_tokens", "surnames"),
    ("aliases", "aliases"),
    ("birth_date", "birth date"),
    ("sex", "sex"),
    ("nationalities", "nationality"),
    ("documents", "documents"),
    ("contacts", "phones, e-mails, accounts"),
)
IDENTITY = {"given_all", "surname_tokens", "aliases", "birth_date", "documents", "contacts"}


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def show_explanation(explanation: Explanation, console: Console, victim_identity: bool) -> None:
    x, y = explanation.records
    hidden = not victim_identity and "victim" in (x.get("role"), y.get("role"))
    side = Table(title="The two records", show_lines=False)
    side.add_column("")
    side.add_column(explanation.left)
    side.add_column(explanation.right)
    for key, label in SHOWN:
        if hidden and key in IDENTITY:
            side.add_row(label, "(victim record: withheld)", "(victim record: withheld)")
        else:
            side.add_row(label, _text(x.get(key)), _text(y.get(key)))
    console.print(side)
    waterfall = Table(title="Match weights (bits; positive for, negative against)")
    waterfall.add_column("comparison")
    waterfall.add_column("level")
    waterfall.add_column("weight", justify="right")
    waterfall.add_column("running total", justify="right")
    total = explanation.weights.prior
    waterfall.add_row(
        "prior", "how often two random records match", f"{total:+.2f}", f"{total:+.2f}"
    )
    for level in explanation.weights.levels:
        total += level.weight
        waterfall.add_row(level.comparison, level.level, f"{level.weight:+.2f}", f"{total:+.2f}")
    console.print(waterfall)
    console.print(
        f"Match weight {explanation.weights.weight:+.2f}, probability "
        f"[bold]{explanation.weights.probability:.4f}[/bold]."
    )
    console.print(f"Corroborated by: {explanation.corroboration or 'nothing but the names'}.")
    console.print(f"Contradiction: {explanation.contradiction or 'none'}.")
    if explanation.decision:
        console.print(f"Analyst's decision in force: [bold]{explanation.decision}[/bold].")
    left, right = explanation.entities
    together = left is not None and left == right
    console.print(
        f"Entities: {left or '—'} and {right or '—'} "
        f"({'the same person' if together else 'kept apart'} in the last run)."
    )


def explain_command(
    ctx: typer.Context,
    left: str = typer.Argument(..., help="AGENCY/record_id"),
    right: str = typer.Argument(..., help="AGENCY/record_id"),
    victim_identity: bool = typer.Option(
        False, "--with-victim-identity", help="Show victims' names and identifiers."
    ),
) -> None:
    """Why two person records are, or are not, one person, with the last run's model."""
    state: AppState = ctx.obj
    explanation = explain_pair(state.engine(), left, right)
    show_explanation(explanation, Console(), victim_identity)


def register(app: typer.Typer) -> None:
    app.command("explain")(explain_command)

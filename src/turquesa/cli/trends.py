"""`turquesa trends`: counts by period, country and modus operandi, by sex and age.

What it prints is meant to be shared, so cells under 5 are hidden (with secondary
suppression) unless `--no-suppress` asks for the analyst's own working view, which is
labelled as such wherever it goes. `--format csv` writes one table (the counts, or the
changes with `--changes`); `--format json` writes one document with everything.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table as RichTable

from turquesa.analysis.changes import Change
from turquesa.analysis.context import context_table, read_glotip
from turquesa.analysis.dataset import load_dataset
from turquesa.analysis.suppression import suppress
from turquesa.analysis.tables import Table
from turquesa.analysis.trends import category_label, changes, count_table, mask_changes
from turquesa.cli.context import AppState
from turquesa.cli.output import open_output, write_csv
from turquesa.errors import UsageError

WORKING_VIEW = "WORKING VIEW, NOT FOR SHARING: small counts are shown."
CHANGE_COLUMNS = (
    "category",
    "before",
    "after",
    "count_before",
    "count_after",
    "exposure_before",
    "exposure_after",
    "ratio",
    "direction",
    "p_value",
    "q_value",
    "stands_out",
    "test",
)


class By(StrEnum):
    period = "period"
    country = "country"
    exploitation = "exploitation"
    mode = "mode"
    recruitment = "recruitment"
    control = "control"
    role = "role"


class Split(StrEnum):
    sex = "sex"
    age = "age"
    age_band = "age_band"
    period = "period"
    none = "none"


class Granularity(StrEnum):
    year = "year"
    quarter = "quarter"
    month = "month"


class Population(StrEnum):
    victims = "victims"
    migrants = "migrants"
    perpetrators = "perpetrators"


class Unit(StrEnum):
    persons = "persons"
    records = "records"


class CountryOf(StrEnum):
    agency = "agency"
    event = "event"


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _rich(table: Table, working: bool) -> RichTable:
    title = f"{table.title} ({table.unit})"
    if working:
        title = f"[bold red]{WORKING_VIEW}[/bold red]\n{title}"
    caption = table.note + (f" {WORKING_VIEW}" if working else "")
    rich = RichTable(title=title, caption=caption, title_justify="left", caption_justify="left")
    rich.add_column("")
    for label in table.col_labels:
        rich.add_column(label, justify="right")
    keys = table.all_col_keys()
    for i, label in enumerate(table.row_labels):
        rich.add_row(label, *(table.text(i, j) for j in range(len(keys))))
    return rich


def _rich_changes(found: list[Change], by: str) -> RichTable:
    rich = RichTable(
        title="Changes between periods",
        caption=found[0].test if found else "",
        title_justify="left",
        caption_justify="left",
    )
    for column in ("category", "before", "after", "counts", "ratio", "p", "q", ""):
        rich.add_column(column)
    for c in found:
        counts = "hidden" if c.count_before is None else f"{c.count_before} → {c.count_after}"
        rich.add_row(
            "Total" if c.category == "total" else category_label(by, c.category),
            c.before,
            c.after,
            counts,
            "" if c.ratio is None else f"{c.ratio:.2f}",
            "" if c.p_value is None else f"{c.p_value:.3g}",
            "" if c.q_value is None else f"{c.q_value:.3g}",
            f"{'▲' if c.direction == 'up' else '▼' if c.direction == 'down' else '='}"
            + (" stands out" if c.stands_out else ""),
        )
    return rich


def trends(
    ctx: typer.Context,
    by: By = typer.Option(By.period, "--by", help="Rows: what to count by."),
    split: Split = typer.Option(Split.sex, "--split", help="Columns: sex, age, age_band…"),
    period: Granularity = typer.Option(Granularity.year, "--period", help="year, quarter, month."),
    population: Population = typer.Option(
        Population.victims, "--population", help="victims, migrants or perpetrators."
    ),
    unit: Unit = typer.Option(
        Unit.persons, "--unit", help="persons (distinct resolved persons) or records."
    ),
    country_of: CountryOf = typer.Option(
        CountryOf.agency,
        "--country-of",
        help="With --by country: the reporting agency's, or the event's (exploitation first).",
    ),
    show_changes: bool = typer.Option(
        False, "--changes", help="List the changes between consecutive periods, with the test."
    ),
    between: tuple[str, str] | None = typer.Option(
        None, "--between", help="Compare these two periods only (e.g. --between 2023 2024)."
    ),
    alpha: float = typer.Option(0.05, "--alpha", help="False discovery rate for 'stands out'."),
    context_file: Path | None = typer.Option(
        None,
        "--context",
        exists=True,
        dir_okay=False,
        help="A UNODC GLOTIP CSV to show beside the data (detected victims, the region).",
    ),
    fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json."),
    output: Path | None = typer.Option(None, "--output", help="Write here instead of stdout."),
    suppressed: bool = typer.Option(
        True,
        "--suppress/--no-suppress",
        help="Hide cells under 5 (the default: what is shared). --no-suppress is the "
        "analyst's own working view.",
    ),
) -> None:
    """Counts per period, country and modus operandi, by sex and age; changes that stand
    out; public context. Cells under 5 are hidden unless --no-suppress."""
    state: AppState = ctx.obj
    if fmt is Format.csv and context_file is not None:
        raise UsageError("--context writes with --format table or json (CSV holds one table)")
    dataset = load_dataset(state.engine())
    try:
        table = count_table(
            dataset, by.value, split.value, population.value, unit.value, period.value,
            country_of.value,
        )  # fmt: skip
        found: list[Change] = []
        if show_changes or between:
            tested, found = changes(
                dataset, by.value, population.value, unit.value, period.value,
                tuple(between) if between else None, alpha, country_of.value,
            )  # fmt: skip
            if suppressed:
                found = mask_changes(found, suppress(tested))
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    shown = suppress(table) if suppressed else table
    context = None
    if context_file is not None:
        context = context_table(read_glotip(context_file))
    err = Console(stderr=True)
    if not suppressed:
        err.print(f"[bold red]{WORKING_VIEW}[/bold red]", highlight=False)

    if fmt is Format.table:
        console = Console()
        console.print(_rich(shown, not suppressed))
        if show_changes or between:
            console.print(_rich_changes(found, by.value))
        if context is not None:
            console.print(_rich(context, False))
        return
    with open_output(output) as out:
        if fmt is Format.csv:
            if show_changes or between:
                write_csv((c.document() for c in found), CHANGE_COLUMNS, out)
            else:
                rows = shown.wide_rows()
                write_csv(rows, [shown.dimension, *shown.all_col_keys()], out)
            err.print(shown.note, highlight=False)
            return
        document: dict[str, Any] = shown.document()
        if not suppressed:
            document["note"] = f"{WORKING_VIEW} {document['note']}"
        document["population"] = population.value
        document["snapshot"] = dataset.snapshot
        if show_changes or between:
            document["changes"] = [c.document() for c in found]
        if context is not None:
            document["context"] = context.document()
        out.write(json.dumps(document, ensure_ascii=False, indent=2, default=str))
        out.write("\n")


def register(app: typer.Typer) -> None:
    app.command("trends")(trends)

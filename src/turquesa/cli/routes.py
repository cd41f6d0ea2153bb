"""`turquesa routes`: flows, corridors, crossing points, costs and journeys.

`--format csv` of the default view is the machine output of exchange/OUTPUTS.md
(`period,from_country,to_country,legs,persons`); the other views are for people and
for spreadsheets, and `--format geojson` is for GIS tools.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from turquesa.analysis.dataset import load_dataset
from turquesa.analysis.gazetteer import Gazetteer
from turquesa.analysis.geo import flows_geojson
from turquesa.analysis.route_costs import (
    COST_COLUMNS,
    DURATION_COLUMNS,
    costs,
    durations,
    load_rates,
)
from turquesa.analysis.route_map import crossing_places
from turquesa.analysis.routes import FLOW_COLUMNS, crossings, flows, journeys, legs_of, modes
from turquesa.analysis.routes import corridors as rank_corridors
from turquesa.cli.context import AppState
from turquesa.cli.output import open_output, print_table, write_csv


class View(StrEnum):
    flows = "flows"
    corridors = "corridors"
    crossings = "crossings"
    modes = "modes"
    costs = "costs"
    durations = "durations"
    journeys = "journeys"


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    geojson = "geojson"


class PeriodOption(StrEnum):
    year = "year"
    quarter = "quarter"
    month = "month"


CORRIDOR_COLUMNS = ("from_country", "to_country", "persons", "legs", "first", "last")
TALLY_COLUMNS = ("name", "countries", "persons", "legs")
JOURNEY_COLUMNS = ("route", "persons", "legs", "first", "last")


def _rows(view: View, state: AppState, period: str, rates: Path | None) -> tuple[Any, ...]:
    dataset = load_dataset(state.engine())
    legs = legs_of(dataset)
    if view is View.flows:
        return [f.as_row() for f in flows(legs, period)], FLOW_COLUMNS, legs, dataset  # type: ignore[arg-type]
    if view is View.corridors:
        rows = [
            {
                "from_country": c.countries[0],
                "to_country": c.countries[-1],
                "persons": c.persons,
                "legs": c.legs,
                "first": c.first,
                "last": c.last,
            }
            for c in rank_corridors(legs)
        ]
        return rows, CORRIDOR_COLUMNS, legs, dataset
    if view in (View.crossings, View.modes):
        tallies = crossings(legs) if view is View.crossings else modes(legs)
        rows = [
            {
                "name": t.label,
                "countries": "-".join(t.countries),
                "persons": t.persons,
                "legs": t.legs,
            }
            for t in tallies
        ]
        return rows, TALLY_COLUMNS, legs, dataset
    chains = journeys(legs)
    if view is View.costs:
        table = load_rates(rates) if rates else None
        return [c.as_row() for c in costs(legs, chains, table)], COST_COLUMNS, legs, dataset
    if view is View.durations:
        return [d.as_row() for d in durations(legs, chains)], DURATION_COLUMNS, legs, dataset
    from turquesa.analysis.routes import journey_routes

    rows = [
        {
            "route": c.label,
            "persons": c.persons,
            "legs": c.legs,
            "first": c.first,
            "last": c.last,
        }
        for c in journey_routes(chains)
    ]
    return rows, JOURNEY_COLUMNS, legs, dataset


def routes(
    ctx: typer.Context,
    view: View = typer.Option(View.flows, "--view", help="What to list."),
    fmt: Format = typer.Option(
        Format.table, "--format", help="table (readable), csv, json, or geojson (flows only)."
    ),
    period: PeriodOption = typer.Option(
        PeriodOption.year, "--period", help="Flows per year, quarter or month."
    ),
    rates: Path | None = typer.Option(
        None,
        "--rates",
        exists=True,
        dir_okay=False,
        help="CSV currency,usd_per_unit[,date]: adds costs in USD (nothing is fetched).",
    ),
    output: Path | None = typer.Option(None, "--output", help="Write here instead of stdout."),
) -> None:
    """Movements as flows between countries, counted as legs (movement records) and as
    distinct resolved persons; or corridors, crossing points, modes, costs, time taken
    and journeys (origin → transit → destination)."""
    state: AppState = ctx.obj
    if fmt is Format.geojson and view is not View.flows:
        raise typer.BadParameter("geojson is for --view flows", param_hint="--format")
    rows, columns, legs, dataset = _rows(view, state, period.value, rates)
    with open_output(output) as out:
        if fmt is Format.csv:
            write_csv(rows, columns, out)
        elif fmt is Format.json:
            out.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
        elif fmt is Format.geojson:
            gazetteer = Gazetteer.from_events(dataset.events)
            places = [p for p, _t in crossing_places(crossings(legs), legs, gazetteer)]
            collection = flows_geojson(flows(legs, period.value), places)  # type: ignore[arg-type]
            out.write(json.dumps(collection, ensure_ascii=False) + "\n")
        else:
            title = f"Routes: {view.value}" + (f" per {period.value}" if view is View.flows else "")
            print_table(title, rows, columns)


def register(app: typer.Typer) -> None:
    app.command("routes")(routes)

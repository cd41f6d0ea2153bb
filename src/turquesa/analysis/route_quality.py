"""How well the route flows match a known answer (the synthetic ground truth).

Legs count movement records, so they must equal the truth exactly: any difference is a
bug in reading or dating records. Persons count resolved persons, so they differ from
the truth by as much as resolution errs (a missed merge counts one migrant twice, a
false merge two as one): reported as mean absolute and relative error over the cells.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from turquesa.analysis.routes import Flow

Cell = tuple[str, str, str]


def read_flows(path: Path) -> dict[Cell, tuple[int, int]]:
    """A flows CSV (`period,from_country,to_country,legs,persons`) by cell."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            (row["period"], row["from_country"], row["to_country"]): (
                int(row["legs"]),
                int(row["persons"]),
            )
            for row in csv.DictReader(handle)
        }


def period_kind(period: str) -> str:
    """ "year" for 2024, "quarter" for 2024-Q2, "month" for 2024-05, else "other"."""
    if re.fullmatch(r"\d{4}", period):
        return "year"
    if re.fullmatch(r"\d{4}-Q[1-4]", period):
        return "quarter"
    if re.fullmatch(r"\d{4}-\d{2}", period):
        return "month"
    return "other"


def compare_flows(flows: Iterable[Flow], truth_csv_path: Path | str) -> dict[str, Any]:
    """Compare computed flows with a truth file over the truth's cells of the same
    period kind (a truth file may hold years and months together: only the periods
    spelt like the computed ones are compared)."""
    ours = {(f.period, f.from_country, f.to_country): (f.legs, f.persons) for f in flows}
    truth = read_flows(Path(truth_csv_path))
    kinds = {period_kind(period) for period, _f, _t in ours}
    if kinds:
        truth = {cell: v for cell, v in truth.items() if period_kind(cell[0]) in kinds}
    cells = sorted(set(ours) | set(truth))
    legs_off = [c for c in cells if ours.get(c, (0, 0))[0] != truth.get(c, (0, 0))[0]]
    errors = [abs(ours.get(c, (0, 0))[1] - truth.get(c, (0, 0))[1]) for c in cells]
    truth_persons = sum(v[1] for v in truth.values())
    return {
        "cells": len(cells),
        "truth_cells": len(truth),
        "legs_equal": not legs_off,
        "legs_cells_different": len(legs_off),
        "legs_total": sum(v[0] for v in ours.values()),
        "legs_total_truth": sum(v[0] for v in truth.values()),
        "persons_total": sum(v[1] for v in ours.values()),
        "persons_total_truth": truth_persons,
        "persons_mean_absolute_error": sum(errors) / len(cells) if cells else 0.0,
        "persons_relative_error": sum(errors) / truth_persons if truth_persons else 0.0,
        "persons_cells_exact": sum(1 for e in errors if e == 0),
        "legs_cells_listed": [list(c) for c in legs_off[:20]],
    }

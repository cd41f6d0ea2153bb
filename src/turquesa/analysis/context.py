"""Public context read beside the agencies' data: UNODC GLOTIP detected victims.

Why: a rise in our records means more when set against what the countries themselves
reported to UNODC. Nothing is fetched: the user gives the CSV they downloaded
(columns Country, Region, Subregion, Indicator, Dimension, Category, Sex, Age, Year,
Unit of measurement, txtVALUE). UNODC publishes small counts as "<5"; they stay "<5"
here, with no number behind them: we never invent one.

Mapped to our vocabularies where a mapping exists: countries to ISO alpha-2
(pycountry, plus the few UN names it does not know), sex to F/M/X/unknown, age to
child/adult/unknown, forms to `sexual` and `forced_labour`; GLOTIP's "Other forms of
exploitation" is broader than our `other` (it holds forced criminality, begging,
forced marriage, organ removal...) and is kept apart as `other_forms`. "total" marks
a figure that is not broken down along that axis.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pycountry

from turquesa.analysis.tables import PRIMARY, Table, Translate, identity
from turquesa.errors import InvalidInput

INDICATOR = "Detected trafficking victims"
REGION = "Latin America and the Caribbean"
COLUMNS = (
    "Country",
    "Region",
    "Subregion",
    "Indicator",
    "Dimension",
    "Category",
    "Sex",
    "Age",
    "Year",
    "Unit of measurement",
    "txtVALUE",
)
#: UN names that pycountry's lookup misses or gets wrong.
_COUNTRY_OVERRIDES = {
    "Bolivia (Plurinational State of)": "BO",
    "Venezuela (Bolivarian Republic of)": "VE",
    "Republic of Korea": "KR",
    "Iran (Islamic Republic of)": "IR",
    "Micronesia (Federated States of)": "FM",
    "China, Hong Kong Special Administrative Region": "HK",
    "China, Macao Special Administrative Region": "MO",
    "Kosovo under UNSCR 1244": "XK",
}
_SEX = {"Female": "F", "Male": "M", "Other": "X", "Unknown": "unknown", "Total": "total"}
_AGE = {
    "0 to 17 years": "child",
    "18 years or over": "adult",
    "Unknown": "unknown",
    "Total": "total",
}
_FORM = {
    "Sexual exploitation": "sexual",
    "Forced labour": "forced_labour",
    "Other forms of exploitation": "other_forms",
}


class ContextError(InvalidInput):
    """The file is not a GLOTIP export (refused: exit code 1 on the command line)."""


@dataclass(frozen=True)
class ContextFigure:
    """One published figure: `value` is None when UNODC shows "<5" (then `text` is
    "<5") or leaves it empty."""

    country: str | None  # ISO alpha-2, None when no code is known
    country_name: str
    year: int
    sex: str  # F, M, X, unknown, total
    age: str  # child, adult, unknown, total
    form: str  # sexual, forced_labour, other_forms, total
    value: int | None
    text: str

    def document(self) -> dict[str, Any]:
        return asdict(self)


def country_code(name: str) -> str | None:
    """ISO alpha-2 of a UN country name; None when unknown (never a fuzzy guess, which
    turns "Republic of Korea" into the North)."""
    if name in _COUNTRY_OVERRIDES:
        return _COUNTRY_OVERRIDES[name]
    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        return None


def parse_value(text: str) -> int | None:
    """`1,282` -> 1282; "<5" and empty -> None (the text is kept beside it)."""
    digits = re.sub(r"[,\s]", "", text)
    return int(digits) if digits.isdigit() else None


def read_glotip(
    path: Path,
    countries: Iterable[str] | None = None,
    subregion: str | None = REGION,
    years: tuple[int, int] | None = None,
) -> list[ContextFigure]:
    """Detected victims by country, sex, age and form: for `countries` (alpha-2) when
    given, else for the countries of `subregion`; within `years` (inclusive) if given.
    Figures by citizenship and by country of repatriation are left out."""
    wanted = {c.upper() for c in countries} if countries is not None else None
    figures = []
    # the export holds a few bytes that are not UTF-8: they are kept as U+FFFD
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ContextError(
                f"{path.name}: not a GLOTIP export (missing {', '.join(missing)})", file=path.name
            )
        for row in reader:
            figure = _figure(row, wanted, subregion, years)
            if figure is not None:
                figures.append(figure)
    return figures


def _figure(
    row: dict[str, str],
    wanted: set[str] | None,
    subregion: str | None,
    years: tuple[int, int] | None,
) -> ContextFigure | None:
    if row["Indicator"] != INDICATOR or not row["Country"]:
        return None
    if row["Dimension"] == "Total":
        form = "total"
    elif row["Dimension"] == "by form of exploitation" and row["Category"] in _FORM:
        form = _FORM[row["Category"]]
    else:
        return None
    code = country_code(row["Country"])
    if wanted is not None:
        if code not in wanted:
            return None
    elif subregion and row["Subregion"] != subregion:
        return None
    if not row["Year"].isdigit():
        return None
    year = int(row["Year"])
    if years and not years[0] <= year <= years[1]:
        return None
    text = row["txtVALUE"].strip()
    return ContextFigure(
        country=code,
        country_name=row["Country"],
        year=year,
        sex=_SEX.get(row["Sex"], "unknown"),
        age=_AGE.get(row["Age"], "unknown"),
        form=form,
        value=parse_value(text),
        text=text,
    )


def context_table(
    figures: list[ContextFigure],
    sex: str = "total",
    age: str = "total",
    form: str = "total",
    last_years: int = 5,
    _: Translate = identity,
) -> Table:
    """Detected victims per country (rows) and year (columns) as UNODC published them,
    "<5" kept as "<5". No margins: the published figures are not ours to add up."""
    chosen = [f for f in figures if (f.sex, f.age, f.form) == (sex, age, form)]
    years = sorted({f.year for f in chosen})[-last_years:] if last_years else []
    chosen = [f for f in chosen if f.year in years]
    rows = sorted({f.country or f.country_name for f in chosen})
    col_keys = [str(y) for y in years]
    by_cell = {(f.country or f.country_name, str(f.year)): f for f in chosen}
    cells: list[list[int | None]] = []
    flags: list[list[str]] = []
    for row in rows:
        cells.append([])
        flags.append([])
        for col in col_keys:
            figure = by_cell.get((row, col))
            cells[-1].append(figure.value if figure else None)
            flags[-1].append(PRIMARY if figure and figure.text == "<5" else "" if figure else "–")
    return Table(
        title=_("Detected victims of trafficking reported to UNODC (GLOTIP)"),
        row_keys=rows,
        col_keys=col_keys,
        row_labels=rows,
        col_labels=col_keys,
        cells=cells,
        flags=flags,
        margins=False,
        unit="persons",
        dimension="country",
        split="year",
        note=_(
            "Source: UNODC Global Report on Trafficking in Persons data, as published "
            "(“<5”: fewer than five; “–”: not reported)."
        ),
        suppressed=True,
    )

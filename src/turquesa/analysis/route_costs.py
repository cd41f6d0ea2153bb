"""What a route costs and how long it takes: per leg and per journey.

Prices stay in the currency the agency recorded. Converting them needs a rate, and a
rate needs a date and a source the analyst can defend in court; so USD figures appear
only when the user loads a rates table (`currency,usd_per_unit[,date]`), never from a
rate fetched or built in.
"""

from __future__ import annotations

import csv
import statistics
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from turquesa.analysis.routes import Journey, Leg
from turquesa.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Summary:
    """Median and range of a set of values (amounts in one currency, or days)."""

    n: int
    median: float
    min: float
    max: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Summary | None:
        if not values:
            return None
        return cls(len(values), float(statistics.median(values)), min(values), max(values))


@dataclass
class Rates:
    """USD per unit of each currency, optionally dated (the latest rate on or before a
    date applies; a date before every rate takes the earliest)."""

    table: dict[str, list[tuple[str, float]]] = field(default_factory=dict)

    def usd(self, amount: float, currency: str, date: str | None = None) -> float | None:
        if currency.upper() == "USD":
            return amount
        dated = self.table.get(currency.upper())
        if not dated:
            return None
        if date is None:
            return amount * dated[-1][1]
        position = bisect_right([d for d, _ in dated], date[:10])
        return amount * dated[max(position - 1, 0)][1]


def load_rates(path: Path) -> Rates:
    """Read `currency,usd_per_unit[,date]` (a header row, one rate a line)."""
    table: dict[str, list[tuple[str, float]]] = defaultdict(list)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"currency", "usd_per_unit"} <= set(reader.fieldnames):
            raise InvalidInput(f"{path}: the rates table needs columns currency,usd_per_unit")
        for line, row in enumerate(reader, start=2):
            try:
                rate = float(row["usd_per_unit"])
            except (TypeError, ValueError):
                raise InvalidInput(
                    f"{path}:{line}: usd_per_unit is not a number", file=str(path), row=line
                ) from None
            if rate <= 0 or not (row.get("currency") or "").strip():
                raise InvalidInput(f"{path}:{line}: a rate needs a currency and a positive value")
            table[row["currency"].strip().upper()].append(((row.get("date") or "")[:10], rate))
    return Rates({c: sorted(v) for c, v in table.items()})


@dataclass(frozen=True, slots=True)
class CostRow:
    scope: str  # "leg" or "journey"
    currency: str
    summary: Summary

    def as_row(self) -> dict[str, str | int | float]:
        return {
            "per": self.scope,
            "currency": self.currency,
            "n": self.summary.n,
            "median": round(self.summary.median, 2),
            "min": round(self.summary.min, 2),
            "max": round(self.summary.max, 2),
        }


COST_COLUMNS = ("per", "currency", "n", "median", "min", "max")


def _rows(scope: str, by_currency: dict[str, list[float]]) -> list[CostRow]:
    out = []
    for currency in sorted(by_currency):
        summary = Summary.of(by_currency[currency])
        if summary is not None:
            out.append(CostRow(scope, currency, summary))
    return out


def costs(
    legs: Iterable[Leg], journeys: Iterable[Journey], rates: Rates | None = None
) -> list[CostRow]:
    """Median and range of the price per leg and per journey in each recorded currency;
    with `rates`, also in USD (currency "USD*": every convertible price converted at
    the rate of its date, recorded dollars included)."""
    leg_values: dict[str, list[float]] = defaultdict(list)
    for leg in legs:
        if leg.amount is None or not leg.currency:
            continue
        leg_values[leg.currency].append(leg.amount)
        if rates is not None:
            usd = rates.usd(leg.amount, leg.currency, leg.date)
            if usd is not None:
                leg_values["USD*"].append(usd)
    journey_values: dict[str, list[float]] = defaultdict(list)
    for journey in journeys:
        paid = journey.cost()
        for currency, total in paid.items():
            journey_values[currency].append(total)
        if rates is not None and paid:
            converted = [
                rates.usd(leg.amount, leg.currency, leg.date)
                for leg in journey.legs
                if leg.amount is not None and leg.currency
            ]
            if all(v is not None for v in converted):
                journey_values["USD*"].append(sum(v for v in converted if v is not None))
    return _rows("leg", leg_values) + _rows("journey", journey_values)


@dataclass(frozen=True, slots=True)
class DurationRow:
    per: str  # "leg" or "journey"
    mode: str  # a leg's mode, or "all"
    summary: Summary

    def as_row(self) -> dict[str, str | int | float]:
        return {
            "per": self.per,
            "mode": self.mode,
            "n": self.summary.n,
            "median_days": self.summary.median,
            "min_days": self.summary.min,
            "max_days": self.summary.max,
        }


DURATION_COLUMNS = ("per", "mode", "n", "median_days", "min_days", "max_days")


def durations(legs: Iterable[Leg], journeys: Iterable[Journey]) -> list[DurationRow]:
    """Days from departure to arrival per leg (overall and by mode) and per journey
    (first departure to last arrival), over the records that carry both dates."""
    by_mode: dict[str, list[float]] = defaultdict(list)
    for leg in legs:
        if leg.days is not None:
            by_mode["all"].append(leg.days)
            by_mode[leg.mode or "unknown"].append(leg.days)
    rows = [
        DurationRow("leg", mode, summary)
        for mode in sorted(by_mode, key=lambda m: (m != "all", m))
        if (summary := Summary.of(by_mode[mode])) is not None
    ]
    whole = Summary.of([j.days for j in journeys if j.days is not None])
    if whole is not None:
        rows.append(DurationRow("journey", "all", whole))
    return rows

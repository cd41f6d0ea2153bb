"""Periods (year, quarter, month) of partial ISO dates, and how long each one was watched.

Why exposure and not the calendar alone: the first and last periods of a data set are
usually only partly covered (an extract taken in November holds eleven months of that
year), and comparing such a period with a whole one would report a fall that is only
the end of the data. A period's exposure is the number of its days that fall within
the data's first and last date.
"""

from __future__ import annotations

from datetime import date, timedelta

GRANULARITIES = ("year", "quarter", "month")


def _parts(text: str | None) -> tuple[int, int | None, int | None] | None:
    if not text or len(text) < 4 or not text[:4].isdigit():
        return None
    year = int(text[:4])
    month = int(text[5:7]) if len(text) >= 7 and text[5:7].isdigit() else None
    day = int(text[8:10]) if month and len(text) >= 10 and text[8:10].isdigit() else None
    return year, month, day


def period_of(text: str | None, granularity: str = "year") -> str | None:
    """`2024`, `2024-Q2` or `2024-05` for an ISO date (partial allowed); None when the
    date is missing or too coarse for the granularity."""
    parts = _parts(text)
    if parts is None:
        return None
    year, month, _day = parts
    if granularity == "year":
        return f"{year:04d}"
    if month is None or not 1 <= month <= 12:
        return None
    if granularity == "quarter":
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if granularity == "month":
        return f"{year:04d}-{month:02d}"
    raise ValueError(f"unknown granularity {granularity!r}")


def _month_start(year: int, month: int) -> date:
    year += (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1)


def period_bounds(key: str) -> tuple[date, date]:
    """First day and the day after the last of a period key."""
    year = int(key[:4])
    if len(key) == 4:
        return date(year, 1, 1), date(year + 1, 1, 1)
    if key[5] == "Q":
        quarter = int(key[6])
        return _month_start(year, 3 * quarter - 2), _month_start(year, 3 * quarter + 1)
    month = int(key[5:7])
    return _month_start(year, month), _month_start(year, month + 1)


def date_bounds(text: str) -> tuple[date, date] | None:
    """The days a partial date may stand for: `2024` is the whole year."""
    parts = _parts(text)
    if parts is None:
        return None
    year, month, day = parts
    if month is None:
        return period_bounds(f"{year:04d}")
    if day is None:
        return period_bounds(f"{year:04d}-{month:02d}")
    start = date(year, month, day)
    return start, start + timedelta(days=1)


def period_range(keys: list[str], granularity: str) -> list[str]:
    """Every period from the first to the last of `keys`, gaps filled: a period with no
    record is a zero, and a trend must show it."""
    if not keys:
        return []
    first, last = min(keys), max(keys)
    start, _ = period_bounds(first)
    result, cursor = [], start
    while True:
        key = period_of(cursor.isoformat(), granularity)
        assert key is not None
        if key > last:
            return result
        result.append(key)
        cursor = period_bounds(key)[1]


def exposure(key: str, coverage: tuple[str | None, str | None] = (None, None)) -> float:
    """Days of period `key` within the data's first and last dates (`coverage`, partial
    ISO dates); the whole period when the coverage is unknown or misses it."""
    start, end = period_bounds(key)
    first = date_bounds(coverage[0]) if coverage[0] else None
    last = date_bounds(coverage[1]) if coverage[1] else None
    lo = max(start, first[0]) if first else start
    hi = min(end, last[1]) if last else end
    days = (hi - lo).days
    return float(days if days > 0 else (end - start).days)

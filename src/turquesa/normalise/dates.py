"""Dates as agencies write them: day first, often partial, sometimes from Excel.

The exchange templates allow ISO ``YYYY-MM-DD``, ``DD/MM/YYYY`` and the partial
forms ``YYYY`` and ``YYYY-MM``. Across Latin America and the Caribbean a slashed
date is read day first, always: ``05/06/1990`` is the 5th of June. A month above 12
is therefore never silently swapped; the reason says that dates are read day first so
that the person fixing the file knows why. Whether a day-first reading *could* have
been a month-first one is kept available through :func:`is_swappable`, because
entity resolution may want to try the swapped date as a weaker match.

A birth date is often known only to the year ("about 1990") or the month; that is
what :class:`PartialDate` carries, without inventing a day.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re
from dataclasses import dataclass

from turquesa.errors import InvalidValue

__all__ = ["PartialDate", "is_swappable", "parse_date"]

MIN_YEAR = 1900

_MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# A time of day after a date (Excel and database exports add " 00:00:00" or
# "T00:00:00Z"). It carries nothing for a birth or event date and is ignored.
_TIME = (
    r"(?:[T ]\s*\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"  # 10:30, 10:30:00, 10:30:00.000
    r"\s*(?:[AaPp]\.?[Mm]\.?)?"  # 10:30 p.m.
    r"\s*(?:Z|[+-]\d{2}:?\d{2})?)?"  # time zone
)
_YMD = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _TIME)
_YM = re.compile(r"(\d{4})-(\d{1,2})")
_Y = re.compile(r"\d{4}")
_DMY = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})" + _TIME)
_MY = re.compile(r"(\d{1,2})[-/.](\d{4})")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a PartialDate with a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not between 1 and 12")
        if self.day is not None and not (
            1 <= self.day <= calendar.monthrange(self.year, self.month)[1]  # type: ignore[arg-type]
        ):
            raise ValueError(f"{self.year}-{self.month} has no day {self.day}")

    @property
    def iso(self) -> str:
        """ISO 8601 text at the precision known: ``1990``, ``1990-05`` or ``1990-05-17``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def to_date(self) -> _dt.date | None:
        """The :class:`datetime.date`, or None when the date is partial."""
        if self.day is None or self.month is None:
            return None
        return _dt.date(self.year, self.month, self.day)


def is_swappable(d: PartialDate) -> bool:
    """True when day and month could be read the other way round (both <= 12 and
    different): ``03/04/1990`` might have meant March 4th to whoever typed it."""
    return (
        d.day is not None
        and d.month is not None
        and d.day <= 12
        and d.month <= 12
        and d.day != d.month
    )


def _latest_allowed(today: _dt.date) -> _dt.date:
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 1, day=28)


def _check(
    text: str, year: int, month: int | None, day: int | None, day_first: bool
) -> PartialDate:
    """Validate the parts and build the PartialDate, with a reason a person can act on."""
    if month is not None and not 1 <= month <= 12:
        if day_first and day is not None and 1 <= day <= 12 and month <= 31:
            raise InvalidValue(
                f"{text} is not a date: the month would be {month}; dates are read day "
                f"first (DD/MM/YYYY), so write {month:02d}/{day:02d}/{year} if that was meant"
            )
        raise InvalidValue(f"{text} is not a date: there is no month {month}")
    if day is not None and month is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            if month == 2 and day == 29:
                raise InvalidValue(
                    f"{text} is not a date: {year} is not a leap year, February has 28 days"
                )
            raise InvalidValue(f"{text} is not a date: {_MONTHS[month]} has no day {day}")
    if year < MIN_YEAR:
        raise InvalidValue(f"{text} is not accepted: the year {year} is before {MIN_YEAR}")
    today = _dt.date.today()
    earliest = _dt.date(year, month or 1, day or 1)
    if earliest > _latest_allowed(today):
        raise InvalidValue(f"{text} is not accepted: it is more than a year in the future")
    return PartialDate(year, month, day)


def _two_digit_year(yy: int) -> int:
    current = _dt.date.today().year
    pivot = current % 100 + 1
    century = current - current % 100
    return century - 100 + yy if yy > pivot else century + yy


def parse_date(value: str | _dt.date | _dt.datetime) -> PartialDate:
    """Read a date written by an agency (or a date object from an Excel cell).

    Accepted: ``YYYY-MM-DD`` (a time part is ignored), ``YYYY-MM``, ``YYYY``,
    ``DD/MM/YYYY`` with ``/``, ``-`` or ``.`` and one- or two-digit day and month,
    ``DD/MM/YY``, ``MM/YYYY``. Raises :class:`InvalidValue` with the reason otherwise.
    """
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return _check(value.isoformat(), value.year, value.month, value.day, False)
    if not isinstance(value, str):
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        else:
            raise InvalidValue(f"{value!r} is not a date")
    return _parse_text(value.strip())


@functools.lru_cache(maxsize=65_536)
def _parse_text(text: str) -> PartialDate:
    # Birth dates and event dates repeat across rows; the cache makes repeats free.
    if not text:
        raise InvalidValue("empty: no date given")
    if m := _YMD.fullmatch(text):
        return _check(text, int(m[1]), int(m[3]), int(m[4]), False)
    if m := _DMY.fullmatch(text):
        y = m[4]
        year = int(y) if len(y) == 4 else _two_digit_year(int(y))
        return _check(text, year, int(m[3]), int(m[1]), True)
    if m := _YM.fullmatch(text):
        return _check(text, int(m[1]), int(m[2]), None, False)
    if _Y.fullmatch(text):
        return _check(text, int(text), None, None, False)
    if m := _MY.fullmatch(text):
        return _check(text, int(m[2]), int(m[1]), None, False)
    raise InvalidValue(
        f"{text[:60]} is not a date Turquesa can read; write YYYY-MM-DD, DD/MM/YYYY, "
        "YYYY-MM or YYYY"
    )

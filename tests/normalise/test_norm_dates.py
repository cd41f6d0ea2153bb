import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from turquesa.errors import InvalidValue
from turquesa.normalise.dates import PartialDate, is_swappable, parse_date


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("1990-05-17", "1990-05-17", "day"),
        ("1990-5-7", "1990-05-07", "day"),
        ("1990-05-17T10:30:00Z", "1990-05-17", "day"),
        ("1990-05-17 00:00:00", "1990-05-17", "day"),
        ("17/05/1990", "1990-05-17", "day"),
        ("17/05/1990 00:00:00", "1990-05-17", "day"),
        ("7/5/1990", "1990-05-07", "day"),
        ("17-05-1990", "1990-05-17", "day"),
        ("17.05.1990", "1990-05-17", "day"),
        ("05/06/1990", "1990-06-05", "day"),
        ("1990", "1990", "year"),
        ("1990-05", "1990-05", "month"),
        ("05/1990", "1990-05", "month"),
        (" 29/02/2000 ", "2000-02-29", "day"),
        ("17/05/90", "1990-05-17", "day"),
        ("17/05/05", "2005-05-17", "day"),
    ],
)
def test_accepted(text, iso, precision):
    d = parse_date(text)
    assert d.iso == iso
    assert d.precision == precision


def test_two_digit_pivot():
    yy = dt.date.today().year % 100
    century = dt.date.today().year - yy
    assert parse_date(f"01/01/{(yy + 2) % 100:02d}").year == century - 100 + (yy + 2) % 100
    assert parse_date(f"01/01/{yy:02d}").year == century + yy


def test_date_objects():
    assert parse_date(dt.date(1990, 5, 17)) == PartialDate(1990, 5, 17)
    assert parse_date(dt.datetime(1990, 5, 17, 13, 5)) == PartialDate(1990, 5, 17)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/02/1990", "February has no day 31"),
        ("29/02/2001", "2001 is not a leap year"),
        ("31/04/1990", "April has no day 31"),
        ("05/13/1990", "read day first"),
        ("1990-13-01", "no month 13"),
        ("1850", "before 1900"),
        ("17/05/1850", "before 1900"),
        ("", "empty"),
        ("mañana", "not a date"),
        ("17 de mayo de 1990", "not a date"),
    ],
)
def test_refused(text, reason):
    with pytest.raises(InvalidValue, match=reason):
        parse_date(text)


def test_future_refused():
    year = dt.date.today().year
    assert parse_date(str(year + 1)).year == year + 1
    with pytest.raises(InvalidValue, match="future"):
        parse_date(str(year + 2))
    with pytest.raises(InvalidValue, match="future"):
        parse_date(f"01/01/{year + 2}")


def test_partial_date_api():
    d = PartialDate(1990, 5, 17)
    assert d.to_date() == dt.date(1990, 5, 17)
    assert PartialDate(1990, 5).to_date() is None
    assert PartialDate(1990).iso == "1990"
    with pytest.raises(ValueError):
        PartialDate(1990, None, 5)
    with pytest.raises(ValueError):
        PartialDate(1990, 2, 30)


def test_is_swappable():
    assert is_swappable(parse_date("03/04/1990"))
    assert not is_swappable(parse_date("04/04/1990"))
    assert not is_swappable(parse_date("13/04/1990"))
    assert not is_swappable(parse_date("04/1990"))


valid_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date.today())


@settings(max_examples=200, deadline=None)
@given(valid_dates)
def test_round_trips(d):
    expected = PartialDate(d.year, d.month, d.day)
    assert parse_date(d.isoformat()) == expected
    assert parse_date(f"{d.day:02d}/{d.month:02d}/{d.year}") == expected
    assert parse_date(f"{d.day}.{d.month}.{d.year}") == expected
    assert parse_date(d) == expected


@settings(max_examples=200, deadline=None)
@given(valid_dates, st.sampled_from(["year", "month", "day"]))
def test_idempotent_on_iso(d, precision):
    p = PartialDate(
        d.year,
        d.month if precision != "year" else None,
        d.day if precision == "day" else None,
    )
    assert parse_date(p.iso) == p
    assert parse_date(parse_date(p.iso).iso) == p


@settings(max_examples=300, deadline=None)
@given(st.text() | st.from_regex(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", fullmatch=True))
def test_only_invalid_value(text):
    try:
        d = parse_date(text)
    except InvalidValue:
        return
    assert parse_date(d.iso) == d

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from turquesa.errors import InvalidValue
from turquesa.normalise.phones import Phone, parse_phone, parse_phones


@pytest.mark.parametrize(
    ("text", "region", "e164", "country"),
    [
        ("+57 300 123 4567", None, "+573001234567", "CO"),
        ("300 123 4567", "CO", "+573001234567", "CO"),
        ("300-123-4567", "CO", "+573001234567", "CO"),
        ("(300) 123.45.67", "CO", "+573001234567", "CO"),
        ("0057 300 123 4567", "CO", "+573001234567", "CO"),
        ("0058 412 1234567", "CO", "+584121234567", "VE"),
        ("Tel: 300 123 4567", "CO", "+573001234567", "CO"),
        ("cel. 300 123 4567", "CO", "+573001234567", "CO"),
        ("Celular: +57 300 123 4567", None, "+573001234567", "CO"),
        ("WhatsApp +509 3456 7890", None, "+50934567890", "HT"),
        ("wa.me/573001234567", None, "+573001234567", "CO"),
        ("https://wa.me/50934567890?text=hola", "CO", "+50934567890", "HT"),
        ("https://api.whatsapp.com/send?phone=573001234567", None, "+573001234567", "CO"),
        ("(601) 234-5678 ext. 12", "CO", "+576012345678", "CO"),
        ("573001234567", "CO", "+573001234567", "CO"),
        ("584121234567", "CO", "+584121234567", "VE"),
        ("(809) 555-1234", "DO", "+18095551234", "DO"),
        ("+1 202 555 0123", None, "+12025550123", "US"),
        ("6123 4567", "PA", "+50761234567", "PA"),
        ("300 123 4567", "COL", "+573001234567", "CO"),
    ],
)
def test_valid(text, region, e164, country):
    phone = parse_phone(text, region)
    assert phone == Phone(text.strip(), e164, True, country)


def test_invalid_numbers_are_kept():
    phone = parse_phone("12345", "CO")
    assert phone.valid is False
    assert phone.e164 == "+5712345"
    assert phone.original == "12345"
    unparsed = parse_phone("3001234567", None)
    assert unparsed == Phone("3001234567", None, False, None)


@pytest.mark.parametrize("text", ["", "   ", "sin teléfono", "N/A"])
def test_no_digits(text):
    with pytest.raises(InvalidValue):
        parse_phone(text, "CO")


def test_parse_phones():
    phones = parse_phones("300 123 4567 / 310 765 4321; ; +57 300 123 4567", "CO")
    assert [p.e164 for p in phones] == ["+573001234567", "+573107654321", "+573001234567"]
    assert parse_phones("(601) 234/5678", "CO")[0].original == "(601) 234/5678"
    assert parse_phones("", "CO") == ()
    assert [p.e164 for p in parse_phones("3001234567,3107654321", "CO")] == [
        "+573001234567",
        "+573107654321",
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.sampled_from([None, "CO", "VE", "HT", "MX"]))
def test_only_invalid_value(text, region):
    try:
        phone = parse_phone(text, region)
    except InvalidValue:
        return
    assert phone.original == text.strip()
    if phone.valid:
        assert phone.e164 is not None
        assert parse_phone(phone.e164, None).e164 == phone.e164

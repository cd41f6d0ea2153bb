import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from turquesa.errors import InvalidValue
from turquesa.normalise.documents import (
    DOCUMENT_TYPES,
    parse_document,
    parse_document_type,
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        *[(t, t) for t in DOCUMENT_TYPES],
        ("Pasaporte", "passport"),
        ("PASSEPORT", "passport"),
        ("passaporte", "passport"),
        ("pasaporte N°", "passport"),
        ("Cédula", "national_id"),
        ("cedula de ciudadania", "national_id"),
        ("CC", "national_id"),
        ("CI", "national_id"),
        ("DNI", "national_id"),
        ("DUI", "national_id"),
        ("RG", "national_id"),
        ("INE", "national_id"),
        ("carte nationale d'identité", "national_id"),
        ("CPF", "other"),
        ("CURP", "other"),
        ("Carnet de extranjería", "residence_permit"),
        ("permiso de residencia", "residence_permit"),
        ("carte de séjour", "residence_permit"),
        ("PEP", "residence_permit"),
        ("Licencia de conducir", "driving_licence"),
        ("permis de conduire", "driving_licence"),
        ("CNH", "driving_licence"),
        ("driver's license", "driving_licence"),
    ],
)
def test_document_type(text, kind):
    assert parse_document_type(text) == kind


def test_unknown_type_lists_codes():
    with pytest.raises(InvalidValue, match="passport, national_id, residence_permit"):
        parse_document_type("tarjeta de biblioteca")


def test_parse_document():
    d = parse_document("Pasaporte", " ab 123.456-7 ", "Colombia")
    assert (d.type, d.number, d.country, d.original) == (
        "passport",
        "AB1234567",
        "CO",
        " ab 123.456-7 ",
    )
    assert d.key == "passport:CO:AB1234567"
    assert parse_document(None, "123/45", None).key == "other:??:12345"
    # O and 0 are never exchanged
    assert parse_document("passport", "PO0123", "VE").number == "PO0123"


def test_empty_number_refused():
    with pytest.raises(InvalidValue):
        parse_document("passport", " -. ", "CO")


numbers = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefxyz0123456789", min_size=1, max_size=12)
separators = st.text(alphabet=" -./", max_size=3)


@settings(max_examples=200, deadline=None)
@given(numbers, st.lists(separators, max_size=12), st.sampled_from([None, "CO", "Haití"]))
def test_separators_never_change_key(number, seps, country):
    spaced = "".join(c + (seps[i] if i < len(seps) else "") for i, c in enumerate(number))
    a = parse_document("passport", number, country)
    b = parse_document("pasaporte", spaced, country)
    assert a.key == b.key


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=20))
def test_normalising_twice_is_the_same(number):
    try:
        d = parse_document("cedula", number, None)
    except InvalidValue:
        return
    again = parse_document(d.type, d.number, d.country)
    assert again.key == d.key

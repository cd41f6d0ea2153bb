"""The per-load cache of cleaned values gives exactly what cleaning again would."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from turquesa.errors import InvalidValue
from turquesa.ingest.fields import CLEANERS, CleanContext, ValueCache
from turquesa.model import FieldSpec, load_model

CTX = CleanContext("CO-DIJIN", "CO", frozenset({"REDTRAM"}))
MODEL = load_model()
EXPLOITATION = FieldSpec("exploitation_types", "enum_list", vocabulary="exploitation_type")
ROLE = FieldSpec("role", "enum", vocabulary="role")


def test_a_refused_value_is_refused_again_with_the_same_reason() -> None:
    cache = ValueCache(CTX)
    reasons = []
    for _ in range(2):
        with pytest.raises(InvalidValue) as caught:
            cache.clean(FieldSpec("birth_date", "date"), "date", "31/02/1990", MODEL)
        reasons.append(caught.value.message)
    assert reasons[0] == reasons[1]
    assert "31/02/1990" in reasons[0]


def test_lists_are_never_shared_between_records() -> None:
    cache = ValueCache(CTX)
    first = cache.clean(EXPLOITATION, "enum_list", "sexual;forced_labour", MODEL)
    first.append("tampered")
    second = cache.clean(EXPLOITATION, "enum_list", "sexual;forced_labour", MODEL)
    assert second == ["sexual", "forced_labour"]


def test_the_same_text_in_two_vocabularies_is_cleaned_by_each() -> None:
    cache = ValueCache(CTX)
    assert cache.clean(ROLE, "enum", "victim", MODEL) == "victim"
    with pytest.raises(InvalidValue):
        cache.clean(EXPLOITATION, "enum_list", "victim", MODEL)


def test_phones_follow_the_agency_country() -> None:
    spec = FieldSpec("phones", "phones")
    colombia = ValueCache(CTX).clean(spec, "phones", "300 123 4567", MODEL)
    mexico = ValueCache(CleanContext("MX-FGR", "MX", frozenset())).clean(
        spec, "phones", "300 123 4567", MODEL
    )
    assert colombia[0].e164 != mexico[0].e164


@given(
    st.sampled_from(["date", "country", "sex", "countries", "source_grade"]),
    st.lists(st.sampled_from(["12/05/1990", "Colombia", "F", "xx", "31/13/2000", "B"]), max_size=8),
)
def test_cached_and_uncached_cleaning_agree(field_type: str, texts: list[str]) -> None:
    spec = FieldSpec("value", field_type)
    cache = ValueCache(CTX)
    for text in texts + texts:
        try:
            expected: object = CLEANERS[field_type](spec, text, CTX, MODEL)
        except InvalidValue as exc:
            expected = ("refused", exc.message)
        try:
            got: object = cache.clean(spec, field_type, text, MODEL)
        except InvalidValue as exc:
            got = ("refused", exc.message)
        assert got == expected

"""Features: what the comparisons see of a record."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from turquesa.resolve.features import COLUMNS, document_variants, person_features, phonetic
from turquesa.resolve.identities import assign_ids


def test_transliterations_share_a_sound_code() -> None:
    assert len({phonetic(n) for n in ("mohammed", "muhammad", "mohamed", "mohamad")}) == 1
    assert phonetic("xiomara") == phonetic("chiomara")


def test_surnames_in_either_order_meet_and_nicknames_expand() -> None:
    a = person_features(
        "CO-X", "1", None, {"name_keys": {"given": ["pepe"], "surnames": ["perez", "gomez"]}}
    )
    b = person_features(
        "CO-X", "2", None, {"name_keys": {"given": ["jose"], "surnames": ["gomez", "perez"]}}
    )
    assert a["surnames_sorted"] == b["surnames_sorted"]
    assert "jose" in a["given_expanded"]
    assert set(a) == set(COLUMNS)


def test_partial_birth_dates_keep_what_they_have() -> None:
    row = person_features("CO-X", "1", None, {"birth_date": "1984-03"})
    assert (row["birth_year"], row["birth_month"], row["birth_day"]) == (1984, 3, None)


@given(st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=8, unique=True))
def test_unchanged_clusters_keep_their_ids(keys: list[str]) -> None:
    clusters = [tuple(sorted(keys[i : i + 2])) for i in range(0, len(keys), 2)]
    first = assign_ids(clusters, {}, "P")
    previous = {k: entity for members, entity in first.items() for k in members}
    assert assign_ids(reversed(clusters), previous, "P") == first
    assert len(set(first.values())) == len(clusters)


def test_an_age_gives_a_birth_year_from_the_year_of_the_case() -> None:
    row = person_features("CO-X", "1", None, {"age": 30}, reference_year=2023)
    assert (row["birth_year"], row["birth_month"], row["birth_date"]) == (1993, None, None)
    assert person_features("CO-X", "1", None, {"age": 30})["birth_year"] is None
    dated = person_features(
        "CO-X", "1", None, {"age": 30, "birth_date": "1990"}, reference_year=2023
    )
    assert dated["birth_year"] == 1990  # a written birth date wins over the age


def test_initials_and_the_letters_they_can_stand_for() -> None:
    initial = person_features("CO-X", "1", None, {"name_keys": {"given": ["j", "carlos"]}})
    full = person_features("CO-X", "2", None, {"name_keys": {"given": ["jose", "carlos"]}})
    assert initial["given_initials"] == ["j"]
    assert initial["given_letters"] == ["c"]
    assert full["given_initials"] == []
    assert full["given_letters"] == ["c", "j"]
    abbreviated = person_features("CO-X", "3", None, {"name_keys": {"given": ["ma", "carmen"]}})
    assert "maria" in abbreviated["given_expanded"]


_DIGITS = st.text(alphabet="0123456789ABCX", min_size=7, max_size=12)


def _one_slip(number: str, data: st.DataObject) -> str:
    """The number with one typing slip: a character changed, left out, added, or two
    neighbours swapped."""
    i = data.draw(st.integers(0, len(number) - 2))
    kind = data.draw(st.sampled_from(["change", "drop", "add", "swap"]))
    c = data.draw(st.sampled_from("0123456789"))
    if kind == "change":
        return number[:i] + c + number[i + 1 :]
    if kind == "drop":
        return number[:i] + number[i + 1 :]
    if kind == "add":
        return number[:i] + c + number[i:]
    return number[:i] + number[i + 1] + number[i] + number[i + 2 :]


@given(_DIGITS, st.data())
def test_document_numbers_one_slip_apart_share_a_variant(number: str, data: st.DataObject) -> None:
    slipped = _one_slip(number, data)
    assert set(document_variants([number])) & set(document_variants([slipped]))


def test_documents_far_apart_or_too_short_share_no_variant() -> None:
    assert not set(document_variants(["12345678"])) & set(document_variants(["87654321"]))
    assert not set(document_variants(["12345678"])) & set(document_variants(["12349999"]))
    assert document_variants(["12345"]) == []

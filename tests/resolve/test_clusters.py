"""Clustering: strongest pairs first, never into a contradiction, whatever the order."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from turquesa.resolve.clusters import (
    Edge,
    Profile,
    cluster,
    corroboration,
    merge_further,
    pair_contradiction,
    profile,
)
from turquesa.resolve.features import person_features


def person(record_id: str, given_names: str, surnames: str, **extra: Any) -> dict[str, Any]:
    data = {
        "name_keys": {"given": given_names.split(), "surnames": surnames.split(), "aliases": []},
        **extra,
    }
    return person_features("CO-X", record_id, "suspect", data)


ROWS = {
    r["unique_id"]: profile(r)
    for r in [
        person("a", "juan carlos", "perez", sex="M", birth_date="1980-01-02"),
        person("b", "juan", "perez", sex="M", birth_date="1980"),
        person("c", "pedro", "perez", sex="M", birth_date="1980-01-02"),
        person("d", "", "", sex="M"),  # an alias-only record
        person("e", "juana", "perez", sex="F", birth_date="1980-01-02"),
        person("f", "juan", "perez", sex="M", birth_date="2005-01-02"),
    ]
}
EDGES = [
    Edge("CO-X/a", "CO-X/b", 0.99, "model"),
    Edge("CO-X/b", "CO-X/d", 0.95, "model"),
    Edge("CO-X/c", "CO-X/d", 0.94, "model"),
    Edge("CO-X/a", "CO-X/e", 0.93, "model"),
    Edge("CO-X/b", "CO-X/f", 0.92, "model"),
]


def test_a_weak_chain_does_not_join_two_different_people() -> None:
    result = cluster(ROWS, EDGES)
    assert result["CO-X/a"] == ("CO-X/a", "CO-X/b", "CO-X/d")
    assert result["CO-X/c"] == ("CO-X/c",)  # Pedro would join Juan through the alias
    assert result["CO-X/e"] == ("CO-X/e",)  # different sex
    assert result["CO-X/f"] == ("CO-X/f",)  # born 25 years later


def test_a_second_round_joins_what_it_touches_under_the_same_tests() -> None:
    first = cluster(ROWS, EDGES[:1])
    untouched = first["CO-X/c"]
    merged = merge_further(
        ROWS,
        first,
        [Edge("CO-X/b", "CO-X/d", 0.8, "companion"), Edge("CO-X/a", "CO-X/f", 0.8, "companion")],
    )
    assert merged["CO-X/d"] == ("CO-X/a", "CO-X/b", "CO-X/d")
    assert merged["CO-X/f"] == ("CO-X/f",)  # born 25 years after Juan Carlos: refused
    assert merged["CO-X/c"] is untouched
    assert merge_further(ROWS, dict(first), EDGES[1:]) == cluster(ROWS, EDGES)


def test_contradictions_are_named() -> None:
    juan = person("a", "juan carlos", "perez", sex="M", birth_date="1980-01-02")
    juana = person("e", "juana", "perez", sex="F", birth_date="1980-01-02")
    son = person("f", "juan", "perez", sex="M", birth_date="2005-01-02")
    pedro = person("c", "pedro", "perez", sex="M", birth_date="1980-01-02")
    assert pair_contradiction(juan, juana) == "different sex"
    assert pair_contradiction(juan, son) == "birth dates years apart"
    assert pair_contradiction(juan, pedro) == "given names with nothing in common"
    passport = {"type": "passport", "country": "VE", "number": "A1234567"}
    other = {**passport, "number": "B7654321"}
    slip = {**passport, "number": "A1234568"}
    x = person("x", "ana", "ruiz", document=passport)
    assert pair_contradiction(x, person("y", "ana", "ruiz", document=other)) == (
        "two different documents (passport of VE)"
    )
    assert pair_contradiction(x, person("z", "ana", "ruiz", document=slip)) is None


def test_nicknames_and_sounds_are_not_contradictions() -> None:
    assert pair_contradiction(person("p", "pepe", "diaz"), person("q", "jose", "diaz")) is None
    mohammed, muhammad = person("m", "mohammed", "ali"), person("n", "muhammad", "ali")
    assert pair_contradiction(mohammed, muhammad) is None


def test_an_analysts_different_keeps_clusters_apart_even_through_third_records() -> None:
    result = cluster(ROWS, EDGES, cannot_link=[("CO-X/a", "CO-X/d")])
    assert result["CO-X/a"] == ("CO-X/a", "CO-X/b")
    assert result["CO-X/d"] == ("CO-X/c", "CO-X/d")  # free to join the next best


@given(st.permutations(EDGES), st.permutations(sorted(ROWS)))
def test_the_result_does_not_depend_on_the_order_of_records_or_pairs(
    edges: list[Edge], keys: list[str]
) -> None:
    shuffled = {k: ROWS[k] for k in keys}
    flipped = [Edge(e.b, e.a, e.probability, e.method) if i % 2 else e for i, e in enumerate(edges)]
    assert cluster(shuffled, flipped) == cluster(ROWS, EDGES)


def test_a_name_alone_does_not_corroborate_a_match() -> None:
    bare = profile(person("g", "jean", "charlot", sex="M"))
    other = profile(person("h", "jean", "charlot", sex="M"))
    assert corroboration(bare, other) is None
    born = profile(person("i", "jean", "charlot", birth_date="1990-05-04"))
    swapped = profile(person("j", "jean", "charlot", birth_date="1990-04-05"))
    year_off = profile(person("k", "jean", "charlot", birth_date="1991-05-04"))
    elsewhere = profile(person("l", "jean", "charlot", birth_date="1990-11-23"))
    assert corroboration(born, swapped) == "birth date"
    assert corroboration(born, year_off) == "birth date"
    assert corroboration(born, elsewhere) is None


def test_a_shared_document_forgives_one_clerical_error_but_not_two() -> None:
    passport = {"type": "passport", "country": "VE", "number": "A1234567"}
    first = person("m", "hannah", "ferris", birth_date="1965-09-26", document=passport)
    renamed = person("n", "alicia", "ferris", birth_date="1965-09-26", document=passport)
    redated = person("n", "hannah", "ferris", birth_date="1956-09-26", document=passport)
    both = person("n", "alicia", "ferris", birth_date="1956-09-26", document=passport)
    stranger = person("n", "alicia", "gomez", birth_date="1965-09-26", document=passport)
    misspelt = person("n", "alicia", "ferriss", birth_date="1965-09-26", document=passport)
    assert pair_contradiction(first, renamed) is None
    # the surname that forgives the given names may itself carry a typing slip
    assert pair_contradiction(first, misspelt) is None
    assert pair_contradiction(first, redated) is None
    assert pair_contradiction(first, both) == "birth dates years apart"
    assert pair_contradiction(first, stranger) == "given names with nothing in common"
    woman = person("o", "hannah", "ferris", sex="F", document=passport)
    man = person("p", "hannah", "ferris", sex="M", document=passport)
    assert pair_contradiction(woman, man) == "different sex"


def test_a_birth_date_one_slip_away_still_corroborates() -> None:
    born = profile(person("q", "ana", "ruiz", birth_date="1990-05-04"))
    month_slip = profile(person("r", "ana", "ruiz", birth_date="1990-08-04"))
    two_parts_off = profile(person("s", "ana", "ruiz", birth_date="1990-08-09"))
    assert corroboration(born, month_slip) == "birth date"
    assert corroboration(born, two_parts_off) is None
    transposed = profile(person("t", "ana", "ruiz", birth_date="1990-05-13"))
    assert corroboration(profile(person("u", "ana", "ruiz", birth_date="1990-05-31")), transposed)


def test_namesakes_born_in_one_month_are_not_corroborated() -> None:
    """Same year and month, days with two digits apart: chance, not a slip."""
    first = profile(person("q", "marie", "jean baptiste", birth_date="2020-09-14"))
    other = profile(person("r", "marie", "jean baptiste", birth_date="2020-09-21"))
    same_day_other_month = profile(person("s", "marie", "jean baptiste", birth_date="2020-11-14"))
    assert corroboration(first, other) is None
    assert corroboration(first, same_day_other_month) is None


def test_a_shared_birth_date_does_not_join_people_of_other_surnames() -> None:
    """Two Ivans born on one day with no surname in common are two people unless a
    document or contact says otherwise; a surname written as a given name is not a
    difference."""
    ivan = person("a", "ivan", "huaman solano", birth_date="2017-08-18")
    other = person("b", "ivan", "cardenas delgado", birth_date="2017-08-18")
    swapped = person("c", "huaman", "ivan", birth_date="2017-08-18")
    assert corroboration(profile(ivan), profile(other)) is None
    assert corroboration(profile(ivan), profile(swapped)) == "birth date"
    passport = {"type": "passport", "country": "PE", "number": "P1234567"}
    ivan_doc = person("d", "ivan", "huaman solano", birth_date="2017-08-18", document=passport)
    other_doc = person("e", "ivan", "cardenas", birth_date="2017-08-18", document=passport)
    assert corroboration(profile(ivan_doc), profile(other_doc)) == "document"


def test_an_initial_or_an_abbreviation_is_not_another_given_name() -> None:
    """Clerks write "J. Pérez" and "Ma. del Carmen": neither contradicts the full
    name, but an initial of another letter does."""
    jose = person("a", "jose", "perez gomez", birth_date="1980-02-03")
    initial = person("b", "j", "perez gomez", birth_date="1980-02-03")
    other_initial = person("c", "m", "perez gomez", birth_date="1980-02-03")
    assert pair_contradiction(jose, initial) is None
    assert pair_contradiction(jose, other_initial) == "given names with nothing in common"
    maria = person("d", "maria carmen", "lopez", birth_date="1975-01-01")
    abbreviated = person("e", "ma carmen", "lopez", birth_date="1975-01-01")
    francisco = person("f", "francisco", "ruiz", birth_date="1975-01-01")
    fco = person("g", "fco", "ruiz", birth_date="1975-01-01")
    assert pair_contradiction(maria, abbreviated) is None
    assert pair_contradiction(francisco, fco) is None


def test_a_handle_or_a_rare_name_does_not_hold_against_birth_dates_that_disagree() -> None:
    """A phone still confirms; a social-media handle (often the profile's display name)
    and a rare full name do only where the birth dates do not disagree."""

    def record(agency: str, born: str | None, contacts: list[str]) -> Profile:
        data: dict[str, Any] = {
            "name_keys": {"given": ["victoria"], "surnames": ["medina", "romero"]},
            "birth_date": born,
        }
        return profile(person_features(agency, "1", "suspect", data, contacts=contacts))

    handle = ["handle:telegram:victoria.medina"]
    phone = ["phone:+584127407621"]
    assert corroboration(record("CO-A", "1979-07-01", handle), record("EC-B", None, handle))
    assert (
        corroboration(record("CO-A", "1979-07-01", handle), record("EC-B", "1985-02-11", handle))
        is None
    )
    assert (
        corroboration(record("CO-A", "1979-07-01", phone), record("EC-B", "1985-02-11", phone))
        == "contact"
    )
    names = {"victoria|medina romero": 2}
    assert corroboration(record("CO-A", "1979-07-01", []), record("EC-B", None, []), names) == (
        "rare full name"
    )
    assert (
        corroboration(record("CO-A", "1979-07-01", []), record("EC-B", "1985-02-11", []), names)
        is None
    )


def test_a_birth_year_alone_confirms_only_a_sure_match() -> None:
    """An age or a year on one side agrees with many namesakes' full dates: it
    confirms a model match from probability 0.99, a full date from 0.9."""
    from turquesa.resolve.run import YEAR_ONLY_ACCEPT, confirmed

    full = profile(person("a", "maria", "garcia lopez", birth_date="1990-05-04"))
    same_day = profile(person("b", "maria", "garcia lopez", birth_date="1990-05-04"))
    year_only = profile(person("c", "maria", "garcia lopez", birth_date="1990"))
    assert corroboration(full, year_only) == "birth year"
    assert confirmed(full, same_day, 0.91, {})
    assert not confirmed(full, year_only, 0.95, {})
    assert confirmed(full, year_only, YEAR_ONLY_ACCEPT, {})


def test_a_phone_confirms_a_match_that_a_birth_year_alone_would_not() -> None:
    from turquesa.resolve.run import confirmed

    def record(record_id: str, born: str) -> Profile:
        data: dict[str, Any] = {
            "name_keys": {"given": ["maria"], "surnames": ["garcia", "lopez"]},
            "birth_date": born,
        }
        return profile(
            person_features("CO-X", record_id, "suspect", data, contacts=["phone:+573001112233"])
        )

    assert corroboration(record("a", "1990-05-04"), record("b", "1990")) == "contact"
    assert confirmed(record("a", "1990-05-04"), record("b", "1990"), 0.95, {})

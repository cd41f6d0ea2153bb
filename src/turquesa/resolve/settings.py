"""The Fellegi–Sunter model of who is who: comparisons and blocking rules for persons.

Each comparison asks one question of a pair of person records and answers it in levels,
most telling first; the model learns from the data (EM, no labels) how much each level
says. The levels are built for the records of this region and of the migrants who pass
through it:

- given names: all the same, the first the same, nearly the same (typos), one in
  common (a middle name dropped), a nickname or a written abbreviation (Pepe, Fco.),
  one that sounds the same (Mohammed / Muhammad, Xiomara / Chiomara), an initial
  ("J. Pérez"), or written in the surname column (order swapped);
- surnames: both the same in any order, the first the same, one in common (one
  surname instead of two), nearly the same, sounding the same, or swapped with the
  given names;
- birth date: the same day, day and month swapped, same month, same year, a year
  apart (a partial date compares on what it has);
- sex, nationality, alias;
- identifiers as strong evidence: a document in common, or a different document of
  the same type and country (strong evidence against); a phone, e-mail or account in
  common (evidence, not proof: a family shares a phone).

Term frequencies weigh a shared name by its rarity: "García" says less than
"Villalobos". The SQL is DuckDB's, written with Splink's portable level creators so
that the Spark backend runs the same model.
"""

from __future__ import annotations

from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on


def _given_names() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="given_names",
        comparison_levels=[
            cll.NullLevel("given1"),
            cll.ExactMatchLevel("given_all", term_frequency_adjustments=True).configure(
                label_for_charts="all given names equal"
            ),
            cll.ExactMatchLevel("given1", term_frequency_adjustments=True).configure(
                label_for_charts="first given name equal"
            ),
            cll.JaroWinklerLevel("given1", 0.92).configure(
                label_for_charts="first given name nearly equal"
            ),
            cll.ArrayIntersectLevel("given_tokens", 1).configure(
                label_for_charts="a given name in common"
            ),
            cll.ArrayIntersectLevel("given_expanded", 1).configure(
                label_for_charts="a nickname of a given name"
            ),
            cll.ArrayIntersectLevel("given_codes", 1).configure(
                label_for_charts="a given name sounds the same"
            ),
            _initials(),
            _crossed("given_codes", "surname_codes", "given names written as surnames"),
            cll.ElseLevel(),
        ],
    )


def _surnames() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="surnames",
        comparison_levels=[
            cll.NullLevel("surname1"),
            cll.ExactMatchLevel("surnames_sorted", term_frequency_adjustments=True).configure(
                label_for_charts="same surnames, in any order"
            ),
            cll.ExactMatchLevel("surname1", term_frequency_adjustments=True).configure(
                label_for_charts="first surname equal"
            ),
            cll.ArrayIntersectLevel("surname_tokens", 1).configure(
                label_for_charts="a surname in common"
            ),
            cll.JaroWinklerLevel("surname1", 0.9).configure(
                label_for_charts="first surname nearly equal"
            ),
            cll.ArrayIntersectLevel("surname_codes", 1).configure(
                label_for_charts="a surname sounds the same"
            ),
            _crossed("surname_codes", "given_codes", "surnames written as given names"),
            cll.ElseLevel(),
        ],
    )


def _initials() -> cll.CustomLevel:
    """One side writes an initial ("J. Pérez") where the other writes a name with it."""
    return cll.CustomLevel(
        "array_length(array_intersect(given_initials_l, given_letters_r)) >= 1 "
        "OR array_length(array_intersect(given_initials_r, given_letters_l)) >= 1",
        label_for_charts="an initial stands for a given name",
        base_dialect_str="duckdb",
    )


def _crossed(left: str, right: str, label: str) -> cll.CustomLevel:
    """One side's names found in the other side's other column (order swapped)."""
    return cll.CustomLevel(
        f"array_length(array_intersect({left}_l, {right}_r)) >= 1 "
        f"AND array_length(array_intersect({right}_l, {left}_r)) >= 1",
        label_for_charts=label,
        base_dialect_str="duckdb",
    )


def _birth_date() -> cl.CustomComparison:
    def level(sql: str, label: str) -> cll.CustomLevel:
        return cll.CustomLevel(sql, label_for_charts=label, base_dialect_str="duckdb")

    return cl.CustomComparison(
        output_column_name="birth_date",
        comparison_levels=[
            cll.NullLevel("birth_year"),
            level(
                "birth_day_l IS NOT NULL AND birth_date_l = birth_date_r",
                "same date of birth",
            ),
            level(
                "birth_year_l = birth_year_r AND birth_month_l = birth_day_r "
                "AND birth_day_l = birth_month_r",
                "day and month swapped",
            ),
            level(
                "birth_year_l = birth_year_r AND birth_month_l = birth_month_r",
                "same year and month",
            ),
            level("birth_year_l = birth_year_r", "same year"),
            level("abs(birth_year_l - birth_year_r) <= 1", "a year apart"),
            cll.ElseLevel(),
        ],
    )


def _set_comparison(column: str, name: str, label: str) -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name=name,
        comparison_levels=[
            cll.NullLevel(column),
            cll.ArrayIntersectLevel(column, 1).configure(label_for_charts=label),
            cll.ElseLevel(),
        ],
    )


def _documents() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="documents",
        comparison_levels=[
            cll.NullLevel("documents"),
            cll.ArrayIntersectLevel("documents", 1).configure(label_for_charts="same document"),
            cll.ArrayIntersectLevel("document_numbers", 1).configure(
                label_for_charts="same document number"
            ),
            cll.ArrayIntersectLevel("document_variants", 1).configure(
                label_for_charts="document numbers one typing slip apart"
            ),
            cll.ArrayIntersectLevel("document_slots", 1).configure(
                label_for_charts="different documents of the same type and country"
            ),
            cll.ElseLevel(),
        ],
    )


def _sex() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="sex",
        comparison_levels=[
            cll.NullLevel("sex"),
            cll.ExactMatchLevel("sex").configure(label_for_charts="same sex"),
            cll.ElseLevel(),
        ],
    )


def blocking_rules() -> list[Any]:
    """Which pairs are compared at all. Each rule is an equality a true pair rarely
    fails on every count; their union keeps the pairs found by any of them.

    The rules follow what can make a match: a shared document or contact, or names
    that agree with a birth date to corroborate them (a name alone is not enough to
    merge, see clusters.corroboration), or a full name with both surnames. So every
    name rule also holds a birth date part, which keeps blocks small as the data grows:
    a million records still give tens of pairs per record, not thousands.
    """
    return [
        block_on("document_numbers", arrays_to_explode=["document_numbers"]),
        block_on("document_digits", arrays_to_explode=["document_digits"]),
        block_on("contacts", arrays_to_explode=["contacts"]),
        block_on("given1_code", "surname1_code", "birth_year"),
        block_on("surname1_code", "birth_date"),
        block_on("given1_code", "birth_date"),
        block_on("name_codes", "birth_date", arrays_to_explode=["name_codes"]),
        block_on("given1_code", "surname1_code", "birth_month", "birth_day"),
        # Both surnames and the birth year: for given names written differently. Only
        # for records with two surnames: on one surname (García, Charlot) with a year
        # the blocks grow with the data, to 15 million pairs at a million persons.
        "l.surnames_sorted = r.surnames_sorted AND l.birth_year = r.birth_year "
        "AND l.surname2 IS NOT NULL AND r.surname2 IS NOT NULL",
        block_on("full_name_key"),
        block_on("aliases", "birth_year", arrays_to_explode=["aliases"]),
    ]


def training_rules() -> list[Any]:
    """EM sessions: each fixes some fields by blocking on them and learns the others."""
    return [
        block_on("document1"),
        # With the birth year, so that the session's pairs stay few on a million
        # records; birth dates are learnt in the session above.
        block_on("given1", "surname1", "birth_year"),
    ]


def person_settings(*, keep_columns: bool = True) -> SettingsCreator:
    """The person model. `keep_columns` keeps each pair's compared values and the
    weight of every comparison in the scored table: `explain` needs them for its
    waterfall, but scoring every candidate pair of a national load only needs the
    probabilities, and copying sixty columns of names and arrays into millions of rows
    is most of the scoring's time."""
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            _given_names(),
            _surnames(),
            _birth_date(),
            _sex(),
            _set_comparison("nationalities", "nationality", "a nationality in common"),
            _documents(),
            _set_comparison("contacts", "contacts", "a phone, e-mail or account in common"),
            _set_comparison("aliases", "alias", "same alias"),
        ],
        blocking_rules_to_generate_predictions=blocking_rules(),
        retain_intermediate_calculation_columns=keep_columns,
        retain_matching_columns=keep_columns,
        additional_columns_to_retain=["agency", "record_id", "role"] if keep_columns else [],
    )

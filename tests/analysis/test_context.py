"""Reading UNODC GLOTIP figures: the region's detected victims, "<5" kept as published."""

from __future__ import annotations

from pathlib import Path

import pytest

from turquesa.analysis.context import ContextError, context_table, country_code, read_glotip

HEADER = (
    "Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,"
    "Unit of measurement,txtVALUE\n"
)
LAC = "Americas,Latin America and the Caribbean"
ROWS = [
    f"Colombia,{LAC},Detected trafficking victims,Total,Total,Total,Total,2020,Counts,104",
    f"Colombia,{LAC},Detected trafficking victims,Total,Total,Female,0 to 17 years,2020,Counts,<5",
    f"Colombia,{LAC},Detected trafficking victims,by form of exploitation,"
    "Other forms of exploitation,Total,Total,2020,Counts,12",
    f"Colombia,{LAC},Detected trafficking victims,by citizenship,Venezuela,Total,Total,2020,"
    "Counts,40",
    f"Colombia,{LAC},Persons convicted,Total,Total,Total,Total,2020,Counts,9",
    f'"Bolivia (Plurinational State of)",{LAC},Detected trafficking victims,Total,Total,'
    'Total,Total,2021,Counts,"1,282"',
    f"Mexico,{LAC},Detected trafficking victims,by form of exploitation,Sexual exploitation,"
    "Male,18 years or over,2019,Counts,<5",
    "Spain,Europe,Southern Europe,Detected trafficking victims,Total,Total,Total,Total,2020,"
    "Counts,300",
]


@pytest.fixture
def glotip(tmp_path: Path) -> Path:
    path = tmp_path / "glotip.csv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    return path


def test_only_the_regions_detected_victims_by_country_sex_age_and_form(glotip: Path) -> None:
    figures = read_glotip(glotip)
    assert sorted({f.country for f in figures}) == ["BO", "CO", "MX"]  # not Spain
    assert all(f.country != "CO" or f.value != 40 for f in figures)  # not by citizenship
    assert not any(f.value == 9 for f in figures)  # not convictions
    colombia = {(f.sex, f.age, f.form): f for f in figures if f.country == "CO"}
    assert colombia[("total", "total", "total")].value == 104
    assert colombia[("total", "total", "other_forms")].value == 12
    small = colombia[("F", "child", "total")]
    assert (small.value, small.text) == (None, "<5")  # never a number behind "<5"
    bolivia = next(f for f in figures if f.country == "BO")
    assert bolivia.value == 1282 and bolivia.year == 2021
    mexico = next(f for f in figures if f.country == "MX")
    assert (mexico.sex, mexico.age, mexico.form) == ("M", "adult", "sexual")


def test_filters_by_countries_and_years(glotip: Path) -> None:
    assert {f.country for f in read_glotip(glotip, countries=["es"])} == {"ES"}
    assert {f.year for f in read_glotip(glotip, years=(2020, 2020))} == {2020}


def test_un_country_names_map_to_iso_codes() -> None:
    assert country_code("Venezuela (Bolivarian Republic of)") == "VE"
    assert country_code("Republic of Korea") == "KR"
    assert country_code("Curaçao") == "CW"
    assert country_code("Atlantis") is None


def test_a_file_that_is_not_glotip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("country,victims\nCO,3\n", encoding="utf-8")
    with pytest.raises(ContextError, match="txtVALUE"):
        read_glotip(path)


def test_the_context_table_shows_what_was_published(glotip: Path) -> None:
    table = context_table(read_glotip(glotip))
    assert table.row_keys == ["BO", "CO"]
    assert table.col_keys == ["2020", "2021"]
    assert table.text(1, 0) == "104"
    assert table.text(0, 0) == "–"  # Bolivia reported nothing for 2020
    small = context_table(read_glotip(glotip), sex="F", age="child")
    assert small.text(0, 0) == "<5"
    assert "UNODC" in table.note


REAL = Path("/work/shared/data/public/unodc_glotip_2003_2021.csv")


@pytest.mark.skipif(not REAL.exists(), reason="the UNODC file is not on this machine")
def test_the_real_file_reads_with_every_country_coded() -> None:
    figures = read_glotip(REAL)
    assert len(figures) > 1000
    assert all(f.country for f in figures)
    assert any(f.text == "<5" and f.value is None for f in figures)

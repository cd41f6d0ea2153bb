"""Mapping files: another agency's layout onto the templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from tests.helpers import write
from turquesa.errors import InvalidMapping
from turquesa.ingest.loader import ingest
from turquesa.ingest.mapping import Mapping
from turquesa.model import load_model
from turquesa.storage.tables import records

MAPPING = """\
agency: GT-PNC
sources:
  - match: "victimas*"
    template: persons
    columns:
      NOMBRE_COMPLETO: full_name
      FECHA_NAC: birth_date
      CALIDAD:
        to: role
        values: {VICTIMA: victim, IMPUTADO: suspect, "TESTIGO ": witness}
      SEXO:
        to: sex
        values: {Femenino: F, Masculino: M}
      NO_CASO: case_id
      CORRELATIVO: record_id
    constants:
      nationality: Guatemala
  - match: "expedientes*"
    template: cases
    columns:
      NO_CASO: case_id
      DELITO:
        to: crime_type
        values: {trata: trafficking, "tráfico ilícito": smuggling}
"""


def test_a_mapping_file_loads_another_layout(engine: Engine, tmp_path: Path) -> None:
    write(
        tmp_path / "gt",
        {
            "expedientes_2024.csv": "NO_CASO;DELITO\nGT-1;trata\n",
            "victimas_2024.csv": "CORRELATIVO;NO_CASO;NOMBRE_COMPLETO;FECHA_NAC;CALIDAD;SEXO;"
            "ETNIA\n"
            "1;GT-1;LOPEZ GARCIA, MARIA JOSE;03/04/2005;victima;Femenino;Maya\n"
            "2;GT-1;Carlos Ixcoy;1980;IMPUTADO;Masculino;Maya\n",
        },
    )
    (tmp_path / "map.yaml").write_text(MAPPING, "utf-8")
    mapping = Mapping.load(tmp_path / "map.yaml", load_model())
    report = ingest(engine, tmp_path / "gt", agency=mapping.agency, mapping=mapping)
    assert report.status == "loaded", report.issues
    assert report.counts == {"case": 1, "person": 2}
    with engine.connect() as conn:
        rows = {
            r.record_id: r for r in conn.execute(select(records).where(records.c.kind == "person"))
        }
    assert rows["1"].role == "victim" and rows["2"].role == "suspect"
    assert rows["1"].data["nationality"] == ["GT"]
    assert rows["1"].data["surnames"] == ["Lopez", "Garcia"]
    assert rows["1"].data["extra"] == {"ETNIA": "Maya"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("template: nope\n", "template 'nope' is not one of"),
        ("template: persons\ncolumns: {NOMBRE: first_name}\n", "does not have"),
        ("template: persons\ncolumns: {A: full_name, B: full_name}\n", "several columns map"),
        ("template: [persons\n", "not valid YAML"),
    ],
)
def test_a_wrong_mapping_is_refused_before_any_row_is_read(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "map.yaml").write_text(text, "utf-8")
    with pytest.raises(InvalidMapping, match=message):
        Mapping.load(tmp_path / "map.yaml", load_model())

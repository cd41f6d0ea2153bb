"""Which agency a submission belongs to: its agency.csv, or `--agency CODE`.

The agency's country is the default region for every phone number in the submission,
so it is settled before any row is read.
"""

from __future__ import annotations

from sqlalchemy import Connection

from turquesa.errors import InvalidInput, InvalidValue, UsageError
from turquesa.ingest.fields import clean_agency_code
from turquesa.ingest.readers import read_rows
from turquesa.ingest.rows import plan_columns
from turquesa.ingest.sources import Submission
from turquesa.model import Model
from turquesa.normalise import clean_text, parse_country
from turquesa.storage import store


def _declared_agency(sub: Submission, model: Model) -> dict[str, str] | None:
    tables = [t for t in sub.tables if t.template == "agency"]
    if not tables:
        return None
    table = tables[0]
    rows = list(read_rows(table))
    plan = plan_columns(model.templates["agency"], table.header, model)
    if len(rows) != 1:
        raise InvalidInput(f"{table.label}: must hold exactly one agency row, not {len(rows)}")
    row_number, cells, _ = rows[0]
    get = {spec.name: cells[i] if i < len(cells) else "" for i, spec in plan.known}
    read: dict[str, str] = {}
    for column, cleaner in (("agency", clean_agency_code), ("country", parse_country)):
        try:
            read[column] = cleaner(get.get(column, ""))
        except InvalidValue as exc:
            raise InvalidInput(
                f"{table.label}: row {row_number}: column {column}: {exc.message}",
                file=table.label,
                row=row_number,
                column=column,
            ) from exc
    code = read["agency"]
    return {
        "code": code,
        "country": read["country"],
        "name": clean_text(get.get("name", "")) or code,
    }


def resolve_agency(
    conn: Connection, sub: Submission, option: str | None, model: Model
) -> dict[str, str]:
    declared = _declared_agency(sub, model)
    if option:
        try:
            code = clean_agency_code(option)
        except InvalidValue as exc:
            raise UsageError(f"--agency: {exc.message}") from exc
        if declared and declared["code"] != code:
            raise InvalidInput(f"agency.csv names {declared['code']} but --agency says {code}")
        if declared:
            return declared
        known = store.get_agency(conn, code)
        if known:
            return {"code": code, "country": known["country"], "name": known["name"]}
        try:
            country = parse_country(code.split("-", 1)[0])
        except InvalidValue as exc:
            raise UsageError(f"--agency {code}: the code must start with a country code") from exc
        return {"code": code, "country": country, "name": code}
    if declared:
        return declared
    raise UsageError("the submission has no agency.csv: name the agency with --agency CODE")

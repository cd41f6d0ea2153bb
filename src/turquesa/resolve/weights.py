"""The match weight of every comparison for chosen pairs, with a run's stored model:
what `turquesa explain` and the review loop show an analyst."""

from __future__ import annotations

import math
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from turquesa.errors import UsageError
from turquesa.resolve.splink_model import (
    connect_duckdb,
    load_features,
    quiet_splink,
    write_features,
)


@dataclass
class LevelWeight:
    comparison: str
    level: str
    weight: float  # log2 of the Bayes factor, term frequency adjustment included


@dataclass
class PairWeights:
    prior: float
    levels: list[LevelWeight]
    weight: float
    probability: float


class PairWeigher:
    """Weighs chosen pairs with the model of a run: the features of all persons are
    loaded once (term frequencies are counted over all of them, as they were when the
    run scored the pairs), then each pair costs one small query. Used by `explain`
    and the interactive review."""

    def __init__(self, rows: Iterable[dict[str, Any]], model_json: dict[str, Any]) -> None:
        from splink import DuckDBAPI, Linker

        quiet_splink()
        self._tmp = tempfile.TemporaryDirectory(prefix="turquesa-explain-")
        path = write_features(rows, Path(self._tmp.name))
        self.con = connect_duckdb(Path(self._tmp.name))
        load_features(self.con, path)
        self.model = model_json
        self.linker = Linker("persons", model_json, db_api=DuckDBAPI(connection=self.con))
        for column in _tf_columns(model_json):
            self.linker.table_management.compute_tf_table(column)

    def __enter__(self) -> PairWeigher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()
        self._tmp.cleanup()

    def features(self, key: str) -> dict[str, Any]:
        cursor = self.con.execute("SELECT * FROM persons WHERE unique_id = ?", [key])
        names = [d[0] for d in cursor.description]
        found = cursor.fetchall()
        if len(found) != 1:
            raise UsageError(f"{key}: no current person record")
        return dict(zip(names, found[0], strict=True))

    def weigh(self, left: str, right: str) -> PairWeights:
        for name, key in (("rec_l", left), ("rec_r", right)):
            self.features(key)
            self.con.execute(
                f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM persons WHERE unique_id = ?",
                [key],
            ).fetchall()
        result = self.linker.inference.compare_two_records("rec_l", "rec_r")
        cursor = self.con.execute(f"SELECT * FROM {result.physical_name}")
        names = [d[0] for d in cursor.description]
        row = dict(zip(names, cursor.fetchall()[0], strict=True))
        levels = []
        for comparison in self.model["comparisons"]:
            name = comparison["output_column_name"]
            gamma = int(row[f"gamma_{name}"])
            label = "no value to compare" if gamma == -1 else _level_label(comparison, gamma)
            weight = math.log2(float(row[f"bf_{name}"]))
            if row.get(f"bf_tf_adj_{name}") is not None:
                weight += math.log2(float(row[f"bf_tf_adj_{name}"]))
            levels.append(LevelWeight(name, label, round(weight, 3)))
        prior_p = self.model["probability_two_random_records_match"]
        return PairWeights(
            prior=round(math.log2(prior_p / (1 - prior_p)), 3),
            levels=levels,
            weight=round(float(row["match_weight"]), 3),
            probability=float(row["match_probability"]),
        )


def _tf_columns(model_json: dict[str, Any]) -> list[str]:
    columns = {
        level["tf_adjustment_column"]
        for comparison in model_json["comparisons"]
        for level in comparison["comparison_levels"]
        if level.get("tf_adjustment_column")
    }
    return sorted(columns)


def _level_label(comparison: dict[str, Any], gamma: int) -> str:
    levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
    # Splink numbers the non-null levels from the most specific (highest) down to 0.
    index = len(levels) - 1 - gamma
    level = levels[index] if 0 <= index < len(levels) else {}
    return level.get("label_for_charts") or level.get("sql_condition", "")

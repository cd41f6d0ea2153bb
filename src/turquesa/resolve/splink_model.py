"""Training the person model and scoring candidate pairs with Splink.

The feature rows go to the engine as a JSON-lines file read by the engine itself
(DuckDB's reader, or Spark's): no pandas copy of a million rows in between. The model
is trained without labels: u from random pairs, the share of true matches from the
document rule, m by expectation maximisation over two blocking sessions.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from turquesa.errors import UsageError
from turquesa.resolve.features import COLUMNS, Stopwatch, feature_line
from turquesa.resolve.settings import person_settings, training_rules

log = logging.getLogger(__name__)

#: Pairs scored below this stay in the engine: they never reach a cluster or the
#: review queue, and a million records score tens of millions of them.
KEEP_FROM_PROBABILITY = 0.3


@dataclass
class ScoredPairs:
    """The pairs the model scored, as rows of (left id, right id, probability, weight),
    and the trained model as Splink's JSON settings (kept with the run for `explain`)."""

    pairs: list[tuple[str, str, float, float]]
    model_json: dict[str, Any]
    candidate_pairs: int
    timings: dict[str, float] = field(default_factory=dict)


def write_features(rows: Iterable[dict[str, Any] | bytes], folder: Path) -> Path:
    """The compared columns as JSON lines. Each item is a feature row, or a block of
    rows already written as lines (by `feature_line`, in worker processes)."""
    path = folder / "persons.jsonl"
    with path.open("wb") as out:
        for row in rows:
            out.write(row if isinstance(row, bytes) else feature_line(row))
    return path


def read_features(path: Path) -> Iterator[dict[str, Any]]:
    """The rows `write_features` wrote (empty lists as nulls)."""
    with path.open("rb") as lines:
        for line in lines:
            yield orjson.loads(line)


#: DuckDB takes 80% of the machine's memory by default; resolution must leave room
#: for the database and the rest of the platform (target: under 4 GB in all). Past
#: the limit DuckDB spills to the temporary folder where its operators can; building
#: the candidate pairs of a million records needs about 3 GB.
#: TURQUESA_DUCKDB_MEMORY changes it.
DUCKDB_MEMORY = os.environ.get("TURQUESA_DUCKDB_MEMORY", "3GB")


def connect_duckdb(folder: Path) -> Any:
    import duckdb

    return duckdb.connect(
        config={
            "memory_limit": DUCKDB_MEMORY,
            "temp_directory": str(folder / "spill"),
            "preserve_insertion_order": False,
        }
    )


def load_features(con: Any, path: Path) -> None:
    columns = ", ".join(f"'{name}': '{kind}'" for name, kind in COLUMNS.items())
    con.execute(
        f"CREATE OR REPLACE TABLE persons AS SELECT * FROM read_json('{path}', "
        f"format='newline_delimited', columns={{{columns}}})"
    )


ENGINES = ("duckdb", "spark")


def quiet_splink() -> None:
    """Splink's training chatter is for notebooks; its loggers set their own levels."""
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("splink"):
            logging.getLogger(name).setLevel(logging.ERROR)
    logging.getLogger("splink").setLevel(logging.ERROR)


def score_persons(
    rows: Iterable[dict[str, Any] | bytes],
    *,
    engine: str = "duckdb",
    model_json: dict[str, Any] | None = None,
    workdir: Path | None = None,
    read_back: Callable[[Iterator[dict[str, Any]]], None] | None = None,
) -> ScoredPairs:
    """Train (unless a trained model is given) and score every candidate pair, on
    DuckDB or, for data beyond one machine's patience, on Spark: the same settings,
    the same training steps. The model comes back in DuckDB's dialect whatever the
    engine, so that `explain` and later runs can use it.

    `read_back` is given the feature rows again, from the file the engine read, once
    the engine has closed: what the caller keeps of each record (gigabytes at a
    million records) then never sits in memory beside the engine's own."""
    if engine not in ENGINES:
        raise UsageError(f"unknown resolution engine {engine!r}: use duckdb or spark")
    from splink import Linker

    quiet_splink()
    timings: dict[str, float] = {}
    lap = Stopwatch(timings).lap

    with tempfile.TemporaryDirectory(dir=workdir, prefix="turquesa-resolve-") as tmp:
        path = write_features(rows, Path(tmp))
        lap("features")
        backend = _DuckDB(Path(tmp)) if engine == "duckdb" else _Spark(Path(tmp))
        try:
            table = backend.load(path)
            if model_json is None:
                model_json = temper(_train(table, backend.api, lap))
            linker = Linker(
                table, retarget(model_json, backend.dialect, keep_columns=False), db_api=backend.api
            )
            pairs, candidates = backend.pairs(linker.inference.predict())
            lap("predict")
        finally:
            backend.close()
        if read_back is not None:
            read_back(read_features(path))
            lap("read back")
    portable = retarget(model_json, "duckdb")
    return ScoredPairs(pairs, portable, candidates, timings)


def retarget(model: dict[str, Any], dialect: str, *, keep_columns: bool = True) -> dict[str, Any]:
    """A trained model written for `dialect`: the SQL of the settings in that dialect,
    the parameters (m, u, the share of matches) as trained; `keep_columns` as in
    `person_settings`."""
    out = person_settings(keep_columns=keep_columns).create_settings_dict(dialect)
    out["probability_two_random_records_match"] = model["probability_two_random_records_match"]
    for target, source in zip(out["comparisons"], model["comparisons"], strict=True):
        for level_out, level_in in zip(
            target["comparison_levels"], source["comparison_levels"], strict=True
        ):
            for key in ("m_probability", "u_probability", "tf_minimum_u_value"):
                if level_in.get(key) is not None:
                    level_out[key] = level_in[key]
    return out


class _DuckDB:
    dialect = "duckdb"

    def __init__(self, folder: Path) -> None:
        from splink import DuckDBAPI

        self.con = connect_duckdb(folder)
        self.api = DuckDBAPI(connection=self.con)

    def load(self, path: Path) -> str:
        load_features(self.con, path)
        return "persons"

    def pairs(self, predictions: Any) -> tuple[list[tuple[str, str, float, float]], int]:
        table = predictions.physical_name
        pairs = self.con.execute(
            f"SELECT unique_id_l, unique_id_r, match_probability, match_weight FROM {table} "
            f"WHERE match_probability >= {KEEP_FROM_PROBABILITY}"
        ).fetchall()
        return pairs, self.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]

    def close(self) -> None:
        self.con.close()


class _Spark:
    """PySpark in local mode on this machine's cores; on a cluster, the same calls with
    a session from `spark-submit` (SPARK_MASTER and friends)."""

    dialect = "spark"

    def __init__(self, folder: Path) -> None:
        try:
            from pyspark.sql import SparkSession
        except ImportError as exc:
            raise UsageError(
                "the Spark engine needs PySpark: pip install 'turquesa[spark]' (and Java 17)"
            ) from exc
        from splink import SparkAPI
        from splink.backends.spark import similarity_jar_location

        self.spark = (
            SparkSession.builder.master(os.environ.get("SPARK_MASTER", "local[*]"))
            .appName("turquesa-resolve")
            .config("spark.jars", similarity_jar_location())
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.local.dir", str(folder / "spark"))
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", os.environ.get("TURQUESA_SPARK_MEMORY", "2g"))
            .getOrCreate()
        )
        self.spark.sparkContext.setLogLevel("ERROR")
        self.spark.sparkContext.setCheckpointDir(str(folder / "checkpoints"))
        self.api = SparkAPI(spark_session=self.spark)

    def load(self, path: Path) -> Any:
        from pyspark.sql.types import ArrayType, IntegerType, StringType, StructField, StructType

        types = {"VARCHAR": StringType(), "INTEGER": IntegerType()}
        schema = StructType(
            [
                StructField(
                    name, ArrayType(StringType()) if kind.endswith("[]") else types[kind], True
                )
                for name, kind in COLUMNS.items()
            ]
        )
        return self.spark.read.schema(schema).json(str(path))

    def pairs(self, predictions: Any) -> tuple[list[tuple[str, str, float, float]], int]:
        frame = predictions.as_spark_dataframe()
        kept = frame.where(frame.match_probability >= KEEP_FROM_PROBABILITY).select(
            "unique_id_l", "unique_id_r", "match_probability", "match_weight"
        )
        pairs = [tuple(row) for row in kept.toLocalIterator()]
        return pairs, frame.count()

    def close(self) -> None:
        self.spark.stop()


#: No level of a trained model may be taken as impossible among true matches: EM on
#: clean training blocks can estimate m = 0 for a level it never saw there (a second
#: nationality, another alias), and one such value would veto any match whatever the
#: rest of the evidence says.
M_FLOOR = 0.002


def temper(model: dict[str, Any]) -> dict[str, Any]:
    """The trained model with every m probability at least M_FLOOR (renormalised)."""
    for comparison in model["comparisons"]:
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        for level in levels:
            m = level.get("m_probability")
            level["m_probability"] = max(m if m is not None else M_FLOOR, M_FLOOR)
            if level.get("u_probability") is None:
                level["u_probability"] = M_FLOOR
        total = sum(lv["m_probability"] for lv in levels)
        for level in levels:
            level["m_probability"] /= total
    return model


def _train(table: Any, api: Any, lap: Callable[[str], None]) -> dict[str, Any]:
    """Train the person model; the trained settings come back as Splink JSON (each
    step timed through `lap`).

    Each training step needs enough examples in the loaded data (a document shared
    by two records, pairs in each EM block). On a small load a step can find none;
    then that step's parameters keep Splink's defaults and the others are still
    learnt, rather than refusing to resolve a handful of records. A failed EM session
    can leave the linker without the comparisons it had set aside, so each step
    starts from the settings as they stood after the last good one."""
    from splink import Linker, block_on

    steps: list[tuple[str, Callable[[Any], Any]]] = [
        (
            "train: share of matches",
            lambda linker: linker.training.estimate_probability_two_random_records_match(
                [block_on("documents", arrays_to_explode=["documents"])], recall=0.5
            ),
        ),
        (
            "train: u",
            lambda linker: linker.training.estimate_u_using_random_sampling(
                max_pairs=2_000_000, seed=7
            ),
        ),
    ]
    steps += [
        (
            f"train: m by EM {number}",
            lambda linker, rule=rule: (
                linker.training.estimate_parameters_using_expectation_maximisation(
                    rule, estimate_without_term_frequencies=True
                )
            ),
        )
        for number, rule in enumerate(training_rules(), start=1)
    ]
    settings: Any = person_settings(keep_columns=False)
    for name, step in steps:
        linker = Linker(table, settings, db_api=api)
        try:
            step(linker)
        except Exception as exc:  # Splink raises plain exceptions for empty blocks
            log.warning("a training step found too little data and was skipped: %s", exc)
        else:
            settings = linker.misc.save_model_to_json()
        lap(name)
    if not isinstance(settings, dict):
        settings = Linker(table, settings, db_api=api).misc.save_model_to_json()
    return settings

"""How well the blocking rules do against known truth: candidate pairs, true pairs kept.

For benchmarks and for anyone tuning the rules on labelled data; resolution itself
never needs it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from turquesa.resolve.settings import person_settings
from turquesa.resolve.splink_model import (
    connect_duckdb,
    load_features,
    quiet_splink,
    write_features,
)


@dataclass
class BlockingFigures:
    candidate_pairs: int
    true_pairs: int
    true_pairs_kept: int

    @property
    def recall(self) -> float:
        return self.true_pairs_kept / self.true_pairs if self.true_pairs else 1.0


def blocking_figures(
    rows: Iterable[dict[str, Any]], truth: dict[str, str], workdir: Path | None = None
) -> BlockingFigures:
    """How many pairs the blocking rules put forward, and how many of the true pairs
    (records of one true person, from `truth`) are among them: counted in DuckDB, so a
    million records never make a Python list of pairs."""
    from splink import DuckDBAPI, Linker

    quiet_splink()
    with tempfile.TemporaryDirectory(dir=workdir, prefix="turquesa-blocking-") as tmp:
        path = write_features(rows, Path(tmp))
        truth_path = Path(tmp) / "truth.csv"
        with truth_path.open("w", encoding="utf-8") as out:
            out.write("unique_id,truth\n")
            out.writelines(f"{k},{v}\n" for k, v in truth.items())
        con = connect_duckdb(Path(tmp))
        try:
            load_features(con, path)
            con.execute(f"CREATE TABLE truth AS SELECT * FROM read_csv('{truth_path}')")
            api = DuckDBAPI(connection=con)
            linker = Linker("persons", person_settings(keep_columns=False), db_api=api)
            pairs = linker.inference.deterministic_link().physical_name
            total, kept = con.execute(
                f"SELECT count(*), count(*) FILTER (WHERE tl.truth = tr.truth) FROM {pairs} p "
                "LEFT JOIN truth tl ON tl.unique_id = p.unique_id_l "
                "LEFT JOIN truth tr ON tr.unique_id = p.unique_id_r"
            ).fetchone()
            (true_pairs,) = con.execute(
                "SELECT coalesce(sum(n * (n - 1) / 2), 0)::BIGINT FROM "
                "(SELECT count(*) AS n FROM truth t JOIN persons USING (unique_id) GROUP BY truth)"
            ).fetchone()
        finally:
            con.close()
    return BlockingFigures(int(total), int(true_pairs), int(kept))

"""The answer key: which record is which true person, which group, which flows.

Written alongside the submissions so that entity resolution, group detection and route
analysis can be scored. ``persons.csv`` links every person record to its true person and
(for suspect and facilitator records only) its true group; its last column, ``noise``,
lists the kinds of noise that changed that copy (NoiseConfig field names, sorted and
``;``-separated, empty for a clean copy) so that recall can be reported per kind.
``groups.csv`` lists members with their roles and the outsiders the group deals with;
``flows.csv`` counts the movement records written and the distinct true persons in them
by period and country pair; ``people.csv`` holds the true identities; ``noise.json`` the
seed and rates used.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .config import NoiseConfig, NoiseKind
from .phones import e164

if TYPE_CHECKING:
    from .groups import Group
    from .people import TruePerson


class Truth:
    """Streams the truth files; keeps only per-batch sets and flow counters in memory."""

    def __init__(self, out_dir: Path) -> None:
        self.dir = out_dir / "truth"
        self.dir.mkdir(parents=True, exist_ok=True)
        names = ("persons.csv", "groups.csv", "people.csv")
        # kept open for the whole run and closed in close(): the files are streamed to
        self._f = [open(self.dir / n, "w", encoding="utf-8", newline="") for n in names]  # noqa: SIM115
        self.records, self.groups, self.people = (
            csv.writer(f, lineterminator="\n") for f in self._f
        )
        self.records.writerow(
            ["agency", "record_id", "true_person_id", "role", "true_group_id", "noise"]
        )
        self.groups.writerow(
            [
                "group_id",
                "name",
                "crime_type",
                "corridor",
                "countries",
                "active_from",
                "active_to",
                "members",
                "associates",
            ]
        )
        self.people.writerow(
            [
                "true_person_id",
                "given_names",
                "surnames",
                "aliases",
                "sex",
                "birth_date",
                "nationality",
                "document",
                "phones",
                "kind",
            ]
        )
        self.legs: Counter[tuple[str, str, str]] = Counter()
        self.movers: Counter[tuple[str, str, str]] = Counter()
        self._batch: dict[tuple[str, str, str], set[int]] = {}

    def record(
        self,
        agency: str,
        record_id: str,
        tp: TruePerson,
        role: str,
        gid: str,
        noise: Iterable[NoiseKind],
    ) -> None:
        """One person record; ``noise`` sorted so that the bytes never depend on set order."""
        self.records.writerow([agency, record_id, tp.tid, role, gid, ";".join(sorted(noise))])

    def person(self, tp: TruePerson, kind: str) -> None:
        doc = f"{tp.doc[0]}:{tp.doc[2]}:{tp.doc[1]}" if tp.doc else ""
        self.people.writerow(
            [
                tp.tid,
                " ".join(tp.given),
                " ".join(tp.surnames),
                ";".join(tp.aliases),
                tp.sex,
                tp.birth,
                tp.nat,
                doc,
                ";".join(e164(p) for p in tp.phones),
                kind,
            ]
        )

    def group(self, g: Group) -> None:
        members = ";".join(f"{m.person.tid}:{m.role}" for m in g.members)
        assoc = ";".join(
            f"{m.person.tid}:{m.role}:{home or 'independent'}" for m, home in g.associates
        )
        self.groups.writerow(
            [
                g.gid,
                g.name,
                g.crime,
                g.route.key,
                ";".join(g.countries),
                g.year0,
                g.year1,
                members,
                assoc,
            ]
        )

    def movement(self, departure: str, frm: str, to: str, pids: list[int]) -> None:
        """Count one movement record (legs) and its movers (distinct per batch)."""
        for period in (departure[:7], departure[:4]):
            key = (period, frm, to)
            self.legs[key] += 1
            self._batch.setdefault(key, set()).update(pids)

    def end_batch(self) -> None:
        """Distinct persons per key: a mover belongs to one batch only, so sums are exact."""
        for key, pids in self._batch.items():
            self.movers[key] += len(pids)
        self._batch.clear()

    def close(self) -> None:
        self.end_batch()
        for f in self._f:
            f.close()


def write_flows(
    folder: Path, legs: Counter[tuple[str, str, str]], movers: Counter[tuple[str, str, str]]
) -> None:
    """flows.csv: movement records and distinct movers per period and country pair."""
    with open(folder / "flows.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["period", "from_country", "to_country", "legs", "persons"])
        for key in sorted(legs):
            w.writerow([*key, legs[key], movers[key]])


def write_noise(folder: Path, seed: int, persons: int, noise: NoiseConfig) -> None:
    """noise.json: the seed, the number of true persons and the rates used."""
    with open(folder / "noise.json", "w", encoding="utf-8") as f:
        json.dump(
            {"seed": seed, "persons": persons, "noise": noise.as_dict()},
            f,
            indent=2,
            sort_keys=True,
        )
        f.write("\n")

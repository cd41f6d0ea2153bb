"""The load report: every problem found, where it is, and what was loaded.

An analyst fixes a spreadsheet from this report, so each issue names the file, the
row as the spreadsheet shows it (header = row 1), the column and the value, and says
what would have been accepted. The same report is printed as a table, written as CSV
or JSON with `--report`, and kept with the submission in the database.
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ERROR = "error"
NOTE = "note"
ISSUE_COLUMNS = ("severity", "file", "row", "column", "value", "reason")


@dataclass(slots=True)
class Issue:
    severity: str
    file: str
    row: int | None
    column: str | None
    value: str | None
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class LoadReport:
    """What one `ingest` did or refused to do."""

    source: str
    agency: str | None = None
    content_hash: str | None = None
    status: str = "refused"  # loaded | loaded_with_rejections | already_loaded | refused
    submission_id: int | None = None
    database: str | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # records loaded per kind
    new_versions: int = 0
    retracted: int = 0
    identifiers: int = 0
    rows_rejected: int = 0
    issues: list[Issue] = field(default_factory=list)
    seconds: float = 0.0
    max_issues: int = 100_000  # a report past this is cut, and says so

    def add(
        self,
        severity: str,
        file: str,
        row: int | None,
        column: str | None,
        value: str | None,
        reason: str,
    ) -> None:
        if len(self.issues) < self.max_issues:
            if value is not None and len(value) > 200:
                value = value[:200] + "…"
            self.issues.append(Issue(severity, file, row, column, value, reason))
        elif len(self.issues) == self.max_issues:
            self.issues.append(
                Issue(
                    NOTE,
                    file,
                    None,
                    None,
                    None,
                    f"more than {self.max_issues:,} issues; the rest are not listed",
                )
            )

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == ERROR]

    @property
    def notes(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == NOTE]

    @property
    def ok(self) -> bool:
        return self.status != "refused"

    def as_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if k not in ("issues", "max_issues")}
        data["issues"] = [i.as_dict() for i in self.issues]
        return data

    def write(self, path: Path) -> None:
        """CSV (one row per issue) when the name ends in .csv, JSON otherwise."""
        if path.suffix.lower() == ".csv":
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(ISSUE_COLUMNS)
                for issue in self.issues:
                    writer.writerow(["" if v is None else v for v in issue.as_dict().values()])
        else:
            path.write_text(json.dumps(self.as_dict(), ensure_ascii=False, indent=2), "utf-8")

"""What a PATH given to `turquesa ingest` holds: the tables of one submission.

A folder of exchange files, one CSV/XLSX/JSON file, or one workbook with a sheet per
template. Templates are recognised by file, sheet or JSON key name; a lone file whose
name is not a template's is recognised by its columns. The submission's content hash
(every byte of every file, in order, plus the mapping) is what makes a second load of
the same submission a no-op.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from turquesa.errors import InvalidInput, UsageError
from turquesa.ingest.readers import Table
from turquesa.model import Model

FORMATS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx",
           ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}  # fmt: skip


def safe_name(path: Path) -> tuple[str, str | None]:
    """A printable file name, and the raw bytes in hex when the name was not UTF-8."""
    raw = os.fsencode(path.name)
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace"), raw.hex()


def display_path(path: Path) -> str:
    """The path as text that any database and terminal accept."""
    return os.fsencode(str(path)).decode("utf-8", "replace")


@dataclass
class Submission:
    """The tables found under PATH, in load order, and the notes made finding them."""

    path: Path
    tables: list[Table]
    notes: list[str] = field(default_factory=list)
    name_bytes: dict[str, str] = field(default_factory=dict)  # display name -> hex
    _digests: dict[Path, str] = field(default_factory=dict, repr=False)

    def file_digest(self, path: Path) -> str:
        """SHA-256 of one file, read once per load (the loader stores it per file)."""
        if path not in self._digests:
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
            self._digests[path] = digest.hexdigest()
        return self._digests[path]

    def content_hash(self, extra: bytes = b"") -> str:
        """The whole submission: every file's name and digest, in order, plus `extra`."""
        digest = hashlib.sha256()
        for path, name in dict.fromkeys((t.path, t.display_name) for t in self.tables):
            digest.update(name.encode("utf-8", "replace") + b"\0")
            digest.update(self.file_digest(path).encode())
        digest.update(extra)
        return digest.hexdigest()


def _template_named(name: str, model: Model) -> str | None:
    stem = name.strip().casefold()
    return stem if stem in model.templates else None


def _sheet_tables(path: Path, display: str, model: Model, forced: str | None) -> list[Table]:
    from openpyxl import load_workbook

    if path.stat().st_size == 0:
        raise InvalidInput(f"{display}: the file is empty (0 bytes)")
    try:
        workbook = load_workbook(path, read_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types on a bad file
        raise InvalidInput(f"{display}: not a readable Excel workbook ({exc})") from exc
    names = workbook.sheetnames
    workbook.close()
    tables = [
        Table(path, display, "xlsx", template=t, sheet=s)
        for s in names
        if (t := _template_named(s, model))
    ]
    if tables:
        return tables
    template = forced or _template_named(path.stem, model)
    return [Table(path, display, "xlsx", template=template, sheet=names[0])]


def _json_tables(
    path: Path, display: str, fmt: str, model: Model, forced: str | None
) -> list[Table]:
    if fmt == "json" and path.stat().st_size:
        import json

        try:
            document = json.loads(path.read_text("utf-8-sig"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"{display}: not a JSON document: {exc}") from exc
        if isinstance(document, dict):
            tables = [
                Table(path, display, "json", template=t, json_key=k)
                for k in document
                if (t := _template_named(k, model))
            ]
            if not tables:
                raise InvalidInput(
                    f"{display}: the JSON object names no template (keys: {', '.join(document)})"
                )
            return tables
    return [Table(path, display, fmt, template=forced or _template_named(path.stem, model))]


def _tables_of_file(path: Path, model: Model, forced: str | None, sub: Submission) -> list[Table]:
    display, raw_hex = safe_name(path)
    if raw_hex:
        sub.name_bytes[display] = raw_hex
        sub.notes.append(
            f"{display}: the file name is not UTF-8; it is stored as bytes {raw_hex} "
            "and shown with replacement characters"
        )
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InvalidInput(
            f"{display}: .{path.suffix.lstrip('.')} files are not read "
            "(use CSV, XLSX, JSON or JSON lines)"
        )
    if fmt == "xlsx":
        return _sheet_tables(path, display, model, forced)
    if fmt in ("json", "jsonl"):
        return _json_tables(path, display, fmt, model, forced)
    return [Table(path, display, "csv", template=forced or _template_named(path.stem, model))]


def find_tables(path: Path, model: Model, template: str | None = None) -> Submission:
    """The submission under `path`, tables sorted in the model's load order."""
    if template is not None and template not in model.templates:
        raise UsageError(f"--template {template!r} is not one of: {', '.join(model.templates)}")
    if not path.exists():
        raise UsageError(f"{path}: no such file or folder")
    sub = Submission(path, [])
    if path.is_dir():
        if template is not None:
            raise UsageError("--template applies to a single file, not to a folder")
        for child in sorted(path.iterdir()):
            if not child.is_file() or child.name.startswith("."):
                continue
            if child.suffix.lower() not in FORMATS:
                sub.notes.append(f"{safe_name(child)[0]}: not a CSV, XLSX or JSON file; ignored")
                continue
            for table in _tables_of_file(child, model, None, sub):
                if table.template is None:
                    sub.notes.append(
                        f"{table.label}: names no exchange template "
                        f"({', '.join(model.templates)}); ignored"
                    )
                else:
                    sub.tables.append(table)
        if not sub.tables:
            raise InvalidInput(
                f"{path}: the folder holds no exchange file "
                f"(expected names such as persons.csv, cases.csv)"
            )
    else:
        sub.tables = _tables_of_file(path, model, template, sub)
    sort_tables(sub.tables, model)
    return sub


def sort_tables(tables: list[Table], model: Model) -> None:
    """In the model's load order, so that a reference meets what it names first."""
    order = {name: i for i, name in enumerate(model.load_order)}
    tables.sort(key=lambda t: (order.get(t.template or "", len(order)), t.label))


def submission_folders(path: Path, model: Model) -> list[Path]:
    """The submissions under `path`: itself, or, for a folder that holds no exchange file
    but folders that do (a delivery of several agencies, the demo's data), each of them."""
    if not path.is_dir() or _holds_exchange_files(path, model):
        return [path]
    children = [
        c
        for c in sorted(path.iterdir())
        if c.is_dir() and _holds_exchange_files(c, model) and not is_ground_truth(c)
    ]
    return children or [path]


def is_ground_truth(folder: Path) -> bool:
    """The synthetic data's answer key (`truth/`, beside the agencies' folders): its
    persons.csv looks like a template but is not a submission."""
    return folder.name == "truth" and (folder / "noise.json").is_file()


def _holds_exchange_files(folder: Path, model: Model) -> bool:
    return any(
        child.is_file()
        and child.suffix.lower() in FORMATS
        and (child.stem.casefold() in model.templates or child.suffix.lower() in (".xlsx", ".json"))
        for child in folder.iterdir()
    )

"""Mapping files: any agency's own column layout onto the exchange templates.

A YAML file says, for each source file (matched by a glob on its name or sheet), which
template it feeds, which source column becomes which template column, how source
values translate (`VICTIMA` -> `victim`) and which constant values every row gets.
It is checked when it is read: a target column the template does not have is an
error that names the mapping line's column, not a surprise halfway through a load.
"""

from __future__ import annotations

import fnmatch
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from turquesa.errors import InvalidInput, InvalidMapping
from turquesa.ingest.readers import CellProblems, Table
from turquesa.ingest.sources import FORMATS, Submission, find_tables, sort_tables
from turquesa.model import Model

RowTransform = Callable[[list[str], CellProblems], tuple[list[str], CellProblems]]


@dataclass(frozen=True)
class ColumnRule:
    source: str
    target: str
    values: dict[str, str] = field(default_factory=dict)  # casefolded source -> target


@dataclass(frozen=True)
class SourceRule:
    match: str
    template: str
    columns: tuple[ColumnRule, ...]
    constants: dict[str, str]

    def rule_for(self, column: str) -> ColumnRule | None:
        key = column.strip().casefold()
        for rule in self.columns:
            if rule.source.casefold() == key:
                return rule
        return None


def _parse_source(raw: Any, where: str, model: Model) -> SourceRule:
    if not isinstance(raw, dict):
        raise InvalidMapping(f"{where}: expected a mapping with template and columns")
    template = raw.get("template")
    if template not in model.templates:
        raise InvalidMapping(
            f"{where}: template {template!r} is not one of {', '.join(model.templates)}"
        )
    fields = model.templates[template].fields
    allowed = set(fields) | set(model.common_fields)
    columns: list[ColumnRule] = []
    for source, target in (raw.get("columns") or {}).items():
        values: dict[str, str] = {}
        if isinstance(target, dict):
            values = {
                str(k).strip().casefold(): "" if v is None else str(v)
                for k, v in (target.get("values") or {}).items()
            }
            target = target.get("to")
        if not isinstance(target, str) or target.casefold() not in allowed:
            raise InvalidMapping(
                f"{where}: column {source!r} maps to {target!r}, which the "
                f"{template} template does not have ({', '.join(fields)})"
            )
        columns.append(ColumnRule(str(source), target.casefold(), values))
    targets = [c.target for c in columns]
    repeated = {t for t in targets if targets.count(t) > 1}
    if repeated:
        raise InvalidMapping(f"{where}: several columns map to {', '.join(sorted(repeated))}")
    constants = {str(k).casefold(): str(v) for k, v in (raw.get("constants") or {}).items()}
    for name in constants:
        if name not in allowed:
            raise InvalidMapping(f"{where}: constant {name!r} is not a {template} column")
    return SourceRule(str(raw.get("match", "*")), template, tuple(columns), constants)


@dataclass
class Mapping:
    """A parsed, checked mapping file."""

    path: Path
    text: bytes
    agency: str | None
    sources: tuple[SourceRule, ...]
    _rules: dict[str, SourceRule] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path, model: Model) -> Mapping:
        try:
            text = path.read_bytes()
            raw = yaml.safe_load(text)
        except FileNotFoundError as exc:
            raise InvalidMapping(f"{path}: no such mapping file") from exc
        except yaml.YAMLError as exc:
            raise InvalidMapping(f"{path}: not valid YAML: {exc}") from exc
        if not isinstance(raw, dict):
            raise InvalidMapping(f"{path}: a mapping file is a YAML mapping (key: value)")
        if "sources" in raw:
            items = raw["sources"]
            if not isinstance(items, list) or not items:
                raise InvalidMapping(f"{path}: sources must be a non-empty list")
            sources = tuple(
                _parse_source(s, f"{path}: sources[{i}]", model) for i, s in enumerate(items)
            )
        else:
            sources = (_parse_source(raw, str(path), model),)
        return cls(path, text, raw.get("agency"), sources)

    def fingerprint(self) -> bytes:
        return hashlib.sha256(self.text).digest()

    def _rule(self, table: Table) -> SourceRule | None:
        names = [table.display_name, Path(table.display_name).stem]
        if table.sheet:
            names.append(table.sheet)
        for rule in self.sources:
            if any(fnmatch.fnmatch(n.casefold(), rule.match.casefold()) for n in names):
                return rule
        return None

    def find_tables(self, path: Path, model: Model) -> Submission:
        """Every file under `path` that a source rule matches, in the model's load order."""
        if not path.exists():
            raise InvalidInput(f"{path}: no such file or folder")
        files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
        sub = Submission(path, [])
        for file in files:
            if file.suffix.lower() not in FORMATS or file.name.startswith("."):
                continue
            partial = find_tables(file, model)
            sub.tables.extend(partial.tables)
            sub.notes.extend(partial.notes)
            sub.name_bytes.update(partial.name_bytes)
        kept = []
        for table in sub.tables:
            rule = self._rule(table)
            if rule is None:
                if table.template is None:
                    sub.notes.append(f"{table.label}: no mapping source matches it; ignored")
                    continue
            else:
                table.template = rule.template
                self._rules[table.label] = rule
            kept.append(table)
        if not kept:
            raise InvalidInput(f"{path}: no file matches the mapping's sources")
        sort_tables(kept, model)
        sub.tables = kept
        return sub

    def header_for(self, table: Table, header: list[str]) -> list[str]:
        rule = self._rules.get(table.label)
        if rule is None:
            return header
        mapped = []
        for name in header:
            column = rule.rule_for(name)
            mapped.append(column.target if column else name)
        return mapped + list(rule.constants)

    def row_transform(self, table: Table, header: list[str]) -> RowTransform | None:
        rule = self._rules.get(table.label)
        if rule is None:
            return None
        width = len(header) - len(rule.constants)
        maps = [
            (index, column.values)
            for index, name in enumerate(table.header)
            if (column := rule.rule_for(name)) is not None and column.values
        ]
        constants = list(rule.constants.values())

        def transform(cells: list[str], problems: CellProblems) -> tuple[list[str], CellProblems]:
            cells = (
                (cells + [""] * (width - len(cells)))[:width] if len(cells) != width else cells[:]
            )
            for index, values in maps:
                key = cells[index].strip().casefold()
                if key in values:
                    cells[index] = values[key]
            return cells + constants, problems

        return transform

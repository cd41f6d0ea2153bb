"""Turn the analyses' results into the report's numbered tables, charts and sources.

Shared by the strategic report and the group report so that both hide small counts
the same way, cite their sources the same way and name things in the same words.

Why counts go through `turquesa.analysis.suppression` here, in one place: a report is
the product that leaves the analyst's desk, so every count of persons it shows (cells,
margins, the persons on a corridor) is checked against the same threshold, and a table
that hid anything says so under it (the renderer writes that line).
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from turquesa.analysis.dataset import Dataset, PersonRecord
from turquesa.analysis.groups import GroupResult
from turquesa.analysis.suppression import THRESHOLD, suppress
from turquesa.analysis.tables import PRIMARY
from turquesa.analysis.tables import Table as CountTable
from turquesa.analysis.trends import UNKNOWN, age_group, category_label, sex_key
from turquesa.i18n import country_name, format_integer
from turquesa.i18n.catalogues import Gettext
from turquesa.i18n.labels import label
from turquesa.report.model import Cell, Column, Period, Source, Suppressed, Table

PRIMARY_CELL = Suppressed(primary=True)
SECONDARY_CELL = Suppressed(primary=False)


def day(text: str | None, end: bool = False) -> date | None:
    """An ISO date, possibly partial ("2023", "2023-04"), as its first or last day."""
    if not text:
        return None
    parts = text[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
        if len(parts) > 2:
            return date(year, month, int(parts[2]))
        return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    except (ValueError, IndexError):
        return None


def period_of(first: str | None, last: str | None) -> Period | None:
    start, stop = day(first), day(last, end=True)
    return Period(start, stop) if start and stop else None


def dataset_period(dataset: Dataset) -> Period | None:
    return period_of(*dataset.period())


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def integer_format(lang: str):  # type: ignore[no-untyped-def]
    """The number format of charts in `lang` (1,234 / 1.234 / 1 234)."""

    def fmt(value: float) -> str:
        return format_integer(round(value), lang)

    return fmt


def small(value: int | None, threshold: int = THRESHOLD) -> Cell:
    """A count of persons in a table with no margins: hidden from 1 to threshold - 1."""
    if value is None:
        return None
    return PRIMARY_CELL if 0 < value < threshold else value


def countries_text(codes: Iterable[str], lang: str, limit: int = 4) -> str:
    names = [country_name(c, lang) for c in codes if c]
    shown = ", ".join(names[:limit])
    return shown + (f" (+{len(names) - limit})" if len(names) > limit else "")


def from_counts(
    table: CountTable,
    first_column: str,
    source: Source | None,
    *,
    title: str | None = None,
    key: str | None = None,
    note: str | None = None,
    drop_empty: bool = True,
) -> Table:
    """A table of counts (already suppressed, or published as is) as a report table: hidden
    cells shown as withheld, the margins row as totals. With `drop_empty`, a column whose
    every count is zero (nobody recorded with sex X) is left out: it hides nothing and
    gives nothing away."""
    width = len(table.col_labels)
    kept = [
        j
        for j in range(width)
        if j == width - 1 or not drop_empty or any(row[j] != 0 for row in table.cells)
    ]
    columns = [Column(first_column), *(Column(table.col_labels[j], "integer") for j in kept)]

    def cell(i: int, j: int) -> Cell:
        flag = table.flags[i][j] if table.flags else ""
        value = table.cells[i][j]
        if flag == PRIMARY:
            return PRIMARY_CELL
        if flag == "x":
            return SECONDARY_CELL
        if flag:
            return None  # "not reported" in published figures
        return value

    rows = [[table.row_labels[i], *(cell(i, j) for j in kept)] for i in range(len(table.row_keys))]
    totals = []
    if table.margins and len(table.cells) > len(table.row_keys):
        last = len(table.row_keys)
        totals = [[table.row_labels[last], *(cell(last, j) for j in kept)]]
    return Table(
        title=title or table.title,
        columns=columns,
        rows=rows,
        totals=totals,
        source=source,
        note=note if note is not None else (table.note or None),
        key=key,
    )


def shared_table(
    working: CountTable, first_column: str, source: Source | None, key: str
) -> tuple[Table, CountTable]:
    """A working table suppressed and made a report table, with the working table's own
    note (the report states the suppression rule under every table that hid a cell);
    and the suppressed counts, for a chart that must hide what the table hides."""
    hidden = suppress(working)
    return from_counts(hidden, first_column, source, key=key, note=working.note or None), hidden


def series_of(
    table: CountTable, skip_empty: bool = True
) -> tuple[list[str], list[tuple[str, list[float | None]]]]:
    """Rows as categories and columns (totals left out) as chart series, hidden cells as
    None: a chart never shows what the table withholds."""
    categories = list(table.row_labels[: len(table.row_keys)])
    series: list[tuple[str, list[float | None]]] = []
    for j, name in enumerate(table.col_labels[: len(table.col_keys)]):
        values: list[float | None] = [table.cells[i][j] for i in range(len(table.row_keys))]
        if skip_empty and all(v == 0 for v in values):
            continue
        series.append((name, values))
    return categories, series


def known_rows(table: CountTable) -> list[int]:
    """Indexes of rows other than "unknown" (a period chart has no "unknown" period)."""
    return [i for i, k in enumerate(table.row_keys) if k != UNKNOWN]


def pick_sex(records: Sequence[PersonRecord]) -> str:
    counts = Counter(sex_key(r.sex) for r in records if sex_key(r.sex) != UNKNOWN)
    return counts.most_common(1)[0][0] if counts else UNKNOWN


def pick_age_group(records: Sequence[PersonRecord]) -> str:
    """The age group at the person's earliest dated record that gives an age."""
    aged = sorted(records, key=lambda r: (r.age is None, r.date or "9999"))
    return age_group(aged[0].age) if aged else UNKNOWN


def pick_nationality(records: Sequence[PersonRecord]) -> str:
    counts = Counter(n for r in records for n in r.nationality)
    return counts.most_common(1)[0][0] if counts else UNKNOWN


def by_entity(people: Iterable[PersonRecord]) -> dict[str, list[PersonRecord]]:
    out: dict[str, list[PersonRecord]] = {}
    for person in people:
        out.setdefault(person.entity_id, []).append(person)
    return out


SEX_COLUMNS = ("F", "M", "X", UNKNOWN)
AGE_ROWS = ("child", "adult", UNKNOWN)


def grid(
    title: str,
    rows: Sequence[tuple[str, str]],
    columns: Sequence[tuple[str, str]],
    counts: Counter[tuple[str, str]],
    _: Gettext,
    note: str = "",
) -> CountTable:
    """A working table with margins from `counts[(row key, column key)]`; columns with no
    count at all and rows with none are left out, except that one row always stays."""
    kept_cols = [c for c in columns if any(counts[(r, c[0])] for r, _l in rows)] or list(
        columns[:1]
    )
    kept_rows = [r for r in rows if any(counts[(r[0], c)] for c, _l in kept_cols)] or list(rows[:1])
    inner = [[counts[(r, c)] for c, _l in kept_cols] for r, _l in kept_rows]
    cells: list[list[int | None]] = [[*row, sum(row)] for row in inner]
    cells.append([sum(row[j] or 0 for row in cells) for j in range(len(kept_cols) + 1)])
    return CountTable(
        title=title,
        row_keys=[r for r, _l in kept_rows],
        col_keys=[c for c, _l in kept_cols],
        row_labels=[label for _r, label in kept_rows] + [_("Total")],
        col_labels=[label for _c, label in kept_cols] + [_("Total")],
        cells=cells,
        note=note,
    )


def sex_columns(_: Gettext) -> list[tuple[str, str]]:
    """The sex columns under the same headings as the trend tables."""
    return [(s, category_label("sex", s, _)) for s in SEX_COLUMNS]


def age_rows(_: Gettext) -> list[tuple[str, str]]:
    return [(a, category_label("age", a, _)) for a in AGE_ROWS]


def sex_by_age(people: Iterable[PersonRecord], title: str, _: Gettext) -> CountTable:
    """Distinct persons by age group (rows) and sex (columns): the working table, to be
    suppressed before it is shown."""
    counts: Counter[tuple[str, str]] = Counter()
    for records in by_entity(people).values():
        counts[(pick_age_group(records), pick_sex(records))] += 1
    note = _(
        "Distinct persons (resolved entities); sex as most of their records give it, age "
        "at their earliest record that states it."
    )
    return grid(title, age_rows(_), sex_columns(_), counts, _, note)


def nationality_by_sex(
    people: Iterable[PersonRecord], title: str, lang: str, _: Gettext, top: int = 10
) -> CountTable:
    """Distinct persons by nationality (the `top` most frequent, the rest together) and
    sex: the working table, to be suppressed before it is shown."""
    per_person = [(pick_nationality(r), pick_sex(r)) for r in by_entity(people).values()]
    frequency = Counter(n for n, _s in per_person if n != UNKNOWN)
    leading = [n for n, _c in frequency.most_common(top)]
    counts: Counter[tuple[str, str]] = Counter()
    for nationality, sex in per_person:
        row = nationality if nationality in leading or nationality == UNKNOWN else "other"
        counts[(row, sex)] += 1
    rows = [(n, country_name(n, lang)) for n in leading]
    rows += [("other", _("Other nationalities")), (UNKNOWN, _("Nationality not recorded"))]
    note = _("Distinct persons, each under the nationality most of their records give.")
    return grid(title, rows, sex_columns(_), counts, _, note)


IDENTIFIER_TIES = frozenset(
    {
        "phone",
        "email",
        "handle",
        "passport",
        "national_id",
        "residence_permit",
        "driving_licence",
        "vehicle_plate",
        "bank_account",
        "iban",
    }
)


def tie_label(kind: str, _: Gettext) -> str:
    """What a tie of the perpetrators' graph is, in the reader's language."""
    own = {
        "co_member": _("Members of one organization"),
        "co_case": _("Co-defendants in a case"),
        "co_event": _("Took part in one event"),
        "co_facilitation": _("Moved the same persons"),
        "address": _("Shared address"),
    }
    if kind in own:
        return own[kind]
    if kind in IDENTIFIER_TIES:
        return _("Shared identifier: %(identifier)s") % {
            "identifier": label("identifier_kind", kind, _)
        }
    if kind == "other_document":
        return _("Shared document")
    return label("relation", kind, _)


def roles_text(roles: Iterable[str], _: Gettext) -> str:
    return ", ".join(label("perpetrator_role", r, _) for r in roles)


def display_place(name: str) -> str:
    """A place as written, except that a name typed in capitals reads in title case."""
    return name.title() if name.isupper() else name


def active_text(first: str | None, last: str | None) -> str | None:
    """First and last activity as months ("2023-01 – 2024-11"); a reader compares
    groups by when they were active, not by the day."""
    if not first and not last:
        return None
    start, end = (first or "")[:7], (last or "")[:7]
    return start if start == end else f"{start} – {end}"


def active_years(first: str | None, last: str | None) -> str | None:
    """The years a group was active ("2023–2024"), for tables that compare many groups."""
    if not first and not last:
        return None
    start, end = (first or last or "")[:4], (last or first or "")[:4]
    return start if start == end else f"{start}–{end}"


def yes_no(value: bool, _: Gettext) -> str:
    return _("Yes") if value else _("No")


def brokers_table(
    result: GroupResult,
    brokers: Sequence[tuple[str, Sequence[str]]],
    title: str,
    source: Source,
    lang: str,
    _: Gettext,
    note: str | None = None,
) -> Table | None:
    """Independent brokers (entity, name, roles, groups served, countries), or None when
    there are none. Brokers are suspects or facilitators: never a victim's name."""
    rows: list[list[Cell]] = []
    for broker, served in brokers:
        node = result.graph.nodes.get(broker)
        roles = [r for r, _n in node.perpetrator_roles.most_common()] if node else []
        rows.append(
            [
                broker,
                node.label if node else None,
                roles_text(roles, _),
                ", ".join(served),
                countries_text(sorted(node.countries) if node else [], lang),
            ]
        )
    if not rows:
        return None
    columns = [
        Column(_("Entity")),
        Column(_("Name")),
        Column(_("Roles")),
        Column(_("Groups served")),
        Column(_("Countries")),
    ]
    return Table(title, columns, rows, source=source, note=note, key="brokers")


def crossings_table(rows: list[list[Cell]], source: Source, key: str, _: Gettext) -> Table:
    """Crossing points: name, countries, persons, legs."""
    columns = [
        Column(_("Crossing point")),
        Column(_("Countries")),
        Column(_("Persons"), "integer"),
        Column(_("Legs"), "integer"),
    ]
    return Table(_("Crossing points"), columns, rows, source=source, key=key)


def corridors_table(
    title: str,
    rows: list[list[Cell]],
    source: Source,
    key: str,
    _: Gettext,
    note: str | None = None,
) -> Table:
    """Corridors: route, distinct persons, legs, first and last dates."""
    columns = [
        Column(_("Corridor")),
        Column(_("Persons"), "integer"),
        Column(_("Legs"), "integer"),
        Column(_("First")),
        Column(_("Last")),
    ]
    return Table(title, columns, rows, source=source, note=note, key=key)

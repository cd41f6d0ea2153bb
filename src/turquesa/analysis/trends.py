"""Trends and modus operandi: who was detected, when, where and how, by sex and age.

Counted over one `Dataset`, so the figures are those of every other analysis in scope.

Populations: victims (records with role victim), smuggled migrants (role
smuggled_migrant), perpetrators (suspect and facilitator records, broken down by their
perpetrator roles with `by="role"`).

Units: `persons` counts distinct resolved persons (entity ids): a victim reported by
three agencies counts once in a cell. `records` counts person records (one person per
case and agency). Each table says which it uses. A person counted in a cell has one sex
(the most frequent one their records give) and one age (that of their earliest dated
record in the row with an age), so the cells of a row add up to its persons.

When a record happened: the first date of the events and movements it takes part in,
else its case's opening (the case's opening is when the record was true; the events
say when the facts were). Ages are at the case's opening (`PersonRecord.age`).

Country: by default the country of the agency that reported the case (always known);
with `country_basis="event"`, the country of the record's exploitation event when one is
recorded, else of its first event with a country, else "unknown".

Age bands: child (0–17) and adult (18+) follow the Palermo Protocol's definition of a
child. The finer bands 0–11, 12–17, 18–24, 25–34, 35–49 and 50+ nest inside those two
(a child is never mixed with an adult, unlike a band such as 15–24), split children at
the start of adolescence as child-protection services do, and are coarser than CTDC's
(0–8, 9–17, 18–20, …, 48+) so that fewer cells fall under the suppression threshold in
data the size of one region's.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise

from turquesa.analysis.changes import Change, compare
from turquesa.analysis.dataset import (
    PERPETRATOR_ROLES,
    Dataset,
    EventRecord,
    MovementRecord,
    PersonRecord,
    RecordKey,
)
from turquesa.analysis.periods import exposure, period_of, period_range
from turquesa.analysis.tables import Table, Translate, identity

UNKNOWN = "unknown"
POPULATIONS: dict[str, frozenset[str]] = {
    "victims": frozenset({"victim"}),
    "migrants": frozenset({"smuggled_migrant"}),
    "perpetrators": PERPETRATOR_ROLES,
}
DIMENSIONS = ("period", "country", "exploitation", "mode", "recruitment", "control", "role")
#: Dimensions where one record may fall in several rows.
MULTI_VALUED = frozenset({"exploitation", "mode", "control", "role"})
SPLITS = ("sex", "age", "age_band", "period", "none")
UNITS = ("persons", "records")
COUNTRY_BASES = ("agency", "event")
SEXES = ("F", "M", "X", UNKNOWN)
AGE_GROUPS = ("child", "adult", UNKNOWN)
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-11", 0, 11),
    ("12-17", 12, 17),
    ("18-24", 18, 24),
    ("25-34", 25, 34),
    ("35-49", 35, 49),
    ("50+", 50, None),
)
#: Vocabulary order for rows (turquesa/model/model.yaml), so tables read the same way.
_VOCABULARY_ORDER = {
    "exploitation": (
        "sexual",
        "forced_labour",
        "forced_criminality",
        "begging",
        "forced_marriage",
        "organ_removal",
        "other",
    ),
    "mode": ("land", "sea", "air", "river"),
    "recruitment": ("job_offer", "romance", "family", "online", "debt", "abduction", "other"),
}


def age_group(age: int | None) -> str:
    if age is None:
        return UNKNOWN
    return "child" if age < 18 else "adult"


def age_band(age: int | None) -> str:
    if age is None or age < 0:
        return UNKNOWN
    for key, low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return key
    return UNKNOWN


def sex_key(sex: str | None) -> str:
    return sex if sex in ("F", "M", "X") else UNKNOWN


@dataclass(slots=True)
class _Involvement:
    events: list[EventRecord]
    movements: list[MovementRecord]


def _involvements(dataset: Dataset) -> dict[RecordKey, _Involvement]:
    """The events and movements each person record takes part in (as a person listed,
    the mover, or the movement's facilitator)."""
    index: dict[RecordKey, _Involvement] = defaultdict(lambda: _Involvement([], []))
    for event in dataset.events:
        for rid in event.persons:
            index[(event.agency, rid)].events.append(event)
    for movement in dataset.movements:
        people = set(movement.persons)
        if movement.facilitator:
            people.add(movement.facilitator)
        for rid in people:
            index[(movement.agency, rid)].movements.append(movement)
    return index


def record_date(person: PersonRecord, involvement: _Involvement | None) -> str | None:
    """When the facts of a record happened: its first event or movement, else its
    case's opening."""
    if involvement:
        dates = [e.date for e in involvement.events if e.date]
        dates += [d for m in involvement.movements if (d := m.departure or m.arrival)]
        if dates:
            return min(dates)
    return person.date


def _event_country(involvement: _Involvement | None) -> str | None:
    if not involvement:
        return None
    dated = sorted(involvement.events, key=lambda e: e.date or "9999")
    for event in dated:
        if event.event_type == "exploitation" and event.country:
            return event.country
    return next((e.country for e in dated if e.country), None)


def _categories(
    dimension: str,
    dataset: Dataset,
    person: PersonRecord,
    involvement: _Involvement | None,
    when: str | None,
    granularity: str,
    country_basis: str,
) -> tuple[str, ...]:
    events = involvement.events if involvement else []
    movements = involvement.movements if involvement else []
    values: Iterable[str | None]
    if dimension == "period":
        values = (period_of(when, granularity),)
    elif dimension == "country":
        values = (
            (dataset.agency_country(person.agency),)
            if country_basis == "agency"
            else (_event_country(involvement),)
        )
    elif dimension == "exploitation":
        values = person.exploitation_types or tuple(e.exploitation_type for e in events)
    elif dimension == "mode":
        values = (*(m.mode for m in movements), *(e.smuggling_mode for e in events))
    elif dimension == "recruitment":
        values = (person.recruitment_method,) if person.recruitment_method else ()
        values = values or tuple(e.recruitment_method for e in events)
    elif dimension == "control":
        values = person.means_of_control
    elif dimension == "role":
        values = person.perpetrator_roles
    else:
        raise ValueError(f"unknown dimension {dimension!r}")
    found = tuple(dict.fromkeys(v for v in values if v))
    return found or (UNKNOWN,)


def _split_value(split: str, person: PersonRecord, when: str | None, granularity: str) -> str:
    if split == "sex":
        return sex_key(person.sex)
    if split == "age":
        return age_group(person.age)
    if split == "age_band":
        return age_band(person.age)
    if split == "period":
        return period_of(when, granularity) or UNKNOWN
    return "all"


def _ordered(keys: Iterable[str], dimension: str, granularity: str) -> list[str]:
    present = set(keys)
    known = sorted(k for k in present if k != UNKNOWN)
    if dimension == "period":
        known = period_range(known, granularity)
    elif dimension in _VOCABULARY_ORDER:
        order = _VOCABULARY_ORDER[dimension]
        known.sort(key=lambda k: (order.index(k) if k in order else len(order), k))
    return [*known, UNKNOWN] if UNKNOWN in present else known


def _columns(split: str, present: Iterable[str], granularity: str) -> list[str]:
    if split == "sex":
        return list(SEXES)
    if split == "age":
        return list(AGE_GROUPS)
    if split == "age_band":
        return [k for k, _, _ in AGE_BANDS] + [UNKNOWN]
    if split == "period":
        return _ordered(present, "period", granularity)
    return []


def _pick_sex(records: list[PersonRecord]) -> str:
    counts = Counter(sex_key(r.sex) for r in records if sex_key(r.sex) != UNKNOWN)
    return counts.most_common(1)[0][0] if counts else UNKNOWN


def count_table(
    dataset: Dataset,
    by: str = "period",
    split: str = "sex",
    population: str = "victims",
    unit: str = "persons",
    granularity: str = "year",
    country_basis: str = "agency",
    _: Translate = identity,
) -> Table:
    """Counts of `population` by `by` (rows) and `split` (columns), with totals.

    The table is the analyst's working view: pass it through
    `turquesa.analysis.suppression.suppress` before it is shared."""
    for value, allowed, name in (
        (by, DIMENSIONS, "dimension"),
        (split, SPLITS, "split"),
        (population, tuple(POPULATIONS), "population"),
        (unit, UNITS, "unit"),
        (country_basis, COUNTRY_BASES, "country basis"),
    ):
        if value not in allowed:
            raise ValueError(f"unknown {name} {value!r}: use {', '.join(allowed)}")
    roles = POPULATIONS[population]
    index = _involvements(dataset)
    people = [p for p in dataset.persons.values() if p.role in roles]
    entity_sex = {
        entity: _pick_sex(records)
        for entity, records in _group(people, lambda p: p.entity_id).items()
    }

    # (row, entity or record) -> [(record, date)]
    members: dict[tuple[str, str], list[tuple[PersonRecord, str | None]]] = defaultdict(list)
    for person in people:
        involvement = index.get(person.key)
        when = record_date(person, involvement)
        member = person.entity_id if unit == "persons" else "\x1f".join(person.key)
        cats = _categories(by, dataset, person, involvement, when, granularity, country_basis)
        for row in cats:
            members[(row, member)].append((person, when))

    counts: Counter[tuple[str, str]] = Counter()
    for (row, member), records in members.items():
        if split == "period":
            for period in {_split_value(split, p, w, granularity) for p, w in records}:
                counts[(row, period)] += 1
            continue
        if split == "sex" and unit == "persons":
            col = entity_sex.get(member, UNKNOWN)
        else:
            ordered = sorted(records, key=lambda r: (r[0].age is None, r[1] or "9999"))
            person, when = ordered[0]
            col = _split_value(split, person, when, granularity)
        counts[(row, col)] += 1

    row_keys = _ordered((r for r, _c in counts), by, granularity)
    col_keys = _columns(split, (c for _r, c in counts), granularity)
    cols = col_keys or ["all"]
    inner = [[counts.get((r, c), 0) for c in cols] for r in row_keys]
    # without a split the single column is the row's total
    cells = [[*row, sum(row)] for row in inner] if col_keys else inner
    width = len(cols) + (1 if col_keys else 0)
    cells.append([sum(row[j] for row in cells) for j in range(width)])
    return Table(
        title=table_title(population, by, split, _),
        row_keys=row_keys,
        col_keys=col_keys,
        row_labels=[category_label(by, k, _) for k in row_keys] + [_("Total")],
        col_labels=[category_label(split, k, _) for k in col_keys] + [_("Total")],
        cells=cells,
        unit=unit,
        dimension=by,
        split=split,
        note=table_note(by, unit, country_basis, _),
    )


def _group(
    people: Iterable[PersonRecord], key: Callable[[PersonRecord], str]
) -> dict[str, list[PersonRecord]]:
    groups: dict[str, list[PersonRecord]] = defaultdict(list)
    for person in people:
        groups[key(person)].append(person)
    return groups


def table_title(population: str, by: str, split: str, _: Translate = identity) -> str:
    who = {
        "victims": _("Victims"),
        "migrants": _("Smuggled migrants"),
        "perpetrators": _("Perpetrators"),
    }[population]
    dims = dimension_labels(_)
    if split == "none":
        return _("{population} by {dimension}").format(population=who, dimension=dims[by])
    return _("{population} by {dimension} and {split}").format(
        population=who, dimension=dims[by], split=dims[split]
    )


def table_note(by: str, unit: str, country_basis: str, _: Translate = identity) -> str:
    parts = [
        _("Counted as distinct persons (resolved entities).")
        if unit == "persons"
        else _("Counted as records (one per person, case and agency).")
    ]
    if by in MULTI_VALUED:
        parts.append(_("A person may fall in more than one row; the column totals add the rows."))
    if by == "country":
        parts.append(
            _("Country of the agency that reported the case.")
            if country_basis == "agency"
            else _("Country of the exploitation, else of the first event recorded.")
        )
    return " ".join(parts)


def dimension_labels(_: Translate = identity) -> dict[str, str]:
    return {
        "period": _("period"),
        "country": _("country"),
        "exploitation": _("form of exploitation"),
        "mode": _("mode of transport"),
        "recruitment": _("recruitment method"),
        "control": _("means of control"),
        "role": _("perpetrator role"),
        "sex": _("sex"),
        "age": _("age group"),
        "age_band": _("age band"),
        "none": "",
    }


def category_label(dimension: str, key: str, _: Translate = identity) -> str:
    """The label a reader sees for a row or column key."""
    if key == UNKNOWN:
        return _("Unknown")
    if dimension in ("period", "country") or dimension == "age_band":
        return key.replace("-", "–") if dimension == "age_band" else key
    labels = {
        "F": _("Female"),
        "M": _("Male"),
        "X": _("Other (X)"),
        "child": _("Children (0–17)"),
        "adult": _("Adults (18+)"),
        "sexual": _("Sexual exploitation"),
        "forced_labour": _("Forced labour"),
        "forced_criminality": _("Forced criminality"),
        "begging": _("Forced begging"),
        "forced_marriage": _("Forced marriage"),
        "organ_removal": _("Organ removal"),
        "other": _("Other"),
        "land": _("Land"),
        "sea": _("Sea"),
        "air": _("Air"),
        "river": _("River"),
        "job_offer": _("Job offer"),
        "romance": _("Romance"),
        "family": _("Family"),
        "online": _("Online"),
        "debt": _("Debt"),
        "abduction": _("Abduction"),
        "physical_threats": _("Physical threats"),
        "threats_law_enforcement": _("Threats of law enforcement"),
        "threats_family": _("Threats to family"),
        "debt_bondage": _("Debt bondage"),
        "false_promises": _("False promises"),
        "physical_abuse": _("Physical abuse"),
        "sexual_abuse": _("Sexual abuse"),
        "takes_earnings": _("Takes earnings"),
        "withholds_documents": _("Withholds documents"),
        "restricts_movement": _("Restricts movement"),
        "psychoactive_substances": _("Psychoactive substances"),
        "excessive_hours": _("Excessive working hours"),
        "leader": _("Leader"),
        "recruiter": _("Recruiter"),
        "transporter": _("Transporter"),
        "guide": _("Guide"),
        "harbourer": _("Harbourer"),
        "document_forger": _("Document forger"),
        "money_handler": _("Money handler"),
        "exploiter": _("Exploiter"),
        "smuggler": _("Smuggler"),
        "lookout": _("Lookout"),
        "corrupt_official": _("Corrupt official"),
    }
    return labels.get(key, key)


def changes(
    dataset: Dataset,
    by: str = "period",
    population: str = "victims",
    unit: str = "persons",
    granularity: str = "year",
    pair: tuple[str, str] | None = None,
    alpha: float = 0.05,
    country_basis: str = "agency",
    _: Translate = identity,
) -> tuple[Table, list[Change]]:
    """Changes between consecutive periods (or `pair`) in each row of `by` and in the
    total, with the table of counts by period they were tested on (suppress that table
    and pass it to `mask_changes` before sharing the changes)."""
    if by == "period":
        table = count_table(dataset, "period", "none", population, unit, granularity, "agency", _)
        series = {"total": {k: table.cells[i][0] or 0 for i, k in enumerate(table.row_keys)}}
        periods = [k for k in table.row_keys if k != UNKNOWN]
    else:
        table = count_table(dataset, by, "period", population, unit, granularity, country_basis, _)
        series = {
            row: {col: table.cells[i][j] or 0 for j, col in enumerate(table.col_keys)}
            for i, row in enumerate([*table.row_keys, "total"])
        }
        periods = [k for k in table.col_keys if k != UNKNOWN]
    if pair is not None:
        missing = [p for p in pair if p not in periods]
        if missing:
            raise ValueError(f"no such period in the data: {', '.join(missing)}")
        pairs = [pair]
    else:
        pairs = list(pairwise(periods))
    coverage = _coverage(dataset, POPULATIONS[population])
    exposures = {p: exposure(p, coverage) for p in periods}
    return table, compare(series, pairs, exposures, alpha)


def _coverage(dataset: Dataset, roles: frozenset[str]) -> tuple[str | None, str | None]:
    """The first and last date the data speaks of: any record in scope, and the dates
    given to the persons counted."""
    index = _involvements(dataset)
    dates = [d for d in dataset.period() if d]
    dates += [
        d
        for p in dataset.persons.values()
        if p.role in roles and (d := record_date(p, index.get(p.key)))
    ]
    return (min(dates), max(dates)) if dates else (None, None)


def mask_changes(found: list[Change], shared: Table) -> list[Change]:
    """The changes fit to share: where either count is hidden in the suppressed table
    of counts, the counts, ratio, p and q are hidden too (any of them gives the count
    back); the direction and the verdict remain."""
    by_period = shared.dimension == "period"
    masked = []
    for change in found:
        if by_period:
            flags = (shared.flag(change.before, "total"), shared.flag(change.after, "total"))
        else:
            flags = (
                shared.flag(change.category, change.before),
                shared.flag(change.category, change.after),
            )
        if any(flags):
            change = Change(
                change.category,
                change.before,
                change.after,
                None,
                None,
                change.exposure_before,
                change.exposure_after,
                None,
                change.direction,
                None,
                None,
                change.stands_out,
            )
        masked.append(change)
    return masked

"""Hit / no-hit by name and birth date, served from an index.

Names are the weakest identifier and the one a border officer most often has. The
search compares what resolution compares (folded given names and surnames, either
surname alone, Jaro–Winkler for spelling, nicknames and transliteration through the
folded keys; birth dates exact, day and month swapped, or the same year) but reads
candidates from `person_search_index` — rows keyed by birth date, and by birth year and
first surname — so a request costs two index lookups and a few string comparisons, not
a run of the model. The index follows current person records: `refresh` adds the new
ones and drops those superseded or retracted.
"""

from __future__ import annotations

from dataclasses import dataclass

import jellyfish
from sqlalchemy import Connection, Engine, delete, func, or_, select, text

from turquesa.errors import InvalidValue, TurquesaError
from turquesa.normalise.dates import PartialDate, parse_date
from turquesa.normalise.names import parse_person_name
from turquesa.storage.tables import person_search_index, records

#: A candidate is a match from this combined name similarity up.
MATCH_FROM = 0.88
#: ... and from this one when only the birth year agrees.
YEAR_ONLY_FROM = 0.96
MAX_CANDIDATES = 2000
REFRESH_LOCK = 0x7475_7271  # "turq": the advisory lock of one refresh at a time


class BadName(TurquesaError):
    """The name or birth date given cannot be read."""


@dataclass(frozen=True)
class NameQuery:
    given: tuple[str, ...]
    surnames: tuple[str, ...]
    birth: PartialDate


def read_query(given_names: str, surnames: str, birth_date: str) -> NameQuery:
    try:
        name = parse_person_name(given_names=given_names, surnames=surnames)
        birth = parse_date(birth_date)
    except (InvalidValue, ValueError) as exc:
        raise BadName(str(getattr(exc, "message", exc))) from exc
    if not name.given_key or not name.surname_key:
        raise BadName("give both given names and at least one surname")
    return NameQuery(tuple(name.given_key), tuple(name.surname_key), birth)


def _iso(birth: PartialDate) -> str:
    parts = [f"{birth.year:04d}"]
    if birth.month:
        parts.append(f"{birth.month:02d}")
        if birth.day:
            parts.append(f"{birth.day:02d}")
    return "-".join(parts)


def _similarity(a: tuple[str, ...], b: list[str]) -> float:
    """Best alignment of the query's words with the candidate's: each query word takes
    its closest candidate word (Jaro–Winkler), averaged."""
    if not a or not b:
        return 0.0
    return sum(max(jellyfish.jaro_winkler_similarity(x, y) for y in b) for x in a) / len(a)


def score(query: NameQuery, given_key: str, surnames_key: str) -> float:
    given = given_key.split()
    surnames = surnames_key.split()
    # either surname alone matches; the first given name weighs most
    surname = _similarity(query.surnames[:1], surnames) if len(surnames) else 0.0
    if len(query.surnames) > 1:
        surname = max(surname, _similarity(query.surnames, surnames))
    first_given = _similarity(query.given[:1], given)
    return 0.5 * surname + 0.5 * first_given


def candidates(conn: Connection, query: NameQuery) -> list[tuple[str, str, float]]:
    """(agency, record_id, score) of indexed persons like the query, best first."""
    birth = query.birth
    dates = {_iso(birth)}
    if birth.day and birth.month and birth.day <= 12 and birth.day != birth.month:
        dates.add(_iso(PartialDate(birth.year, birth.day, birth.month)))
    conditions = [person_search_index.c.birth_date.in_(sorted(dates))]
    # the same year and surname, when the day or month was written wrong: common
    # surnames make this block large on a national index, so the first given name's
    # initial must agree too (an exact or swapped date still finds the nicknames)
    conditions.append(
        (person_search_index.c.birth_year == birth.year)
        & person_search_index.c.surname_key.in_(sorted(set(query.surnames)))
        & person_search_index.c.given_key.like(f"{query.given[0][:1]}%")
    )
    rows = conn.execute(
        select(
            person_search_index.c.agency,
            person_search_index.c.record_id,
            person_search_index.c.given_key,
            person_search_index.c.surnames_key,
            person_search_index.c.birth_date,
        )
        .where(or_(*conditions))
        .limit(MAX_CANDIDATES)
    ).all()
    found = []
    for agency, record_id, given, surnames, born in rows:
        similarity = score(query, given, surnames)
        # on another day of the same year, only a name written (almost) alike matches
        needed = MATCH_FROM if born in dates else YEAR_ONLY_FROM
        if similarity >= needed:
            found.append((agency, record_id, similarity))
    return sorted(found, key=lambda t: (-t[2], t[0], t[1]))


def _row(pk: int, agency: str, record_id: str, data: dict) -> dict | None:  # type: ignore[type-arg]
    keys = data.get("name_keys") or {}
    given = [g for g in keys.get("given") or [] if g]
    surnames = [s for s in keys.get("surnames") or [] if s]
    if not given or not surnames:
        return None
    birth = str(data.get("birth_date") or "")[:10] or None
    year = int(birth[:4]) if birth and birth[:4].isdigit() else None
    return {
        "record_pk": pk,
        "agency": agency,
        "record_id": record_id,
        "birth_date": birth,
        "birth_year": year,
        "surname_key": surnames[0][:120],
        "given_key": " ".join(given),
        "surnames_key": " ".join(surnames),
    }


def refresh(engine: Engine, batch: int = 5000) -> int:
    """Bring the index up to the current person records; returns rows added."""
    added = 0
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # server workers start together: one refreshes, the others wait and find
            # nothing left to add
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": REFRESH_LOCK})
        conn.execute(
            delete(person_search_index).where(
                person_search_index.c.record_pk.in_(
                    select(records.c.pk).where(records.c.status != "current")
                )
            )
        )
        last = conn.execute(select(func.max(person_search_index.c.record_pk))).scalar() or 0
        query = (
            select(records.c.pk, records.c.agency, records.c.record_id, records.c.data)
            .where(
                records.c.kind == "person",
                records.c.status == "current",
                records.c.pk > last,
            )
            .order_by(records.c.pk)
        )
        pending: list[dict] = []  # type: ignore[type-arg]
        for pk, agency, record_id, data in conn.execute(query.execution_options(yield_per=batch)):
            row = _row(pk, agency, record_id, data if isinstance(data, dict) else {})
            if row is not None:
                pending.append(row)
            if len(pending) >= batch:
                conn.execute(person_search_index.insert(), pending)
                added += len(pending)
                pending = []
        if pending:
            conn.execute(person_search_index.insert(), pending)
            added += len(pending)
    return added

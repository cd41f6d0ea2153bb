"""The route map as one inline SVG string: opens anywhere, with no network.

No tiles, no scripts, no fonts to fetch: a report travels to a prosecutor's laptop in a
court building with no internet. Equirectangular projection scaled by the cosine of the
middle latitude over the data's extent, which keeps shapes honest at the scale of Central
America or the Andes. Corridors are arcs (bent to the right of travel, so that A→B and
B→A stay apart) whose width grows with the square root of the persons on them, so that
area, not length, reads as volume.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from html import escape

from shapely import box
from shapely.geometry import LineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from turquesa.analysis.gazetteer import Gazetteer, Place
from turquesa.analysis.geo import AMERICAS, anchor, countries
from turquesa.analysis.routes import Corridor, Leg, Tally, crossing_key

Translate = Callable[[str], str]


def _identity(text: str) -> str:
    return text


class Projection:
    """lon/lat to SVG pixels over an extent (west, south, east, north)."""

    def __init__(self, extent: tuple[float, float, float, float], width: int) -> None:
        self.west, self.south, self.east, self.north = extent
        self.k = math.cos(math.radians((self.south + self.north) / 2))
        self.scale = width / ((self.east - self.west) * self.k)
        self.width = width
        self.height = round((self.north - self.south) * self.scale)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            round((lon - self.west) * self.k * self.scale, 1),
            round((self.north - lat) * self.scale, 1),
        )


def extent_of(points: Iterable[tuple[float, float]], margin: float = 3.0, least: float = 12.0):  # type: ignore[no-untyped-def]
    """The box (west, south, east, north) around `points` with a margin in degrees, at
    least `least` degrees across so that a single corridor still shows its region."""
    pts = list(points)
    if not pts:
        return (-120.0, -35.0, -35.0, 33.0)  # Latin America and the Caribbean
    west, east = min(p[0] for p in pts) - margin, max(p[0] for p in pts) + margin
    south, north = min(p[1] for p in pts) - margin, max(p[1] for p in pts) + margin
    if east - west < least:
        middle = (east + west) / 2
        west, east = middle - least / 2, middle + least / 2
    if north - south < least:
        middle = (north + south) / 2
        south, north = middle - least / 2, middle + least / 2
    return (west, max(south, -85.0), east, min(north, 85.0))


def _in_region(point: tuple[float, float]) -> bool:
    west, south, east, north = AMERICAS
    return west <= point[0] <= east and south <= point[1] <= north


def _path(geometry: BaseGeometry, project: Projection) -> str:
    polygons: Sequence[Polygon]
    if isinstance(geometry, Polygon):
        polygons = [geometry]
    elif isinstance(geometry, MultiPolygon):
        polygons = list(geometry.geoms)
    else:
        polygons = [g for g in getattr(geometry, "geoms", []) if isinstance(g, Polygon)]
    parts = []
    for polygon in polygons:
        for ring in (polygon.exterior, *polygon.interiors):
            xy = [project(x, y) for x, y in ring.coords]
            if len(xy) >= 3:
                parts.append("M" + "L".join(f"{x},{y}" for x, y in xy) + "Z")
    return "".join(parts)


def _arc(start: tuple[float, float], end: tuple[float, float]) -> str:
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    cx, cy = (x1 + x2) / 2 - dy * 0.18, (y1 + y2) / 2 + dx * 0.18
    return f"M{x1},{y1}Q{round(cx, 1)},{round(cy, 1)} {x2},{y2}"


def crossing_places(
    tallies: Iterable[Tally], legs: Iterable[Leg], gazetteer: Gazetteer
) -> list[tuple[Place, Tally]]:
    """Each ranked crossing point located through the gazetteer (in the country the legs
    through it enter, else the one they leave); the ones nothing knows are left in
    `gazetteer.unresolved`, not placed."""
    sides: dict[str, list[str]] = {}
    for leg in legs:
        key = crossing_key(leg)
        if key and key not in sides:
            sides[key] = [c for c in (leg.to_country, leg.from_country) if c]
    out: list[tuple[Place, Tally]] = []
    for tally in tallies:
        place = gazetteer.locate(tally.label, sides.get(tally.key, []), key=tally.key)
        if place is not None:
            out.append((place, tally))
    return out


def render_route_map(
    corridors: Sequence[Corridor],
    places: Sequence[tuple[Place, Tally]] = (),
    _: Translate = _identity,
    width: int = 900,
    title: str | None = None,
    top_labels: int = 10,
) -> str:
    """The map: outlines, one arc per country pair (domestic stretches have no arc),
    crossing points as labelled dots (the `top_labels` busiest labelled), a legend and
    the caption on sources and boundaries."""
    lines = [
        (c, anchor(c.countries[0]), anchor(c.countries[-1]))
        for c in corridors
        if len(c.countries) == 2 and c.countries[0] != c.countries[1]
    ]
    lines = [(c, a, b) for c, a, b in lines if a is not None and b is not None]
    points = [p for _c, a, b in lines for p in (a, b) if p] + [(p.lon, p.lat) for p, _t in places]
    # origins outside the region (China, Senegal...) would shrink the region to a
    # corner: the extent covers the region's points, their arcs run off the edge
    extent = extent_of(p for p in points if _in_region(p))
    project = Projection(extent, width)
    view = box(extent[0] - 1, extent[1] - 1, extent[2] + 1, extent[3] + 1)
    legend_height = 70
    height = project.height + legend_height
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" font-family="sans-serif" font-size="11">',
        f"<title>{escape(title or _('Routes'))}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" '
        'markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto">'
        '<path d="M0,0L10,5L0,10z" fill="#b03a2e"/></marker></defs>',
        f'<rect width="{width}" height="{project.height}" fill="#dbe9f4"/>',
        '<g class="countries" fill="#f4f1ea" stroke="#9a968c" stroke-width="0.6">',
    ]
    for country in countries():
        if not country.geometry.intersects(view):
            continue
        clipped = country.geometry.intersection(view)
        d = _path(clipped, project)
        if d:
            out.append(
                f'<path data-country="{escape(country.iso2)}" d="{d}">'
                f"<title>{escape(country.name)}</title></path>"
            )
    out.append("</g>")
    most = max((c.persons for c, _a, _b in lines), default=0) or 1

    def stroke(persons: int) -> float:
        return round(1.0 + 11.0 * math.sqrt(persons / most), 1)

    out.append('<g class="flows" fill="none" stroke="#b03a2e" stroke-opacity="0.75">')
    for corridor, a, b in sorted(lines, key=lambda item: item[0].persons):
        start, end = project(*a), project(*b)  # type: ignore[misc]
        if LineString([start, end]).length < 1:
            continue
        label = _("{route}: {persons} persons, {legs} legs").format(
            route=corridor.label, persons=corridor.persons, legs=corridor.legs
        )
        out.append(
            f'<path class="flow" data-from="{corridor.countries[0]}" '
            f'data-to="{corridor.countries[-1]}" d="{_arc(start, end)}" '
            f'stroke-width="{stroke(corridor.persons)}" marker-end="url(#arrow)">'
            f"<title>{escape(label)}</title></path>"
        )
    out.append("</g>")
    out.append('<g class="places">')
    ranked = sorted(places, key=lambda item: (-item[1].persons, -item[1].legs))
    for rank, (place, tally) in enumerate(ranked):
        x, y = project(place.lon, place.lat)
        label = _("{place}: {persons} persons, {legs} legs").format(
            place=tally.label or place.name, persons=tally.persons, legs=tally.legs
        )
        out.append(
            f'<circle class="crossing" cx="{x}" cy="{y}" r="3.5" fill="#1b4f72" '
            f'stroke="#fff" stroke-width="1"><title>{escape(label)}</title></circle>'
        )
        if rank < top_labels:
            out.append(
                f'<text x="{x + 5}" y="{y - 4}" fill="#1b2631" stroke="#fff" '
                f'stroke-width="2.5" paint-order="stroke">{escape(place.name)}</text>'
            )
    out.append("</g>")
    out.extend(_legend(project.height, width, most, stroke, _))
    out.append("</svg>")
    return "".join(out)


def _legend(
    top: float, width: int, most: int, stroke: Callable[[int], float], _: Translate
) -> list[str]:
    y = top + 18
    half = max(most // 2, 1)
    parts = [f'<g class="legend" transform="translate(10,{y})">']
    x = 0
    for persons in sorted({most, half}, reverse=True):
        parts.append(
            f'<line x1="{x}" y1="0" x2="{x + 40}" y2="0" stroke="#b03a2e" '
            f'stroke-width="{stroke(persons)}"/>'
            f'<text x="{x + 46}" y="4">{escape(_("{n} persons").format(n=persons))}</text>'
        )
        x += 150
    parts.append(
        f'<circle cx="{x + 4}" cy="0" r="3.5" fill="#1b4f72"/>'
        f'<text x="{x + 12}" y="4">{escape(_("Crossing point"))}</text>'
    )
    caption = _(
        "Country outlines: Natural Earth (public domain). "
        "Boundaries and names shown do not imply endorsement or acceptance."
    )
    parts.append(
        f'<text class="caption" x="0" y="34" font-size="10" fill="#555">{escape(caption)}</text>'
    )
    parts.append("</g>")
    return parts


#: The caption every map made from these outlines carries (see `geo`).
DISCLAIMER = "Boundaries and names shown do not imply endorsement or acceptance."

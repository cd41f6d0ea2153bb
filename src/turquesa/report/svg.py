"""Shared pieces of the report's SVG drawings: escaping, palette, text sizes, ids.

The drawings are plain SVG strings with no script and no external reference, so that
they show the same in a browser with no network, in WeasyPrint's PDF and when a
recipient copies one out of the HTML.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from xml.sax.saxutils import escape as _escape

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "'Source Sans 3', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"

# Okabe and Ito's palette: told apart by readers with any common colour-vision
# deficiency, and still distinct when printed in greyscale by lightness.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#666666",  # grey
)
INK = "#1f2933"
MUTED = "#52606d"
GRID = "#d9e2ec"

Formatter = Callable[[float], str]


def esc(text: object) -> str:
    """Text or attribute value, escaped for XML (quotes included)."""
    return _escape(str(text), {'"': "&quot;", "'": "&#39;"})


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def text_width(text: str, size: float) -> float:
    """A generous estimate of a label's width; SVG cannot measure text before drawing."""
    return len(text) * size * 0.62


def shorten(text: str, size: float, room: float) -> str:
    """`text`, cut with an ellipsis to fit `room` (the full text goes in a <title>)."""
    if text_width(text, size) <= room:
        return text
    keep = max(1, int(room / (size * 0.62)) - 1)
    return text[:keep].rstrip() + "…"


def chart_id(*parts: object) -> str:
    """An id for the title and description elements, the same for the same drawing."""
    digest = hashlib.sha1(repr(parts).encode("utf-8"), usedforsecurity=False).hexdigest()
    return "svg-" + digest[:10]


def open_svg(width: float, height: float, title: str, description: str, ident: str) -> str:
    """The root element with its accessible name and description."""
    return (
        f'<svg xmlns="{SVG_NS}" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" class="chart" '
        f'aria-labelledby="{ident}-t {ident}-d" font-family="{esc(FONT)}">'
        f'<title id="{ident}-t">{esc(title)}</title>'
        f'<desc id="{ident}-d">{esc(description or title)}</desc>'
    )


def default_format(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def nice_step(raw: float) -> float:
    """The round number (1, 2, 2.5 or 5 times a power of ten) at or above `raw`."""
    if raw <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= raw:
            return step * magnitude
    return 10 * magnitude


def ticks(maximum: float) -> list[float]:
    """Axis ticks from 0 in round steps, ending as close above `maximum` as 4–6 steps allow."""
    if maximum <= 0:
        return [0.0, 1.0]
    best: list[float] = []
    for count in (4, 5, 6):
        step = nice_step(maximum / count)
        if step < 1 and maximum >= 1:
            step = 1.0
        top = math.ceil(maximum / step - 1e-9) * step
        candidate = [step * i for i in range(round(top / step) + 1)]
        if not best or candidate[-1] < best[-1]:
            best = candidate
    return best

"""Small SVG charts for reports, with no dependency and no script.

Each function returns one `<svg>` element with a title and description (read out by
screen readers, shown as a tooltip) and every value written as text beside its bar or
point, so that the chart reads the same printed in black and white. A `None` value is
a cell withheld by suppression or not recorded: no bar, and `missing` written instead.
Labels arrive translated; `_` translates the few words the chart adds itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from turquesa.i18n.catalogues import Gettext, identity
from turquesa.report.svg import (
    GRID,
    INK,
    MUTED,
    Formatter,
    chart_id,
    colour,
    default_format,
    esc,
    open_svg,
    shorten,
    text_width,
    ticks,
)

Value = float | None
Series = Sequence[tuple[str, Sequence[Value]]]

FONT_SIZE = 12.0


def _legend(series_names: Sequence[str], x: float, y: float, width: float) -> tuple[str, float]:
    """Swatches and names in rows from (x, y); returns the SVG and the height used."""
    parts: list[str] = []
    cx, cy = x, y
    for index, name in enumerate(series_names):
        item = 18 + text_width(name, FONT_SIZE) + 16
        if cx + item > x + width and cx > x:
            cx, cy = x, cy + 20
        parts.append(
            f'<rect x="{cx:.1f}" y="{cy:.1f}" width="12" height="12" fill="{colour(index)}"/>'
            f'<text x="{cx + 17:.1f}" y="{cy + 10.5:.1f}" font-size="{FONT_SIZE}" '
            f'fill="{INK}">{esc(name)}</text>'
        )
        cx += item
    return "".join(parts), (cy - y) + 20


def _category_label(label: str, x: float, y: float, room: float) -> str:
    shown = shorten(label, FONT_SIZE, room)
    tip = f"<title>{esc(label)}</title>" if shown != label else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{FONT_SIZE}" fill="{INK}" '
        f'text-anchor="end" dominant-baseline="middle">{tip}{esc(shown)}</text>'
    )


def bar_chart(
    data: Sequence[tuple[str, Value]],
    *,
    title: str,
    description: str = "",
    fmt: Formatter = default_format,
    missing: str = "x",
    width: float = 640,
    bar_height: float = 20,
    _: Gettext = identity,
) -> str:
    """Horizontal bars, one per category, in the order given (sort them before)."""
    return grouped_bar_chart(
        [label for label, _value in data],
        [("", [value for _label, value in data])],
        title=title,
        description=description,
        fmt=fmt,
        missing=missing,
        width=width,
        bar_height=bar_height,
        _=_,
    )


def grouped_bar_chart(
    categories: Sequence[str],
    series: Series,
    *,
    title: str,
    description: str = "",
    stacked: bool = False,
    fmt: Formatter = default_format,
    missing: str = "x",
    width: float = 640,
    bar_height: float = 18,
    _: Gettext = identity,
) -> str:
    """Horizontal bars per category, one per series side by side or stacked in one.

    For counts by sex or by age group: `series` is `[("Female", [...]), ("Male", [...])]`
    with one value per category.
    """
    for name, values in series:
        if len(values) != len(categories):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(categories)}")
    named = [name for name, _values in series if name]
    label_room = min(
        width * 0.38, max((text_width(c, FONT_SIZE) for c in categories), default=0) + 8
    )
    left = label_room + 8
    right = 56.0
    plot = width - left - right
    per_category = 1 if stacked else len(series)
    band = per_category * bar_height + 10
    top = 8.0
    body_height = band * len(categories)
    totals = [
        sum(values[i] or 0 for _name, values in series)
        if stacked
        else max((values[i] or 0 for _name, values in series), default=0)
        for i in range(len(categories))
    ]
    scale_top = ticks(max(totals, default=0))[-1]
    parts: list[str] = []
    for tick in ticks(max(totals, default=0)):
        x = left + plot * tick / scale_top
        parts.append(
            f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{top + body_height:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{top + body_height + 14:.1f}" font-size="10" '
            f'fill="{MUTED}" text-anchor="middle">{esc(fmt(tick))}</text>'
        )
    for i, category in enumerate(categories):
        y0 = top + i * band + 5
        parts.append(
            _category_label(category, label_room, y0 + per_category * bar_height / 2, label_room)
        )
        offset = 0.0
        for s, (name, values) in enumerate(series):
            value = values[i]
            y = y0 if stacked else y0 + s * bar_height
            x = left + (plot * offset / scale_top if stacked else 0)
            length = plot * (value or 0) / scale_top
            tip = f"{name}: " if name else ""
            shown = missing if value is None else fmt(value)
            if value:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 1:.1f}" width="{length:.1f}" '
                    f'height="{bar_height - 2:.1f}" fill="{colour(s)}">'
                    f"<title>{esc(category)} — {esc(tip)}{esc(shown)}</title></rect>"
                )
            if not stacked:
                parts.append(
                    f'<text x="{x + length + 4:.1f}" y="{y + bar_height / 2:.1f}" '
                    f'font-size="11" fill="{INK}" dominant-baseline="middle">{esc(shown)}</text>'
                )
            elif value and length > text_width(shown, 10) + 6:
                parts.append(
                    f'<text x="{x + length / 2:.1f}" y="{y + bar_height / 2:.1f}" '
                    f'font-size="10" fill="#ffffff" text-anchor="middle" '
                    f'dominant-baseline="middle">{esc(shown)}</text>'
                )
            offset += value or 0
        if stacked:
            parts.append(
                f'<text x="{left + plot * totals[i] / scale_top + 4:.1f}" '
                f'y="{y0 + bar_height / 2:.1f}" font-size="11" fill="{INK}" '
                f'font-weight="bold" dominant-baseline="middle">{esc(fmt(totals[i]))}</text>'
            )
    height = top + body_height + 22
    if named:
        legend, legend_height = _legend(named, left, height, plot)
        parts.append(legend)
        height += legend_height
    ident = chart_id("bars", title, tuple(categories), tuple((n, tuple(v)) for n, v in series))
    return open_svg(width, height, title, description, ident) + "".join(parts) + "</svg>"


def period_chart(
    periods: Sequence[str],
    series: Series,
    *,
    title: str,
    description: str = "",
    kind: str = "columns",
    stacked: bool = False,
    fmt: Formatter = default_format,
    missing: str = "x",
    width: float = 640,
    height: float = 260,
    _: Gettext = identity,
) -> str:
    """Values over time: columns (side by side or stacked) or lines, one per series."""
    if kind not in ("columns", "line"):
        raise ValueError(f"kind must be 'columns' or 'line', not {kind!r}")
    for name, values in series:
        if len(values) != len(periods):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(periods)}")
    named = [name for name, _values in series if name]
    left, right, top = 48.0, 12.0, 14.0
    legend_height = 0.0
    legend = ""
    if named:
        legend, legend_height = _legend(named, left, 0, width - left - right)
    bottom = 34.0 + legend_height
    plot_w = width - left - right
    plot_h = height - top - bottom
    if stacked and kind == "columns":
        peak = max((sum(v[i] or 0 for _n, v in series) for i in range(len(periods))), default=0)
    else:
        peak = max((value or 0 for _n, values in series for value in values), default=0)
    axis = ticks(peak)
    scale_top = axis[-1]
    parts: list[str] = []
    for tick in axis:
        y = top + plot_h - plot_h * tick / scale_top
        parts.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{left + plot_w:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 6:.1f}" y="{y:.1f}" font-size="10" fill="{MUTED}" '
            f'text-anchor="end" dominant-baseline="middle">{esc(fmt(tick))}</text>'
        )
    slot = plot_w / max(len(periods), 1)
    label_every = max(1, int(len(periods) * 42 / plot_w) + 1)
    for i, period in enumerate(periods):
        if i % label_every == 0:
            parts.append(
                f'<text x="{left + slot * (i + 0.5):.1f}" y="{top + plot_h + 16:.1f}" '
                f'font-size="10" fill="{INK}" text-anchor="middle">{esc(period)}</text>'
            )
    base = top + plot_h
    if kind == "columns":
        groups = 1 if stacked else len(series)
        column = slot * 0.8 / groups
        for i, period in enumerate(periods):
            offset = 0.0
            for s, (name, values) in enumerate(series):
                value = values[i]
                h = plot_h * (value or 0) / scale_top
                x = left + slot * i + slot * 0.1 + (0 if stacked else s * column)
                y = base - h - (plot_h * offset / scale_top if stacked else 0)
                shown = missing if value is None else fmt(value)
                prefix = f"{name}, " if name else ""
                if value:
                    parts.append(
                        f'<rect x="{x:.1f}" y="{y:.1f}" width="{column - 1:.1f}" height="{h:.1f}" '
                        f'fill="{colour(s)}"><title>{esc(prefix)}{esc(period)}: {esc(shown)}'
                        "</title></rect>"
                    )
                if not stacked and column >= text_width(shown, 9):
                    parts.append(
                        f'<text x="{x + column / 2:.1f}" y="{y - 3:.1f}" font-size="9" '
                        f'fill="{INK}" text-anchor="middle">{esc(shown)}</text>'
                    )
                offset += value or 0
    else:
        for s, (name, values) in enumerate(series):
            points: list[str] = []
            segments: list[str] = []
            for i, value in enumerate(values):
                if value is None:
                    if len(points) > 1:
                        segments.append(" ".join(points))
                    points = []
                    continue
                x = left + slot * (i + 0.5)
                y = base - plot_h * value / scale_top
                points.append(f"{x:.1f},{y:.1f}")
                prefix = f"{name}, " if name else ""
                parts.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour(s)}">'
                    f"<title>{esc(prefix)}{esc(periods[i])}: {esc(fmt(value))}</title></circle>"
                )
            if len(points) > 1:
                segments.append(" ".join(points))
            for segment in segments:
                parts.insert(
                    len(axis),
                    f'<polyline points="{segment}" fill="none" stroke="{colour(s)}" '
                    'stroke-width="2"/>',
                )
    parts.append(
        f'<line x1="{left:.1f}" y1="{base:.1f}" x2="{left + plot_w:.1f}" y2="{base:.1f}" '
        f'stroke="{MUTED}" stroke-width="1"/>'
    )
    if legend:
        parts.append(f'<g transform="translate(0 {height - legend_height:.1f})">{legend}</g>')
    ident = chart_id(
        "periods", title, kind, tuple(periods), tuple((n, tuple(v)) for n, v in series)
    )
    return open_svg(width, height, title, description, ident) + "".join(parts) + "</svg>"

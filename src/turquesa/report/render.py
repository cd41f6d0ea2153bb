"""Draw a `Report` as one self-contained HTML file (and PDF from it).

One file with its CSS, SVG figures and provenance inline, no script and no external
reference: it opens on an air-gapped laptop, travels by e-mail or USB stick, prints
with the handling marking on every page, and reads the same in every browser.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import babel.lists
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from turquesa.i18n import (
    format_date,
    format_datetime,
    format_decimal,
    format_integer,
    format_percent,
    format_period,
    gettext_for,
    normalise_language,
    translations,
)
from turquesa.i18n.catalogues import Gettext
from turquesa.report.model import (
    Cell,
    Column,
    Figure,
    Numbered,
    Period,
    Report,
    Source,
    Suppressed,
    Table,
    Text,
    number_blocks,
)
from turquesa.report.notes import render_markdown
from turquesa.report.pdf import write_pdf as _write_pdf
from turquesa.report.provenance import PLACEHOLDER, provenance, seal

SUPPRESSED_MARK = "x"
NO_DATA = "–"


def css_string(text: str) -> str:
    """`text` as a CSS string literal, safe inside <style> (no HTML escaping applies there)."""
    out = []
    for char in text:
        if (char.isalnum() and char.isascii()) or char in " .,:;-_()/·":
            out.append(char)
        else:
            out.append(f"\\{ord(char):06x}")
    return '"' + "".join(out) + '"'


def css_content(template: str, counters: dict[str, str]) -> str:
    """A translated text with `%(page)s`-style placeholders as CSS `content` tokens."""
    pieces = re.split(r"%\((\w+)\)s", template)
    tokens = []
    for index, piece in enumerate(pieces):
        if index % 2:
            tokens.append(counters[piece])
        elif piece:
            tokens.append(css_string(piece))
    return " ".join(tokens) or '""'


class Formatter:
    """The locale-aware text of the report's facts, cells and source lines."""

    def __init__(self, lang: str) -> None:
        self.lang = normalise_language(lang)
        self._: Gettext = gettext_for(self.lang)

    def period(self, period: Period | None) -> str:
        if period is None:
            return self._("Not stated")
        return format_period(period.start, period.end, self.lang)

    def agencies(self, agencies: Any) -> str:
        names = sorted(str(a) for a in agencies)
        if not names:
            return self._("none")
        return babel.lists.format_list(names, locale=self.lang)

    def cell(self, value: Cell, column: Column) -> str:
        if isinstance(value, Suppressed):
            return SUPPRESSED_MARK
        if value is None or value == "":
            return NO_DATA
        if isinstance(value, str) or column.kind == "text":
            return str(value)
        if column.kind == "integer":
            return format_integer(round(value), self.lang)
        if column.kind == "percent":
            return format_percent(value, self.lang, column.digits)
        return format_decimal(value, self.lang, column.digits)

    def number(self, value: float, digits: int = 0) -> str:
        if digits == 0:
            return format_integer(round(value), self.lang)
        return format_decimal(value, self.lang, digits)

    def source(self, source: Source | None, table: Table | None = None) -> list[str]:
        """The lines under a figure or table: whose data, which period, what is hidden."""
        _ = self._
        lines: list[str] = []
        if source is not None:
            values = {"agencies": self.agencies(source.agencies)}
            if source.period is not None:
                values["period"] = self.period(source.period)
                lines.append(_("Source: data of %(agencies)s, %(period)s.") % values)
            else:
                lines.append(_("Source: data of %(agencies)s.") % values)
            if source.note:
                lines.append(source.note)
        if table is not None and table.suppressed:
            lines.append(
                _(
                    "Cells shown as “%(mark)s” are withheld: counts under %(threshold)s, "
                    "and cells from which a total would give one back."
                )
                % {"mark": SUPPRESSED_MARK, "threshold": table.threshold}
            )
        return lines

    def kind(self, kind: str) -> str:
        _ = self._
        names = {
            "strategic": _("Strategic analysis"),
            "group": _("Criminal group profile"),
        }
        return names.get(kind, kind)


@functools.cache
def environment(lang: str) -> Environment:
    """The Jinja2 environment of one language, with gettext installed (cached)."""
    env = Environment(
        loader=PackageLoader("turquesa.report", "templates"),
        autoescape=select_autoescape(("html", "svg", "xml"), default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["markdown"] = lambda text: Markup(render_markdown(text or ""))
    env.filters["css_string"] = lambda text: Markup(css_string(str(text)))
    return env


def render_html(report: Report, lang: str | None = None) -> str:
    """The whole report as one HTML document, in `lang` or else the report's language."""
    code = normalise_language(lang or report.lang)
    _ = gettext_for(code)
    numbered = number_blocks(report.sections)
    fmt = Formatter(code)
    marking = report.marking or _("RESTRICTED — law enforcement use only")

    def number(block: Figure | Table) -> Numbered:
        return numbered[id(block)]

    def kind_of(block: object) -> str:
        if isinstance(block, Figure):
            return "figure"
        if isinstance(block, Table):
            return "table"
        if isinstance(block, Text):
            return "text"
        raise TypeError(f"a section cannot hold {type(block).__name__}")

    page_counter = css_content(
        _("Page %(page)s of %(pages)s"), {"page": "counter(page)", "pages": "counter(pages)"}
    )
    footer = _("Turquesa %(version)s · snapshot %(snapshot)s") % {
        "version": report.version,
        "snapshot": report.snapshot[:12] or "—",
    }
    figures = [n for n in numbered.values() if n.kind == "figure"]
    tables = [n for n in numbered.values() if n.kind == "table"]
    template = environment(code).get_template("report.html")
    html = template.render(
        report=report,
        lang=code,
        marking=marking,
        fmt=fmt,
        number=number,
        kind_of=kind_of,
        figures=figures,
        tables=tables,
        created=format_datetime(report.created, code),
        created_date=format_date(report.created.date(), code),
        page_counter=Markup(page_counter),
        footer=footer,
        settings=sorted(report.settings.items()),
        provenance_placeholder=Markup(PLACEHOLDER),
    )
    return seal(html, provenance(report, code))


def write_html(report: Report, path: str | Path, lang: str | None = None) -> Path:
    target = Path(path)
    target.write_text(render_html(report, lang), encoding="utf-8")
    return target


def write_pdf(report: Report, path: str | Path, lang: str | None = None) -> Path:
    """The PDF of the same HTML (WeasyPrint, imported only now)."""
    return _write_pdf(render_html(report, lang), path)

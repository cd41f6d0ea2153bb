"""Analytical reports: one self-contained HTML file (and its PDF) in four languages.

Analyses build `Section`s of numbered `Figure`s and `Table`s; `render_html` puts them
in a report with its marking, sources and provenance; `verify_report` reads the
provenance back from a report file.
"""

from turquesa.report.model import (
    SUPPRESSED,
    Column,
    Figure,
    Period,
    Report,
    Section,
    Source,
    Suppressed,
    Table,
    Text,
    number_blocks,
    references,
)
from turquesa.report.pdf import PdfUnavailable, html_to_pdf
from turquesa.report.provenance import verify_html, verify_report
from turquesa.report.render import render_html, write_html, write_pdf

__all__ = [
    "SUPPRESSED",
    "Column",
    "Figure",
    "PdfUnavailable",
    "Period",
    "Report",
    "Section",
    "Source",
    "Suppressed",
    "Table",
    "Text",
    "html_to_pdf",
    "number_blocks",
    "references",
    "render_html",
    "verify_html",
    "verify_report",
    "write_html",
    "write_pdf",
]

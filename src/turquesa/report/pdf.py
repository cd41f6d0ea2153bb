"""The report as PDF, through WeasyPrint, which needs the system's Pango.

WeasyPrint is imported only here and only when a PDF is asked for, so the HTML report
works on machines without Pango; when it is missing the error names the packages to
install. Nothing is fetched while printing: the report is self-contained, and the URL
fetcher refuses every scheme but `data:` so a stray reference cannot reach a network.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from turquesa.errors import TurquesaError

# Debian 12 / Ubuntu 22.04+ names, as WeasyPrint's installation guide lists them.
PANGO_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0")


class PdfUnavailable(TurquesaError):
    """The PDF cannot be made on this machine (the HTML report still can)."""

    code = "pdf_unavailable"


def load_weasyprint() -> Any:
    """The `weasyprint` module, or a `PdfUnavailable` that says what to install."""
    try:
        import weasyprint
    except (OSError, ImportError) as error:
        raise PdfUnavailable(
            "PDF reports need WeasyPrint and the system's Pango library, which could not "
            f"be loaded ({error}). On Debian or Ubuntu: "
            f"sudo apt-get install {' '.join(PANGO_PACKAGES)}. "
            "The HTML report needs nothing and can be printed to PDF from a browser."
        ) from error
    return weasyprint


def html_to_pdf(html: str) -> bytes:
    weasyprint = load_weasyprint()
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    document = weasyprint.HTML(string=html, url_fetcher=fetcher, media_type="print")
    # WeasyPrint logs every screen-only CSS rule it skips (sticky headers, colour
    # adjustment); those are intended, and an analyst should not read them as faults
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        pdf: bytes = document.write_pdf()
    finally:
        logger.setLevel(level)
    return pdf


def write_pdf(html: str, path: str | Path) -> Path:
    target = Path(path)
    target.write_bytes(html_to_pdf(html))
    return target

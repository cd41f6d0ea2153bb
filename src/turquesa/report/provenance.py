"""What a report was built from, sealed into the HTML so a recipient can check it.

The HTML carries one JSON block (`<script type="application/json">`, which no browser
runs) with the data snapshot's hash, the software version, the settings, the time
made, scope, period and sources, and the SHA-256 of the document itself with that
block emptied. :func:`verify_report` reads it back and says whether the document is
still the one Turquesa wrote. This catches editing and damage in transit; it is not a
signature (anyone able to edit the file can recompute the hash), which is what the
server's signed exports (issue 5) are for.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from turquesa.errors import InvalidInput
from turquesa.report.model import Report

FORMAT = "turquesa-report/1"
BLOCK_ID = "turquesa-provenance"
PLACEHOLDER = "\x00turquesa-provenance\x00"
_BLOCK = re.compile(
    r'(<script type="application/json" id="' + BLOCK_ID + r'">)(.*?)(</script>)', re.DOTALL
)


def provenance(report: Report, lang: str) -> dict[str, Any]:
    """The facts a recipient needs to reproduce the report."""
    period = (
        {"start": report.period.start.isoformat(), "end": report.period.end.isoformat()}
        if report.period
        else None
    )
    return {
        "format": FORMAT,
        "kind": report.kind,
        "title": report.title,
        "lang": lang,
        "scope": report.scope,
        "period": period,
        "sources": list(report.sources),
        "snapshot": report.snapshot,
        "version": report.version,
        "settings": dict(report.settings),
        "created": report.created.isoformat(),
    }


def _json(data: Mapping[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=True, sort_keys=True, default=str, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _digest(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def seal(html: str, data: Mapping[str, Any]) -> str:
    """Put `data` and the document's hash in the block the template left empty."""
    if html.count(PLACEHOLDER) != 1:
        raise ValueError("the template must hold exactly one provenance placeholder")
    bare = html.replace(PLACEHOLDER, "")
    return html.replace(PLACEHOLDER, _json({**data, "content_sha256": _digest(bare)}))


def verify_html(html: str) -> dict[str, Any]:
    """The provenance of a report's HTML, with `intact` saying whether it was altered."""
    blocks = _BLOCK.findall(html)
    if len(blocks) != 1:
        raise InvalidInput("this file is not a Turquesa report: it has no provenance block")
    try:
        data = json.loads(blocks[0][1])
    except json.JSONDecodeError as error:
        raise InvalidInput(f"the report's provenance block is damaged: {error}") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput("the report's provenance block is not in a format Turquesa knows")
    bare = _BLOCK.sub(lambda m: m.group(1) + m.group(3), html, count=1)
    data["intact"] = data.get("content_sha256") == _digest(bare)
    return data


def verify_report(html_path: str | Path) -> dict[str, Any]:
    """Read back what a report file says it was built from, and check it is unaltered."""
    path = Path(html_path)
    try:
        html = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(f"cannot read {path}: {error}", file=str(path)) from error
    return verify_html(html)

"""The analyst's own words, from Markdown, made safe to put inside the report.

Raw HTML in the notes is shown as text, never interpreted: notes come from a file
anyone may have edited, and a report is opened by prosecutors on their own machines.
Images are not rendered either, because an image URL would make the report reach out
to the network when opened (a beacon telling a third party who reads it, and when).
"""

from __future__ import annotations

import functools

from markdown_it import MarkdownIt


@functools.cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable("table")
    parser.disable("image")
    return parser


def render_markdown(text: str) -> str:
    """HTML for `text`; any HTML it contains comes out escaped."""
    return _parser().render(text)

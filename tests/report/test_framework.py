"""The report framework: numbering, marking, self-containment, notes, languages,
charts, provenance, PDF and the report as a headless browser shows it offline."""

from __future__ import annotations

import os
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from tests.report.browser import open_offline
from tests.report.sample import AGENCIES, sample_report
from turquesa.errors import InvalidInput
from turquesa.report import (
    SUPPRESSED,
    Figure,
    PdfUnavailable,
    Report,
    Section,
    Source,
    Table,
    Text,
    html_to_pdf,
    number_blocks,
    references,
    render_html,
    verify_report,
    write_html,
)
from turquesa.report.charts import bar_chart, grouped_bar_chart, period_chart
from turquesa.report.link_chart import Edge, Node, link_chart
from turquesa.report.render import css_string

SVG = "{http://www.w3.org/2000/svg}"
NAMESPACES = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml")
TINY_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>t</title></svg>'


def _figure(name: str) -> Figure:
    return Figure(name, TINY_SVG, Source(["A"]))


def _table(name: str, rows: list[list[object]] | None = None) -> Table:
    return Table(name, ["Place", "Count"], rows or [["X", 7]], Source(["A"]))


def _report(sections: list[Section], **kwargs: object) -> Report:
    return Report(title="Test report", sections=sections, snapshot="ab" * 32, **kwargs)  # type: ignore[arg-type]


def test_figures_and_tables_are_numbered_in_reading_order_across_sections() -> None:
    f1, f2, f3 = _figure("first"), _figure("second"), _figure("third")
    t1, t2 = _table("one"), _table("two")
    sections = [Section("S1", [f1, t1, Text("words")]), Section("S2", [f2, t2, f3])]
    numbers = number_blocks(sections)
    assert [numbers[id(b)].number for b in (f1, f2, f3)] == [1, 2, 3]
    assert [numbers[id(b)].number for b in (t1, t2)] == [1, 2]
    html = render_html(_report(sections))
    assert re.findall(r'<figure id="(figure-\d|table-\d)"', html) == [
        "figure-1",
        "table-1",
        "figure-2",
        "table-2",
        "figure-3",
    ]
    assert ">Figure 3</span> third<" in html
    assert ">Table 2</span> two<" in html
    spanish = render_html(_report(sections), "es")
    assert ">Figura 3</span> third<" in spanish and ">Cuadro 2</span> two<" in spanish


def test_a_figure_can_be_referred_to_by_key_before_rendering() -> None:
    trend = replace(_figure("trend"), key="trend")
    refs = references([Section("A", [_figure("x")]), Section("B", [_table("t"), trend])])
    assert refs["trend"].number == 2 and refs["trend"].anchor == "figure-2"


def test_the_marking_is_on_the_cover_in_the_title_and_in_every_printed_page_header() -> None:
    html = render_html(_report([Section("S", [_figure("f")])]), "fr")
    marking = "DIFFUSION RESTREINTE — usage réservé aux services répressifs"
    assert f'<p class="marking">{marking}</p>' in html
    assert f"<title>Test report — {marking}</title>" in html
    assert "@top-center { content: " + css_string(marking) in html
    custom = render_html(_report([], marking='SECRET "</style><script>x</script>'))
    assert "</style><script>" not in custom.split("<body>")[1]
    assert '"</style>' not in custom.split("</style>")[0]  # escaped inside the CSS string
    assert "SECRET &#34;&lt;/style&gt;" in custom


def test_css_string_escapes_everything_that_could_end_the_string_or_the_style() -> None:
    literal = css_string('a"b\\c</style>é')
    assert literal.startswith('"') and literal.endswith('"')
    inner = literal[1:-1]
    assert '"' not in inner and "<" not in inner and "\\" + "00003c" in inner


def test_the_html_refers_to_nothing_outside_itself() -> None:
    html = render_html(sample_report("en", notes="See [the law](https://example.org) here."))
    urls = [u for u in re.findall(r"https?://[^\s\"'<>)]+", html) if u not in NAMESPACES]
    # the only URL is the analyst's own link text, which is never fetched
    assert urls == ["https://example.org"]
    assert not re.search(r"<(link|img|iframe|object|embed)\b", html)
    assert not re.search(r"\bsrc\s*=", html)
    assert "@import" not in html and "url(" not in html
    bare = render_html(sample_report("en"))
    assert [u for u in re.findall(r"https?://[^\s\"'<>)]+", bare) if u not in NAMESPACES] == []


def test_notes_markdown_is_rendered_and_raw_html_escaped() -> None:
    notes = (
        "## Key judgements\n\n"
        "The *Andean* network **grew**.\n\n"
        '<script>alert("x")</script>\n\n<img src=x onerror=alert(1)>\n\n'
        "![beacon](https://tracker.example/p.png)\n"
    )
    html = render_html(_report([], notes=notes))
    assert "<h2>Key judgements</h2>" in html
    assert "<em>Andean</em>" in html and "<strong>grew</strong>" in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "<img" not in html
    assert "tracker.example" in html  # shown as text, not loaded
    assert "Analyst&#39;s assessment" in html or "Analyst's assessment" in html


def test_text_from_analyses_is_escaped_everywhere() -> None:
    section = Section("<b>bold</b> title", [Table("<i>t</i>", ["<c>"], [["<td>"]])])
    html = render_html(_report([section]))
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "&lt;td&gt;" in html and "&lt;c&gt;" in html


def test_each_language_renders_its_own_text() -> None:
    bodies = {lang: render_html(sample_report(lang)) for lang in ("es", "pt", "en", "fr")}
    assert len(set(bodies.values())) == 4
    assert '<h2 id="contents-title">Índice</h2>' in bodies["es"]
    assert '<h2 id="contents-title">Sommaire</h2>' in bodies["fr"]
    assert "Tráfico de pessoas" in bodies["pt"]
    assert '<html lang="pt">' in bodies["pt"]
    # numbers in the table follow the language: 1.234 (es), 1,234 (en), 1 234 (fr)
    assert ">1.234<" in bodies["es"] and ">1,234<" in bodies["en"]
    assert ">1\u202f234<" in bodies["fr"]


def test_tables_cite_their_source_and_say_when_cells_are_suppressed() -> None:
    plain = _table("clean", [["X", 7], ["Y", 12]])
    hidden = _table("hidden", [["X", SUPPRESSED], ["Y", 12]])
    html = render_html(_report([Section("S", [plain, hidden])]))
    clean_part, hidden_part = html.split('id="table-2"')
    assert "Source: data of A." in clean_part.split('id="table-1"')[1]
    assert "withheld" not in clean_part
    assert "Cells shown as “x” are withheld: counts under 5" in hidden_part
    assert hidden.suppressed == 1 and plain.suppressed == 0
    sample = render_html(sample_report("es")).replace("\u2009", " ")  # CLDR's thin spaces
    assert "Fuente: datos de DIJIN-CO, PF-BR y PNP-PE, 1 ene 2022 – 31 dic 2023." in sample


def test_a_table_row_of_the_wrong_width_is_refused() -> None:
    with pytest.raises(ValueError, match="a row has 1 cells, not 2"):
        Table("t", ["a", "b"], [["only one"]])


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    return root


def _texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_charts_are_well_formed_accessible_svg_with_their_values_written() -> None:
    bars = _parse(bar_chart([("Perú & Chile", 12), ("<Haiti>", None)], title="Victims"))
    assert "Perú & Chile" in _texts(bars) and "<Haiti>" in _texts(bars)
    assert "12" in _texts(bars) and "x" in _texts(bars)  # a suppressed value says so
    assert len(bars.findall(f".//{SVG}rect")) == 1
    grouped = _parse(
        grouped_bar_chart(["Sexual", "Labour"], [("Female", [5, 3]), ("Male", [1, 8])], title="g")
    )
    assert {"Female", "Male"} <= set(_texts(grouped))
    stacked = _parse(grouped_bar_chart(["A"], [("F", [5]), ("M", [7])], title="s", stacked=True))
    assert "12" in _texts(stacked)  # the stack's total
    for kind in ("line", "columns"):
        chart = _parse(
            period_chart(["2022", "2023"], [("T", [3, None]), ("S", [4, 9])], title="t", kind=kind)
        )
        assert "2022" in _texts(chart)
    with pytest.raises(ValueError):
        period_chart(["2022"], [("T", [1, 2])], title="t")


def test_link_chart_is_well_formed_has_a_legend_and_is_the_same_every_run() -> None:
    nodes = [
        Node("a", "Boss", role="leader", group="G1"),
        Node("b", "Driver", group="G1"),
        Node("c", "Forger & co", group="G2"),
        Node("p", "+57 300", kind="phone"),
    ]
    edges = [
        Edge("a", "b", "associate"),
        Edge("b", "p", "phone"),
        Edge("c", "p", "phone"),
        Edge("c", "ghost", "associate"),
    ]
    first = link_chart(
        nodes,
        edges,
        title="Network",
        edge_labels={"phone": "Shared phone"},
        group_labels={"G1": "G-0001"},
    )
    root = _parse(first)
    texts = _texts(root)
    assert {"Boss", "Driver", "Forger & co", "Shared phone", "G-0001", "Leader"} <= set(texts)
    edge_lines = [e for e in root.findall(f"{SVG}line") if e.get("class") == "edge"]
    assert len(edge_lines) == 3  # the edge to an unknown node is left out
    assert (
        link_chart(
            nodes,
            edges,
            title="Network",
            edge_labels={"phone": "Shared phone"},
            group_labels={"G1": "G-0001"},
        )
        == first
    )


def test_the_report_embeds_its_provenance_and_verify_reads_it_back(tmp_path: Path) -> None:
    report = sample_report("pt")
    path = write_html(report, tmp_path / "r.html", "pt")
    facts = verify_report(path)
    assert facts["intact"] is True
    assert facts["snapshot"] == report.snapshot
    assert facts["version"] == report.version
    assert facts["settings"] == {"leiden_resolution": 0.05, "suppression_threshold": 5, "seed": 1}
    assert facts["created"] == "2024-03-05T14:30:00+00:00"
    assert facts["lang"] == "pt" and facts["sources"] == list(AGENCIES)
    assert facts["period"] == {"start": "2022-01-01", "end": "2023-12-31"}
    html = path.read_text("utf-8")
    path.write_text(html.replace("Tráfico de pessoas", "Nada a declarar"), "utf-8")
    assert verify_report(path)["intact"] is False
    other = tmp_path / "other.html"
    other.write_text("<html><body>hello</body></html>", "utf-8")
    with pytest.raises(InvalidInput, match="not a Turquesa report"):
        verify_report(other)


def test_a_missing_weasyprint_or_pango_names_the_packages_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(PdfUnavailable, match=r"libpango-1\.0-0 libpangoft2-1\.0-0"):
        html_to_pdf("<p>x</p>")


def test_the_pdf_is_produced() -> None:
    try:
        pdf = html_to_pdf(render_html(sample_report("es")))
    except PdfUnavailable as error:
        if os.environ.get("CI", "").lower() == "true":
            raise
        pytest.skip(f"WeasyPrint cannot load Pango here: {error}")
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 10_000


def test_a_headless_browser_shows_the_figures_with_the_network_cut_off(tmp_path: Path) -> None:
    path = write_html(sample_report("es", notes="**Nota**"), tmp_path / "report.html", "es")
    run = open_offline(path, screenshot=tmp_path / "page.png", window=(1200, 1600))
    assert run.requested_urls == []
    assert run.dom.count("<svg") == 4
    assert 'id="figure-4"' in run.dom and "Figura 4" in run.dom
    assert "RESERVADO" in run.dom
    png = (tmp_path / "page.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000


def test_the_offline_browser_check_would_notice_a_request(tmp_path: Path) -> None:
    page = tmp_path / "leaky.html"
    page.write_text('<html><body><img src="https://example.org/beacon.png"></body></html>')
    assert open_offline(page).requested_urls == ["https://example.org/beacon.png"]

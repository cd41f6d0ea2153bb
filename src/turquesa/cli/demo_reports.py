"""The demo's last step: the strategic report and the report of the largest group."""

from __future__ import annotations

from typing import TYPE_CHECKING

from turquesa.analysis.dataset import load_dataset
from turquesa.analysis.groups import find_groups
from turquesa.report import PdfUnavailable, write_html, write_pdf
from turquesa.report.group_report import build_group_report
from turquesa.report.strategic import build_strategic_report

if TYPE_CHECKING:
    from turquesa.cli.demo import DemoContext


def step_reports(demo: DemoContext) -> None:
    """Write both reports into `demo.out / "reports"` (HTML, and PDF when WeasyPrint can
    run here) and print their paths."""
    demo.console.print("[bold]6. Analytical reports[/bold]")
    folder = demo.out / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    dataset = load_dataset(demo.engine)
    reports = [("report-strategic", build_strategic_report(dataset, demo.engine))]
    groups = find_groups(dataset, demo.engine)
    if groups.profiles:
        largest = max(groups.profiles, key=lambda p: (p.size, p.group_id))
        report = build_group_report(dataset, largest.group_id, demo.engine)
        reports.append((f"report-group-{largest.group_id}", report))
    pdf_missing: str | None = None
    for name, report in reports:
        html = write_html(report, folder / f"{name}.html")
        demo.console.print(f"  {report.title}: {html}", highlight=False, soft_wrap=True)
        if pdf_missing is None:
            try:
                pdf = write_pdf(report, folder / f"{name}.pdf")
                demo.console.print(f"  PDF: {pdf}", highlight=False, soft_wrap=True)
            except PdfUnavailable as error:
                pdf_missing = error.message
    if pdf_missing:
        demo.console.print(f"  No PDF: {pdf_missing}", highlight=False, soft_wrap=True)

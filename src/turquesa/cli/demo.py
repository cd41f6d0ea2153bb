"""`turquesa demo`: the main job on a laptop, offline, in one command.

The demo is a list of steps over one shared context; later work (resolution, groups,
routes, reports) adds a step to `STEPS` and the demo grows with the product.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import typer
from rich.console import Console
from sqlalchemy import Engine

from turquesa.analysis.dataset import load_dataset
from turquesa.analysis.groups import find_groups
from turquesa.cli.context import AppState
from turquesa.cli.ingest import show_report
from turquesa.cli.output import print_table
from turquesa.cli.resolve import show_resolution
from turquesa.cli.status import TABLE_COLUMNS, TABLE_HEADERS, status_rows, with_total
from turquesa.ingest.loader import ingest
from turquesa.report import PdfUnavailable, write_html, write_pdf
from turquesa.report.group_report import build_group_report
from turquesa.report.strategic import build_strategic_report
from turquesa.resolve.run import resolve
from turquesa.synth import generate


@dataclass
class DemoContext:
    out: Path
    seed: int
    persons: int
    engine: Engine
    console: Console
    agencies: list[Path] = field(default_factory=list)
    failures: int = 0


def step_synthesise(demo: DemoContext) -> None:
    summary = generate(demo.out / "data", seed=demo.seed, persons=demo.persons)
    demo.agencies = sorted(
        p for p in (demo.out / "data").iterdir() if p.is_dir() and p.name != "truth"
    )
    demo.console.print(
        f"[bold]1. Synthetic data[/bold]: {summary.persons:,} true persons, "
        f"{len(demo.agencies)} agencies, written to {demo.out / 'data'} "
        f"({summary.seconds:.1f} s)",
        soft_wrap=True,
    )


def step_ingest(demo: DemoContext) -> None:
    demo.console.print("[bold]2. Loading every agency's submission[/bold]")
    for folder in demo.agencies:
        report = ingest(demo.engine, folder, loaded_by="demo")
        show_report(report, demo.console, compact=True)
        demo.failures += not report.ok


def step_summary(demo: DemoContext) -> None:
    rows = with_total(status_rows(demo.engine))
    print_table(
        "3. What is loaded (current records)",
        rows,
        TABLE_COLUMNS,
        demo.console,
        headers=TABLE_HEADERS,
    )


def step_resolve(demo: DemoContext) -> None:
    demo.console.print("[bold]4. Who is who across agencies[/bold]")
    report = resolve(demo.engine, run_by="demo")
    show_resolution(report, demo.console)


def step_groups(demo: DemoContext) -> None:
    """Groups, routes: what the reports build on, in one line each."""
    dataset = load_dataset(demo.engine)
    groups = find_groups(dataset, engine=demo.engine)
    members = sum(p.size for p in groups.profiles)
    demo.console.print(
        f"[bold]5. Criminal groups and routes[/bold]: {len(groups.profiles)} groups with "
        f"{members} members and {len(groups.brokers)} independent brokers "
        "(turquesa groups, turquesa players); "
        f"{len(dataset.movements):,} movement legs (turquesa routes, turquesa trends)",
        soft_wrap=True,
    )


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


STEPS: list[Callable[[DemoContext], None]] = [
    step_synthesise,
    step_ingest,
    step_summary,
    step_resolve,
    step_groups,
    step_reports,
]


def demo(
    ctx: typer.Context,
    out: Path = typer.Option(Path("demo"), "--out", help="Folder for the data and database."),
    persons: int = typer.Option(2000, "--persons", min=10, help="True persons to synthesise."),
    seed: int = typer.Option(7, "--seed", help="Seed of the synthetic data."),
) -> None:
    """Synthesise a multi-agency data set, load it, and say what is where."""
    state: AppState = ctx.obj
    if state.db_option is None:
        import os

        if not os.environ.get("TURQUESA_DB"):
            state.db_option = f"sqlite:///{(out / 'turquesa.db').resolve()}"
    console = Console()
    context = DemoContext(out, seed, persons, state.engine(), console)
    for step in STEPS:
        step(context)
    console.print(f"\nDatabase: [bold]{state.display_url()}[/bold]", soft_wrap=True)
    console.print(
        f"Try: turquesa --db {state.display_url()} export records --format csv", soft_wrap=True
    )
    if context.failures:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)

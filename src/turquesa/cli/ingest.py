"""`turquesa ingest PATH`: load one agency submission, all or nothing."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from turquesa.cli.context import AppState
from turquesa.cli.output import print_table
from turquesa.ingest.loader import ingest as run_ingest
from turquesa.ingest.mapping import Mapping
from turquesa.ingest.report import LoadReport
from turquesa.ingest.sources import submission_folders
from turquesa.model import load_model

SHOWN_ISSUES = 50


def _records_line(report: LoadReport) -> str:
    total = sum(report.counts.values())
    kinds = ", ".join(
        f"{n:,} {kind}" for kind, n in sorted(report.counts.items(), key=lambda kv: -kv[1])
    )
    line = f"{total:,} records ({kinds}), {report.identifiers:,} identifiers"
    if report.new_versions:
        line += f", {report.new_versions:,} new versions"
    if report.retracted:
        line += f", {report.retracted:,} retracted"
    return line


def show_report(report: LoadReport, console: Console, *, compact: bool = False) -> None:
    """The report as a person reads it: what was loaded, then every problem."""
    verdict = {
        "loaded": "[green]loaded[/green]",
        "loaded_with_rejections": "[yellow]loaded, bad rows left out[/yellow]",
        "already_loaded": "[green]already loaded: nothing changed[/green]",
        "refused": "[red]refused: nothing was loaded[/red]",
    }[report.status]
    who = report.agency or "agency unknown"
    if compact and report.ok:
        detail = f": {_records_line(report)}" if report.counts else ""
        console.print(f"  {who}: {verdict}{detail} ({report.seconds:.1f} s)", soft_wrap=True)
        return
    console.print(f"{report.source} ({who}): {verdict} in {report.seconds:.1f} s", soft_wrap=True)
    if report.counts:
        console.print(f"  {_records_line(report)}", soft_wrap=True)
    if report.rows_rejected:
        console.print(f"  rows with errors: {report.rows_rejected:,}")
    issues = report.issues
    if issues and console.is_terminal:
        rows = [i.as_dict() for i in issues[:SHOWN_ISSUES]]
        print_table(
            "Issues", rows, ("severity", "file", "row", "column", "value", "reason"), console
        )
    elif issues:  # a log or a pipe: one unwrapped line per issue
        for issue in issues[:SHOWN_ISSUES]:
            where = f"{issue.file}" + (f" row {issue.row}" if issue.row else "")
            where += f" column {issue.column}" if issue.column else ""
            value = f" value {issue.value!r}" if issue.value else ""
            console.print(
                f"  {issue.severity}: {where}:{value} {issue.reason}",
                highlight=False,
                soft_wrap=True,
                markup=False,
            )
    if len(issues) > SHOWN_ISSUES:
        console.print(
            f"  … and {len(issues) - SHOWN_ISSUES:,} more: write them all with --report FILE.csv"
        )


def ingest(
    ctx: typer.Context,
    path: Path = typer.Argument(
        ...,
        help="A folder of exchange files, one CSV/XLSX/JSON file, "
        "or a workbook with one sheet per template.",
    ),
    agency: str | None = typer.Option(
        None, "--agency", help="Agency code (stands in for agency.csv), e.g. CO-DIJIN."
    ),
    mapping: Path | None = typer.Option(
        None, "--mapping", help="YAML file mapping another column layout onto the templates."
    ),
    template: str | None = typer.Option(
        None,
        "--template",
        help="Template of a single file whose name is not a template's (persons, events...).",
    ),
    skip_bad_rows: bool = typer.Option(
        False,
        "--skip-bad-rows",
        help="Load the good rows and record the bad ones instead of refusing the submission.",
    ),
    report_path: Path | None = typer.Option(
        None, "--report", help="Write the full report as CSV (.csv) or JSON (any other name)."
    ),
    loaded_by: str | None = typer.Option(None, "--as", help="Who loads (default: system user)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Load one agency's submission (or each submission folder under PATH).

    A submission loads whole or not at all: any bad row refuses it (exit code 1)."""
    state: AppState = ctx.obj
    console = Console()
    model = load_model()
    parsed = Mapping.load(mapping, model) if mapping else None
    engine = state.engine()
    folders = [path] if parsed else submission_folders(path, model)
    refused = 0
    for folder in folders:
        with Progress(
            SpinnerColumn(),
            TextColumn("[progress.description]{task.description}"),
            TextColumn("{task.completed:,} rows"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            disable=quiet,
            transient=True,
        ) as bar:
            task = bar.add_task(f"loading {folder.name}", total=None)
            report = run_ingest(
                engine,
                folder,
                agency=agency or (parsed.agency if parsed else None),
                mapping=parsed,
                template=template,
                skip_bad_rows=skip_bad_rows,
                loaded_by=loaded_by,
                progress=lambda n, task=task, bar=bar: bar.update(task, completed=n),
            )
        show_report(report, console)
        if report_path:
            target = report_path
            if len(folders) > 1:  # one report per submission, named after its folder
                target = report_path.with_name(
                    f"{report_path.stem}-{folder.name}{report_path.suffix}"
                )
            report.write(target)
            console.print(f"  report written to {target}", soft_wrap=True)
        refused += not report.ok
    if refused:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)

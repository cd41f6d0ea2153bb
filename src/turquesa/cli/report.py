"""`turquesa report strategic|group|verify`: the analytical reports as files.

Each report is one self-contained HTML file (it opens with no network) and, with
`--pdf`, its PDF next to it. `verify` reads back from a received report what it was
built from and whether it is still the file Turquesa wrote.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from turquesa.analysis.dataset import load_dataset
from turquesa.cli.context import AppState
from turquesa.errors import InvalidInput
from turquesa.report import Report, verify_report, write_html, write_pdf

report_app = typer.Typer(
    name="report",
    help="Analytical reports: the regional picture, one group, and checking a report.",
    no_args_is_help=True,
)


class Language(StrEnum):
    es = "es"
    pt = "pt"
    en = "en"
    fr = "fr"


LANG_OPTION = typer.Option(Language.en, "--lang", help="Language of the report: es, pt, en, fr.")
NOTES_OPTION = typer.Option(
    None,
    "--notes",
    exists=True,
    dir_okay=False,
    help="The analyst's assessment, in Markdown, put at the front of the report.",
)
MARKING_OPTION = typer.Option(
    None, "--marking", help="Handling marking on every page (default: RESTRICTED, translated)."
)
PDF_OPTION = typer.Option(False, "--pdf", help="Also write the PDF next to the HTML.")


def _notes(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(f"cannot read the notes {path}: {error}", file=str(path)) from error


def write_report(report: Report, output: Path, pdf: bool, console: Console) -> list[Path]:
    """Write the HTML (and the PDF) and print their paths; a PDF that cannot be made is
    an error after the HTML is written, since the user asked for it."""
    output.parent.mkdir(parents=True, exist_ok=True)
    written = [write_html(report, output)]
    console.print(f"Report written: {written[0]}", highlight=False, soft_wrap=True)
    if pdf:
        target = output.with_suffix(".pdf")
        written.append(write_pdf(report, target))
        console.print(f"PDF written: {target}", highlight=False, soft_wrap=True)
    return written


@report_app.command("strategic")
def strategic(
    ctx: typer.Context,
    lang: Language = LANG_OPTION,
    notes: Path | None = NOTES_OPTION,
    marking: str | None = MARKING_OPTION,
    context_file: Path | None = typer.Option(
        None,
        "--context",
        exists=True,
        dir_okay=False,
        help="A UNODC GLOTIP CSV to show as public context beside the agencies' data.",
    ),
    output: Path = typer.Option(
        Path("report-strategic.html"), "--output", help="Where to write the HTML file."
    ),
    pdf: bool = PDF_OPTION,
) -> None:
    """The regional picture: trends by sex and age, routes and their map, profiles of
    victims (counts only) and of groups, key players and brokers."""
    from turquesa.report.strategic import build_strategic_report

    state: AppState = ctx.obj
    engine = state.engine()
    report = build_strategic_report(
        load_dataset(engine),
        engine,
        lang=lang.value,
        notes=_notes(notes),
        marking=marking,
        context_path=context_file,
    )
    write_report(report, output, pdf, Console())


@report_app.command("group")
def group(
    ctx: typer.Context,
    group_id: str = typer.Argument(..., help="The group's id, as `turquesa groups` lists it."),
    lang: Language = LANG_OPTION,
    notes: Path | None = NOTES_OPTION,
    marking: str | None = MARKING_OPTION,
    output: Path | None = typer.Option(
        None, "--output", help="Where to write the HTML file (default: report-group-ID.html)."
    ),
    pdf: bool = PDF_OPTION,
) -> None:
    """One criminal group: members, structure, link chart, routes, cases, victims and
    migrants linked (counts only) and the agencies to contact."""
    from turquesa.report.group_report import build_group_report

    state: AppState = ctx.obj
    engine = state.engine()
    report = build_group_report(
        load_dataset(engine),
        group_id,
        engine,
        lang=lang.value,
        notes=_notes(notes),
        marking=marking,
    )
    write_report(report, output or Path(f"report-group-{group_id}.html"), pdf, Console())


@report_app.command("verify")
def verify(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A report's HTML file."),
) -> None:
    """What a report says it was built from, and whether it is unaltered (exit 1 if not)."""
    facts = verify_report(path)
    console = Console()
    period = facts.get("period") or {}
    lines = [
        ("Report", f"{facts.get('title')} ({facts.get('kind')}, {facts.get('lang')})"),
        ("Data snapshot", facts.get("snapshot") or "-"),
        ("Software", f"Turquesa {facts.get('version')}"),
        ("Created", facts.get("created")),
        ("Scope", facts.get("scope")),
        ("Period", f"{period.get('start')} to {period.get('end')}" if period else "-"),
        ("Sources", ", ".join(facts.get("sources") or []) or "-"),
        ("Settings", ", ".join(f"{k}={v}" for k, v in sorted(facts["settings"].items()))),
    ]
    for name, value in lines:
        console.print(f"[bold]{name}:[/bold] {value}", highlight=False, soft_wrap=True)
    if facts["intact"]:
        console.print("[green]Intact:[/green] the file is the one Turquesa wrote.")
        return
    console.print(
        "[red]Altered:[/red] the file was changed after Turquesa wrote it "
        "(its checksum does not match).",
        highlight=False,
    )
    raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")

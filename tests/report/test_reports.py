"""The strategic and group reports on a small real database: synthetic agencies'
submissions, loaded and resolved, so that the reports see what a user's would.

What a reader relies on: figures and tables numbered and sourced, the map and charts
inline and shown offline, the snapshot the report says it was built from, no victim
named or identified anywhere, every count from 1 to 4 withheld, a group report that
lists the members and whom to ask, four languages, and the commands that write them.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer
from sqlalchemy import Engine
from typer.testing import CliRunner

from tests.report.browser import open_offline
from turquesa.analysis.dataset import Dataset, load_dataset
from turquesa.analysis.groups import GroupProfile, find_groups
from turquesa.errors import NotFound
from turquesa.ingest.loader import ingest
from turquesa.report import Report, Suppressed, Table, render_html, verify_report, write_html
from turquesa.report.group_report import build_group_report
from turquesa.report.strategic import build_strategic_report
from turquesa.resolve.run import resolve
from turquesa.storage.engine import open_database
from turquesa.synth import generate


@dataclass
class World:
    url: str
    engine: Engine
    dataset: Dataset
    strategic: Report
    strategic_html: str
    largest: GroupProfile
    group: Report
    group_html: str
    folder: Path


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("reports")
    generate(folder / "data", seed=11, persons=300)
    url = f"sqlite:///{folder / 'turquesa.db'}"
    engine = open_database(url)
    for agency in sorted(p for p in (folder / "data").iterdir() if p.is_dir()):
        if agency.name != "truth":
            ingest(engine, agency, loaded_by="test")
    resolve(engine, run_by="test")
    dataset = load_dataset(engine)
    strategic = build_strategic_report(dataset, engine)
    largest = max(find_groups(dataset, engine).profiles, key=lambda p: (p.size, p.group_id))
    group = build_group_report(dataset, largest.group_id, engine)
    yield World(
        url,
        engine,
        dataset,
        strategic,
        render_html(strategic),
        largest,
        group,
        render_html(group),
        folder,
    )
    engine.dispose()


def _tables(report: Report) -> dict[str, Table]:
    found = {}
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                assert block.key, f"table {block.title!r} has no key"
                found[block.key] = block
    return found


def _text(page: str) -> str:
    """What a reader can see or copy: entities decoded, tags kept (titles count too)."""
    return html_lib.unescape(page)


def test_the_strategic_report_numbers_its_figures_and_tables_and_sources_them(
    world: World,
) -> None:
    page = world.strategic_html
    figures = re.findall(r'<figure id="figure-(\d+)"', page)
    tables = re.findall(r'<figure id="table-(\d+)"', page)
    assert figures == [str(n) for n in range(1, len(figures) + 1)] and len(figures) >= 6
    assert tables == [str(n) for n in range(1, len(tables) + 1)] and len(tables) >= 15
    # every figure and table names whose data it shows, and the period
    sources = re.findall(r'<p class="source">Source: data of ([^<]+)</p>', page)
    assert len(sources) == len(figures) + len(tables)
    period = world.strategic.period
    assert period is not None and str(period.start.year) in page
    # the map and the charts are inline SVG
    assert 'class="flows"' in page and 'data-country="' in page
    assert page.count('class="chart"') >= 5
    section_titles = [s.title for s in world.strategic.sections]
    assert section_titles == [
        "Summary",
        "Trends and modus operandi",
        "Routes",
        "Profiles of victims and migrants",
        "Criminal groups",
        "Key players and brokers",
    ]


def test_the_report_carries_the_snapshot_it_was_built_from(world: World, tmp_path: Path) -> None:
    assert world.strategic.snapshot == world.dataset.snapshot != ""
    path = write_html(world.strategic, tmp_path / "r.html")
    facts = verify_report(path)
    assert facts["intact"] is True
    assert facts["snapshot"] == world.dataset.snapshot
    assert facts["settings"]["suppression_threshold"] == 5
    assert facts["sources"] == sorted({p.agency for p in world.dataset.persons.values()})


def _victim_traces(dataset: Dataset) -> tuple[set[str], set[str]]:
    """Names and identifiers of victims who are never perpetrators (a victim who later
    recruits is named through the later record, as a suspect).

    A victim's name that is also some suspect's name is left out: it appears as the
    suspect's."""
    perpetrators = {p.entity_id for p in dataset.persons.values() if p.is_perpetrator}
    suspect_names = {p.label for p in dataset.persons.values() if p.is_perpetrator and p.label}
    victims = [
        p
        for p in dataset.persons.values()
        if p.role == "victim" and p.entity_id not in perpetrators
    ]
    names = {p.label for p in victims if p.label and p.label not in suspect_names}
    keys = {p.key for p in victims}
    identifiers = {
        i.value
        for i in dataset.identifiers
        if (i.agency, i.owner_record_id) in keys and len(i.value) >= 6
    }
    identifiers |= {p.entity_id for p in victims} | {p.record_id for p in victims}
    return names, identifiers


def test_no_victim_is_named_or_identified_anywhere(world: World) -> None:
    names, identifiers = _victim_traces(world.dataset)
    assert len(names) >= 10 and identifiers  # the data has victims to hide
    for page in (world.strategic_html, world.group_html):
        text = _text(page)
        assert [n for n in names if n in text] == []
        assert [i for i in identifiers if re.search(rf"\b{re.escape(i)}\b", text)] == []
    # while suspects' names do appear: this is a law-enforcement product
    member_names = [n for n in world.largest.labels.values() if n]
    assert member_names and all(n in _text(world.group_html) for n in member_names)


#: Columns that count something other than victims or migrants (members of a group,
#: cases, ties between suspects): not statistics about persons to protect.
NOT_PERSONS = {
    "groups": {"Members", "Cases"},
    "players": {"Ties", "Groups tied"},
}


def test_every_count_of_persons_from_1_to_4_is_withheld(world: World) -> None:
    tables = _tables(world.strategic)
    withheld = 0
    for key, table in tables.items():
        for row in [*table.rows, *table.totals]:
            if key == "summary" and not any(
                word in str(row[0]) for word in ("Victims", "migrants")
            ):
                continue
            for column, cell in zip(table.columns, row, strict=True):
                withheld += isinstance(cell, Suppressed)
                if column.kind != "integer" or column.title in NOT_PERSONS.get(key, ()):
                    continue
                assert not (isinstance(cell, int) and 1 <= cell <= 4), (key, row)
    assert withheld >= 10  # small data: suppression had work to do
    # and the tables that hid a cell say so, under the table
    page = world.strategic_html
    assert page.count("Cells shown as “x” are withheld") == sum(
        1 for t in tables.values() if t.suppressed
    )


def test_the_strategic_map_leaves_out_corridors_under_five_persons(world: World) -> None:
    persons = [
        int(n) for n in re.findall(r": (\d+) persons, \d+ legs</title>", world.strategic_html)
    ]
    assert persons and min(persons) >= 5


def test_the_group_report_lists_members_and_the_agencies_to_contact(world: World) -> None:
    profile = world.largest
    tables = _tables(world.group)
    members = tables["members"]
    assert sorted(row[0] for row in members.rows) == sorted(profile.members)
    # whom to ask: each agency with records on members, and how many
    expected: dict[str, set[str]] = defaultdict(set)
    records: dict[str, int] = defaultdict(int)
    for person in world.dataset.persons.values():
        if person.entity_id in profile.members and person.is_perpetrator:
            expected[person.agency].add(person.entity_id)
            records[person.agency] += 1
    contacts = {row[0]: row for row in tables["contacts"].rows}
    for agency, entities in expected.items():
        assert contacts[agency][2] == len(entities)
        assert contacts[agency][3] == records[agency]
    assert world.group.kind == "group" and profile.group_id in world.group.title
    page = world.group_html
    assert 'class="edge"' in page  # the link chart
    assert "Agencies to contact" in page


def test_an_unknown_group_is_a_clear_error(world: World) -> None:
    with pytest.raises(NotFound, match="no group 'G-000000000000'") as caught:
        build_group_report(world.dataset, "G-000000000000")
    assert caught.value.exit_code == 1


def test_the_spanish_report_speaks_spanish(world: World) -> None:
    spanish = render_html(build_strategic_report(world.dataset, lang="es"))
    assert '<html lang="es">' in spanish
    for heading in ("Tendencias y modus operandi", "Rutas", "Grupos delictivos", "Resumen"):
        assert f"</span> {heading}</h2>" in spanish
    assert "Trends and modus operandi" not in spanish
    assert "Fuente: datos de" in spanish
    group = render_html(build_group_report(world.dataset, world.largest.group_id, lang="es"))
    assert "Organismos a los que dirigirse" in group and "Agencies to contact" not in group


def test_the_reports_open_offline_with_their_map_and_charts(world: World, tmp_path: Path) -> None:
    for name, report in (("strategic", world.strategic), ("group", world.group)):
        path = write_html(report, tmp_path / f"{name}.html")
        run = open_offline(path)
        assert run.requested_urls == []
        figures = len(re.findall(r'<figure id="figure-\d+"', run.dom))
        assert figures >= 1 and run.dom.count("<svg") == figures
        assert 'class="flows"' in run.dom  # the route map
    assert 'class="edge"' in run.dom  # the group's link chart


def _cli() -> typer.Typer:
    """The real app when `report` is registered there, else a local one around it."""
    from turquesa.cli import app as app_module
    from turquesa.cli import report

    names = {g.name for g in app_module.app.registered_groups}
    if "report" in names:
        return app_module.app
    local = typer.Typer()
    local.callback()(app_module.root)
    report.register(local)
    return local


def test_the_commands_write_verify_and_refuse(world: World, tmp_path: Path) -> None:
    runner = CliRunner()
    app = _cli()
    target = tmp_path / "out" / "strategic.html"
    result = runner.invoke(
        app, ["--db", world.url, "report", "strategic", "--lang", "fr", "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert str(target) in result.output.replace("\n", "")
    assert '<html lang="fr">' in target.read_text("utf-8")
    notes = tmp_path / "notes.md"
    notes.write_text("## Appréciation\n\nLe groupe *grandit*.", "utf-8")
    group_file = tmp_path / "group.html"
    result = runner.invoke(
        app,
        [
            "--db",
            world.url,
            "report",
            "group",
            world.largest.group_id,
            "--notes",
            str(notes),
            "--marking",
            "SECRET",
            "--output",
            str(group_file),
        ],
    )
    assert result.exit_code == 0, result.output
    page = group_file.read_text("utf-8")
    assert "<em>grandit</em>" in page and '<p class="marking">SECRET</p>' in page
    result = runner.invoke(app, ["report", "verify", str(group_file)])
    assert result.exit_code == 0 and "Intact" in result.output
    group_file.write_text(page.replace("SECRET", "PUBLIC"), "utf-8")
    result = runner.invoke(app, ["report", "verify", str(group_file)])
    assert result.exit_code == 1 and "Altered" in result.output
    result = runner.invoke(app, ["--db", world.url, "report", "group", "G-000000000000"])
    assert isinstance(result.exception, NotFound)

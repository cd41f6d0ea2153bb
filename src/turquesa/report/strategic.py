"""The strategic report: the regional picture for a network meeting or a policy reader.

Built from one `Dataset` (one scope, one snapshot) and the analyses over it: trends by
sex and age, the routes and their map, who the victims and migrants are (counts only),
the criminal groups and the persons who hold the network together. Every count of
persons goes through cell suppression (`report.blocks`); the map leaves out corridors
and crossing points with fewer persons than the threshold, for the same reason.

Suspects' names may appear (this is a law-enforcement product); a victim's name or
identifier never does: names come only from the perpetrators' graph, whose labels are
never taken from a victim's record.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from turquesa.analysis.changes import Change
from turquesa.analysis.context import context_table, read_glotip
from turquesa.analysis.dataset import PERPETRATOR_ROLES, Dataset
from turquesa.analysis.gazetteer import Gazetteer
from turquesa.analysis.groups import OBJECTIVE, RESOLUTION, GroupResult, find_groups
from turquesa.analysis.players import PlayersResult, key_players
from turquesa.analysis.route_costs import costs, durations
from turquesa.analysis.route_map import crossing_places, render_route_map
from turquesa.analysis.routes import Leg, corridors, crossings, journeys, legs_of
from turquesa.analysis.suppression import THRESHOLD, suppress
from turquesa.analysis.tables import Table as CountTable
from turquesa.analysis.trends import (
    category_label,
    changes,
    count_table,
    dimension_labels,
    mask_changes,
)
from turquesa.i18n import country_name, format_decimal, gettext_for, normalise_language
from turquesa.i18n.catalogues import Gettext
from turquesa.i18n.labels import label
from turquesa.report.blocks import (
    PRIMARY_CELL,
    active_years,
    brokers_table,
    capitalised,
    corridors_table,
    countries_text,
    crossings_table,
    dataset_period,
    display_place,
    from_counts,
    integer_format,
    known_rows,
    nationality_by_sex,
    roles_text,
    series_of,
    sex_by_age,
    shared_table,
    small,
    yes_no,
)
from turquesa.report.charts import bar_chart, grouped_bar_chart, period_chart
from turquesa.report.model import Cell, Column, Figure, Period, Report, Section, Source, Table, Text

GRANULARITY = "year"
ALPHA = 0.05
TOP_CORRIDORS = 15
TOP_CROSSINGS = 15
TOP_GROUPS = 30
TOP_PLAYERS = 15


class _Context:
    """What every section needs: the data, the language and the sources."""

    def __init__(self, dataset: Dataset, lang: str) -> None:
        self.dataset = dataset
        self.lang = lang
        self._: Gettext = gettext_for(lang)
        self.period: Period | None = dataset_period(dataset)
        self.fmt = integer_format(lang)

    def agencies_of(self, roles: frozenset[str] | None = None) -> list[str]:
        persons = self.dataset.persons.values()
        return sorted({p.agency for p in persons if roles is None or p.role in roles})

    def source(self, agencies: list[str], note: str | None = None) -> Source:
        return Source(agencies, self.period, note)

    def people(self, roles: frozenset[str]) -> list:  # type: ignore[type-arg]
        return [p for p in self.dataset.persons.values() if p.role in roles]


VICTIMS = frozenset({"victim"})
MIGRANTS = frozenset({"smuggled_migrant"})


def build_strategic_report(
    dataset: Dataset,
    engine: Engine | None = None,
    lang: str = "en",
    notes: str | None = None,
    marking: str | None = None,
    context_path: str | Path | None = None,
) -> Report:
    """The regional picture of `dataset`'s scope, in `lang`. With `engine`, group ids are
    those `turquesa groups` gives (kept from the scope's last run)."""
    lang = normalise_language(lang)
    ctx = _Context(dataset, lang)
    _ = ctx._
    groups = find_groups(dataset, engine)
    players = key_players(groups.graph, groups.group_of)
    legs = legs_of(dataset)
    sections = [
        _summary(ctx, groups, legs),
        _trends(ctx),
        _routes(ctx, legs),
        _profiles(ctx),
        _groups(ctx, groups),
        _players(ctx, groups, players),
    ]
    if context_path is not None:
        sections.append(_context(ctx, Path(context_path)))
    settings: dict[str, object] = {
        "groups_objective": OBJECTIVE,
        "groups_resolution": RESOLUTION,
        "suppression_threshold": THRESHOLD,
        "trend_period": GRANULARITY,
        "changes_false_discovery_rate": ALPHA,
        "betweenness": players.betweenness_method,
        "resolution_run": dataset.resolution_run,
    }
    if context_path is not None:
        settings["context_file"] = Path(context_path).name
    scope_note = _("All data loaded") if dataset.scope.name == "all" else dataset.scope.name
    return Report(
        title=_("Trafficking in persons and smuggling of migrants: the regional picture"),
        subtitle=scope_note,
        sections=sections,
        kind="strategic",
        marking=marking,
        scope=dataset.scope.name,
        period=ctx.period,
        sources=ctx.agencies_of(),
        snapshot=dataset.snapshot,
        settings=settings,
        notes=notes,
        lang=lang,
    )


# --- summary -------------------------------------------------------------------------


def _summary(ctx: _Context, groups: GroupResult, legs: list[Leg]) -> Section:
    _ = ctx._
    d = ctx.dataset
    victims = {p.entity_id for p in ctx.people(VICTIMS)}
    migrants = {p.entity_id for p in ctx.people(MIGRANTS)}
    perpetrators = {p.entity_id for p in ctx.people(PERPETRATOR_ROLES)}
    agencies = ctx.agencies_of()
    countries = sorted({c for a in agencies if (c := d.agency_country(a))})
    records = (
        len(d.persons) + len(d.organizations) + len(d.cases) + len(d.events) + len(d.movements)
    ) + len(d.links)
    rows: list[list[Cell]] = [
        [_("Records (persons, cases, events, movements, links)"), records],
        [_("Agencies that reported them"), len(agencies)],
        [_("Countries of those agencies"), len(countries)],
        [_("Cases"), len(d.cases)],
        [_("Victims of trafficking (distinct persons)"), small(len(victims))],
        [_("Smuggled migrants (distinct persons)"), small(len(migrants))],
        [_("Suspects and facilitators (distinct persons)"), len(perpetrators)],
        [_("Criminal groups (three members or more)"), len(groups.profiles)],
        [_("Independent brokers serving several groups"), len(groups.brokers)],
        [_("Movements recorded (legs)"), len(legs)],
    ]
    table = Table(
        _("Key figures"),
        [Column(_("Figure")), Column(_("Count"), "integer")],
        rows,
        source=ctx.source(agencies),
        key="summary",
    )
    largest = groups.profiles[0] if groups.profiles else None
    lines = [
        _(
            "This report covers the records that %(agencies)s agencies in %(countries)s "
            "countries loaded into Turquesa, resolved so that a person recorded by several "
            "agencies counts once."
        )
        % {"agencies": ctx.fmt(len(agencies)), "countries": ctx.fmt(len(countries))},
        _("Reporting countries: %(names)s.")
        % {"names": countries_text(countries, ctx.lang, limit=len(countries))},
    ]
    if largest is not None:
        lines.append(
            _(
                "The largest criminal group, %(group)s, has %(members)s members recorded "
                "by %(agencies)s."
            )
            % {
                "group": largest.group_id,
                "members": ctx.fmt(largest.size),
                "agencies": ", ".join(a for a, _n in largest.agencies.most_common()),
            }
        )
    return Section(
        _("Summary"),
        [Text("\n\n".join(lines)), table],
        intro=_(
            "Figures are counts of what the agencies recorded, not estimates of all "
            "trafficking and smuggling. Counts of victims and migrants under %(n)s are "
            "withheld throughout."
        )
        % {"n": THRESHOLD},
        key="summary",
    )


# --- trends ----------------------------------------------------------------------------


def _heading(by: str, _: Gettext) -> str:
    return capitalised(dimension_labels(_)[by])


def _count_block(
    ctx: _Context, by: str, split: str, population: str, key: str
) -> tuple[Table, CountTable]:
    """The suppressed table of `population` by `by` and `split`, and its counts."""
    _ = ctx._
    working = count_table(ctx.dataset, by, split, population, "persons", GRANULARITY, "agency", _)
    roles = VICTIMS if population == "victims" else MIGRANTS
    return shared_table(working, _heading(by, _), ctx.source(ctx.agencies_of(roles)), key)


def _period_figure(ctx: _Context, shared, title: str, key: str, roles: frozenset[str]) -> Figure:  # type: ignore[no-untyped-def]
    """Persons per year (the totals column: the split by sex withholds too many cells
    in small years to draw)."""
    rows = known_rows(shared)
    periods = [shared.row_labels[i] for i in rows]
    totals = [shared.cells[i][-1] for i in rows]
    svg = period_chart(
        periods or ["–"],
        [("", totals if periods else [0])],
        title=title,
        fmt=ctx.fmt,
        _=ctx._,
    )
    return Figure(title, svg, ctx.source(ctx.agencies_of(roles)), key=key)


def _bars_figure(ctx: _Context, shared, title: str, key: str, roles: frozenset[str]) -> Figure:  # type: ignore[no-untyped-def]
    categories, series = series_of(shared)
    svg = grouped_bar_chart(categories, series, title=title, fmt=ctx.fmt, _=ctx._)
    return Figure(title, svg, ctx.source(ctx.agencies_of(roles)), key=key)


def _trends(ctx: _Context) -> Section:
    _ = ctx._
    blocks: list[Figure | Table | Text] = []
    for population, roles, name in (
        ("victims", VICTIMS, "victims"),
        ("migrants", MIGRANTS, "migrants"),
    ):
        table, shared = _count_block(ctx, "period", "sex", population, f"{name}-period-sex")
        who = _("Victims") if population == "victims" else _("Smuggled migrants")
        chart_title = _("%(who)s per year") % {"who": who}
        blocks.append(_period_figure(ctx, shared, chart_title, f"{name}-period-chart", roles))
        blocks.append(table)
        table, _shared = _count_block(ctx, "period", "age", population, f"{name}-period-age")
        blocks.append(table)
    for by, population, roles, key in (
        ("exploitation", "victims", VICTIMS, "exploitation-sex"),
        ("recruitment", "victims", VICTIMS, "recruitment-sex"),
        ("control", "victims", VICTIMS, "control-sex"),
        ("mode", "migrants", MIGRANTS, "mode-sex"),
    ):
        table, shared = _count_block(ctx, by, "sex", population, key)
        if by in ("exploitation", "mode"):
            blocks.append(_bars_figure(ctx, shared, table.title, f"{key}-chart", roles))
        blocks.append(table)
    blocks.extend(_changes(ctx))
    return Section(
        _("Trends and modus operandi"),
        blocks,
        intro=_(
            "Victims and smuggled migrants per year, by sex and age group, and the forms "
            "of exploitation, recruitment methods, means of control and smuggling modes "
            "recorded. Each person counts once per row (distinct resolved persons)."
        ),
        key="trends",
    )


def _change_rows(
    ctx: _Context, found: list[Change], population: str, by: str, only_standing_out: bool
) -> list[list[Cell]]:
    _ = ctx._
    rows: list[list[Cell]] = []
    arrows = {"up": "▲", "down": "▼", "same": "="}
    for change in found:
        if only_standing_out and (not change.stands_out or change.category == "total"):
            continue
        category = (
            _("All") if change.category == "total" else category_label(by, change.category, _)
        )
        hidden = change.count_before is None
        rows.append(
            [
                population,
                category,
                f"{change.before} → {change.after}",
                PRIMARY_CELL if hidden else small(change.count_before),
                PRIMARY_CELL if hidden else small(change.count_after),
                change.ratio,
                _q_text(change.q_value, ctx.lang),
                arrows.get(change.direction, "")
                + (" " + _("stands out") if change.stands_out else ""),
            ]
        )
    return rows


def _q_text(q: float | None, lang: str) -> str | None:
    if q is None:
        return None
    if q < 0.001:
        return "< " + format_decimal(0.001, lang, 3)
    return format_decimal(q, lang, 3)


def _changes(ctx: _Context) -> list[Figure | Table | Text]:
    _ = ctx._
    rows: list[list[Cell]] = []
    for population, label_text, detail in (
        ("victims", _("Victims"), "exploitation"),
        ("migrants", _("Smuggled migrants"), "mode"),
    ):
        for by, only in (("period", False), (detail, True)):
            try:
                tested, found = changes(
                    ctx.dataset, by, population, "persons", GRANULARITY, None, ALPHA, "agency", _
                )
            except ValueError:
                continue
            found = mask_changes(found, suppress(tested))
            rows.extend(_change_rows(ctx, found, label_text, by, only))
    test = _(
        "Test: exact conditional test of two Poisson rates (binomial), with each year's "
        "exposure the days it covers; q values adjusted for multiple comparisons by "
        "Benjamini–Hochberg. A change stands out when q is under %(alpha)s. Counts that "
        "are withheld hide their ratio too."
    ) % {"alpha": ALPHA}
    if not rows:
        return [Text(_("No two consecutive years to compare.") + " " + test)]
    table = Table(
        _("Changes between consecutive years"),
        [
            Column(_("Population")),
            Column(_("Category")),
            Column(_("Years")),
            Column(_("Before"), "integer"),
            Column(_("After"), "integer"),
            Column(_("Ratio"), "decimal", 2),
            Column(_("q value"), "decimal"),
            Column(_("Change")),
        ],
        rows,
        source=ctx.source(ctx.agencies_of(VICTIMS | MIGRANTS)),
        note=test
        + " "
        + _("Totals are listed for every pair of years; categories only where they stand out."),
        key="changes",
    )
    return [table]


# --- routes ----------------------------------------------------------------------------


def _country_route(codes: tuple[str, ...], lang: str) -> str:
    return " → ".join(country_name(c, lang) for c in codes)


def _routes(ctx: _Context, legs: list[Leg]) -> Section:
    _ = ctx._
    lang = ctx.lang
    agencies = sorted({leg.agency for leg in legs})
    source = ctx.source(agencies)
    ranked = corridors(legs)
    tallies = crossings(legs)
    gazetteer = Gazetteer.from_events(ctx.dataset.events)
    shown = [c for c in ranked if c.persons >= THRESHOLD]
    places = [
        (place, tally)
        for place, tally in crossing_places(tallies, legs, gazetteer)
        if tally.persons >= THRESHOLD
    ]
    title = _("Routes: corridors between countries and crossing points")
    svg = render_route_map(shown, places, _, title=title)
    blocks: list[Figure | Table | Text] = [
        Figure(
            title,
            svg,
            source,
            note=_(
                "Arc width grows with the distinct persons on the corridor. Corridors and "
                "crossing points with fewer than %(n)s persons are not drawn."
            )
            % {"n": THRESHOLD},
            key="route-map",
            wide=True,
        )
    ]
    rows: list[list[Cell]] = [
        [
            _country_route(c.countries, lang),
            small(c.persons),
            small(c.legs),
            c.first,
            c.last,
        ]
        for c in ranked[:TOP_CORRIDORS]
    ]
    blocks.append(
        corridors_table(
            _("Main corridors"),
            rows,
            source,
            "corridors",
            _,
            note=_(
                "Persons: distinct resolved persons; legs: movement records. The %(n)s "
                "corridors with most persons, of %(total)s."
            )
            % {"n": min(TOP_CORRIDORS, len(ranked)), "total": len(ranked)},
        )
    )
    crossing_rows: list[list[Cell]] = [
        [display_place(t.label), countries_text(t.countries, lang), small(t.persons), small(t.legs)]
        for t in tallies[:TOP_CROSSINGS]
    ]
    blocks.append(crossings_table(crossing_rows, source, "crossings", _))
    chains = journeys(legs)
    per = {"leg": _("Per leg"), "journey": _("Per journey")}
    cost_rows: list[list[Cell]] = []
    for row in costs(legs, chains):
        hidden = row.summary.n < THRESHOLD
        s = row.summary
        cost_rows.append(
            [
                per[row.scope],
                row.currency,
                small(s.n),
                *((PRIMARY_CELL,) * 3 if hidden else (s.median, s.min, s.max)),
            ]
        )
    blocks.append(
        Table(
            _("Price paid, by currency"),
            [
                Column(_("Per")),
                Column(_("Currency")),
                Column(_("Prices recorded"), "integer"),
                Column(_("Median"), "decimal", 0),
                Column(_("Lowest"), "decimal", 0),
                Column(_("Highest"), "decimal", 0),
            ],
            cost_rows,
            source=source,
            note=_(
                "In the currency the agency recorded; nothing is converted. A journey is "
                "one person's chain of legs from origin to destination."
            ),
            key="costs",
        )
    )
    time_rows: list[list[Cell]] = []
    for row in durations(legs, chains):
        s = row.summary
        hidden = s.n < THRESHOLD
        mode = _("All modes") if row.mode == "all" else label("mode", row.mode, _)
        time_rows.append(
            [
                per[row.per],
                mode,
                small(s.n),
                *((PRIMARY_CELL,) * 3 if hidden else (s.median, s.min, s.max)),
            ]
        )
    blocks.append(
        Table(
            _("Time taken, in days"),
            [
                Column(_("Per")),
                Column(_("Mode of transport")),
                Column(_("Dated"), "integer"),
                Column(_("Median"), "decimal", 1),
                Column(_("Shortest"), "decimal", 1),
                Column(_("Longest"), "decimal", 1),
            ],
            time_rows,
            source=source,
            note=_("From departure to arrival, over the records that carry both dates."),
            key="durations",
        )
    )
    return Section(
        _("Routes"),
        blocks,
        intro=_(
            "Movements recorded by the agencies, as corridors between countries. Each "
            "corridor is counted both in legs (movement records, as the agencies wrote "
            "them) and in distinct persons."
        ),
        key="routes",
    )


# --- profiles of victims and migrants ------------------------------------------------


def _profiles(ctx: _Context) -> Section:
    _ = ctx._
    blocks: list[Figure | Table | Text] = []
    for roles, who, key in (
        (VICTIMS, _("Victims"), "victims"),
        (MIGRANTS, _("Smuggled migrants"), "migrants"),
    ):
        people = ctx.people(roles)
        source = ctx.source(ctx.agencies_of(roles))
        ages = sex_by_age(people, _("%(who)s by age group and sex") % {"who": who}, _)
        blocks.append(shared_table(ages, _("Age group"), source, f"{key}-sex-age")[0])
        nationality_table, nationality = shared_table(
            nationality_by_sex(
                people, _("%(who)s by nationality and sex") % {"who": who}, ctx.lang, _
            ),
            _("Nationality"),
            source,
            f"{key}-nationality",
        )
        totals = [
            (nationality.row_labels[i], nationality.cells[i][-1])
            for i in range(len(nationality.row_keys))
        ]
        title = _("%(who)s by nationality") % {"who": who}
        blocks.append(
            Figure(
                title,
                bar_chart(totals, title=title, fmt=ctx.fmt, _=_),
                source,
                key=f"{key}-nationality-chart",
            )
        )
        blocks.append(nationality_table)
    return Section(
        _("Profiles of victims and migrants"),
        blocks,
        intro=_(
            "Victims and migrants appear here only as counts and categories: no name, "
            "identifier or record of a victim or migrant is shown in this report."
        ),
        key="profiles",
    )


# --- criminal groups -----------------------------------------------------------------


def _groups(ctx: _Context, result: GroupResult) -> Section:
    _ = ctx._
    lang = ctx.lang
    rows: list[list[Cell]] = []
    ranked = sorted(result.profiles, key=lambda p: (-p.size, p.group_id))
    for profile in ranked[:TOP_GROUPS]:
        main_roles = [r for r, _n in profile.roles.most_common(2)]
        corridor = next(iter(profile.corridors.most_common(1)), None)
        rows.append(
            [
                profile.group_id,
                profile.size,
                roles_text(main_roles, _),
                countries_text([c for c, _n in profile.countries.most_common()], lang, 3),
                _country_route(corridor[0], lang) if corridor else None,
                small(profile.victims),
                small(profile.migrants),
                active_years(profile.first, profile.last),
            ]
        )
    perpetrator_agencies = ctx.agencies_of(PERPETRATOR_ROLES)
    table = Table(
        _("Criminal groups"),
        [
            Column(_("Group")),
            Column(_("Members"), "integer"),
            Column(_("Main roles")),
            Column(_("Countries")),
            Column(_("Main corridor")),
            Column(_("Victims"), "integer"),
            Column(_("Migrants"), "integer"),
            Column(_("Active")),
        ],
        rows,
        source=ctx.source(perpetrator_agencies),
        note=_(
            "Groups are communities of the suspects' and facilitators' ties (Leiden, "
            "Constant Potts Model, resolution %(resolution)s); the %(shown)s largest of "
            "%(total)s. Victims and migrants: distinct persons linked to the group's "
            "cases, links and movements."
        )
        % {
            "resolution": RESOLUTION,
            "shown": min(TOP_GROUPS, len(result.profiles)),
            "total": len(result.profiles),
        },
        key="groups",
    )
    blocks: list[Figure | Table | Text] = [table]
    if not result.profiles:
        blocks = [Text(_("No criminal group of three members or more was found."))]
    return Section(
        _("Criminal groups"),
        blocks,
        intro=_(
            "A group is made only of persons recorded as suspects or facilitators; a "
            "victim's or migrant's record never makes anyone a member. `turquesa report "
            "group GROUP_ID` gives the profile of one group."
        ),
        key="groups",
    )


# --- key players -----------------------------------------------------------------------


def _players(ctx: _Context, result: GroupResult, found: PlayersResult) -> Section:
    _ = ctx._
    lang = ctx.lang
    top = [p for p in found.players if p.degree > 0][:TOP_PLAYERS]
    rows: list[list[Cell]] = []
    for player in top:
        others = [g for g in player.bridges if g != player.group_id]
        rows.append(
            [
                player.entity_id,
                player.label,
                player.group_id,
                roles_text(player.roles, _),
                player.degree,
                player.betweenness,
                yes_no(player.cut_point, _),
                len(others),
            ]
        )
    source = ctx.source(ctx.agencies_of(PERPETRATOR_ROLES))
    blocks: list[Figure | Table | Text] = [
        Table(
            _("Key players across the network"),
            [
                Column(_("Entity")),
                Column(_("Name")),
                Column(_("Group")),
                Column(_("Roles")),
                Column(_("Ties"), "integer"),
                Column(_("Betweenness"), "decimal", 3),
                Column(_("Cut point")),
                Column(_("Groups tied"), "integer"),
            ],
            rows,
            source=source,
            note=_(
                "Ranked by betweenness (%(method)s): how often a person lies on the "
                "shortest paths between others. Cut point: removing the person splits "
                "their group. Groups tied: other groups the person has ties to."
            )
            % {"method": _("exact") if found.betweenness_method == "exact" else _("sampled")},
            key="players",
        )
    ]
    table = brokers_table(
        result,
        sorted(result.brokers.items(), key=lambda kv: (-len(kv[1]), kv[0])),
        _("Independent brokers"),
        source,
        lang,
        _,
        note=_(
            "Persons who deal with two groups or more and have few ties inside "
            "any one of them: they belong to no group."
        ),
    )
    if table is not None:
        blocks.append(table)
    else:
        blocks.append(Text(_("No independent broker serves several groups in these data.")))
    return Section(
        _("Key players and brokers"),
        blocks,
        intro=_(
            "Suspects and facilitators who hold the network together. Names are those the "
            "agencies recorded for them as suspects or facilitators."
        ),
        key="players",
    )


# --- public context ------------------------------------------------------------------


def _context(ctx: _Context, path: Path) -> Section:
    _ = ctx._
    published = context_table(read_glotip(path), _=_)
    published.row_labels = [
        country_name(k, ctx.lang) if len(k) == 2 else k for k in published.row_keys
    ]
    table = from_counts(
        published,
        _("Country"),
        None,
        key="context",
        note=published.note,
        drop_empty=False,
    )
    return Section(
        _("Public context"),
        [table],
        intro=_(
            "Figures published by UNODC, shown beside the agencies' records; they count "
            "detected victims reported by each country's authorities and are not "
            "comparable one to one with the records above."
        ),
        key="context",
    )

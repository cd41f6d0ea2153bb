"""The group report: one criminal group, for the prosecutor or the operation against it.

Members with their roles, places and the agencies that hold records on them; who holds
the group together and which independent brokers it deals with; its link chart; the
routes it runs; its cases; the victims and migrants linked to it, as counts and
categories only; and the agencies to contact, so the reader knows whom to ask.

Membership and names come from the perpetrators' graph (suspect and facilitator
records only), so a victim's name never reaches this report. The victims and migrants
linked are found by the same rules as the group's profile (`analysis.groups`): persons
in the members' cases, linked to a member, or on a movement a member facilitated or
that the members' cases recorded.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Engine

from turquesa.analysis.dataset import Dataset, MovementRecord, PersonRecord, record_name
from turquesa.analysis.gazetteer import Gazetteer
from turquesa.analysis.graph import LinkGraph
from turquesa.analysis.groups import OBJECTIVE, RESOLUTION, GroupProfile, GroupResult, find_groups
from turquesa.analysis.players import Player, key_players
from turquesa.analysis.route_map import crossing_places, render_route_map
from turquesa.analysis.routes import corridors, crossings, legs_of
from turquesa.analysis.suppression import THRESHOLD
from turquesa.analysis.trends import category_label
from turquesa.errors import NotFound
from turquesa.i18n import country_name, gettext_for, normalise_language
from turquesa.i18n.catalogues import Gettext
from turquesa.i18n.labels import label
from turquesa.report.blocks import (
    active_text,
    brokers_table,
    corridors_table,
    countries_text,
    crossings_table,
    display_place,
    integer_format,
    period_of,
    roles_text,
    sex_by_age,
    shared_table,
    small,
    tie_label,
    yes_no,
)
from turquesa.report.link_chart import Edge, Node, link_chart
from turquesa.report.model import Cell, Column, Figure, Report, Section, Source, Table, Text

MAX_NEIGHBOURS = 40


@dataclass
class GroupFacts:
    """What hangs on one group's members, found once for every section."""

    profile: GroupProfile
    records: list[PersonRecord]  # the members' suspect and facilitator records
    cases: set[tuple[str, str]] = field(default_factory=set)
    movements: dict[str, MovementRecord] = field(default_factory=dict)
    victims: list[PersonRecord] = field(default_factory=list)  # records, never named
    migrants: list[PersonRecord] = field(default_factory=list)
    dates: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def agencies(self) -> list[str]:
        return sorted({r.agency for r in self.records})


def group_facts(dataset: Dataset, profile: GroupProfile) -> GroupFacts:
    """The members' records, cases, movements, dates and the victims and migrants linked."""
    members = set(profile.members)
    records = [p for p in dataset.persons.values() if p.entity_id in members and p.is_perpetrator]
    facts = GroupFacts(profile, records)
    keys = {r.key for r in records}
    for record in records:
        if record.case_id:
            facts.cases.add((record.agency, record.case_id))
        if record.date:
            facts.dates[record.entity_id].append(record.date)
    entity_of_key = {r.key: r.entity_id for r in records}
    for event in dataset.events:
        for rid in event.persons:
            who = entity_of_key.get((event.agency, rid))
            if who and event.date:
                facts.dates[who].append(event.date)
    for move in dataset.movements:
        helper = entity_of_key.get((move.agency, move.facilitator or ""))
        if helper or (move.agency, move.case_id or "") in facts.cases:
            facts.movements[record_name(move.agency, move.record_id)] = move
        if helper:
            facts.dates[helper].extend(d for d in (move.departure, move.arrival) if d)
    linked: dict[tuple[str, str], PersonRecord] = {}
    for person in dataset.persons.values():
        if (person.agency, person.case_id or "") in facts.cases:
            linked[person.key] = person
    for link in dataset.links:
        ends = ((link.agency, link.from_record_id), (link.agency, link.to_record_id))
        if any(end in keys for end in ends):
            for end in ends:
                if end not in keys and end in dataset.persons:
                    linked[end] = dataset.persons[end]
    for move in facts.movements.values():
        for rid in move.persons:
            person = dataset.persons.get((move.agency, rid))
            if person is not None:
                linked[person.key] = person
    facts.victims = [p for p in linked.values() if p.role == "victim"]
    facts.migrants = [p for p in linked.values() if p.role == "smuggled_migrant"]
    return facts


def build_group_report(
    dataset: Dataset,
    group_id: str,
    engine: Engine | None = None,
    lang: str = "en",
    notes: str | None = None,
    marking: str | None = None,
) -> Report:
    """The report on group `group_id` of `dataset`'s scope (ids as `turquesa groups` gives
    them when `engine` is passed)."""
    lang = normalise_language(lang)
    _ = gettext_for(lang)
    result = find_groups(dataset, engine)
    profile = result.profile(group_id)
    if profile is None:
        known = ", ".join(p.group_id for p in result.profiles[:5])
        raise NotFound(
            f"no group {group_id!r} in scope {dataset.scope.name!r}"
            + (f" (the largest are {known}; `turquesa groups` lists them all)" if known else "")
        )
    players = {p.entity_id: p for p in key_players(result.graph, result.group_of).players}
    facts = group_facts(dataset, profile)
    period = period_of(profile.first, profile.last)
    source = Source(facts.agencies, period)
    sections = [
        _members(facts, result, players, source, lang, _),
        _structure(facts, result, players, source, lang, _),
        _routes(dataset, facts, source, lang, _),
        _cases(dataset, facts, source, _),
        _victims(facts, period, lang, _),
        _contacts(dataset, facts, period, lang, _),
    ]
    countries = [c for c, _n in profile.countries.most_common()]
    subtitle = _("%(members)s members · %(countries)s") % {
        "members": integer_format(lang)(profile.size),
        "countries": countries_text(countries, lang, limit=6),
    }
    return Report(
        title=_("Criminal group %(group)s") % {"group": group_id},
        subtitle=subtitle,
        sections=sections,
        kind="group",
        marking=marking,
        scope=dataset.scope.name,
        period=period,
        sources=facts.agencies,
        snapshot=dataset.snapshot,
        settings={
            "group_id": group_id,
            "groups_objective": OBJECTIVE,
            "groups_resolution": RESOLUTION,
            "suppression_threshold": THRESHOLD,
            "resolution_run": dataset.resolution_run,
        },
        notes=notes,
        lang=lang,
    )


# --- members -------------------------------------------------------------------------


def _members(
    facts: GroupFacts,
    result: GroupResult,
    players: dict[str, Player],
    source: Source,
    lang: str,
    _: Gettext,
) -> Section:
    profile = facts.profile
    agencies_of: dict[str, set[str]] = defaultdict(set)
    for record in facts.records:
        agencies_of[record.entity_id].add(record.agency)
    rows: list[list[Cell]] = []
    order = sorted(
        profile.members,
        key=lambda m: ("leader" not in profile.member_roles.get(m, []), profile.labels.get(m) or m),
    )
    for member in order:
        node = result.graph.nodes.get(member)
        dates = sorted(facts.dates.get(member, []))
        rows.append(
            [
                member,
                profile.labels.get(member),
                roles_text(profile.member_roles.get(member, []), _),
                countries_text(sorted(node.countries) if node else [], lang),
                ", ".join(sorted(agencies_of[member])),
                active_text(dates[0], dates[-1]) if dates else None,
            ]
        )
    table = Table(
        _("Members"),
        [
            Column(_("Entity")),
            Column(_("Name")),
            Column(_("Roles")),
            Column(_("Countries")),
            Column(_("Agencies")),
            Column(_("Active")),
        ],
        rows,
        source=source,
        note=_(
            "Each member is one resolved person; names and roles are those the agencies "
            "recorded for them as suspects or facilitators. Countries: of the agencies "
            "that recorded them."
        ),
        key="members",
    )
    roles = [(label("perpetrator_role", r, _), n) for r, n in profile.roles.most_common()]
    summary = _(
        "%(members)s members recorded by %(agencies)s, active from %(first)s to %(last)s, "
        "named in %(cases)s cases."
    ) % {
        "members": profile.size,
        "agencies": ", ".join(facts.agencies),
        "first": profile.first or "–",
        "last": profile.last or "–",
        "cases": len(profile.cases),
    }
    role_text = ", ".join(f"{name} ({n})" for name, n in roles)
    return Section(
        _("Members"),
        [Text(summary + "\n\n" + _("Roles: %(roles)s.") % {"roles": role_text}), table],
        key="members",
    )


# --- structure -------------------------------------------------------------------------


def _structure(
    facts: GroupFacts,
    result: GroupResult,
    players: dict[str, Player],
    source: Source,
    lang: str,
    _: Gettext,
) -> Section:
    profile = facts.profile
    members = [players[m] for m in profile.members if m in players]
    members.sort(key=lambda p: (-p.group_betweenness, -p.group_degree, p.entity_id))
    rows: list[list[Cell]] = [
        [
            p.entity_id,
            p.label,
            p.group_degree,
            p.group_betweenness,
            p.group_eigenvector,
            yes_no(p.cut_point, _),
            len([g for g in p.bridges if g != profile.group_id]),
        ]
        for p in members
    ]
    blocks: list[Figure | Table | Text] = [
        Table(
            _("Key players within the group"),
            [
                Column(_("Entity")),
                Column(_("Name")),
                Column(_("Ties in the group"), "integer"),
                Column(_("Betweenness"), "decimal", 3),
                Column(_("Eigenvector"), "decimal", 3),
                Column(_("Cut point")),
                Column(_("Groups tied"), "integer"),
            ],
            rows,
            source=source,
            note=_(
                "Measures within the group's own ties. Betweenness: how often a member lies "
                "on the shortest paths between other members; eigenvector: ties to the "
                "well-tied. Cut point: removing the member splits the group. Groups tied: other "
                "groups the member has ties to."
            ),
            key="structure",
        )
    ]
    table = brokers_table(
        result,
        [(broker, result.brokers.get(broker, ())) for broker in profile.brokers],
        _("Independent brokers the group deals with"),
        source,
        lang,
        _,
    )
    if table is not None:
        blocks.append(table)
    else:
        blocks.append(Text(_("The group deals with no independent broker in these data.")))
    blocks.append(_link_figure(facts, result, source, _))
    return Section(
        _("Structure"),
        blocks,
        intro=_("Who holds the group together, and the persons outside it that it is tied to."),
        key="structure",
    )


def _neighbours(graph: LinkGraph, members: set[str], keep: Iterable[str]) -> list[str]:
    """Persons outside the group tied to its members, strongest ties first; the brokers
    it deals with always."""
    weight: Counter[str] = Counter()
    for (a, b), edge in graph.edges.items():
        if a in members and b not in members:
            weight[b] += edge.weight
        elif b in members and a not in members:
            weight[a] += edge.weight
    kept = [k for k in keep if k in weight or k in graph.nodes]
    others = [n for n, _w in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
    chosen = list(dict.fromkeys([*kept, *others]))
    return chosen[: max(MAX_NEIGHBOURS, len(kept))]


def _link_figure(facts: GroupFacts, result: GroupResult, source: Source, _: Gettext) -> Figure:
    profile = facts.profile
    graph = result.graph
    members = set(profile.members)
    brokers = set(profile.brokers)
    outside = _neighbours(graph, members, profile.brokers)
    shown = [*sorted(members), *outside]
    nodes = []
    for node_id in shown:
        node = graph.nodes.get(node_id)
        name = (node.label if node else None) or node_id
        if node_id in members:
            leader = "leader" in profile.member_roles.get(node_id, [])
            nodes.append(
                Node(node_id, name, "person", "leader" if leader else None, profile.group_id)
            )
        elif node_id in brokers:
            nodes.append(Node(node_id, name, "broker"))
        else:
            nodes.append(Node(node_id, name, "person", None, result.group_of.get(node_id)))
    visible = set(shown)
    edges = [
        Edge(a, b, edge.kind, edge.weight)
        for (a, b), edge in sorted(graph.edges.items())
        if a in visible and b in visible and (a in members or b in members)
    ]
    title = _("Link chart of group %(group)s") % {"group": profile.group_id}
    svg = link_chart(
        nodes,
        edges,
        title=title,
        description=_("Members of the group, the brokers it deals with and persons tied to it."),
        kind_labels={"person": _("Person"), "broker": _("Independent broker")},
        edge_labels={e.kind: tie_label(e.kind, _) for e in edges},
        group_labels={g: g for g in {n.group for n in nodes if n.group}},
        width=900,
        height=640,
        _=_,
    )
    note = _(
        "Members and every person directly tied to them (the %(n)s most strongly tied when "
        "there are more); a thick ring marks a leader. Only suspects and facilitators are "
        "drawn."
    ) % {"n": MAX_NEIGHBOURS}
    return Figure(title, svg, source, note=note, key="link-chart", wide=True)


# --- routes ----------------------------------------------------------------------------


def _routes(dataset: Dataset, facts: GroupFacts, source: Source, lang: str, _: Gettext) -> Section:
    wanted = {(m.agency, m.record_id) for m in facts.movements.values()}
    legs = [leg for leg in legs_of(dataset) if (leg.agency, leg.record_id) in wanted]
    ranked = corridors(legs)
    if not ranked:
        return Section(
            _("Routes"),
            [Text(_("No movement between countries is recorded for this group."))],
            key="routes",
        )
    tallies = crossings(legs)
    places = crossing_places(tallies, legs, Gazetteer.from_events(dataset.events))
    title = _("Routes run by group %(group)s") % {"group": facts.profile.group_id}
    route_source = Source(sorted({leg.agency for leg in legs}), source.period)
    rows: list[list[Cell]] = [
        [
            " → ".join(country_name(c, lang) for c in c_.countries),
            small(c_.persons),
            small(c_.legs),
            c_.first,
            c_.last,
        ]
        for c_ in ranked
    ]
    crossing_rows: list[list[Cell]] = [
        [display_place(t.label), countries_text(t.countries, lang), small(t.persons), small(t.legs)]
        for t in tallies
    ]
    blocks: list[Figure | Table | Text] = [
        Figure(
            title,
            render_route_map(ranked, places, _, title=title),
            route_source,
            note=_(
                "Movements the members facilitated or their cases recorded; arc width grows "
                "with the distinct persons moved."
            ),
            key="group-map",
            wide=True,
        ),
        corridors_table(_("Corridors"), rows, route_source, "group-corridors", _),
    ]
    if crossing_rows:
        blocks.append(crossings_table(crossing_rows, route_source, "group-crossings", _))
    return Section(_("Routes"), blocks, key="routes")


# --- cases -----------------------------------------------------------------------------


def _cases(dataset: Dataset, facts: GroupFacts, source: Source, _: Gettext) -> Section:
    members_in: Counter[tuple[str, str]] = Counter()
    for record in facts.records:
        if record.case_id:
            members_in[(record.agency, record.case_id)] += 1
    rows: list[list[Cell]] = []
    for key in sorted(facts.cases):
        case = dataset.cases.get(key)
        forms = (
            ", ".join(label("exploitation_type", f, _) for f in case.exploitation_types)
            if case
            else ""
        )
        rows.append(
            [
                record_name(*key),
                label("crime_type", case.crime_type, _) if case and case.crime_type else None,
                case.opened if case else None,
                label("case_status", case.status, _) if case and case.status else None,
                forms or None,
                members_in[key],
            ]
        )
    table = Table(
        _("Cases naming members"),
        [
            Column(_("Case")),
            Column(_("Crime")),
            Column(_("Opened")),
            Column(_("Status")),
            Column(_("Forms of exploitation")),
            Column(_("Members named"), "integer"),
        ],
        rows,
        source=source,
        key="cases",
    )
    return Section(_("Cases"), [table], key="cases")


# --- victims and migrants ------------------------------------------------------------


def _victims(facts: GroupFacts, period, lang: str, _: Gettext) -> Section:  # type: ignore[no-untyped-def]
    blocks: list[Figure | Table | Text] = []
    victims = {p.entity_id for p in facts.victims}
    migrants = {p.entity_id for p in facts.migrants}

    def count(n: int) -> str:
        if 0 < n < THRESHOLD:
            return _("fewer than %(n)s") % {"n": THRESHOLD}
        return integer_format(lang)(n)

    blocks.append(
        Text(
            _(
                "Linked to the group: %(victims)s victims of trafficking and %(migrants)s "
                "smuggled migrants (distinct persons)."
            )
            % {"victims": count(len(victims)), "migrants": count(len(migrants))}
        )
    )
    for people, who, key in (
        (facts.victims, _("Victims"), "victims"),
        (facts.migrants, _("Smuggled migrants"), "migrants"),
    ):
        if not people:
            continue
        src = Source(sorted({p.agency for p in people}), period)
        working = sex_by_age(people, _("%(who)s by age group and sex") % {"who": who}, _)
        blocks.append(shared_table(working, _("Age group"), src, f"group-{key}-sex-age")[0])
    if facts.victims:
        forms: dict[str, set[str]] = defaultdict(set)
        for person in facts.victims:
            for form in person.exploitation_types or ("unknown",):
                forms[form].add(person.entity_id)
        order = sorted(forms, key=lambda f: (f == "unknown", -len(forms[f]), f))
        blocks.append(
            Table(
                _("Victims by form of exploitation"),
                [Column(_("Form of exploitation")), Column(_("Victims"), "integer")],
                [[category_label("exploitation", f, _), small(len(forms[f]))] for f in order],
                source=Source(sorted({p.agency for p in facts.victims}), period),
                note=_("Distinct persons; a victim may fall in more than one row."),
                key="group-exploitation",
            )
        )
    return Section(
        _("Victims and migrants linked"),
        blocks,
        intro=_(
            "Counts and categories only: no victim or migrant is named or identified. "
            "Counts under %(n)s are withheld."
        )
        % {"n": THRESHOLD},
        key="victims",
    )


# --- agencies to contact ---------------------------------------------------------------


def _contacts(dataset: Dataset, facts: GroupFacts, period, lang: str, _: Gettext) -> Section:  # type: ignore[no-untyped-def]
    members: dict[str, set[str]] = defaultdict(set)
    records: Counter[str] = Counter()
    cases: dict[str, set[str]] = defaultdict(set)
    for record in facts.records:
        members[record.agency].add(record.entity_id)
        records[record.agency] += 1
        if record.case_id:
            cases[record.agency].add(record.case_id)
    moves: Counter[str] = Counter(m.agency for m in facts.movements.values())
    agencies = sorted(set(records) | set(moves), key=lambda a: (-len(members[a]), a))
    rows: list[list[Cell]] = []
    for agency in agencies:
        country = dataset.agency_country(agency)
        rows.append(
            [
                agency,
                country_name(country, lang) if country else None,
                len(members[agency]),
                records[agency],
                len(cases[agency]),
                moves[agency],
            ]
        )
    table = Table(
        _("Agencies to contact"),
        [
            Column(_("Agency")),
            Column(_("Country")),
            Column(_("Members on record"), "integer"),
            Column(_("Records on members"), "integer"),
            Column(_("Cases"), "integer"),
            Column(_("Movements recorded"), "integer"),
        ],
        rows,
        source=Source(agencies, period),
        note=_(
            "Each agency holding records on the group's members or its movements: the "
            "records behind this report are theirs, and requests for the evidence go to them."
        ),
        key="contacts",
    )
    return Section(_("Agencies to contact"), [table], key="contacts")

"""A small report made by hand, with every kind of block, for tests and screenshots.

Its words come from the shipped labels and Babel's country names, so the same sample
reads in each of the four languages.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from turquesa.i18n import country_name, format_integer, gettext_for
from turquesa.i18n.labels import label, title
from turquesa.report import SUPPRESSED, Column, Figure, Period, Report, Section, Source, Table, Text
from turquesa.report.charts import bar_chart, grouped_bar_chart, period_chart
from turquesa.report.link_chart import Edge, Node, link_chart

PERIOD = Period(date(2022, 1, 1), date(2023, 12, 31))
AGENCIES = ("PNP-PE", "DIJIN-CO", "PF-BR")


def sample_report(lang: str = "en", notes: str | None = None) -> Report:
    _ = gettext_for(lang)

    def fmt(value: float) -> str:
        return format_integer(round(value), lang)

    forms = ["sexual", "forced_labour", "forced_criminality", "begging"]
    by_sex = grouped_bar_chart(
        [label("exploitation_type", f, _) for f in forms],
        [(label("sex", "F", _), [120, 64, 12, 7]), (label("sex", "M", _), [18, 71, 15, 5])],
        title=title("exploitation_type", _),
        fmt=fmt,
    )
    countries = [("CO", 212), ("VE", 180), ("PE", 95), ("EC", 61), ("HT", 33)]
    nationality = bar_chart(
        [(country_name(code, lang), n) for code, n in countries], title="nationality", fmt=fmt
    )
    periods = ["2022-T1", "2022-T2", "2022-T3", "2022-T4", "2023-T1", "2023-T2", "2023-T3"]
    trend = period_chart(
        periods,
        [
            (label("crime_type", "trafficking", _), [40, 52, 48, 61, 70, None, 83]),
            (label("crime_type", "smuggling", _), [88, 95, 120, 104, 131, 140, 152]),
        ],
        title=label("crime_type", "trafficking", _),
        kind="line",
        fmt=fmt,
    )
    nodes = [
        Node("p1", "Alias «El Flaco»", role="leader", group="G1"),
        Node("p2", "J. Quispe", group="G1"),
        Node("p3", "M. Ríos", group="G1"),
        Node("p4", "R. Silva", group="G2"),
        Node("p5", "D. Pérez", group="G2"),
        Node("ph1", "+51 9** *** 412", kind="phone"),
        Node("o1", "Transportes Andinos SAC", kind="organization", group="G2"),
    ]
    edges = [
        Edge("p1", "p2", "associate"),
        Edge("p1", "p3", "associate", 3),
        Edge("p2", "ph1", "phone"),
        Edge("p4", "ph1", "phone"),
        Edge("p4", "p5", "family"),
        Edge("p5", "o1", "owns"),
        Edge("p3", "p2", "case"),
    ]
    network = link_chart(
        nodes,
        edges,
        title=title("relation", _),
        kind_labels={
            "person": label("role", "suspect", _),
            "phone": label("identifier_kind", "phone", _),
            "organization": label("org_type", "company", _),
        },
        edge_labels={
            "associate": label("relation", "associate", _),
            "family": label("relation", "family", _),
            "owns": label("relation", "owns", _),
            "phone": label("identifier_kind", "phone", _),
            "case": label("event_type", "arrest", _),
        },
        group_labels={"G1": "G-0001", "G2": "G-0002"},
        _=_,
    )
    source = Source(AGENCIES, PERIOD)
    table = Table(
        title=title("exploitation_type", _),
        columns=[
            Column(title("exploitation_type", _)),
            Column(label("sex_age", "girl", _), "integer"),
            Column(label("sex_age", "boy", _), "integer"),
            Column(label("sex_age", "woman", _), "integer"),
            Column(label("sex_age", "man", _), "integer"),
            Column("%", "percent", 1),
        ],
        rows=[
            [label("exploitation_type", "sexual", _), 41, SUPPRESSED, 79, 16, 0.552],
            [label("exploitation_type", "forced_labour", _), 9, 12, 55, 59, 0.4121],
            [label("exploitation_type", "begging", _), SUPPRESSED, SUPPRESSED, 6, 5, None],
        ],
        totals=[[title("sex_age", _), 53, 1234, 140, 80, 1.0]],
        source=source,
        key="forms",
    )
    return Report(
        title=title("crime_type", _) + " — " + country_name("PE", lang),
        subtitle=format_integer(1234567, lang),
        kind="strategic",
        scope="all",
        period=PERIOD,
        sources=AGENCIES,
        snapshot="3f5a9c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a",
        settings={"leiden_resolution": 0.05, "suppression_threshold": 5, "seed": 1},
        created=datetime(2024, 3, 5, 14, 30, tzinfo=UTC),
        notes=notes,
        lang=lang,
        sections=[
            Section(
                title("exploitation_type", _),
                intro=f"**{title('sex', _)}** · {title('age_group', _)}",
                blocks=[Figure(title("exploitation_type", _), by_sex, source), table],
            ),
            Section(
                title("mode", _),
                blocks=[
                    Figure(label("crime_type", "both", _), trend, source, key="trend"),
                    Figure(country_name("VE", lang), nationality, Source(AGENCIES[:1])),
                ],
            ),
            Section(
                title("relation", _),
                blocks=[
                    Text(label("role", "suspect", _)),
                    Figure(title("relation", _), network, source, wide=True),
                ],
            ),
        ],
    )

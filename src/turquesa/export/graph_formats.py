"""Writers of the link graph for Gephi, igraph/networkx and i2 Analyst's Notebook.

Each writer streams a `GraphView` (already made safe for victims, see
`turquesa.export.graph_view`) to an open text handle, so a national graph never has to
sit in memory as one XML string.

* **GraphML** (`write_graphml`): every attribute declared with a `<key>` and its type, so
  igraph (`Graph.Read_GraphML`), networkx, Cytoscape and yEd read numbers as numbers.
* **GEXF 1.3** (`write_gexf`), for Gephi: typed node and edge attributes, the native edge
  weight, and each edge's first and last date as its `start`/`end` (a dynamic graph with
  `timeformat="date"`, so Gephi's timeline can replay the network). Partial dates widen
  to the days they cover ("2023-03" runs from 1 to 31 March).
* **i2 ANX** (`write_anx`): the Analyst's Notebook Exchange chart (File > Open in
  Analyst's Notebook 8 or later; no import specification needed). One `<ChartItem>` per
  entity, `End > Entity (EntityId, Identity) > Icon > IconStyle Type`, and one per link,
  `Link End1Id End2Id > LinkStyle`, with the chart-level `EntityTypeCollection`,
  `LinkTypeCollection`, `StrengthCollection` and `AttributeClassCollection` they refer
  to. Links are ends by `EntityId` (`IdReferenceLinking="false"`). Entity types carry
  i2 standard icon names; where a user's icon set lacks one, Analyst's Notebook shows its
  default icon and the type name still tells the kinds apart. Items are laid out on a
  grid, grouped by criminal group; use a layout of Analyst's Notebook to arrange them.
* **i2 CSV** (`write_i2_csv`): one row per link for Analyst's Notebook's Import
  wizard, for those who keep an import specification of their own. To import: Home >
  Import > Import from file, choose the CSV, "Comma" separated, first row as column
  headings; design a *Link* import with Entity 1 = columns `entity1_id` (identity),
  `entity1_type` (type), `entity1_label` (label), Entity 2 likewise with the
  `entity2_*` columns, the link type from `link_type`, the date from `date`
  (yyyy-MM-dd), and `weight`, `ties`, `agencies`, `evidence` as link attributes; save
  the specification to reuse it. A node with no link gets a row with empty `entity2_*`
  columns (set the import to skip links with a missing end).
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Iterable
from typing import TextIO

from turquesa.export.graph_view import ExportEdge, ExportNode, GraphView, day_range

Translate = Callable[[str], str]
Writer = Callable[..., None]

#: XML 1.0 refuses these outright; one stray control character from a pasted note would
#: make the whole file unreadable far from here, in Gephi or i2.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _identity(text: str) -> str:
    return text


def xml_text(value: object) -> str:
    """Escaped for XML text or a double-quoted attribute, newlines kept as newlines."""
    text = _ILLEGAL_XML.sub("", str(value))
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def _attrs(pairs: Iterable[tuple[str, object | None]]) -> str:
    return "".join(f' {name}="{xml_text(v)}"' for name, v in pairs if v is not None)


def _number(value: float) -> str:
    return repr(float(value)) if math.isfinite(value) else "0.0"


def _joined(values: Iterable[str]) -> str:
    return ";".join(values)


# --- GraphML -------------------------------------------------------------------------

GRAPHML_NODE_KEYS: tuple[tuple[str, str], ...] = (
    ("kind", "string"),
    ("label", "string"),
    ("group_id", "string"),
    ("brokers_for", "string"),
    ("agencies", "string"),
    ("countries", "string"),
    ("roles", "string"),
    ("protected", "boolean"),
)
GRAPHML_EDGE_KEYS: tuple[tuple[str, str], ...] = (
    ("kind", "string"),
    ("kinds", "string"),
    ("weight", "double"),
    ("first", "string"),
    ("last", "string"),
    ("agencies", "string"),
    ("evidence", "string"),
)


def _node_values(node: ExportNode) -> dict[str, object]:
    return {
        "kind": node.kind,
        "label": node.label,
        "group_id": node.group_id or "",
        "brokers_for": _joined(node.brokers_for),
        "agencies": _joined(node.agencies),
        "countries": _joined(node.countries),
        "roles": node.roles_text,
        "protected": "true" if node.protected else "false",
    }


def _edge_values(edge: ExportEdge) -> dict[str, object]:
    return {
        "kind": edge.kind,
        "kinds": edge.kinds_text,
        "weight": _number(edge.weight),
        "first": edge.first or "",
        "last": edge.last or "",
        "agencies": _joined(edge.agencies),
        "evidence": _joined(edge.evidence),
    }


def write_graphml(view: GraphView, out: TextIO, _: Translate = _identity) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
        ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    for prefix, target, keys in (
        ("n", "node", GRAPHML_NODE_KEYS),
        ("e", "edge", GRAPHML_EDGE_KEYS),
    ):
        for name, kind in keys:
            out.write(
                f'  <key id="{prefix}_{name}" for="{target}"'
                f' attr.name="{name}" attr.type="{kind}"/>\n'
            )
    out.write('  <graph id="turquesa" edgedefault="undirected">\n')
    out.write(f"    <desc>{xml_text(view.title)}</desc>\n")
    for node in view.nodes:
        out.write(f'    <node id="{xml_text(node.id)}">\n')
        for name, value in _node_values(node).items():
            out.write(f'      <data key="n_{name}">{xml_text(value)}</data>\n')
        out.write("    </node>\n")
    for i, edge in enumerate(view.edges):
        out.write(
            f'    <edge id="e{i}" source="{xml_text(edge.source)}"'
            f' target="{xml_text(edge.target)}">\n'
        )
        for name, value in _edge_values(edge).items():
            out.write(f'      <data key="e_{name}">{xml_text(value)}</data>\n')
        out.write("    </edge>\n")
    out.write("  </graph>\n</graphml>\n")


# --- GEXF 1.3 ------------------------------------------------------------------------

GEXF_NODE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("kind", "string"),
    ("group_id", "string"),
    ("brokers_for", "string"),
    ("agencies", "string"),
    ("countries", "string"),
    ("roles", "string"),
    ("protected", "boolean"),
)
GEXF_EDGE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("kind", "string"),
    ("kinds", "string"),
    ("first", "string"),
    ("last", "string"),
    ("agencies", "string"),
    ("evidence", "string"),
)


def _spell(edge: ExportEdge) -> tuple[str | None, str | None]:
    first, last = day_range(edge.first), day_range(edge.last or edge.first)
    start = first[0] if first else None
    end = last[1] if last else None
    if start and end and end < start:
        end = start
    return start, end


def _gexf_attvalues(out: TextIO, values: dict[str, object], names: Iterable[str]) -> None:
    out.write("        <attvalues>\n")
    for i, name in enumerate(names):
        value = values[name]
        if value not in ("", None):
            out.write(f'          <attvalue for="{i}" value="{xml_text(value)}"/>\n')
    out.write("        </attvalues>\n")


def write_gexf(view: GraphView, out: TextIO, _: Translate = _identity) -> None:
    spells = [_spell(edge) for edge in view.edges]
    dynamic = any(start or end for start, end in spells)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        '<gexf xmlns="http://gexf.net/1.3"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"'
        ' version="1.3">\n'
    )
    out.write(
        f"  <meta><creator>Turquesa</creator>"
        f"<description>{xml_text(view.title)}</description></meta>\n"
    )
    mode = ' mode="dynamic" timeformat="date"' if dynamic else ' mode="static"'
    out.write(f'  <graph defaultedgetype="undirected"{mode}>\n')
    for target, attributes in (("node", GEXF_NODE_ATTRIBUTES), ("edge", GEXF_EDGE_ATTRIBUTES)):
        out.write(f'    <attributes class="{target}">\n')
        for i, (name, kind) in enumerate(attributes):
            out.write(f'      <attribute id="{i}" title="{name}" type="{kind}"/>\n')
        out.write("    </attributes>\n")
    out.write("    <nodes>\n")
    node_names = [name for name, _kind in GEXF_NODE_ATTRIBUTES]
    for node in view.nodes:
        out.write(f'      <node id="{xml_text(node.id)}" label="{xml_text(node.label)}">\n')
        _gexf_attvalues(out, _node_values(node), node_names)
        out.write("      </node>\n")
    out.write("    </nodes>\n    <edges>\n")
    edge_names = [name for name, _kind in GEXF_EDGE_ATTRIBUTES]
    for i, (edge, (start, end)) in enumerate(zip(view.edges, spells, strict=True)):
        attrs = _attrs(
            (
                ("id", f"e{i}"),
                ("source", edge.source),
                ("target", edge.target),
                ("label", edge.kind),
                ("weight", _number(edge.weight)),
                ("start", start),
                ("end", end),
            )
        )
        out.write(f"      <edge{attrs}>\n")
        _gexf_attvalues(out, _edge_values(edge), edge_names)
        out.write("      </edge>\n")
    out.write("    </edges>\n  </graph>\n</gexf>\n")


# --- i2 Analyst's Notebook -----------------------------------------------------------


def entity_types(_: Translate = _identity) -> dict[str, tuple[str, str]]:
    """Node kind -> (i2 entity type name, i2 standard icon file). Only icon names seen in
    charts that Analyst's Notebook opens are used; kinds without a fitting one share
    "General" and are told apart by their type name."""
    return {
        "person": (_("Person"), "Person"),
        "organization": (_("Organisation"), "Group of People"),
        "phone": (_("Telephone"), "Phone"),
        "email": (_("Email address"), "General"),
        "account": (_("Online account"), "General"),
        "document": (_("Identity document"), "Passport"),
        "vehicle": (_("Vehicle"), "Car"),
        "bank_account": (_("Bank account"), "Account"),
        "identifier": (_("Identifier"), "General"),
        "address": (_("Address"), "place"),
        "event": (_("Event"), "General"),
        "case": (_("Case"), "Case"),
    }


#: Attribute class key -> i2 attribute type.
_ANX_CLASSES: tuple[tuple[str, str], ...] = (
    ("entity_id", "AttText"),
    ("kind", "AttText"),
    ("group", "AttText"),
    ("broker_for", "AttText"),
    ("agencies", "AttText"),
    ("countries", "AttText"),
    ("roles", "AttText"),
    ("ties", "AttText"),
    ("weight", "AttNumber"),
    ("first", "AttTime"),
    ("last", "AttTime"),
    ("evidence", "AttText"),
)
GRID_SPACING = 160


def anx_class_names(_: Translate = _identity) -> dict[str, str]:
    return {
        "entity_id": _("Entity id"),
        "kind": _("Kind"),
        "group": _("Group"),
        "broker_for": _("Broker for groups"),
        "agencies": _("Agencies"),
        "countries": _("Countries"),
        "roles": _("Roles"),
        "ties": _("Ties"),
        "weight": _("Weight"),
        "first": _("First date"),
        "last": _("Last date"),
        "evidence": _("Evidence"),
    }


def _anx_time(value: str | None, at_end: bool = False) -> str | None:
    days = day_range(value)
    if days is None:
        return None
    return f"{days[1] if at_end else days[0]}T00:00:00.000"


def _anx_attributes(
    out: TextIO, values: Iterable[tuple[str, str | None]], names: dict[str, str]
) -> None:
    present = [(key, value) for key, value in values if value not in (None, "")]
    if not present:
        return
    out.write("      <AttributeCollection>\n")
    for key, value in present:
        out.write(
            f'        <Attribute AttributeClass="{xml_text(names[key])}"'
            f' AttributeClassReference="AC_{key}" Value="{xml_text(value)}"/>\n'
        )
    out.write("      </AttributeCollection>\n")


def _grid_order(nodes: Iterable[ExportNode]) -> list[ExportNode]:
    """Group members side by side, then everything else by kind: a first arrangement that
    already reads as groups."""
    return sorted(nodes, key=lambda n: (n.group_id is None, n.group_id or "", n.kind, n.id))


def write_anx(view: GraphView, out: TextIO, _: Translate = _identity) -> None:
    types = entity_types(_)
    fallback = (_("Other"), "General")
    names = anx_class_names(_)
    used_types = sorted({types.get(n.kind, fallback) for n in view.nodes})
    type_ids = {name: f"ET{i}" for i, (name, _icon) in enumerate(used_types, 1)}
    link_types = sorted({edge.kind for edge in view.edges})
    link_ids = {kind: f"LT{i}" for i, kind in enumerate(link_types, 1)}
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<Chart IdReferenceLinking="false">\n')
    out.write('  <ApplicationVersion Major="9" Minor="0" Point="0" Build="0"/>\n')
    out.write(
        '  <StrengthCollection>\n    <Strength Id="ST1" Name="Default"'
        ' DotStyle="DotStyleSolid"/>\n  </StrengthCollection>\n'
    )
    out.write("  <AttributeClassCollection>\n")
    for key, kind in _ANX_CLASSES:
        out.write(
            f'    <AttributeClass Id="AC_{key}" Name="{xml_text(names[key])}" Type="{kind}"'
            ' IsUser="true" UserCanAdd="true" UserCanRemove="true" ShowValue="true"/>\n'
        )
    out.write("  </AttributeClassCollection>\n  <EntityTypeCollection>\n")
    for name, icon in used_types:
        out.write(
            f'    <EntityType Id="{type_ids[name]}" Name="{xml_text(name)}"'
            f' PreferredRepresentation="RepresentAsIcon" IconFile="{xml_text(icon)}"/>\n'
        )
    out.write("  </EntityTypeCollection>\n  <LinkTypeCollection>\n")
    for kind in link_types:
        out.write(f'    <LinkType Id="{link_ids[kind]}" Name="{xml_text(kind)}"/>\n')
    out.write("  </LinkTypeCollection>\n  <ChartItemCollection>\n")
    entity_id: dict[str, int] = {}
    ordered = _grid_order(view.nodes)
    columns = max(1, math.ceil(math.sqrt(len(ordered))))
    for i, node in enumerate(ordered, 1):
        entity_id[node.id] = i
        x, y = ((i - 1) % columns) * GRID_SPACING, ((i - 1) // columns) * GRID_SPACING
        type_name, _icon = types.get(node.kind, fallback)
        out.write(
            f'    <ChartItem Id="CI{i}" Label="{xml_text(node.label)}" DateSet="false"'
            f' XPosition="{x}">\n'
        )
        out.write(f'      <End X="{x}" Y="{y}" Z="0">\n')
        out.write(
            f'        <Entity EntityId="{i}" Identity="{xml_text(node.id)}"'
            ' LabelIsIdentity="false">\n'
        )
        out.write(
            f'          <Icon><IconStyle Type="{xml_text(type_name)}"'
            f' EntityTypeReference="{type_ids[type_name]}"/></Icon>\n'
        )
        out.write("        </Entity>\n      </End>\n")
        _anx_attributes(
            out,
            (
                ("entity_id", node.id),
                ("kind", node.kind),
                ("group", node.group_id),
                ("broker_for", _joined(node.brokers_for)),
                ("agencies", _joined(node.agencies)),
                ("countries", _joined(node.countries)),
                ("roles", node.roles_text),
            ),
            names,
        )
        out.write("    </ChartItem>\n")
    offset = len(ordered)
    for j, edge in enumerate(view.edges, 1):
        when = _anx_time(edge.first)
        dated = f' DateSet="true" DateTime="{when}"' if when else ' DateSet="false"'
        out.write(
            f'    <ChartItem Id="CI{offset + j}" Label="{xml_text(edge.kind)}"'
            f' Description="{xml_text(_joined(edge.evidence))}"{dated}>\n'
        )
        out.write(
            f'      <Link End1Id="{entity_id[edge.source]}" End2Id="{entity_id[edge.target]}">\n'
            f'        <LinkStyle Strength="Default" StrengthReference="ST1"'
            f' ArrowStyle="ArrowNone" Type="{xml_text(edge.kind)}"'
            f' LinkTypeReference="{link_ids[edge.kind]}"/>\n'
            "      </Link>\n"
        )
        _anx_attributes(
            out,
            (
                ("ties", edge.kinds_text),
                ("weight", _number(edge.weight)),
                ("first", when),
                ("last", _anx_time(edge.last, at_end=True)),
                ("agencies", _joined(edge.agencies)),
                ("evidence", _joined(edge.evidence)),
            ),
            names,
        )
        out.write("    </ChartItem>\n")
    out.write("  </ChartItemCollection>\n</Chart>\n")


I2_CSV_COLUMNS = (
    "entity1_id",
    "entity1_type",
    "entity1_label",
    "entity2_id",
    "entity2_type",
    "entity2_label",
    "link_type",
    "date",
    "last_date",
    "weight",
    "ties",
    "agencies",
    "evidence",
    "entity1_group",
    "entity2_group",
)


def write_i2_csv(view: GraphView, out: TextIO, _: Translate = _identity) -> None:
    types = entity_types(_)
    fallback = (_("Other"), "General")
    by_id = {node.id: node for node in view.nodes}
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(I2_CSV_COLUMNS)
    linked: set[str] = set()
    for edge in view.edges:
        a, b = by_id[edge.source], by_id[edge.target]
        linked.update((a.id, b.id))
        first, last = day_range(edge.first), day_range(edge.last)
        writer.writerow(
            (
                a.id,
                types.get(a.kind, fallback)[0],
                a.label,
                b.id,
                types.get(b.kind, fallback)[0],
                b.label,
                edge.kind,
                first[0] if first else "",
                last[1] if last else "",
                _number(edge.weight),
                edge.kinds_text,
                _joined(edge.agencies),
                _joined(edge.evidence),
                a.group_id or "",
                b.group_id or "",
            )
        )
    for node in view.nodes:
        if node.id not in linked:
            kind = types.get(node.kind, fallback)[0]
            writer.writerow((node.id, kind, node.label, *[""] * 10, node.group_id or "", ""))


WRITERS: dict[str, Writer] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "i2": write_anx,
    "i2-csv": write_i2_csv,
}

"""The alignment's take-away files: the edge list as CSV, GraphML (Gephi, visone, igraph) and JSON.

Every file says which dataset (title, version, citation), which window and which filters it was computed on; the
CLI and the page's downloads write the same bytes for the same options.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import pandas as pd

from stances import alignment as al
from stances import query
from stances.export import neutralise_text
from stances.model import Debate
from stances.query import Filters

FORMATS = ("csv", "graphml", "json")
MEDIA_TYPES = {"csv": "text/csv", "graphml": "application/graphml+xml", "json": "application/json"}
ACTOR_ATTRIBUTES = ("name", "role", "affiliation", "country", "actor_kind", "speaks_for")
# Characters XML 1.0 cannot hold at all, even escaped.
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, kw_only=True)
class AlignmentOptions:
    """What to compute: the filters (their dates are the window), the measure, and the camps' threshold."""

    filters: Filters = field(default_factory=Filters)
    measure: al.Measure = al.Measure.AGREEMENT
    threshold: float = 0.5


def compute(debate: Debate, options: AlignmentOptions) -> al.Alignment:
    """The alignment of the statements passing the filters, over the filters' window."""
    return al.alignment(
        query.apply(debate, options.filters),
        debate.scale_points,
        start=options.filters.start,
        end=options.filters.end,
        actor_order=debate.actors["actor_id"].astype(str).tolist(),
    )


def window(debate: Debate, options: AlignmentOptions) -> tuple[dt.date, dt.date]:
    """The window as written in the files: the filters' dates, else the first and last statement date."""
    first, last = query.date_bounds(debate.statements)
    return options.filters.start or first, options.filters.end or last


def about(debate: Debate, options: AlignmentOptions) -> dict[str, str]:
    """Dataset, window, measure and filters, as text: the same fields in every format."""
    start, end = window(debate, options)
    active = options.filters.without("start").without("end").active()
    return {
        "dataset": debate.meta.title,
        "dataset_name": debate.meta.name,
        "version": debate.meta.version,
        "citation": debate.meta.citation,
        "window_from": start.isoformat(),
        "window_to": end.isoformat(),
        "measure": str(options.measure),
        "measure_meaning": al.MEASURE_MEANINGS[options.measure],
        "filters": "; ".join(f"{k}: {v}" for k, v in active.items()) or "none",
    }


def edge_table(debate: Debate, options: AlignmentOptions, result: al.Alignment | None = None) -> pd.DataFrame:
    """The edge list with the dataset, window and measure repeated on every row, so the file carries them."""
    result = result if result is not None else compute(debate, options)
    edges = al.edge_list(result, options.measure)
    info = about(debate, options)
    extra = {k: info[k] for k in ("window_from", "window_to", "measure", "dataset", "version", "citation")}
    return edges.assign(**extra)


def to_csv(debate: Debate, options: AlignmentOptions, result: al.Alignment | None = None) -> bytes:
    """UTF-8 CSV (with the byte-order mark Excel needs), text cells made safe from spreadsheet formulas."""
    table = neutralise_text(edge_table(debate, options, result))
    return b"\xef\xbb\xbf" + table.to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_json(debate: Debate, options: AlignmentOptions, result: al.Alignment | None = None) -> bytes:
    """`{"about": {...}, "actors": [...], "edges": [...]}`; actors carry their camp at the options' threshold."""
    result = result if result is not None else compute(debate, options)
    document = {
        "about": about(debate, options),
        "actors": _actor_rows(debate, result, options).to_dict(orient="records"),
        "edges": al.edge_list(result, options.measure).to_dict(orient="records"),
    }
    return (json.dumps(document, ensure_ascii=False, indent=1, default=str) + "\n").encode("utf-8")


def _actor_rows(debate: Debate, result: al.Alignment, options: AlignmentOptions) -> pd.DataFrame:
    actors = debate.actors.set_index("actor_id")
    camps = al.camps(result, options.threshold)
    rows = pd.DataFrame({"actor_id": result.actors})
    for name in ACTOR_ATTRIBUTES:
        column = actors[name] if name in actors else pd.Series("", index=actors.index)
        rows[name] = rows["actor_id"].map(column.astype(str)).fillna("")
    rows["camp"] = rows["actor_id"].map(camps).astype("int64")
    rows["positions"] = rows["actor_id"].map(result.positions["actor_id"].astype(str).value_counts()).astype("int64")
    return rows


def _xml_text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


def to_graphml(debate: Debate, options: AlignmentOptions, result: al.Alignment | None = None) -> bytes:
    """GraphML: one node per actor with its attributes and camp, one undirected edge per pair with its measures,
    and the dataset, window and measure as graph attributes."""
    result = result if result is not None else compute(debate, options)
    ns = "http://graphml.graphdrawing.org/xmlns"
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}graphml")
    info = about(debate, options)
    edges = al.edge_list(result, options.measure)
    actors = _actor_rows(debate, result, options)

    def key(name: str, domain: str, kind: str) -> str:
        ident = f"{domain[0]}_{name}"
        ET.SubElement(root, f"{{{ns}}}key", {"id": ident, "for": domain, "attr.name": name, "attr.type": kind})
        return ident

    graph_keys = {name: key(name, "graph", "string") for name in info}
    node_keys = {name: key(name, "node", "string") for name in ACTOR_ATTRIBUTES}
    node_keys["camp"] = key("camp", "node", "int")
    node_keys["positions"] = key("positions", "node", "int")
    edge_keys = {
        name: key(name, "edge", "double" if pd.api.types.is_float_dtype(edges[name]) else "int")
        for name in edges.columns[2:]
    }
    graph = ET.SubElement(root, f"{{{ns}}}graph", {"id": "alignment", "edgedefault": "undirected"})
    for name, value in info.items():
        ET.SubElement(graph, f"{{{ns}}}data", {"key": graph_keys[name]}).text = _xml_text(value)
    for row in actors.itertuples(index=False):
        node = ET.SubElement(graph, f"{{{ns}}}node", {"id": _xml_text(row.actor_id)})
        for name, ident in node_keys.items():
            ET.SubElement(node, f"{{{ns}}}data", {"key": ident}).text = _xml_text(getattr(row, name))
    for i, row in enumerate(edges.itertuples(index=False)):
        edge = ET.SubElement(
            graph, f"{{{ns}}}edge", {"id": f"e{i}", "source": str(row.actor_a), "target": str(row.actor_b)}
        )
        for name, ident in edge_keys.items():
            ET.SubElement(edge, f"{{{ns}}}data", {"key": ident}).text = str(getattr(row, name))
    ET.indent(root)
    out = io.BytesIO()
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue() + b"\n"


WRITERS = {"csv": to_csv, "graphml": to_graphml, "json": to_json}


def alignment_bytes(debate: Debate, options: AlignmentOptions, fmt: str, result: al.Alignment | None = None) -> bytes:
    """The file in `fmt` (csv, graphml or json)."""
    return WRITERS[fmt](debate, options, result)


def file_name(debate: Debate, options: AlignmentOptions, fmt: str) -> str:
    """`ukraine-talks-2022_v0.2.0_alignment_2022-10-01_2022-11-30.csv`"""
    start, end = window(debate, options)
    version = f"_v{debate.meta.version}" if debate.meta.version else ""
    # The name comes from the dataset: only plain characters, so it never names another folder.
    stem = _SAFE_NAME.sub("-", f"{debate.meta.name}{version}").strip(".-") or "debate"
    return f"{stem}_alignment_{start.isoformat()}_{end.isoformat()}.{fmt}"

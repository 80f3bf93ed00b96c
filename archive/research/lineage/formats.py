"""Writing a lineage graph: JSON (design.md's shape), Graphviz DOT, GraphML, a PNG picture."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import networkx as nx

#: Node attributes of design.md's JSON, in order (more follow).
NODE_FIELDS = ("id", "outlet", "title", "url", "published_at")
EXTRA_NODE_FIELDS = ("first_seen_at", "kind", "in_story")
FORMATS = ("json", "dot", "graphml", "png")


def _node_order(graph: nx.MultiDiGraph) -> list[Any]:
    """Return nodes: articles by id, then credited outlets by name."""
    articles = sorted(n for n in graph.nodes if isinstance(n, int))
    outlets = sorted(n for n in graph.nodes if not isinstance(n, int))
    return [*articles, *outlets]


def lineage_json(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Return the graph as ``{"nodes": [...], "edges": [...]}`` (design.md "Research views")."""
    nodes = []
    for node in _node_order(graph):
        attrs = graph.nodes[node]
        record = {"id": node, **{f: attrs.get(f) for f in NODE_FIELDS[1:]}}
        record.update({f: attrs.get(f) for f in EXTRA_NODE_FIELDS})
        nodes.append(record)
    position = {node: i for i, node in enumerate(_node_order(graph))}
    edges = [
        {"from": u, "to": v, "kind": data["kind"], "evidence": data["evidence"]}
        for u, v, data in graph.edges(data=True)
    ]
    edges.sort(key=lambda e: (position[e["to"]], position[e["from"]], e["kind"]))
    return {"story": graph.graph.get("story"), "nodes": nodes, "edges": edges}


def _dot_quote(value: Any) -> str:
    """Return a DOT double-quoted string."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{text}"'


EDGE_STYLE = {
    "copy": 'color="#d62728", penwidth=2',
    "rewrite": 'color="#1f77b4"',
    "credit": 'color="#2ca02c", style=dashed',
    "link": 'color="#9467bd", style=dotted',
}


def lineage_dot(graph: nx.MultiDiGraph) -> str:
    """Return the graph in Graphviz DOT (edges coloured by kind, oldest articles left)."""
    lines = [f"digraph {_dot_quote('lineage ' + str(graph.graph.get('story') or ''))} {{"]
    lines.append("  rankdir=LR; node [shape=box, fontsize=10];")
    for node in _node_order(graph):
        attrs = graph.nodes[node]
        label = f"{attrs.get('outlet') or attrs.get('title')}\\n{attrs.get('published_at') or ''}"
        if attrs.get("kind") == "outlet":
            label = f"{attrs.get('title')}\\n(not archived)"
        shape = ", shape=ellipse, style=dashed" if attrs.get("kind") == "outlet" else ""
        lines.append(f"  {_dot_quote(node)} [label={_dot_quote(label)}{shape}];")
    for u, v, data in graph.edges(data=True):
        style = EDGE_STYLE.get(data["kind"], "")
        lines.append(
            f"  {_dot_quote(u)} -> {_dot_quote(v)} [label={_dot_quote(data['kind'])}, {style}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def lineage_graphml(graph: nx.MultiDiGraph) -> str:
    """Return the graph as GraphML (evidence as JSON text; empty values left out)."""
    plain = nx.MultiDiGraph()
    for node in _node_order(graph):
        attrs = {k: v for k, v in graph.nodes[node].items() if v is not None}
        plain.add_node(str(node), **attrs)
    for u, v, key, data in graph.edges(keys=True, data=True):
        evidence = json.dumps(data["evidence"], ensure_ascii=False, default=str)
        plain.add_edge(str(u), str(v), key=key, kind=data["kind"], evidence=evidence)
    buffer = io.BytesIO()
    nx.write_graphml(plain, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def write_lineage(graph: nx.MultiDiGraph, fmt: str, path: Path | None) -> bytes:
    """Return the graph in ``fmt`` as bytes (and write it to ``path`` when given)."""
    if fmt == "json":
        data = (json.dumps(lineage_json(graph), ensure_ascii=False, indent=2) + "\n").encode()
    elif fmt == "dot":
        data = lineage_dot(graph).encode()
    elif fmt == "graphml":
        data = lineage_graphml(graph).encode()
    elif fmt == "png":
        from archive.research.lineage.picture import lineage_png

        data = lineage_png(graph)
    else:
        raise ValueError(f"unknown lineage format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if path is not None:
        path.write_bytes(data)
    return data

"""The lineage graph as a picture (matplotlib, the ``plot`` extra): time left to right.

One row per outlet (the first publisher on top), each article at its publication time (first
seen when undated), edges coloured by kind; credited outlets without an archived article sit in
a row of their own, just before the first article that credits them.
"""

from __future__ import annotations

import io
import math
from datetime import datetime, timedelta
from typing import Any

import networkx as nx

from archive.query.extras import require

KIND_COLOURS = {"copy": "#d62728", "rewrite": "#1f77b4", "credit": "#2ca02c", "link": "#9467bd"}
#: Above this many edges they are drawn as plain lines (arrowheads cost a patch each).
MAX_ARROWS = 400
#: Above this many articles the picture shows outlets: one arrow per (source outlet, derived
#: outlet, kind), as wide as the log of its count, from each outlet's first article (thousands
#: of article edges are unreadable and make a multi-megabyte PNG).
MAX_ARTICLE_NODES = 300
#: The by-outlet picture draws this many of the strongest outlet-to-outlet edges.
MAX_OUTLET_EDGES = 150
#: How far before its first derived article a credited outlet's node is drawn.
OUTLET_LEAD = timedelta(minutes=30)
ROW_HEIGHT_IN, MIN_HEIGHT_IN, WIDTH_IN, DPI = 0.4, 3.0, 11.0, 100
OUTLET_ROW = "credited (not archived)"


def _when(attrs: dict[str, Any]) -> datetime | None:
    """Return a node's time on the x axis (published, else first seen)."""
    value = attrs.get("published_at") or attrs.get("first_seen_at")
    return datetime.fromisoformat(value) if value else None


def _positions(graph: nx.MultiDiGraph) -> tuple[dict[Any, tuple[datetime, int]], list[str]]:
    """Return node positions (time, row) and the row labels, first publisher on top."""
    times = {n: _when(a) for n, a in graph.nodes(data=True) if a.get("kind") == "article"}
    dated = sorted((t, n) for n, t in times.items() if t is not None)
    rows: list[str] = []
    for _, node in dated:
        outlet = graph.nodes[node].get("outlet") or "?"
        if outlet not in rows:
            rows.append(outlet)
    positions = {n: (t, rows.index(graph.nodes[n].get("outlet") or "?")) for t, n in dated}
    outlet_nodes = [n for n, a in graph.nodes(data=True) if a.get("kind") == "outlet"]
    if outlet_nodes:
        rows.append(OUTLET_ROW)
    for node in outlet_nodes:
        derived = [positions[v][0] for v in graph.successors(node) if v in positions]
        if derived:
            positions[node] = (min(derived) - OUTLET_LEAD, len(rows) - 1)
    return positions, rows


def outlet_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return the lineage between outlets: nodes at each outlet's first article, counted edges."""
    merged = nx.MultiDiGraph(**graph.graph)
    home: dict[Any, Any] = {}
    for node, attrs in sorted(graph.nodes(data=True), key=lambda n: _sort_time(n[1])):
        if attrs.get("kind") != "article":
            merged.add_node(node, **attrs)
            home[node] = node
            continue
        outlet = f"outlet-row:{attrs.get('outlet') or '?'}"
        if outlet not in merged:
            merged.add_node(outlet, **attrs)
        home[node] = outlet
    counts: dict[tuple[Any, Any, str], int] = {}
    for u, v, kind in graph.edges(keys=True):
        if home[u] != home[v]:  # an outlet reusing its own article is no arrow between outlets
            counts[(home[u], home[v], kind)] = counts.get((home[u], home[v], kind), 0) + 1
    strongest = sorted(counts.items(), key=lambda item: -item[1])[:MAX_OUTLET_EDGES]
    for (a, b, kind), count in strongest:
        merged.add_edge(a, b, key=kind, kind=kind, count=count)
    return merged


def _sort_time(attrs: dict[str, Any]) -> str:
    """Return a node's time as a sortable string (undated last)."""
    return attrs.get("published_at") or attrs.get("first_seen_at") or "~"


def lineage_png(graph: nx.MultiDiGraph, *, title: str | None = None) -> bytes:
    """Return the picture of the lineage graph as PNG bytes (by outlet when it is large)."""
    matplotlib = require("matplotlib", "plot", "the lineage picture")
    matplotlib.use("Agg", force=True)
    plt = require("matplotlib.pyplot", "plot", "the lineage picture")
    articles = sum(1 for _, kind in graph.nodes(data="kind") if kind == "article")
    drawn = outlet_graph(graph) if articles > MAX_ARTICLE_NODES else graph
    positions, rows = _positions(drawn)
    height = max(MIN_HEIGHT_IN, ROW_HEIGHT_IN * len(rows) + 1.6)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, height), dpi=DPI)
    try:
        _draw(ax, drawn, positions, rows)
        story = title or graph.graph.get("story") or "all stories"
        scope = f" by outlet, the {MAX_OUTLET_EDGES} strongest links" if drawn is not graph else ""
        ax.set_title(f"Lineage{scope}: {story} ({graph.number_of_nodes()} nodes, "
                     f"{graph.number_of_edges()} edges)")  # fmt: skip
        fig.autofmt_xdate()
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    finally:
        plt.close(fig)
    return buffer.getvalue()


def _draw(ax: Any, graph: nx.MultiDiGraph, positions: dict, rows: list[str]) -> None:
    """Draw edges (by kind), then nodes, axes and legend."""
    from matplotlib.dates import date2num

    xy = {n: (date2num(t), row) for n, (t, row) in positions.items()}
    arrows = graph.number_of_edges() <= MAX_ARROWS
    for kind, colour in KIND_COLOURS.items():
        pairs = [(xy[u], xy[v], count) for u, v, k, count in graph.edges(keys=True, data="count")
                 if k == kind and u in xy and v in xy]  # fmt: skip
        for start, end, count in pairs:
            width = 1.2 if count is None else 0.8 + math.log2(count)
            if arrows:
                ax.annotate("", xy=end, xytext=start, arrowprops={
                    "arrowstyle": "-|>", "color": colour, "lw": width, "alpha": 0.8,
                    "connectionstyle": "arc3,rad=0.15", "shrinkA": 4, "shrinkB": 4,
                })  # fmt: skip
            else:
                ax.plot([start[0], end[0]], [start[1], end[1]], color=colour, lw=0.5, alpha=0.4)
        total = sum(count or 1 for _, _, count in pairs)
        ax.plot([], [], color=colour, label=f"{kind} ({total})")
    articles = [n for n in xy if graph.nodes[n].get("kind") == "article"]
    outlets = [n for n in xy if graph.nodes[n].get("kind") == "outlet"]
    ax.scatter([xy[n][0] for n in articles], [xy[n][1] for n in articles], s=28, c="#333333",
               zorder=3)  # fmt: skip
    ax.scatter([xy[n][0] for n in outlets], [xy[n][1] for n in outlets], s=60, marker="D",
               facecolors="white", edgecolors="#2ca02c", zorder=3)  # fmt: skip
    for node in outlets:
        ax.annotate(graph.nodes[node].get("title") or "", xy[node], fontsize=7,
                    xytext=(0, 6), textcoords="offset points", ha="center")  # fmt: skip
    ax.xaxis_date()
    ax.set_yticks(range(len(rows)), labels=rows)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel("published (UTC)")
    ax.margins(x=0.04)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", title="edges")

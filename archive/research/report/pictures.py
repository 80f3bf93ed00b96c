"""The report's pictures as data: URIs, or None with the reason when matplotlib is missing."""

from __future__ import annotations

import base64
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from archive.query.coverage import TimelinePoint
from archive.query.extras import MissingDependencyError


@dataclass
class Picture:
    """A PNG as a data: URI, or the one-line reason it could not be drawn."""

    uri: str | None = None
    missing: str | None = None


def data_uri(png: bytes) -> str:
    """Return PNG bytes as a data: URI."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def timeline_picture(points: Sequence[TimelinePoint], title: str) -> Picture:
    """Return the publication timeline by outlet (archive.plot's picture)."""
    from archive.plot import plot_timeline

    with tempfile.TemporaryDirectory(prefix="newsarchive-report-") as tmp:
        path = Path(tmp) / "timeline.png"
        try:
            plot_timeline(points, path, title=title)
        except MissingDependencyError as exc:
            return Picture(missing=str(exc))
        return Picture(uri=data_uri(path.read_bytes()))


def lineage_picture(graph: nx.MultiDiGraph) -> Picture:
    """Return the lineage graph's picture."""
    from archive.research.lineage.picture import lineage_png

    try:
        return Picture(uri=data_uri(lineage_png(graph)))
    except MissingDependencyError as exc:
        return Picture(missing=str(exc))

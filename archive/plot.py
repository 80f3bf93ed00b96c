"""A story's publication timeline by outlet, drawn with matplotlib (the ``plot`` extra).

One row per outlet, one mark per dated article: filled circles for originals, hollow ones for
copies of another outlet's text, so syndication shows at a glance.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO

from archive.query.coverage import TimelinePoint
from archive.query.extras import require

ROW_HEIGHT_IN = 0.35
MIN_HEIGHT_IN = 2.5
WIDTH_IN = 10.0
DPI = 110


def _outlet_order(points: Sequence[TimelinePoint]) -> list[str]:
    """Return outlets by their first publication, earliest on top."""
    first: dict[str, int] = {}
    for index, point in enumerate(points):
        first.setdefault(point.outlet, index)
    return sorted(first, key=first.__getitem__)


def plot_timeline(
    points: Sequence[TimelinePoint], path: Path | str | IO[bytes], *, title: str
) -> int:
    """Draw the points as a PNG to ``path`` (a file name or binary file); return how many."""
    matplotlib = require("matplotlib", "plot", "coverage --plot")
    matplotlib.use("Agg", force=True)
    plt = require("matplotlib.pyplot", "plot", "coverage --plot")
    outlets = _outlet_order(points)
    row = {name: i for i, name in enumerate(outlets)}
    height = max(MIN_HEIGHT_IN, ROW_HEIGHT_IN * len(outlets) + 1.5)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, height), dpi=DPI)
    try:
        for is_copy, label, face in ((False, "original", "C0"), (True, "copy", "none")):
            chosen = [p for p in points if p.is_duplicate == is_copy]
            if chosen:
                ax.scatter(
                    [p.published_at for p in chosen],
                    [row[p.outlet] for p in chosen],
                    facecolors=face,
                    edgecolors="C0",
                    label=label,
                    zorder=3,
                )
        ax.set_yticks(range(len(outlets)), labels=outlets)
        ax.set_ylim(len(outlets) - 0.5, -0.5)
        ax.grid(axis="x", alpha=0.3)
        ax.set_xlabel("published (UTC)")
        ax.set_title(f"Publication timeline: {title} ({len(points)} articles)")
        if points:
            ax.legend(loc="lower right", fontsize="small")
        fig.autofmt_xdate()
        fig.tight_layout()
        fig.savefig(path if hasattr(path, "write") else str(path), format="png")
    finally:
        plt.close(fig)
    return len(points)

"""Crawl progress: a live table per outlet on a terminal, plain log lines otherwise, a summary."""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.live import Live
from rich.table import Table
from scrapy.utils.asyncio import create_looping_call

from crawler.outcome import COLUMNS, outlet_counts

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger("newsarchive.progress")
#: Seconds between live refreshes on a terminal, and between log lines otherwise.
LIVE_INTERVAL_S = 0.5
LOG_INTERVAL_S = 15.0


def counts_table(rows: Mapping[str, Mapping[str, int]], title: str | None = None) -> Table:
    """Return a rich table with one row per outlet and a total row."""
    table = Table(title=title)
    table.add_column("outlet")
    for column in COLUMNS:
        table.add_column(column, justify="right")
    totals = dict.fromkeys(COLUMNS, 0)
    for key, counts in rows.items():
        table.add_row(key, *(str(counts.get(c, 0)) for c in COLUMNS))
        for column in COLUMNS:
            totals[column] += counts.get(column, 0)
    table.add_row("total", *(str(totals[c]) for c in COLUMNS), style="bold")
    return table


class CrawlProgress:
    """Follows the crawlers' stats while the reactor runs; prints the summary at the end."""

    def __init__(
        self, live: bool | None = None, console: Console | None = None, summary: bool = True
    ) -> None:
        self.console = console or Console(file=sys.stdout)
        self.live = self.console.is_terminal if live is None else live
        self.summary = summary
        self._crawlers: dict[str, Crawler] = {}
        self._display: Live | None = None
        self._loop: Any = None

    def rows(self) -> dict[str, dict[str, int]]:
        """Return the current counts per outlet."""
        return {
            key: outlet_counts(crawler.stats.get_stats() if crawler.stats else {})
            for key, crawler in self._crawlers.items()
        }

    def watch(self, crawlers: dict[str, Crawler]) -> None:
        """Start refreshing (call once Scrapy's event loop is installed; it runs the refresh)."""
        self._crawlers = crawlers
        if self.live:
            self._display = Live(counts_table(self.rows()), console=self.console)
            self._display.start()
        self._loop = create_looping_call(self._tick)
        self._loop.start(LIVE_INTERVAL_S if self.live else LOG_INTERVAL_S, now=False)

    def _tick(self) -> None:
        """Refresh the live table, or log one line per outlet."""
        if self._display is not None:
            self._display.update(counts_table(self.rows()))
            return
        for key, counts in self.rows().items():
            logger.info("%s: %s", key, ", ".join(f"{c} {counts[c]}" for c in COLUMNS))

    def finish(self) -> None:
        """Stop refreshing and print the summary table (unless asked not to)."""
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        if self._display is not None:
            self._display.stop()
        if self.summary:
            self.console.print(counts_table(self.rows(), title="crawl summary"))

"""Which outlets need an operator's look, judged from what their last crawl run recorded.

Per outlet, its most recent finished crawl run (``<outlet>:<stat>`` entries of the run row):

- ``failed``: nothing was fetched and requests failed (every endpoint down, blocked or gone);
- ``errors``: some requests or pages failed;
- ``silent``: the endpoints answered but listed no candidate at all, or nothing was fetched.

Which feed or sitemap failed is the per-endpoint health's job (:mod:`archive.query.health`):
``newsarchive status`` shows it as a section of its own next to this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from archive import models
from crawler.progress import outlet_counts
from crawler.schedule.counts import outlet_stats

#: How many recent crawl runs are read to find each outlet's last one.
RECENT_RUNS = 200
FAILED, ERRORS, SILENT = "failed", "errors", "silent"


@dataclass(frozen=True)
class OutletHealth:
    """One outlet in its last crawl run."""

    outlet: str
    run_id: int
    run_started_at: datetime
    requests: int
    pages: int
    candidates: int
    stored: int
    errors: int
    last_article_at: datetime | None
    detail: str

    @property
    def problem(self) -> str | None:
        """Return ``failed``, ``errors``, ``silent`` or None when the outlet looks healthy."""
        if self.pages == 0 and (self.errors or self.requests):
            return FAILED
        if self.errors:
            return ERRORS
        if self.pages == 0 or self.candidates == 0:
            return SILENT
        return None

    def row(self) -> dict[str, Any]:
        """Return the outlet as a status row."""
        return {
            "outlet": self.outlet,
            "problem": self.problem,
            "run": self.run_id,
            "run_started": self.run_started_at,
            "pages": self.pages,
            "candidates": self.candidates,
            "stored": self.stored,
            "errors": self.errors,
            "last_article": self.last_article_at,
            "detail": self.detail,
        }


def _first_error(run: models.CrawlRun, outlet: str) -> str:
    """Return the run's first error that names the outlet, shortened, or ''."""
    for error in run.errors or []:
        if outlet in error:
            return " ".join(error.split())[:200]
    return ""


def _health(run: models.CrawlRun, outlet: str, last_article: datetime | None) -> OutletHealth:
    """Return the outlet's health in ``run``."""
    stats = outlet_stats(run.stats or {}, outlet)
    counts = outlet_counts(stats)
    candidates = sum(
        int(v) for k, v in stats.items() if k.startswith("newsarchive/candidates/") and v
    )
    return OutletHealth(
        outlet=outlet,
        run_id=run.id,
        run_started_at=run.started_at,
        requests=int(stats.get("downloader/request_count", 0) or 0),
        pages=counts["pages"],
        candidates=candidates,
        stored=counts["stored"],
        errors=counts["errors"],
        last_article_at=last_article,
        detail=_first_error(run, outlet),
    )


def outlet_health(session: Session) -> list[OutletHealth]:
    """Return every outlet of the recent crawl runs, in its most recent finished run."""
    last_article = dict(
        session.execute(
            select(models.Article.outlet, func.max(models.Article.first_seen_at)).group_by(
                models.Article.outlet
            )
        ).all()
    )
    runs = session.scalars(
        select(models.CrawlRun)
        .where(models.CrawlRun.kind == "crawl", models.CrawlRun.status != "running")
        .order_by(models.CrawlRun.id.desc())
        .limit(RECENT_RUNS)
    )
    seen: dict[str, OutletHealth] = {}
    for run in runs:
        for outlet in run.outlets or []:
            if outlet not in seen:
                seen[outlet] = _health(run, outlet, last_article.get(outlet))
    return sorted(seen.values(), key=lambda h: h.outlet)

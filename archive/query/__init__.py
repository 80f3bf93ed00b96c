"""Reading the archive for research: coverage, statistics, clusters and streamed records.

These functions take a SQLAlchemy session or engine; :class:`archive.Archive` wraps them.
"""

from __future__ import annotations

from archive.query.clusters import ClusterInfo, ClusterMember, get_cluster, list_clusters
from archive.query.coverage import CoverageRow, TimelinePoint, coverage, timeline
from archive.query.filters import ArticleFilter
from archive.query.health import (
    FAILING_RUNS,
    EndpointCheck,
    EndpointHealthRow,
    FailingEndpoint,
    endpoint_health,
    failing_endpoints,
)
from archive.query.records import EXPORT_FIELDS, iter_articles
from archive.query.stats import ArchiveStats, RunSummary, archive_stats

__all__ = [
    "EXPORT_FIELDS",
    "FAILING_RUNS",
    "EndpointCheck",
    "EndpointHealthRow",
    "FailingEndpoint",
    "ArchiveStats",
    "ArticleFilter",
    "ClusterInfo",
    "ClusterMember",
    "CoverageRow",
    "RunSummary",
    "TimelinePoint",
    "archive_stats",
    "coverage",
    "endpoint_health",
    "failing_endpoints",
    "get_cluster",
    "iter_articles",
    "list_clusters",
    "timeline",
]

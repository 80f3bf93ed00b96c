"""What the re-crawl spider hands its pipeline: the answer one check got."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from archive.recheck import DueArticle

CheckKind = Literal["not-modified", "fetched", "gone", "redirected", "error"]


@dataclass
class CheckResult:
    """One re-check's answer for an archived article."""

    due: DueArticle
    kind: CheckKind
    http_status: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # extract_article() output on a 200
    etag: str | None = None
    last_modified: str | None = None
    target: str | None = None  # the other article a redirect leads to
    reason: str | None = None  # why an "error" check failed (crawler.reasons: fetch-error...)
    detail: str = ""
    capture_file: str | None = None
    capture_record_id: str | None = None
    fetched_at: str | None = None

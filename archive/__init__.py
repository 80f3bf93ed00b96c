"""newsarchive's archive: the SQL store of articles, versions, clusters and crawl runs.

A library for researchers: it never imports Scrapy, so it can be installed and queried without
the crawler. Start with :class:`archive.Archive`.
"""

from __future__ import annotations

from archive.api import Archive, ArchiveNotFoundError
from archive.db import DatabaseError
from archive.schema import Article

__all__ = ["Archive", "ArchiveNotFoundError", "Article", "DatabaseError"]
__version__ = "0.1.0"

"""Item pipelines: extracted pages to archive Articles, judged and stored; rejections recorded."""

from crawler.pipelines.store import ArchivePipeline

__all__ = ["ArchivePipeline"]

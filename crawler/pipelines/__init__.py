"""Item pipelines: judge each extracted page against the story, then store it or record why not.

``ITEM_PIPELINES`` runs :class:`RelevancePipeline` (score, matched terms, rejection) before
:class:`StorePipeline` (relevant articles stored, rejections recorded). A pipeline that
buffers writes has a ``flush()``: see :class:`crawler.pipelines.base.BufferingPipeline`.
"""

from crawler.pipelines.relevance import RelevancePipeline
from crawler.pipelines.store import StorePipeline

__all__ = ["RelevancePipeline", "StorePipeline"]

"""What item pipelines promise the rest of the crawl: ``flush()`` writes what they buffered."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable

logger = logging.getLogger(__name__)


@runtime_checkable
class BufferingPipeline(Protocol):
    """An item pipeline that holds writes back to batch them, and can be told to write them.

    The contract of ``flush()``:

    - it writes everything the pipeline buffered so far, durably (committed), before returning;
    - it is called on every enabled pipeline that has it: by the pipeline itself on
      ``close_spider``, and by the distributed crawl before it releases a request's lease, so
      what a request produced is in the archive before any other worker can treat the request
      as done (a write lost with a killed worker would never be redone: the request's children
      are already in the shared duplicate filter);
    - it may be called often (once per finished request), so it returns quickly when nothing
      is buffered;
    - when it raises, the caller logs the error and goes on: the buffered items are lost and
      counted like a failed store, never retried.
    """

    def flush(self) -> None:
        """Write what this pipeline buffered; return once it is committed."""


def flush_pipelines(pipelines: Iterable[Any]) -> int:
    """Call ``flush()`` on every pipeline that has one (errors logged); return how many."""
    flushed = 0
    for pipeline in pipelines:
        if not isinstance(pipeline, BufferingPipeline):
            continue
        try:
            pipeline.flush()
        except Exception:
            logger.exception("could not write the buffered items of %s", type(pipeline).__name__)
        flushed += 1
    return flushed

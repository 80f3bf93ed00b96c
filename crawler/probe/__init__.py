"""``newsarchive outlets probe``: every endpoint of each outlet, checked against the live site.

:func:`run_probe` runs Scrapy (one :class:`~crawler.probe.spider.ProbeSpider` per outlet)
under the crawl's politeness and returns one :class:`OutletProbe` per outlet.
"""

from __future__ import annotations

from crawler.probe.run import EndpointReport, OutletProbe, run_probe

__all__ = ["EndpointReport", "OutletProbe", "run_probe"]

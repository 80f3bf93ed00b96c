"""Spiders: one config-driven class (``OutletSpider``); subclasses only where an outlet needs one.

``OUTLET_SPIDERS`` maps an outlet key to its subclass; the spider loader falls back to
``OutletSpider`` for every other outlet of the registry.
"""

from __future__ import annotations

from crawler.spiders.outlet import OutletSpider

#: Outlet key -> a subclass of OutletSpider for outlets the generic spider cannot serve.
OUTLET_SPIDERS: dict[str, type[OutletSpider]] = {}

__all__ = ["OUTLET_SPIDERS", "OutletSpider"]

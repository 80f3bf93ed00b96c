"""The spider loader: one spider per outlet of the configured registry (``scrapy list``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crawler.config import Outlet, load_outlets
from crawler.spiders import OUTLET_SPIDERS, OutletSpider

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.settings import BaseSettings


def spider_class(outlet: Outlet) -> type[OutletSpider]:
    """Return a spider class for ``outlet``: its registered subclass or the generic spider."""
    base = OUTLET_SPIDERS.get(outlet.key, OutletSpider)
    allowed = sorted({d.split(":")[0] for d in outlet.domains + outlet.sister_domains})
    class_name = "".join(part.capitalize() for part in outlet.key.replace("_", "-").split("-"))
    attrs = {"name": outlet.key, "outlet": outlet, "allowed_domains": allowed}
    return type(f"{class_name}Spider", (base,), attrs)


class OutletSpiderLoader:
    """SPIDER_LOADER_CLASS: spiders built from ``NEWSARCHIVE_OUTLETS`` (default outlets.toml)."""

    def __init__(self, outlets: list[Outlet]) -> None:
        self._spiders = {o.key: spider_class(o) for o in outlets}

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Self:
        """Return a loader for the outlets file named in the settings."""
        return cls(load_outlets(settings.get("NEWSARCHIVE_OUTLETS") or None))

    def load(self, spider_name: str) -> type[OutletSpider]:
        """Return the spider class of an outlet; raise KeyError for an unknown name."""
        try:
            return self._spiders[spider_name]
        except KeyError:
            raise KeyError(f"Spider not found: {spider_name}") from None

    def list(self) -> list[str]:
        """Return the outlet keys, in registry order."""
        return list(self._spiders)

    def find_by_request(self, request: Request) -> list[str]:
        """Return the outlets whose domains serve ``request``'s URL."""
        return [name for name, cls in self._spiders.items() if cls.outlet.owns(request.url)]

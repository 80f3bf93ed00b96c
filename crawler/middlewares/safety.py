"""Keep the crawler on its outlet's domains and away from internal networks, redirects included.

Two downloader middlewares:

- :class:`SafetyMiddleware` (``process_request``, before robots.txt) refuses a request whose URL
  is not on the outlet's domains (or the spider's ``allowed_domains``), is not http(s), or
  whose host is (or resolves to) a loopback, private, link-local or otherwise non-public
  address, unless the outlet's configured host is itself such an address (local test sites,
  an intranet outlet) or is listed in ``NEWSARCHIVE_PRIVATE_HOSTS``.
- :class:`RedirectGuardMiddleware` (``process_response``, before Scrapy's RedirectMiddleware)
  refuses a redirect that leaves the outlet, points at a non-public address literal, or loops
  back to a URL of its own chain, so the reason is recorded instead of the request being
  silently dropped by the duplicate filter.

Refusals raise :class:`RequestRefused` (an ``IgnoreRequest``), so the request's errback records
the rejection with ``reason``. Enable both::

    "crawler.middlewares.safety.SafetyMiddleware": 40,
    "crawler.middlewares.safety.RedirectGuardMiddleware": 650,
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from w3lib.url import safe_url_string

from archive.dedup.urls import canonicalize_url
from archive.web import owned_by
from crawler.scrapy_compat import resolver

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response
    from twisted.internet.defer import Deferred

OFFSITE, PRIVATE_ADDRESS, REDIRECT_LOOP = "offsite", "private-address", "redirect-loop"
SAFE_SCHEMES = frozenset({"http", "https"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_LOCAL_NAMES = ("localhost", "localhost.localdomain")
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class RequestRefused(IgnoreRequest):
    """A request the crawler must not make; ``reason`` is the rejection reason recorded."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason


def literal_address(host: str) -> Address | None:
    """Return the IP address a host name spells literally (IPv4-mapped IPv6 unwrapped), or None."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def is_public(address: Address) -> bool:
    """Return True for a globally routable unicast address (not loopback, private, link-local)."""
    return address.is_global and not address.is_multicast


def is_local_name(host: str) -> bool:
    """Return True for names that always mean this machine (``localhost``, ``*.localhost``)."""
    host = host.lower().rstrip(".")
    return host in _LOCAL_NAMES or host.endswith(".localhost")


def private_hosts_of(domains: Iterable[str]) -> set[str]:
    """Return the configured hosts that are themselves non-public addresses or local names."""
    hosts = set()
    for domain in domains:
        host = urlsplit(f"//{domain}").hostname or ""
        address = literal_address(host)
        if is_local_name(host) or (address is not None and not is_public(address)):
            hosts.add(host)
    return hosts


class Scope:
    """Where a spider may go: its domains (host or host:port) and the test for a URL."""

    def __init__(self, domains: Iterable[str], owns: Callable[[str], bool]) -> None:
        self.domains = tuple(domains)
        self.owns = owns


def _owned_by(domains: Iterable[str]) -> Callable[[str], bool]:
    """Return a URL test: on one of ``domains`` or a subdomain (the port rule of
    ``archive.web.domain_owns``: a domain written with a port owns only that port)."""
    domains = tuple(domains)
    return lambda url: owned_by(url, domains)


def scope_of(spider: Any) -> Scope | None:
    """Return the spider's scope: its outlet's domains, else its ``allowed_domains``, else None.

    A spider with neither (none of ours) is not policed: it fetches only URLs it was given.
    """
    outlet = getattr(spider, "outlet", None)
    if outlet is not None:
        return Scope((*outlet.domains, *outlet.sister_domains), outlet.owns)
    allowed = list(getattr(spider, "allowed_domains", None) or [])
    return Scope(allowed, _owned_by(allowed)) if allowed else None


def _chain(request: Request) -> list[str]:
    """Return the redirect chain that led to ``request``, ending with its own URL."""
    return [*request.meta.get("redirect_urls", []), request.url]


class SafetyMiddleware:
    """Refuses off-outlet, non-http(s) and internal-address requests before any is sent."""

    def __init__(self, crawler: Crawler, resolve: Callable[[str], Deferred[str]]) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.resolve = resolve
        self.allowed_private = {
            h.lower() for h in crawler.settings.getlist("NEWSARCHIVE_PRIVATE_HOSTS")
        }
        self._outlet_hosts: set[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Return the middleware, resolving names with the crawl's (Scrapy's caching) resolver."""
        return cls(crawler, resolver())

    def allowed_hosts(self) -> set[str]:
        """Return the non-public hosts this crawl may contact (configured by the operator)."""
        if self._outlet_hosts is None:
            scope = scope_of(self.crawler.spider)
            self._outlet_hosts = private_hosts_of(scope.domains if scope else ())
        return self._outlet_hosts | self.allowed_private

    async def process_request(self, request: Request) -> None:
        """Raise RequestRefused for a request that would leave the outlet or reach inside."""
        scope = scope_of(self.crawler.spider)
        if scope is None:
            return
        parts = urlparse_cached(request)
        if parts.scheme not in SAFE_SCHEMES:
            self._refuse(OFFSITE, f"{parts.scheme}: URL {request.url}", request)
        if not scope.owns(request.url):
            self._refuse(OFFSITE, f"{request.url} is not on {', '.join(scope.domains)}", request)
        host = (parts.hostname or "").lower()
        if host in self.allowed_hosts():
            return
        address = literal_address(host)
        if address is None and is_local_name(host):
            self._refuse(PRIVATE_ADDRESS, f"{host} is this machine", request)
        if address is None:
            address = await self._resolved(host)
        if address is not None and not is_public(address):
            self._refuse(PRIVATE_ADDRESS, f"{host} is non-public address {address}", request)

    async def _resolved(self, host: str) -> Address | None:
        """Return the address ``host`` resolves to (None when it does not: the fetch will fail)."""
        try:
            resolved = await maybe_deferred_to_future(self.resolve(host))
        except Exception:  # noqa: BLE001 - an unresolvable host fails later as a fetch error
            return None
        return literal_address(str(resolved))

    def _refuse(self, reason: str, message: str, request: Request) -> None:
        """Count and raise a refusal, naming the redirect chain when there is one."""
        self.stats.inc_value(f"newsarchive/refused/{reason}")
        chain = _chain(request)
        if len(chain) > 1:
            message += f" (redirected from {chain[0]})"
        raise RequestRefused(reason, message)


class RedirectGuardMiddleware:
    """Refuses redirects that leave the outlet, target an internal address literal, or loop."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.allowed_private = {
            h.lower() for h in crawler.settings.getlist("NEWSARCHIVE_PRIVATE_HOSTS")
        }

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Return the middleware for ``crawler``."""
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        """Return the response, or raise RequestRefused for a redirect the crawl must not follow."""
        location = response.headers.get(b"Location")
        if response.status not in REDIRECT_STATUSES or not location:
            return response
        if request.meta.get("dont_redirect"):
            return response
        target = urljoin(request.url, safe_url_string(location.decode("latin-1")))
        chain = _chain(request)
        if _canonical(target) in {_canonical(url) for url in chain}:
            path = " -> ".join([*chain, target])
            self._refuse(REDIRECT_LOOP, f"redirect loop: {path}")
        scope = scope_of(self.crawler.spider)
        if scope is None:
            return response
        host = (urlsplit(target).hostname or "").lower()
        address = literal_address(host)
        allowed = private_hosts_of(scope.domains) | self.allowed_private
        if address is not None and not is_public(address) and host not in allowed:
            self._refuse(PRIVATE_ADDRESS, f"redirect from {request.url} to non-public {target}")
        if not scope.owns(target):
            self._refuse(OFFSITE, f"redirect from {request.url} to {target}")
        return response

    def _refuse(self, reason: str, message: str) -> None:
        """Count and raise a refusal."""
        self.stats.inc_value(f"newsarchive/refused/{reason}")
        raise RequestRefused(reason, message)


def _canonical(url: str) -> str:
    """Return the URL's canonical form (the crawl's duplicate-filter identity)."""
    try:
        return canonicalize_url(url)
    except Exception:  # noqa: BLE001 - an unparsable URL is compared as written
        return url

"""Hosts and domains, shared by the archive and the crawler: the registrable part of a host
name, and which URLs an outlet's domain owns.

The port rule of ``domain_owns``: a domain written without a port (``example.com``) owns its
host and every subdomain on any port; one written with a port (``127.0.0.1:8080``) owns them
on that port only, a URL without an explicit port being on its scheme's default (80, 443).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

#: The default port of each web scheme.
DEFAULT_PORTS: dict[str, int] = {"http": 80, "https": 443}
#: Second-level labels under which country-code domains register names (``bbc.co.uk``,
#: ``abc.net.au``, ``bundeskanzleramt.gv.at``, ``nhk.or.jp``): under such a suffix the
#: registrable domain has three labels.
SECOND_LEVEL_LABELS: frozenset[str] = frozenset(
    {"co", "com", "org", "net", "gov", "gv", "ac", "edu", "or", "ne", "go", "gob", "govt"}
    | {"nic", "me"}
)


def is_public_suffix(name: str) -> bool:
    """Return True for a two-label suffix under which sites register (``co.uk``, ``com.au``)."""
    labels = name.lower().rstrip(".").split(".")
    if len(labels) != 2:
        return False
    second, country = labels
    return second in SECOND_LEVEL_LABELS and len(country) == 2 and country.isalpha()


def registrable_domain(host: str) -> str:
    """Return the registrable part of ``host`` (``news.bbc.co.uk`` -> ``bbc.co.uk``)."""
    labels = host.lower().rstrip(".").split(".")
    if len(labels) >= 3 and is_public_suffix(".".join(labels[-2:])):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def site_label(host: str) -> str:
    """Return the label a site registered its name under (``www.foxnews.com`` -> ``foxnews``,
    ``news.bbc.co.uk`` -> ``bbc``)."""
    return registrable_domain(host).split(".")[0]


def _port(url: str) -> int | None:
    """Return the port ``url`` is on (explicit, else its scheme's default), None when unknown."""
    try:
        parts = urlsplit(url)
        return parts.port or DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:
        return None


def domain_owns(domain: str, url: str) -> bool:
    """Return True when ``url``'s host is ``domain`` or one of its subdomains (and, for a
    domain written with a port, the URL is on that port): see the module's port rule."""
    name, _, port = domain.lower().partition(":")
    name = name.rstrip(".")
    try:
        host = (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return False
    if not (host == name or host.endswith("." + name)):
        return False
    return not port or (port.isdigit() and _port(url) == int(port))


def owned_by(url: str, domains: Iterable[str]) -> bool:
    """Return True when one of ``domains`` owns ``url`` (``domain_owns``)."""
    return any(domain_owns(domain, url) for domain in domains)

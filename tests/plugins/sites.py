"""The ``outlet_sites`` fixture: every outlet's synthetic site served on its own 127.0.0.N.

One mock server (``tests/mockserver``) listens on 127.0.0.2, 127.0.0.3, ... on one free port;
outlet i (in outlets.toml order) is served at ``http://127.0.0.{i + 2}:PORT``. The fixture
yields :class:`OutletSites`:

- ``outlets_toml_path``: a generated outlets TOML whose domains, feeds, sitemaps, search and
  start URLs point at the local servers (toofab also lists a malformed feed, a 404 feed and
  an empty sitemap: see ``expected["toofab"]["bad_endpoints"]``);
- ``story_path``: the default story as TOML, its start URLs moved to the local servers;
- ``expected``: outlet key -> expected results, shape documented in ``crawler.demo.sites``;
- ``server`` and ``log``: the mock server and its access log (``log.requested(url)``,
  ``log.hits_for(host)``, ``log.clear()``...);
- ``sites``: outlet key -> ``LocalSite`` (pages by URL, config, ``resolve(url)``).

Call ``log.clear()`` at the start of a test that inspects the log (the fixture is session-wide).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.demo.sites import DEFAULT_STORY, build_sites, load_toml
from crawler.demo.sites.local import LocalSite, add_bad_endpoints, local_story_toml, relocate
from crawler.demo.sites.model import Response as SiteResponse
from tests.mockserver import AccessLog, Handler, MockServer, Request, Response

#: The outlet that also gets broken discovery endpoints.
BAD_ENDPOINTS_OUTLET = "toofab"
#: Headers of the site model the server sets itself.
_SERVER_HEADERS = ("content-length", "date")


@dataclass
class OutletSites:
    """What the ``outlet_sites`` fixture yields."""

    outlets_toml_path: Path
    story_path: Path
    expected: dict[str, dict]
    sites: dict[str, LocalSite]
    server: MockServer

    @property
    def log(self) -> AccessLog:
        """Return the access log of every outlet's requests."""
        return self.server.log


def served(response: SiteResponse) -> Response:
    """Return the mock server's form of a site model response (its headers kept)."""
    headers = tuple((k, v) for k, v in response.headers if k.lower() not in _SERVER_HEADERS)
    return Response(status=response.status, body=response.body, content_type=None, headers=headers)


def site_handler(site: LocalSite) -> Handler:
    """Return a handler answering every path of ``site`` as ``LocalSite.resolve`` does."""

    def answer(request: Request) -> Response | None:
        found = site.resolve(f"{site.base_url}{request.path}")
        return served(found) if found is not None else None

    return answer


def _toml_value(value: object) -> str:
    """Return a TOML literal for a str, int or list of str."""
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_outlets_toml(path: Path, configs: list[dict]) -> None:
    """Write outlet configs as an outlets TOML file."""
    blocks = []
    for cfg in configs:
        lines = ["[[outlets]]"] + [f"{k} = {_toml_value(v)}" for k, v in cfg.items()]
        blocks.append("\n".join(lines))
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def serve_sites(sites: dict[str, LocalSite], server: MockServer) -> None:
    """Mount each site on the address of its base URL."""
    for site in sites.values():
        server.site(urlsplit(site.base_url).hostname).mount("/", site_handler(site))


@pytest.fixture(scope="session")
def outlet_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OutletSites]:
    """Serve every outlet's synthetic site on 127.0.0.N and yield where and what to expect."""
    story = load_toml(DEFAULT_STORY)
    real = build_sites()
    hosts = {key: f"127.0.0.{index + 2}" for index, key in enumerate(real)}
    with MockServer(list(hosts.values())) as server:
        bases = {key: server.bases[host] for key, host in hosts.items()}
        sites = relocate(real, bases, story)
        if BAD_ENDPOINTS_OUTLET in sites:
            add_bad_endpoints(sites[BAD_ENDPOINTS_OUTLET])
        folder = tmp_path_factory.mktemp("outlet_sites")
        outlets_path = folder / "outlets.toml"
        write_outlets_toml(outlets_path, [site.config for site in sites.values()])
        story_path = folder / "story.toml"  # its start URLs moved to the local servers too
        story_path.write_text(local_story_toml(story, real, bases))
        serve_sites(sites, server)
        expected = {key: site.expected for key, site in sites.items()}
        yield OutletSites(outlets_path, story_path, expected, sites, server)

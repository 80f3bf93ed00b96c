"""The ``outlet_sites`` fixture: every outlet's synthetic site served on its own 127.0.0.N.

One threading HTTP server per outlet, all on the same free port; outlet i (in outlets.toml
order) is served at ``http://127.0.0.{i + 2}:PORT``. The fixture yields :class:`OutletSites`:

- ``outlets_toml_path``: a generated outlets TOML whose domains, feeds, sitemaps, search and
  start URLs point at the local servers (toofab also lists a malformed feed, a 404 feed and
  an empty sitemap: see ``expected["toofab"]["bad_endpoints"]``);
- ``story_path``: the default story as TOML, its start URLs moved to the local servers;
- ``expected``: outlet key -> expected results, shape documented in ``crawler.demo.sites``;
- ``access_log``: a list of :class:`Hit` (outlet, host, method, path, status, user_agent),
  appended per request; ``requested(url)`` says whether a URL was fetched;
- ``sites``: outlet key -> ``LocalSite`` (pages by URL, config, ``resolve(url)``).

Call ``clear_log()`` at the start of a test that inspects the log (the fixture is session-wide).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawler.demo.sites import DEFAULT_STORY, build_sites, load_toml
from crawler.demo.sites.local import LocalSite, add_bad_endpoints, local_story_toml, relocate

#: The outlet that also gets broken discovery endpoints.
BAD_ENDPOINTS_OUTLET = "toofab"
_NOT_FOUND = b"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>"


@dataclass(frozen=True)
class Hit:
    """One request a local outlet server answered."""

    outlet: str
    host: str
    method: str
    path: str
    status: int
    user_agent: str

    @property
    def url(self) -> str:
        """Return the full URL requested."""
        return f"http://{self.host}{self.path}"


@dataclass
class OutletSites:
    """What the ``outlet_sites`` fixture yields."""

    outlets_toml_path: Path
    story_path: Path
    expected: dict[str, dict]
    sites: dict[str, LocalSite]
    access_log: list[Hit] = field(default_factory=list)

    def requested(self, url: str) -> bool:
        """Return True when ``url`` was requested since the log was last cleared."""
        return any(hit.url == url for hit in list(self.access_log))

    def clear_log(self) -> None:
        """Forget the requests seen so far."""
        self.access_log.clear()


def _handler(site: LocalSite, log: list[Hit]) -> type[BaseHTTPRequestHandler]:
    """Return a request handler class serving ``site`` and logging to ``log``."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server naming
            self._answer(with_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(with_body=False)

        def _answer(self, *, with_body: bool) -> None:
            host = self.headers.get("Host", f"{self.server.server_address[0]}")
            response = site.resolve(f"{site.base_url}{self.path}")
            status = response.status if response else 404
            log.append(Hit(site.key, host, self.command, self.path, status,
                           self.headers.get("User-Agent", "")))  # fmt: skip
            body = response.body if response else _NOT_FOUND
            self.send_response(status)
            headers = response.headers if response else (("Content-Type", "text/html"),)
            for name, value in headers:
                if name.lower() not in ("content-length", "date"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            return

    return Handler


def _free_port(hosts: list[str]) -> int:
    """Return a TCP port free on every host in ``hosts``."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind((hosts[0], 0))
            port = probe.getsockname()[1]
        try:
            for host in hosts:
                with socket.socket() as other:
                    other.bind((host, port))
        except OSError:
            continue
        return port
    raise RuntimeError("no port free on every 127.0.0.N address")


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


def start_servers(
    sites: dict[str, LocalSite], port: int, log: list[Hit]
) -> list[ThreadingHTTPServer]:
    """Start one daemon-threaded server per site; return them."""
    servers = []
    for site in sites.values():
        host = site.base_url.split("//", 1)[1].split(":", 1)[0]
        server = ThreadingHTTPServer((host, port), _handler(site, log))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True, name=f"site-{site.key}").start()
        servers.append(server)
    return servers


@pytest.fixture(scope="session")
def outlet_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OutletSites]:
    """Serve every outlet's synthetic site on 127.0.0.N and yield where and what to expect."""
    story = load_toml(DEFAULT_STORY)
    real = build_sites()
    hosts = {key: f"127.0.0.{index + 2}" for index, key in enumerate(real)}
    port = _free_port(list(hosts.values()))
    bases = {k: f"http://{h}:{port}" for k, h in hosts.items()}
    sites = relocate(real, bases, story)
    if BAD_ENDPOINTS_OUTLET in sites:
        add_bad_endpoints(sites[BAD_ENDPOINTS_OUTLET])
    folder = tmp_path_factory.mktemp("outlet_sites")
    outlets_path = folder / "outlets.toml"
    write_outlets_toml(outlets_path, [site.config for site in sites.values()])
    story_path = folder / "story.toml"  # its start URLs moved to the local origins too
    story_path.write_text(local_story_toml(story, real, bases))
    log: list[Hit] = []
    servers = start_servers(sites, port, log)
    expected = {key: site.expected for key, site in sites.items()}
    try:
        yield OutletSites(outlets_path, story_path, expected, sites, log)
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()

"""The suite's mock HTTP server (tests/mockserver): routing, HTTP details, faults, log, process."""

from __future__ import annotations

import gzip
import http.client
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.mockserver import (
    FAULT_KINDS,
    FaultPlan,
    MockServer,
    Request,
    Response,
    http_date,
    spawn,
)
from tests.mockserver.protocol import byte_range

#: A server-side fault hold (seconds) and the client timeout that notices it.
HOLD_S, CLIENT_TIMEOUT_S = 1.0, 0.3


def get(
    url: str, headers: dict[str, str] | None = None, *, method: str = "GET", timeout: float = 5
) -> tuple[int, dict[str, str], bytes]:
    """Return (status, headers, body) of one request (errors raised as they happen)."""
    parts = http.client.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request(method, target, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


@pytest.fixture
def server() -> Iterator[MockServer]:
    """Yield a mock server on 127.0.0.1 (closed afterwards)."""
    with MockServer("127.0.0.1") as running:
        yield running


def test_pages_by_host_on_one_shared_port() -> None:
    with MockServer(["127.0.0.2", "127.0.0.3"]) as server:
        server.site("127.0.0.2").pages["/a"] = Response.html("<p>two</p>")
        server.site("127.0.0.3").pages["/a"] = Response.html("<p>three</p>")
        assert len({base.rsplit(":", 1)[1] for base in server.bases.values()}) == 1
        assert get(server.url("/a", "127.0.0.2"))[2] == b"<p>two</p>"
        assert get(server.url("/a", "127.0.0.3"))[2] == b"<p>three</p>"
        assert get(server.url("/missing", "127.0.0.3"))[0] == 404
        assert [h.path for h in server.log.hits_for("127.0.0.3")] == ["/a", "/missing"]
        assert len(server.log.hits_for(f"127.0.0.2:{server.port}")) == 1


def test_a_port_per_host_when_asked() -> None:
    with MockServer(["127.0.0.2", "127.0.0.3"], shared_port=False) as server:
        ports = {base.rsplit(":", 1)[1] for base in server.bases.values()}
        assert len(ports) == 2


def test_lookup_order_exact_query_then_path_then_longest_mount(server: MockServer) -> None:
    site = server.site()
    site.pages["/list?page=2"] = Response.text("page two")
    site.pages["/list"] = Response.text("any list")
    site.mount("/", lambda request: Response.text("root handler"))
    site.mount("/api/", lambda request: Response.text("api") if request.param("q") else None)
    assert get(server.url("/list?page=2"))[2] == b"page two"
    assert get(server.url("/list?page=3"))[2] == b"any list"
    assert get(server.url("/api/x?q=1"))[2] == b"api"
    assert get(server.url("/api/x"))[2] == b"root handler"  # None falls through to "/"
    assert (
        get(
            server.url(
                "/list",
            ),
            method="POST",
        )[0]
        == 405
    )
    with pytest.raises(ValueError, match="starts with '/'"):
        site.mount("api", lambda request: None)


def test_mounted_handler_answers_from_query_parameters(server: MockServer) -> None:
    def cdx(request: Request) -> Response:
        rows = [["urlkey", "timestamp"], [request.param("url"), request.param("from", "2022")]]
        return Response.json(rows)

    server.site().mount("/cdx/search/cdx", cdx)
    status, headers, body = get(server.url("/cdx/search/cdx?url=people.com/x&output=json"))
    assert status == 200 and headers["Content-Type"] == "application/json"
    assert body == b'[["urlkey", "timestamp"], ["people.com/x", "2022"]]'


def test_a_handler_that_raises_answers_500_and_the_server_goes_on(server: MockServer) -> None:
    server.site().mount("/boom", lambda request: 1 / 0)
    server.site().pages["/ok"] = Response.text("fine")
    status, _, body = get(server.url("/boom"))
    assert status == 500 and b"ZeroDivisionError" in body
    assert get(server.url("/ok"))[0] == 200


def test_phases_are_page_changes_between_requests(server: MockServer) -> None:
    pages = server.site().pages
    pages["/story"] = Response.html("<h1>first</h1>")
    assert get(server.url("/story"))[2] == b"<h1>first</h1>"
    pages["/story"] = Response.html("<h1>edited</h1>")
    assert get(server.url("/story"))[2] == b"<h1>edited</h1>"
    pages["/story"] = Response(status=410)
    assert get(server.url("/story"))[0] == 410


def test_etag_and_last_modified_answer_304(server: MockServer) -> None:
    changed = datetime(2022, 8, 2, 17, 39, tzinfo=UTC)
    server.site().pages["/a"] = Response.html("<p>a</p>", etag='"v1"', last_modified=changed)
    status, headers, _ = get(server.url("/a"))
    assert status == 200 and headers["ETag"] == '"v1"'
    assert headers["Last-Modified"] == "Tue, 02 Aug 2022 17:39:00 GMT"
    assert get(server.url("/a"), {"If-None-Match": '"v1"'})[:3:2] == (304, b"")
    assert get(server.url("/a"), {"If-None-Match": 'W/"v1", "v0"'})[0] == 304
    assert get(server.url("/a"), {"If-None-Match": '"v0"'})[0] == 200
    assert get(server.url("/a"), {"If-Modified-Since": http_date(changed)})[0] == 304
    assert get(server.url("/a"), {"If-Modified-Since": "Mon, 01 Aug 2022 00:00:00 GMT"})[0] == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110).
    both = {"If-None-Match": '"v0"', "If-Modified-Since": http_date(changed)}
    assert get(server.url("/a"), both)[0] == 200
    server.site().conditional = False
    assert get(server.url("/a"), {"If-None-Match": '"v1"'})[0] == 200
    assert server.log.for_path("/a")[1].header("if-none-match") == '"v1"'


def test_byte_ranges_answer_206_with_content_range(server: MockServer) -> None:
    server.site().pages["/file.warc.gz"] = Response(body=bytes(range(100)), content_type=None)
    status, headers, body = get(server.url("/file.warc.gz"), {"Range": "bytes=10-19"})
    assert (status, headers["Content-Range"], body) == (
        206,
        "bytes 10-19/100",
        bytes(range(10, 20)),
    )
    assert get(server.url("/file.warc.gz"), {"Range": "bytes=-5"})[2] == bytes(range(95, 100))
    assert get(server.url("/file.warc.gz"), {"Range": "bytes=90-"})[2] == bytes(range(90, 100))
    status, headers, _ = get(server.url("/file.warc.gz"), {"Range": "bytes=200-300"})
    assert (status, headers["Content-Range"]) == (416, "bytes */100")
    assert get(server.url("/file.warc.gz"), {"Range": "bytes=0-1,5-6"})[0] == 200
    assert byte_range("bytes=95-1000", 100) == (95, 99)
    assert byte_range("items=1-2", 100) is None


def test_gzip_bodies_for_clients_that_accept_them(server: MockServer) -> None:
    server.site().pages["/feed.xml"] = Response.xml("<rss>" + "x" * 2000 + "</rss>", gzip=True)
    status, headers, body = get(server.url("/feed.xml"), {"Accept-Encoding": "gzip, deflate"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert len(body) < 200 and gzip.decompress(body).startswith(b"<rss>xxx")
    plain = get(server.url("/feed.xml"), {"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain[1] and plain[2].startswith(b"<rss>")


def test_robots_head_and_redirects(server: MockServer) -> None:
    site = server.site()
    robots = "User-agent: *\nDisallow: /private/\n"
    site.robots(robots)
    site.pages["/old"] = Response.redirect("/new", 301)
    status, headers, body = get(server.url("/robots.txt"))
    assert (status, body) == (200, robots.encode())
    assert headers["Content-Type"].startswith("text/plain")
    status, headers, _ = get(server.url("/old"))
    assert (status, headers["Location"]) == (301, "/new")
    status, headers, body = get(server.url("/robots.txt"), method="HEAD")
    assert status == 200 and body == b"" and headers["Content-Length"] == str(len(robots))


def test_keep_alive_serves_several_requests_on_one_connection(server: MockServer) -> None:
    server.site().pages["/a"] = Response.text("a")
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    for _ in range(3):
        conn.request("GET", "/a")
        assert conn.getresponse().read() == b"a"
    conn.close()
    assert [h.attempt for h in server.log] == [1, 2, 3]


def test_streamed_and_raw_responses(server: MockServer) -> None:
    site = server.site()
    site.pages["/big"] = Response(chunks=lambda: iter([b"a" * 1000] * 5))
    site.pages["/raw"] = Response(raw=lambda sock, _stop: sock.sendall(b"\x00 not http\r\n\r\n"))
    status, headers, body = get(server.url("/big"))
    assert status == 200 and body == b"a" * 5000 and headers["Connection"] == "close"
    with pytest.raises(http.client.BadStatusLine):
        get(server.url("/raw"))
    assert server.log.for_path("/big")[0].bytes_sent == 5000


def faulty(kind: str, **plan: Any) -> MockServer:
    """Return a server whose ``/page`` fails its first attempt with ``kind``."""
    server = MockServer("127.0.0.1", keep_alive=False)
    script = {"/page": (kind,)}
    server.site().faults = FaultPlan(script=script, hold_s=HOLD_S, drip_s=0.4, **plan)
    server.site().pages["/page"] = Response.html("<p>" + "body " * 200 + "</p>")
    return server


@pytest.mark.parametrize("kind", ["500", "502", "503", "429"])
def test_status_faults_then_success(kind: str) -> None:
    with faulty(kind) as server:
        status, headers, _ = get(server.url("/page"))
        assert status == int(kind)
        assert ("Retry-After" in headers) == (kind == "429")
        assert get(server.url("/page"))[0] == 200
        first, second = server.log
        assert (first.fault, first.attempt, second.fault, second.attempt) == (kind, 1, None, 2)
        assert (first.retry_after_s is not None) == (kind == "429")


def test_503_with_retry_after_when_the_plan_says_so() -> None:
    with faulty("503", retry_after_on_503=True, retry_after_s=(7,)) as server:
        status, headers, _ = get(server.url("/page"))
        assert (status, headers["Retry-After"]) == (503, "7")
        assert server.log.hits()[0].retry_after_s == 7


@pytest.mark.parametrize(
    ("kind", "error"),
    [
        ("reset", (ConnectionResetError, http.client.RemoteDisconnected)),
        ("timeout", (TimeoutError, socket.timeout)),
        ("truncated", (http.client.IncompleteRead,)),
        ("wrong-length", (http.client.IncompleteRead,)),
    ],
)
def test_transport_faults_fail_the_request(kind: str, error: tuple[type[Exception], ...]) -> None:
    with faulty(kind) as server:
        with pytest.raises(error):
            get(server.url("/page"), timeout=CLIENT_TIMEOUT_S if kind == "timeout" else 5)
        time.sleep(HOLD_S if kind == "timeout" else 0)
        assert get(server.url("/page"))[0] == 200
        assert server.log.faults() == {kind: 1}


def test_slow_drip_is_slow_but_complete() -> None:
    with faulty("slow-drip") as server:
        started = time.monotonic()
        status, _, body = get(server.url("/page"))
        assert status == 200 and body == b"<p>" + b"body " * 200 + b"</p>"
        assert time.monotonic() - started >= 0.3


def test_a_seeded_plan_is_bounded_and_repeatable() -> None:
    plan = FaultPlan(seed=3, rate=0.5)
    faulted = [p for p in (f"/news/{n}" for n in range(200)) if plan.faults_for(p)]
    assert 70 <= len(faulted) <= 130
    assert all(1 <= len(plan.faults_for(p)) <= 2 for p in faulted)
    assert not plan.faults_for("/robots.txt")
    assert FaultPlan(seed=3, rate=0.5).faults_for(faulted[0]) == plan.faults_for(faulted[0])
    with pytest.raises(ValueError, match="unknown fault kinds"):
        FaultPlan(script={"/a": ("meltdown",)})
    assert set(FAULT_KINDS) >= {"reset", "timeout", "truncated", "wrong-length", "slow-drip"}


def test_the_log_records_what_a_test_asks_about(server: MockServer) -> None:
    server.site().pages["/a"] = Response.text("a")
    get(server.url("/a?utm_source=x"), {"User-Agent": "newsarchive/test"})
    get(server.url("/b"))
    hit = server.log.hits()[0]
    assert (hit.host, hit.port, hit.method, hit.path, hit.status) == (
        "127.0.0.1", server.port, "GET", "/a?utm_source=x", 200
    )  # fmt: skip
    assert hit.user_agent == "newsarchive/test" and hit.header("user-agent") == "newsarchive/test"
    assert hit.bytes_sent == 1 and hit.end_s is not None and hit.end_s >= hit.start_s
    assert hit.route == "/a" and hit.url == server.url("/a?utm_source=x")
    assert server.log.requested(server.url("/a?utm_source=x"))
    assert not server.log.requested(server.url("/a"))
    assert server.log.paths(query=False) == ["/a", "/b"]
    assert server.log.counts() == {"/a?utm_source=x": 1, "/b": 1}
    server.log.clear()
    assert len(server.log) == 0 and not server.log.requested(server.url("/b"))


def test_close_ends_held_connections_and_stops_listening() -> None:
    server = faulty("timeout")
    client = socket.create_connection(("127.0.0.1", server.port))
    client.sendall(b"GET /page HTTP/1.1\r\nHost: x\r\n\r\n")
    time.sleep(0.1)
    started = time.monotonic()
    server.close()
    assert time.monotonic() - started < HOLD_S
    client.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=1)


def demo_factory(server: MockServer, greeting: str) -> None:
    """Fill every site of a server (the factory :func:`spawn` runs in its child process)."""
    for site in server.sites.values():
        site.pages["/hello"] = Response.text(greeting)
        site.mount("/echo", lambda request: Response.text(request.param("say") or ""))


def test_the_same_server_runs_as_a_subprocess() -> None:
    factory = f"{__name__}:demo_factory"
    with spawn(factory, hosts=["127.0.0.2", "127.0.0.3"], kwargs={"greeting": "hi"}) as proc:
        assert proc.pid != 0 and len(set(proc.bases.values())) == 2
        assert get(proc.url("/hello"))[2] == b"hi"
        assert get(proc.url("/echo?say=yo", "127.0.0.3"))[2] == b"yo"
        assert proc.log.requested(proc.url("/echo?say=yo", "127.0.0.3"))
        assert [h.path for h in proc.log] == ["/hello", "/echo?say=yo"]
        proc.log.clear()
        assert len(proc.log) == 0
        get(proc.url("/hello"))
    assert [h.path for h in proc.log] == ["/hello"]  # still readable after the child stopped
    with pytest.raises(ValueError, match="package.module:function"):
        spawn("no-colon")

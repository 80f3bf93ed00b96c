"""A re-crawl that fails says so: exit status, the run row and the result line.

Through the public CLI (``newsarchive recrawl``, a subprocess). An article is "unreachable"
when its URL is on a closed port of 127.0.0.9; a reachable one is served by the phase server
(``tests/plugins/phases.py``, on the mock server) on 127.0.0.1.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest

from archive import Archive
from tests.mockserver import MockServer, Response
from tests.plugins.phases import article_html, phase_server
from tests.test_crawl_failures import closed_port, last_run, newsarchive, one_line_error
from tests.test_recrawl_phases import ORIGINAL, PATH, T0, archive_page

NOW = T0 + timedelta(minutes=20)  # every article archived at T0 is due (15-minute step)
POLITE_OFF = ("-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0")


@pytest.fixture
def server() -> Iterator[MockServer]:
    """Yield the phase server (closed afterwards)."""
    srv = phase_server()
    yield srv
    srv.close()


def recrawl(db_url: str, *extra: str):  # noqa: ANN201 - a CompletedProcess
    """Run ``newsarchive recrawl --now NOW`` with politeness delays off."""
    return newsarchive("recrawl", "--db", db_url, "--now", NOW.isoformat(), *POLITE_OFF, *extra)


def unreachable_article(archive: Archive) -> str:
    """Archive an article whose URL now refuses connections; return the URL."""
    url = f"http://127.0.0.9:{closed_port()}/news/2022/08/02/gone-dark"
    archive_page(archive, url, article_html("Memoir recounts clemency call", ORIGINAL), '"d"', T0)
    return url


def test_a_recrawl_with_an_invalid_setting_fails_naming_it(sqlite_url: str) -> None:
    Archive(sqlite_url).dispose()
    message = one_line_error(recrawl(sqlite_url, "-s", "RETRY_TIMES=twice"))
    assert re.search(r"recrawl run \d+ failed: setting RETRY_TIMES: expected an integer", message)
    run = last_run(sqlite_url)
    assert (run.kind, run.status) == ("recrawl", "failed")
    assert run.stats["reason"] == "setting RETRY_TIMES: expected an integer, got 'twice'"


def test_a_recrawl_that_reaches_no_article_fails(sqlite_url: str) -> None:
    url = unreachable_article(Archive(sqlite_url))
    message = one_line_error(recrawl(sqlite_url, "-s", "RETRY_TIMES=0"), crawled=True)
    assert re.search(
        r"recrawl run \d+ failed: none of the 1 articles checked could be reached "
        r"\(fetch-error 1\)", message,
    ), message  # fmt: skip
    run = last_run(sqlite_url)
    assert (run.kind, run.status, run.stats["checked"], run.stats["errors"]) == (
        "recrawl", "failed", 1, 1
    )  # fmt: skip
    assert run.stats["newsarchive/errors/fetch-error"] == 1
    assert run.stats["example:newsarchive/errors/fetch-error"] == 1
    assert run.stats["example:errors"] == 1
    assert any(e.startswith(f"{url}: fetch-error: ") for e in run.errors), run.errors


def test_a_partly_failing_recrawl_exits_0_and_says_how_many_errors(
    server: MockServer, sqlite_url: str
) -> None:
    archive = Archive(sqlite_url)
    html = article_html("Memoir recounts clemency call", ORIGINAL)
    server.site().pages[PATH] = Response.html(html, etag='"v1"')
    archive_page(archive, server.url(PATH), html, '"v1"', T0)
    url = unreachable_article(archive)
    done = recrawl(sqlite_url, "-s", "RETRY_TIMES=0")
    assert done.returncode == 0, done.stderr[-3000:]
    run = last_run(sqlite_url)
    assert f"recrawl run {run.id} finished: 2 checked, 1 unchanged, 0 changed, 0 gone, " in (
        done.stdout
    )
    assert "0 returned, 1 error, 2 due" in done.stdout
    assert (run.status, run.stats["errors"], run.stats["example:errors"]) == ("finished", 1, 1)
    assert [e.split(": ", 1)[0] for e in run.errors] == [url]

"""Write the bundled demo capture ``crawler/demo/demo.warc.gz`` from the synthetic outlet sites.

Every page of every outlet in ``crawler/outlets.toml`` becomes a request record and a response
record at its real ``https://`` URL. Record ids and dates are derived from the URL, so running
the script twice writes the same bytes.

Usage: ``python -m crawler.demo.generate [--out FILE] [--outlets FILE] [--story FILE]``
"""

from __future__ import annotations

import argparse
import uuid
from collections.abc import Iterable
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.demo.sites import Response, build_sites

DEMO_WARC = Path(__file__).resolve().parent / "demo.warc.gz"
#: WARC-Date of every record (the day the synthetic capture pretends to be made).
CAPTURE_DATE = "2022-08-31T12:00:00Z"
#: The User-Agent written on request records (what our crawler sends).
USER_AGENT = "newsarchive/0.1.0 (+https://github.com/newsarchive/newsarchive)"
_NAMESPACE = uuid.UUID("6f1c4b1e-3d4a-4e49-9a55-6e6577736172")


def record_id(kind: str, url: str) -> str:
    """Return a stable WARC-Record-ID for a record of ``kind`` about ``url``."""
    return f"<urn:uuid:{uuid.uuid5(_NAMESPACE, f'{kind} {url}')}>"


def _request_target(url: str) -> str:
    """Return the path and query of ``url`` as an HTTP request target."""
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def write_exchange(writer: WARCWriter, url: str, response: Response) -> None:
    """Write a request and its response record for ``url``."""
    response_id = record_id("response", url)
    status_line = f"{response.status} {HTTPStatus(response.status).phrase}"
    http = StatusAndHeaders(status_line, list(response.headers), protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(response.body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": CAPTURE_DATE, "WARC-Record-ID": response_id},
    )
    writer.write_record(record)
    request_headers = [
        ("Host", urlsplit(url).netloc),
        ("User-Agent", USER_AGENT),
        ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
        ("Accept-Encoding", "identity"),
    ]
    request_http = StatusAndHeaders(
        f"GET {_request_target(url)} HTTP/1.1", request_headers, is_http_request=True
    )
    request = writer.create_warc_record(
        url,
        "request",
        payload=BytesIO(b""),
        http_headers=request_http,
        warc_headers_dict={
            "WARC-Date": CAPTURE_DATE,
            "WARC-Record-ID": record_id("request", url),
            "WARC-Concurrent-To": response_id,
        },
    )
    writer.write_record(request)


def write_warc(path: Path, pages: Iterable[tuple[str, Response]]) -> int:
    """Write ``pages`` to a gzipped WARC at ``path``; return the number of responses written."""
    count = 0
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        info = writer.create_warcinfo_record(
            path.name,
            {
                "software": "newsarchive crawler/demo/generate.py",
                "format": "WARC File Format 1.1",
                "description": "Synthetic outlet pages for the newsarchive demo.",
            },
        )
        info.rec_headers.replace_header("WARC-Date", CAPTURE_DATE)
        info.rec_headers.replace_header("WARC-Record-ID", record_id("warcinfo", path.name))
        writer.write_record(info)
        for url, response in pages:
            write_exchange(writer, url, response)
            count += 1
    return count


def demo_pages(
    outlets: Path | None = None, story: Path | None = None
) -> list[tuple[str, Response]]:
    """Return every outlet's pages as (URL, Response), outlets in file order, URLs sorted."""
    sites = build_sites(outlets, story)
    return [(url, site.pages[url]) for site in sites.values() for url in sorted(site.pages)]


def main(argv: list[str] | None = None) -> int:
    """Write the demo WARC; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEMO_WARC)
    parser.add_argument("--outlets", type=Path, default=None)
    parser.add_argument("--story", type=Path, default=None)
    args = parser.parse_args(argv)
    count = write_warc(args.out, demo_pages(args.outlets, args.story))
    size_kb = args.out.stat().st_size / 1024
    print(f"wrote {args.out} ({count} responses, {size_kb:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

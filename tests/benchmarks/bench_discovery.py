"""Discovery benchmark: requests per archived article for a 2-year-old story, with and without
date pruning.

Usage: python tests/benchmarks/bench_discovery.py [--articles 20000] [--months 36] [--quick]

A local site on 127.0.0.x (served by tests/mockserver) holds N synthetic articles at
``/YYYY/MM/DD/slug-N/`` over M monthly sitemaps (``sitemap-YYYY-MM.xml``, listed in
``sitemap_index.xml`` with each month's last
``lastmod``; each article's ``lastmod`` is its publication time). The story is two years
before the newest month: a fortnight with a few dozen relevant articles among the rest. The
crawl (``python -m crawler.run``, the real command, politeness delays off) runs twice:

* pruning on (the default): child sitemaps and article URLs dated outside the window are
  skipped before any request;
* pruning off (``-s NEWSARCHIVE_DATE_PRUNING=0``): only the ``lastmod`` rules skip anything, so
  every later month and every later article is fetched to be judged.

Request counts come from the server's access log and do not depend on machine load; the wall
time is printed for information only.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from archive import Archive, models  # noqa: E402
from tests.mockserver import MockServer, Request, Response  # noqa: E402

HOST = "127.0.0.70"
FIRST_MONTH = date(2022, 1, 1)
RELEVANT = 40  # relevant articles inside the story window
SEED = 20221205
TOPICS = ("council budget", "harbour ferry timetable", "school sports day", "bakery opening")


def month_starts(months: int) -> list[date]:
    """Return the first day of each of ``months`` months from FIRST_MONTH."""
    starts, day = [], FIRST_MONTH
    for _ in range(months):
        starts.append(day)
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return starts


def story_window(months: list[date]) -> tuple[date, date]:
    """Return a fortnight two years (24 months) before the newest month."""
    start = months[-25].replace(day=5)
    return start, start + timedelta(days=14)


class Site:
    """The synthetic site: pages generated from an article table, an access log."""

    def __init__(self, articles: int, months: int) -> None:
        rng = random.Random(SEED)
        self.months = month_starts(months)
        first, last = self.months[0], self.months[-1] + timedelta(days=27)
        self.window = story_window(self.months)
        span = (last - first).days
        days = sorted(first + timedelta(days=rng.randrange(span)) for _ in range(articles))
        window_days = [self.window[0] + timedelta(days=rng.randrange(14)) for _ in range(RELEVANT)]
        self.articles: dict[str, tuple[date, bool]] = {}
        for n, day in enumerate(days):
            self.articles[f"/{day:%Y/%m/%d}/local-news-item-{n}/"] = (day, False)
        for n, day in enumerate(window_days):
            self.articles[f"/{day:%Y/%m/%d}/kushner-memoir-kardashian-call-{n}/"] = (day, True)

    def by_month(self) -> dict[str, list[tuple[str, date]]]:
        """Return month key -> (path, day) of its articles."""
        out: dict[str, list[tuple[str, date]]] = {}
        for path, (day, _) in self.articles.items():
            out.setdefault(f"{day:%Y-%m}", []).append((path, day))
        return out

    def page(self, path: str, base: str) -> tuple[str, str] | None:
        """Return (content type, body) for ``path``, or None."""
        if path == "/robots.txt":
            return "text/plain", f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap_index.xml\n"
        if path == "/sitemap_index.xml":
            return "application/xml", self.index(base)
        if path.startswith("/sitemap-") and path.endswith(".xml"):
            return "application/xml", self.month(path[9:16], base)
        if path in self.articles:
            return "text/html", self.article(path)
        return None

    def index(self, base: str) -> str:
        """Return the sitemap index: one child per month, lastmod its newest article."""
        months = self.by_month()
        rows = "".join(
            f"<sitemap><loc>{base}/sitemap-{key}.xml</loc>"
            f"<lastmod>{max(d for _, d in months[key]).isoformat()}</lastmod></sitemap>"
            for key in sorted(months)
        )
        return f'<?xml version="1.0"?><sitemapindex xmlns="{NS}">{rows}</sitemapindex>'

    def month(self, key: str, base: str) -> str:
        """Return a month's urlset (each article with its publication day as lastmod)."""
        rows = "".join(
            f"<url><loc>{base}{path}</loc><lastmod>{day.isoformat()}</lastmod></url>"
            for path, day in self.by_month().get(key, [])
        )
        return f'<?xml version="1.0"?><urlset xmlns="{NS}">{rows}</urlset>'

    def article(self, path: str) -> str:
        """Return a small article page (relevant ones name the story's terms)."""
        day, relevant = self.articles[path]
        topic = "Jared Kushner's memoir recalls a call from Kim Kardashian." if relevant else (
            f"The {TOPICS[len(path) % len(TOPICS)]} was discussed at length this week."
        )  # fmt: skip
        title = "Kushner memoir: the Kardashian call" if relevant else "Local news in brief"
        return (
            f'<html><head><title>{title}</title><script type="application/ld+json">'
            f'{{"@type": "NewsArticle", "headline": "{title}", "datePublished": "{day}T09:00:00Z",'
            f' "author": {{"@type": "Person", "name": "Ada Quill"}}}}</script></head><body>'
            f"<article><h1>{title}</h1><p>{topic}</p><p>{FILLER}</p><p>{FILLER}</p></article>"
            "</body></html>"
        )


NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
FILLER = (
    "This synthetic paragraph was written for the discovery benchmark and reports nothing "
    "real; it only gives the page the length of a short news item."
)


def serve(site: Site) -> MockServer:
    """Serve ``site`` on HOST with the mock server (pages generated per request)."""
    server = MockServer(HOST)

    def answer(request: Request) -> Response | None:
        found = site.page(request.route, request.base)
        return Response.text(found[1], f"{found[0]}; charset=utf-8") if found else None

    server.site().mount("/", answer)
    return server


def crawl(server: MockServer, site: Site, folder: Path, prune: bool) -> dict[str, float]:
    """Crawl the site for the story; return requests, archived articles and the ratio."""
    after, before = site.window
    base = server.base
    (folder / "story.toml").write_text(
        f'key = "bench-story"\ntitle = "Bench"\npublished_after = {after}\n'
        f'published_before = {before}\n[relevance]\nall = ["kushner"]\nany = ["kardashian"]\n'
    )
    (folder / "outlets.toml").write_text(
        f'[[outlets]]\nkey = "bench"\nname = "Bench Gazette"\ndomains = ["{HOST}"]\n'
        f'sitemaps = ["{base}/sitemap_index.xml"]\n'
    )
    db = folder / f"bench-{int(prune)}.db"
    server.log.clear()
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "crawl", "--story", str(folder / "story.toml"),
         "--outlets", str(folder / "outlets.toml"), "--db", f"sqlite:///{db}",
         "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0",
         "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "LOG_LEVEL=WARNING",
         "-s", f"NEWSARCHIVE_DATE_PRUNING={int(prune)}"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    archive = Archive(f"sqlite:///{db}")
    with archive.session() as session:
        stored = session.scalar(select(func.count()).select_from(models.Article)) or 0
        run = session.scalars(select(models.CrawlRun)).one()
    archive.dispose()
    requests = len(server.log)
    saved = run.stats.get("newsarchive/pruned/requests_saved", 0)
    return {"requests": requests, "archived": stored, "per_article": requests / max(stored, 1),
            "saved": saved, "wall_s": elapsed}  # fmt: skip


def main() -> None:
    """Run both crawls and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--quick", action="store_true", help="2,000 articles")
    args = parser.parse_args()
    articles = 2000 if args.quick else args.articles
    site = Site(articles, args.months)
    server = serve(site)
    print(f"{articles} articles (+{RELEVANT} relevant) over {args.months} monthly sitemaps; "
          f"story window {site.window[0]}..{site.window[1]}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        for prune in (True, False):
            figures = crawl(server, site, Path(tmp), prune)
            label = "pruning on " if prune else "pruning off"
            print(
                f"{label}: {figures['requests']:6d} requests, {figures['archived']:3d} archived, "
                f"{figures['per_article']:8.1f} requests per archived article "
                f"(requests saved by pruning: {figures['saved']}; wall {figures['wall_s']:.0f} s)"
            )
    server.close()


if __name__ == "__main__":
    main()

"""Crawl benchmark: our full pipeline vs a bare Scrapy + trafilatura spider on the same pages.

Usage: python tests/benchmarks/bench_crawl.py [--pages 2000] [--quick]

A mock server subprocess (tests/mockserver, factory ``bench_site``) on 127.0.0.1 serves N
synthetic article pages (JSON-LD, byline, nav, ~12 paragraphs) listed in one sitemap. Each
crawler runs in its own subprocess (one reactor each), with the same concurrency and no
politeness delays, and reports its own CPU time and peak RSS:

* ours: ``crawler.run.run_crawl`` - discovery, extraction, relevance, dedup and SQLite store;
* bare: a SitemapSpider whose callback only runs ``trafilatura.extract`` on the page.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.mockserver import MockServer, Request, Response, spawn  # noqa: E402

#: The mock server factory serving the benchmark's pages (run in its own process).
SERVER_FACTORY = "tests.benchmarks.bench_crawl:bench_site"

WORDS = [
    "memoir",
    "adviser",
    "campaign",
    "clemency",
    "sentence",
    "reform",
    "senator",
    "announced",
    "statement",
    "published",
    "family",
    "interview",
    "television",
    "reported",
    "according",
    "former",
    "president",
    "official",
    "week",
    "chapter",
    "lawyer",
    "meeting",
    "prison",
    "federal",
    "support",
    "advocate",
    "release",
    "book",
    "signing",
    "tour",
    "reader",
    "critics",
    "response",
    "described",
    "conversation",
    "office",
    "later",
    "months",
    "during",
    "public",
    "evening",
    "morning",
]
SPEED = {
    "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": True,
    "TELNETCONSOLE_ENABLED": False,
}  # fmt: skip


def page(n: int) -> bytes:
    """Return synthetic article page ``n`` (deterministic; mentions the story's terms)."""
    rng = random.Random(n)
    paragraphs = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 70))).capitalize() + "."
        for _ in range(12)
    ]
    paragraphs[1] += " Kushner wrote that Kim Kardashian pressed the case of Alice Johnson."
    title = f"Story {n}: Kushner memoir chapter {rng.choice(WORDS)}"
    ld = json.dumps({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
        "datePublished": f"2022-08-{1 + n % 28:02d}T10:00:00Z",
        "author": [{"@type": "Person", "name": "Bench Writer"}],
    })  # fmt: skip
    nav = "".join(f'<li><a href="/section/{w}">{w}</a></li>' for w in WORDS[:30])
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title><meta name='description' content='{title}'>"
        f'<script type="application/ld+json">{ld}</script></head><body><nav><ul>{nav}</ul></nav>'
        f"<article><h1>{title}</h1><p class='byline'>By Bench Writer</p>{body}</article>"
        f"<footer>{nav}</footer></body></html>"
    ).encode()


def sitemap(base: str, pages: int) -> str:
    """Return one sitemap listing the ``pages`` article URLs under ``base``."""
    urls = "".join(f"<url><loc>{base}/news/story-number-{i}</loc></url>" for i in range(pages))
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def article(request: Request) -> Response | None:
    """Return the generated article a ``/news/story-number-N`` request names."""
    number = request.route.rsplit("-", 1)[-1]
    return Response(body=page(int(number))) if number.isdigit() else None


def bench_site(server: MockServer, pages: int) -> None:
    """Serve robots.txt, one sitemap of ``pages`` articles and the articles (a server factory)."""
    site = server.site()
    site.pages["/robots.txt"] = Response.text("User-agent: *\nAllow: /\n", "text/plain")
    site.pages["/sitemap.xml"] = Response.xml(sitemap(server.base, pages), "application/xml")
    site.mount("/news/", article)


def child_ours(base: str, tmp: str) -> dict:
    """Crawl with our pipeline; return counts."""
    from archive import Archive
    from crawler.config import load_outlets, resolve_story
    from crawler.run import run_crawl

    outlets_path = Path(tmp) / "outlets.toml"
    host = base.split("://", 1)[1]
    outlets_path.write_text(
        f'[[outlets]]\nkey = "bench"\ndomains = ["{host}"]\nsitemaps = ["{base}/sitemap.xml"]\n'
    )
    archive = Archive(f"sqlite:///{tmp}/bench.db")
    summary = run_crawl(
        archive, resolve_story(None), load_outlets(outlets_path), outlets_path=outlets_path,
        overrides={k: str(v) for k, v in SPEED.items()}, live=False,
    )  # fmt: skip
    return {"articles": summary.outlets["bench"]["stored"]}


def child_bare(base: str, _tmp: str) -> dict:
    """Crawl with a bare SitemapSpider that only runs trafilatura; return counts."""
    import trafilatura
    from scrapy.crawler import CrawlerProcess
    from scrapy.spiders import SitemapSpider

    done = {"articles": 0}

    class Bare(SitemapSpider):
        name = "bare"
        sitemap_urls = [f"{base}/sitemap.xml"]

        def parse(self, response):  # noqa: ANN001, ANN201
            if trafilatura.extract(response.text):
                done["articles"] += 1

    process = CrawlerProcess(SPEED)
    process.crawl(Bare)
    process.start()
    return done


def run_child(kind: str, base: str) -> dict:
    """Run one crawler in a subprocess and return its figures."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind, "--base", base, "--tmp", tmp],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def child_main(kind: str, base: str, tmp: str) -> None:
    """Run a crawler in this process and print its figures as JSON."""
    start = time.perf_counter()
    result = (child_ours if kind == "ours" else child_bare)(base, tmp)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result.update(
        wall_s=time.perf_counter() - start, cpu_s=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=usage.ru_maxrss / 1024,
    )  # fmt: skip
    print(json.dumps(result))


def main() -> None:
    """Parse options, start the server, run both crawlers and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="300 pages")
    parser.add_argument("--child"), parser.add_argument("--base"), parser.add_argument("--tmp")
    args = parser.parse_args()
    if args.child:
        return child_main(args.child, args.base, args.tmp)
    pages = 300 if args.quick else args.pages
    with spawn(SERVER_FACTORY, kwargs={"pages": pages}) as server:
        figures = {kind: run_child(kind, server.base) for kind in ("bare", "ours")}
    print(f"{pages} synthetic article pages served on 127.0.0.1")
    print(
        f"{'crawler':8} {'articles':>8} {'pages/s':>8} {'CPU s':>7} "
        f"{'CPU ms/article':>15} {'peak MB':>8}"
    )
    for kind, f in figures.items():
        per = 1000 * f["cpu_s"] / max(f["articles"], 1)
        rate = pages / f["wall_s"]
        print(
            f"{kind:8} {f['articles']:>8} {rate:>8.1f} {f['cpu_s']:>7.1f} {per:>15.1f} "
            f"{f['peak_rss_mb']:>8.0f}"
        )
    ratio = (figures["ours"]["cpu_s"] / max(figures["ours"]["articles"], 1)) / (
        figures["bare"]["cpu_s"] / max(figures["bare"]["articles"], 1)
    )
    print(f"ours / bare CPU per article: {ratio:.2f}x (target <= 1.3x)")


if __name__ == "__main__":
    main()

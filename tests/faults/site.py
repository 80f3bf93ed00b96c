"""A synthetic news site of N article pages about a test story, with a feed and sitemaps.

Every page is written here from word lists (no real article text). ``relevant`` pages match
:data:`STORY_TOML`; every ``off_topic_every``-th page does not.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from tests.mockserver import FaultPlan, MockServer, Request, Response

STORY_TOML = """
key = "reliability-story"
title = "Kushner memoir: Kardashian (reliability tests)"
published_after = 2022-07-20
published_before = 2022-09-30
[relevance]
all = ["kushner"]
any = ["kardashian", "alice johnson"]
"""
WINDOW_START = date(2022, 7, 20)
WINDOW_DAYS = 70
SITEMAP_CHUNK = 250
_WORDS = [
    "harbour",
    "council",
    "weather",
    "morning",
    "river",
    "library",
    "market",
    "station",
    "garden",
    "bridge",
    "museum",
    "teacher",
    "window",
    "evening",
    "village",
    "orchard",
    "lantern",
    "meadow",
    "ferry",
    "bakery",
    "tram",
    "valley",
]
_ON_TOPIC = "Jared Kushner's memoir recalls a call from Kim Kardashian about Alice Johnson."
_OFF_TOPIC = "The city council voted on a new bus timetable for the winter months."


@dataclass
class SyntheticSite:
    """N article pages at ``/news/<n>-<slug>``, a feed, a sitemap index and its children."""

    n_articles: int
    seed: int = 0
    off_topic_every: int = 5
    #: Paths whose article carries an extra "Update" paragraph (a new version on re-crawl).
    revised: set[str] = field(default_factory=set)

    def article_paths(self) -> list[str]:
        """Return every article path, in order."""
        return [self.path(i) for i in range(self.n_articles)]

    def path(self, index: int) -> str:
        """Return the path of article ``index``."""
        rng = random.Random(f"{self.seed}:slug:{index}")
        words = "-".join(rng.sample(_WORDS, 3))
        return f"/news/{index:05d}-kushner-{words}"

    def is_relevant(self, index: int) -> bool:
        """Return True when article ``index`` matches the story."""
        return (index + 1) % self.off_topic_every != 0 if self.off_topic_every else True

    def relevant_paths(self) -> list[str]:
        """Return the paths of the articles the story's crawl must store."""
        return [self.path(i) for i in range(self.n_articles) if self.is_relevant(i)]

    def published(self, index: int) -> date:
        """Return article ``index``'s publication date (inside the story window)."""
        return WINDOW_START + timedelta(days=index % WINDOW_DAYS)

    def article_html(self, index: int) -> str:
        """Return the HTML of article ``index`` (JSON-LD, meta tags, article body)."""
        rng = random.Random(f"{self.seed}:body:{index}")
        title = f"Report {index}: " + " ".join(w.title() for w in rng.sample(_WORDS, 4))
        topic = _ON_TOPIC if self.is_relevant(index) else _OFF_TOPIC
        paragraphs = [topic] + [_sentence(rng, index, k) for k in range(5)]
        if self.path(index) in self.revised:
            paragraphs.append(f"Update: report {index} was revised with a correction.")
        published = f"{self.published(index).isoformat()}T{8 + index % 10:02d}:00:00Z"
        data = {
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
            "datePublished": published, "author": [{"@type": "Person", "name": "Jane Roe"}],
        }  # fmt: skip
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        return (
            f"<!DOCTYPE html><html lang='en'><head><title>{title} | Fault Gazette</title>"
            f'<meta property="og:title" content="{title}">'
            f'<script type="application/ld+json">{json.dumps(data)}</script></head>'
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>"
            f"<p class='byline'>By Jane Roe</p>{body}</article></body></html>"
        )

    def feed_xml(self, base: str, limit: int = 50) -> str:
        """Return an RSS feed of the latest ``limit`` articles."""
        items = "".join(
            f"<item><title>Report {i}</title><link>{base}{self.path(i)}</link></item>"
            for i in range(max(0, self.n_articles - limit), self.n_articles)
        )
        channel = f"<channel><title>Fault Gazette</title>{items}</channel>"
        return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'

    def sitemap_index(self, base: str) -> str:
        """Return the sitemap index listing one child per :data:`SITEMAP_CHUNK` articles."""
        children = "".join(
            f"<sitemap><loc>{base}/sitemap-{k}.xml</loc></sitemap>"
            for k in range((self.n_articles + SITEMAP_CHUNK - 1) // SITEMAP_CHUNK)
        )
        return f'<?xml version="1.0"?><sitemapindex xmlns="{_SM}">{children}</sitemapindex>'

    def sitemap_child(self, base: str, chunk: int) -> str | None:
        """Return child sitemap ``chunk``, or None past the end."""
        indexes = range(chunk * SITEMAP_CHUNK, min(self.n_articles, (chunk + 1) * SITEMAP_CHUNK))
        if not indexes:
            return None
        urls = "".join(f"<url><loc>{base}{self.path(i)}</loc></url>" for i in indexes)
        return f'<?xml version="1.0"?><urlset xmlns="{_SM}">{urls}</urlset>'

    def lookup(self, request: Request) -> Response | None:
        """Return the page served for a mock-server request (absolute links on its base)."""
        base, path = request.base, request.route
        if path == "/robots.txt":
            return Response(content_type="text/plain", body=b"User-agent: *\nAllow: /\n")
        if path == "/feed.xml":
            return Response(content_type="application/rss+xml", body=self.feed_xml(base).encode())
        if path == "/sitemap.xml":
            return Response(content_type="application/xml", body=self.sitemap_index(base).encode())
        if path.startswith("/sitemap-") and path.endswith(".xml"):
            child = self.sitemap_child(base, int(path[len("/sitemap-") : -len(".xml")]))
            return Response(content_type="application/xml", body=child.encode()) if child else None
        if path.startswith("/news/"):
            index = int(path[len("/news/") :].split("-", 1)[0])
            if index < self.n_articles and self.path(index) == path:
                return Response(body=self.article_html(index).encode())
        return None


def serve(site: SyntheticSite, host: str, plan: FaultPlan | None = None) -> MockServer:
    """Serve ``site`` on ``host`` with ``plan``'s faults, one request per connection."""
    server = MockServer(host, keep_alive=False, faults=plan)
    server.site().mount("/", site.lookup)
    return server


_SM = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _sentence(rng: random.Random, index: int, k: int) -> str:
    """Return a synthetic sentence for paragraph ``k`` of article ``index``."""
    words = " ".join(rng.choice(_WORDS) for _ in range(18))
    return f"Paragraph {k} of report {index} mentions the {words} again before it ends."


def outlets_toml(bases: dict[str, str], *, feeds: bool = True, sitemaps: bool = True) -> str:
    """Return an outlets file with one outlet per ``key -> base URL`` (its host as the domain)."""
    blocks = []
    for key, base in bases.items():
        host = base.split("://", 1)[1]
        feed = f'feeds = ["{base}/feed.xml"]\n' if feeds else ""
        sitemap = f'sitemaps = ["{base}/sitemap.xml"]\n' if sitemaps else ""
        blocks.append(
            f'[[outlets]]\nkey = "{key}"\nname = "{key}"\ndomains = ["{host}"]\n{feed}{sitemap}'
        )
    return "\n".join(blocks)

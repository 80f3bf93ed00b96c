"""Synthetic outlet sites: each outlet's real markup shapes with text written for the demo.

Two consumers use the model: ``crawler/demo/generate.py`` (the demo WARC, pages at their real
``https://`` URLs) and ``tests/plugins/sites.py`` (a local server per outlet on 127.0.0.N).

API:
    ``build_site(outlet_cfg, story) -> Site`` — one outlet at its real URLs;
    ``build_sites(outlets_path=None, story_path=None) -> dict[key, Site]`` — every outlet of
    ``crawler/outlets.toml``; ``relocate(sites, bases, story)`` moves them to local origins.

``Site.pages`` maps a full URL to ``Response(status, headers, body)``. ``Site.expected`` (and
``outlet_sites.expected[key]`` in the tests) has this shape, every URL absolute::

    {
      "key": "people",
      "articles": [            # must be archived (kind "relevant" or "syndicated")
        {"url", "kind", "title", "description", "authors": [..], "published_at": UTC ISO
         "2022-08-02T18:31:09+00:00", "body_snippet": a sentence of the body,
         "body_excludes": [boilerplate that must not be in the body],
         "amp_url": only where search results link the AMP variant (nypost),
         "syndicated_of": only on the copy: URL of the original (nypost <- pagesix)}
      ],
      "undated": [ same shape, published_at None ],   # perezhilton: page without any date
      "rejected": [ {"url", "reason", "title"} ],     # reason: robots | out-of-window |
                                                      #   off-topic | not-article
      "skipped_sitemaps": [ child sitemap URLs whose lastmod is before the window ],
      "search_pages": [ page 1 URL, page 2 URL, ... for the story's query ],
      "bad_endpoints": { url: "malformed" | "404" | "empty" }   # local fixture, toofab only
    }

Where things are: robots.txt of dailymail disallows ``/tvshowbiz/article-11125431/`` (a relevant
article listed in its feeds); every outlet has one off-topic and one out-of-window article;
outlets with a sitemap index (all but insider, hola, foxnews, independent) list a section front
in it (a "not-article" rejection); nypost has the AMP variant and the syndicated Page Six copy.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from crawler.demo.sites.build import Site, build_site, search_query
from crawler.demo.sites.model import ArticleSpec, Response

CRAWLER_DIR = Path(__file__).resolve().parents[2]
DEFAULT_OUTLETS = CRAWLER_DIR / "outlets.toml"
DEFAULT_STORY = CRAWLER_DIR / "stories" / "kushner-memoir-kardashian.toml"


def load_toml(path: Path) -> dict:
    """Return a parsed TOML file."""
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def build_sites(
    outlets_path: Path | None = None, story_path: Path | None = None
) -> dict[str, Site]:
    """Return outlet key -> Site for every outlet in the outlets file, at real URLs."""
    outlets = load_toml(outlets_path or DEFAULT_OUTLETS)["outlets"]
    story = load_toml(story_path or DEFAULT_STORY)
    return {cfg["key"]: build_site(cfg, story) for cfg in outlets}


__all__ = [
    "ArticleSpec",
    "DEFAULT_OUTLETS",
    "DEFAULT_STORY",
    "Response",
    "Site",
    "build_site",
    "build_sites",
    "load_toml",
    "search_query",
]

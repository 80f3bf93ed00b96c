"""Dated endpoint templates: expansion over a story window, config errors, the registry's rules."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import unquote

import pytest

from crawler.config import STORIES_DIR, ConfigError, load_outlets, load_story, resolve_story
from crawler.config.templates import PLACEHOLDERS, expand, window_days
from crawler.discovery.endpoints import (
    CONFIGURED,
    STORY,
    TEMPLATED,
    configured_endpoints,
    home_url,
    select_discovered,
    unowned_start_urls,
)

SLACK = timedelta(days=1)
OUTLET = """
[[outlets]]
key = "paper"
name = "The Paper"
domains = ["paper.example"]
sitemaps = ["https://paper.example/sitemap-{year}.xml"]
"""
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: Paths of pages about one person or one topic, which belong in a story's start_urls.
TOPIC_PATH = re.compile(r"/(?:topic|topics|tag|tags|person|people|category/person)/[^/?]+", re.I)


def write(tmp_path: Path, text: str, name: str = "outlets.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def days(first: str, last: str) -> list[date]:
    return list(
        window_days(date.fromisoformat(first), date.fromisoformat(last), SLACK, date.today())
    )


def test_each_placeholder_expands_over_the_window_with_the_slack() -> None:
    window = days("2022-07-20", "2022-09-30")  # 2022-07-19 .. 2022-10-01
    cases = {
        "{year}": ["2022"],
        "{month}": ["07", "08", "09", "10"],
        "{yyyymm}": ["202207", "202208", "202209", "202210"],
        "{yyyy-mm}": ["2022-07", "2022-08", "2022-09", "2022-10"],
        "{month_name}": ["july", "august", "september", "october"],
        "{quarter}": ["3", "4"],
        "{year}-q{quarter}": ["2022-q3", "2022-q4"],
    }
    for template, values in cases.items():
        urls = expand(f"https://paper.example/s/{template}.xml", window).urls
        assert urls == tuple(f"https://paper.example/s/{v}.xml" for v in values), template
    day_urls = expand("https://paper.example/{year}/{month}/{day}/", window).urls
    assert len(day_urls) == 75 and day_urls[0].endswith("/2022/07/19/")
    assert day_urls[-1].endswith("/2022/10/01/")


def test_query_plain_urls_and_the_cap() -> None:
    window = days("2022-01-01", "2022-12-31")
    assert expand("https://paper.example/s?q={query}", window, "a+b").urls == (
        "https://paper.example/s?q=a+b",
    )
    assert expand("https://paper.example/feed/", window).urls == ("https://paper.example/feed/",)
    capped = expand("https://paper.example/{year}/{month}/{day}/", window, limit=10)
    assert len(capped.urls) == 10 and len(capped.dropped) == 367 - 10
    assert set(PLACEHOLDERS) == {
        "year", "month", "day", "yyyymm", "yyyy-mm", "month_name", "quarter", "query",
    }  # fmt: skip


@pytest.mark.parametrize("key", ["feeds", "sitemaps", "search", "start_urls"])
def test_an_unknown_placeholder_names_file_outlet_key_and_placeholder(
    tmp_path: Path, key: str
) -> None:
    url = "https://paper.example/x-{yr}.xml" + ("?q={query}" if key == "search" else "")
    text = '[[outlets]]\nkey = "paper"\ndomains = ["paper.example"]\n' + f'{key} = ["{url}"]\n'
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        load_outlets(path)
    message = str(error.value)
    assert str(path) in message and "outlet paper" in message and f"'{key}'" in message
    assert "{yr}" in message and "{year}" in message  # what was found and what is known


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://paper.example/sitemap-{year.xml", "unbalanced brace"),
        ("https://{year}.paper.example/sitemap.xml", "path or query only"),
        ("https://paper.example/sitemap-{}.xml", "{}"),
    ],
)
def test_malformed_templates_are_config_errors(tmp_path: Path, url: str, expected: str) -> None:
    path = write(tmp_path, OUTLET.replace("https://paper.example/sitemap-{year}.xml", url))
    with pytest.raises(ConfigError, match=re.escape(expected)):
        load_outlets(path)


def test_new_outlet_keys_are_validated(tmp_path: Path) -> None:
    (outlet,) = load_outlets(write(tmp_path, OUTLET))
    assert outlet.discover is True and outlet.archives == () and outlet.home is None
    good = (
        OUTLET
        + 'discover = false\narchives = ["wayback", "commoncrawl"]\nhome = "https://www.paper.example/"\n'
    )
    (outlet,) = load_outlets(write(tmp_path, good))
    assert outlet.discover is False and outlet.archives == ("wayback", "commoncrawl")
    assert home_url(outlet) == "https://www.paper.example/"
    for extra, names in [
        ('archives = ["wayback", "archive.today"]', ["'archives'", "archive.today"]),
        ('discover = "yes"', ["'discover'", "true or false"]),
        ('home = "https://elsewhere.example/"', ["'home'", "outlet's domains"]),
    ]:
        with pytest.raises(ConfigError) as error:
            load_outlets(write(tmp_path, OUTLET + extra + "\n"))
        assert all(name in str(error.value) for name in names), str(error.value)


def test_story_start_urls_seed_the_outlet_that_owns_them(tmp_path: Path) -> None:
    story = replace(
        resolve_story(None),
        start_urls=("https://www.paper.example/topic/some-person", "https://nobody.example/a"),
    )
    (outlet,) = load_outlets(write(tmp_path, OUTLET))
    plan = configured_endpoints(outlet, story)
    sources = {e.url: e.source for e in plan.endpoints}
    assert sources["https://www.paper.example/topic/some-person"] == STORY
    assert sources["https://paper.example/sitemap-2022.xml"] == TEMPLATED
    assert "https://nobody.example/a" not in sources
    assert unowned_start_urls(story, [outlet]) == ["https://nobody.example/a"]
    bad = write(tmp_path, 'key = "s"\ntitle = "S"\nstart_urls = ["https://x.example/{nope}"]\n'
                '[relevance]\nall = ["x"]\n', "story.toml")  # fmt: skip
    with pytest.raises(ConfigError, match=r"story: key 'start_urls'.*\{nope\}"):
        load_story(bad)


def _endpoints(story_key_or_path: object) -> set[str]:
    story = (
        story_key_or_path
        if not isinstance(story_key_or_path, str)
        else resolve_story(story_key_or_path)
    )
    return {e.url for o in load_outlets() for e in configured_endpoints(o, story).endpoints}


def test_one_outlets_file_serves_stories_two_years_apart() -> None:
    story = resolve_story(None)
    later = replace(
        story,
        key="two-years-later",
        published_after=story.published_after.replace(year=story.published_after.year + 2),
        published_before=story.published_before.replace(year=story.published_before.year + 2),
    )
    first, second = _endpoints(story), _endpoints(later)
    assert first != second
    assert "https://www.dailymail.co.uk/sitemap-articles-year~2022.xml" in first
    assert "https://www.dailymail.co.uk/sitemap-articles-year~2024.xml" in second
    assert "https://www.businessinsider.com/sitemap/2022-08.xml" in first
    assert "https://www.businessinsider.com/sitemap/2024-08.xml" in second
    templated = {
        e.url for o in load_outlets() for e in configured_endpoints(o, story).endpoints
        if e.source == TEMPLATED
    }  # fmt: skip
    assert templated and not templated & second  # every dated endpoint moved with the story
    untouched = {
        e.url for o in load_outlets() for e in configured_endpoints(o, story).endpoints
        if e.source == CONFIGURED and "{query}" not in e.template
    }  # fmt: skip
    assert untouched <= second  # feeds and news sitemaps serve every story


def _bundled_terms() -> set[str]:
    terms: set[str] = set()
    for path in STORIES_DIR.glob("*.toml"):
        story = load_story(path)
        terms |= {t.casefold() for t in story.all_terms + story.any_terms + story.none_terms}
    return terms


def test_the_registry_names_no_story_no_person_and_no_year() -> None:
    terms = _bundled_terms()
    assert "kushner" in terms
    for outlet in load_outlets():
        for key in ("feeds", "sitemaps", "search", "start_urls"):
            for url in getattr(outlet, key):
                assert not YEAR.search(url), (outlet.key, key, url)
                assert not TOPIC_PATH.search(url), (outlet.key, key, url)
                words = re.sub(r"[-_+/.~]", " ", unquote(url).casefold())
                assert not [t for t in terms if t in words], (outlet.key, key, url)


def test_discovered_endpoints_are_deduplicated_pruned_and_capped() -> None:
    story = resolve_story(None)  # 2022-07-20 .. 2022-09-30
    urls = [
        f"https://paper.example/sitemap-{y}-{m:02d}.xml"
        for y in (2020, 2021, 2022)
        for m in range(1, 13)
    ]
    urls += ["https://www.paper.example/sitemap-2022-08.xml/", "https://paper.example/news.xml"]
    plan = select_discovered(
        urls, kind="sitemap", source="robots-sitemap", story=story, limit=3,
        known=["https://paper.example/sitemap-2022-09.xml"],
    )  # fmt: skip
    kept = [e.url for e in plan.endpoints]
    assert kept == [
        "https://paper.example/sitemap-2022-07.xml",
        "https://paper.example/sitemap-2022-08.xml",
        "https://paper.example/sitemap-2022-10.xml",  # the slack reaches 2022-10-01
    ]
    reasons = [d.reason for d in plan.dropped]
    assert reasons.count("out-of-window") == 32 and reasons.count("too-many-endpoints") == 1
    assert plan.dropped[-1].url == "https://paper.example/news.xml"  # undated come after dated
    assert all(e.channel == "robots-sitemap" for e in plan.endpoints)
    elsewhere = select_discovered(
        ["http://feeds.feedburner.example/paper", "https://paper.example/rss"], kind="feed",
        source="home-feed", known=[], story=story, limit=10,
        owns=lambda url: "paper.example/" in url,
    )  # fmt: skip
    assert [e.url for e in elsewhere.endpoints] == ["https://paper.example/rss"]
    assert [(d.url, d.reason) for d in elsewhere.dropped] == [
        ("http://feeds.feedburner.example/paper", "offsite")
    ]

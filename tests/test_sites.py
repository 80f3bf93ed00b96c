"""Tests of the synthetic outlet sites, the local server fixture and the demo WARC."""

from __future__ import annotations

import json
import re
import tomllib
import urllib.error
import urllib.request
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler.config import load_outlets, resolve_story
from crawler.demo.generate import DEMO_WARC, demo_pages, write_warc
from crawler.demo.sites import DEFAULT_OUTLETS, DEFAULT_STORY, build_sites, load_toml
from crawler.demo.sites.discovery import is_news_sitemap
from crawler.demo.sites.outlets import SITE_CLASSES
from crawler.demo.sites.text import BOOK, CASE, OFFTOPIC, REACTION
from crawler.discovery.declared import home_feeds, robots_sitemaps
from crawler.discovery.endpoints import configured_endpoints, home_url

OUTLET_KEYS = [
    "people",
    "insider",
    "gbnews",
    "hola",
    "toofab",
    "thelist",
    "perezhilton",
    "sheknows",
    "nymag",
    "pagesix",
    "nypost",
    "foxnews",
    "dailymail",
    "independent",
    "newsweek",
]
JSONLD = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.S)
STORY = load_toml(DEFAULT_STORY)
WINDOW = (STORY["published_after"], STORY["published_before"])


@pytest.fixture(scope="module")
def real_sites() -> dict:
    """Return every outlet's site at its real URLs."""
    return build_sites()


@pytest.fixture(scope="module")
def warc_records() -> dict[str, dict[str, object]]:
    """Return the bundled WARC's records: type -> {target URI: record facts}."""
    records: dict[str, dict[str, object]] = {"request": {}, "response": {}}
    with open(DEMO_WARC, "rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type in records:
                uri = record.rec_headers.get_header("WARC-Target-URI")
                status = record.http_headers.get_statuscode() if record.http_headers else None
                records[record.rec_type][uri] = {
                    "status": status,
                    "body": record.content_stream().read(),
                }
    return records


def _is_relevant(title: str, body: str) -> bool:
    text = f"{title}\n{body}".lower()
    rules = STORY["relevance"]
    return all(t in text for t in rules["all"]) and any(t in text for t in rules["any"])


def _configured_endpoints(cfg: dict) -> list[str]:
    """Return the outlet's endpoints as a crawl of the default story expands them."""
    (outlet,) = [o for o in load_outlets() if o.key == cfg["key"]]
    return [e.url for e in configured_endpoints(outlet, resolve_story(None)).endpoints]


def _has_archive_sitemap(cfg: dict) -> bool:
    """Return True when the outlet has a non-news sitemap, configured or in robots.txt."""
    configured = any(not is_news_sitemap(u) for u in cfg.get("sitemaps", []))
    return configured or bool(SITE_CLASSES[cfg["key"]].robots_only_sitemaps)


def test_outlets_registry_has_every_required_outlet() -> None:
    outlets = load_toml(DEFAULT_OUTLETS)["outlets"]
    assert [o["key"] for o in outlets] == OUTLET_KEYS
    for outlet in outlets:
        assert outlet["domains"] and outlet["name"]
        assert outlet.get("feeds") or outlet.get("sitemaps"), outlet["key"]
        for url in _configured_endpoints(outlet):
            assert urlsplit(url).scheme == "https", url
            host = urlsplit(url).hostname
            assert any(host == d or host.endswith("." + d) for d in outlet["domains"]), url


def test_default_story_matches_the_design_contract() -> None:
    assert STORY["key"] == "kushner-memoir-kardashian"
    assert STORY["published_after"] == date(2022, 7, 20)
    assert STORY["published_before"] == date(2022, 9, 30)
    assert STORY["relevance"] == {
        "all": ["kushner"],
        "any": ["kardashian", "alice johnson", "breaking history"],
        "none": [],
    }


def test_every_outlet_has_archivable_articles_and_rejections(real_sites: dict) -> None:
    assert set(real_sites) == set(OUTLET_KEYS)
    for key, site in real_sites.items():
        expected = site.expected
        assert expected["articles"], key
        reasons = {r["reason"] for r in expected["rejected"]}
        assert {"off-topic", "out-of-window"} <= reasons, key
        assert ("not-article" in reasons) == _has_archive_sitemap(site.config), key
        for item in expected["articles"] + expected["undated"]:
            assert site.pages[item["url"]].status == 200
            assert item["title"] and item["authors"] and item["body_snippet"]


def test_articles_satisfy_the_story_rules_and_window_as_expected(real_sites: dict) -> None:
    for key, site in real_sites.items():
        for item in site.expected["articles"]:
            page = site.pages[item["url"]].body.decode()
            assert _is_relevant(item["title"], page), item["url"]
            day = datetime.fromisoformat(item["published_at"]).date()
            assert WINDOW[0] <= day <= WINDOW[1], item["url"]
        for rejection in site.expected["rejected"]:
            if rejection["kind"] == "sitemap":  # pruned by its date: never requested
                assert rejection["url"] not in site.pages, rejection["url"]
                continue
            page = site.pages[rejection["url"]].body.decode().lower()
            if rejection["reason"] == "off-topic":
                assert "kushner" not in page, (key, rejection["url"])
            if rejection["reason"] in ("out-of-window", "robots"):
                assert _is_relevant(rejection["title"], page), rejection["url"]


def test_only_dailymail_robots_disallows_a_relevant_article(real_sites: dict) -> None:
    robots = [
        (k, r)
        for k, s in real_sites.items()
        for r in s.expected["rejected"]
        if r["reason"] == "robots"
    ]
    assert [k for k, _ in robots] == ["dailymail"]
    url = robots[0][1]["url"]
    text = real_sites["dailymail"].pages["https://www.dailymail.co.uk/robots.txt"].body.decode()
    disallowed = [
        line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("Disallow")
    ]
    assert any(urlsplit(url).path.startswith(path) for path in disallowed if path != "/")
    feed = real_sites["dailymail"].pages["https://www.dailymail.co.uk/tvshowbiz/index.rss"].body
    assert url.encode() in feed


def test_sitemaps_and_feeds_parse_as_xml(real_sites: dict) -> None:
    count = 0
    for site in real_sites.values():
        for url, response in site.pages.items():
            if "xml" in response.content_type:
                root = ElementTree.fromstring(response.body)
                assert root.tag.split("}")[-1] in {"rss", "feed", "urlset", "sitemapindex"}, url
                count += 1
    assert count >= 40


def test_yearly_index_lists_day_files_pruned_by_their_names(real_sites: dict) -> None:
    site = real_sites["dailymail"]
    index = ElementTree.fromstring(
        site.pages["https://www.dailymail.co.uk/sitemap-articles-year~2022.xml"].body
    )
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    children = [
        child.findtext("sm:loc", namespaces=ns) for child in index.findall("sm:sitemap", ns)
    ]
    day = re.compile(r"sitemap-articles-day~(\d{4}-\d\d-\d\d)\.xml$")
    assert all(day.search(url) for url in children)
    before = [
        u for u in children if date.fromisoformat(day.search(u)[1]) < WINDOW[0] - timedelta(days=1)
    ]
    inside = [u for u in children if u not in before]
    assert before and set(before) <= set(site.expected["skipped_sitemaps"])
    assert not any(u in site.pages for u in before)  # never requested: not captured
    assert len(inside) >= 3 and all(u in site.pages for u in inside)


def test_robots_txt_and_home_pages_declare_what_discovery_finds(real_sites: dict) -> None:
    for outlet in load_outlets():
        site = real_sites[outlet.key]
        home = home_url(outlet)
        declared = home_feeds(site.pages[home].body, home)
        assert set(outlet.feeds) <= set(declared), outlet.key
        robots = site.pages[f"{home.rstrip('/')}/robots.txt"].body
        assert robots_sitemaps(robots), outlet.key
    gbnews = real_sites["gbnews"]
    assert "https://www.gbnews.com/feeds/politics.rss" in home_feeds(
        gbnews.pages["https://www.gbnews.com/"].body, "https://www.gbnews.com/"
    )
    listed = robots_sitemaps(real_sites["thelist"].pages["https://www.thelist.com/robots.txt"].body)
    assert listed == ["https://www.thelist.com/sitemap_index.xml"]  # configured nowhere
    years = robots_sitemaps(real_sites["nypost"].pages["https://nypost.com/robots.txt"].body)
    assert "https://nypost.com/sitemap-1999.xml" in years


def test_articles_listed_by_one_channel_only_say_which(real_sites: dict) -> None:
    only = {
        a["url"]: a["channel"]
        for s in real_sites.values()
        for a in s.expected["articles"]
        if "channel" in a
    }
    assert sorted(only.values()) == ["home-feed", "robots-sitemap", "sitemap"]


def test_news_sitemap_carries_titles_and_dates(real_sites: dict) -> None:
    body = real_sites["foxnews"].pages["https://www.foxnews.com/sitemap.xml?type=news"].body
    root = ElementTree.fromstring(body)
    news = "{http://www.google.com/schemas/sitemap-news/0.9}"
    titles = [el.text for el in root.iter(f"{news}title")]
    dates = [el.text for el in root.iter(f"{news}publication_date")]
    expected_titles = {a["title"] for a in real_sites["foxnews"].expected["articles"]}
    assert expected_titles <= set(titles) and len(dates) == len(titles)


def test_jsonld_blocks_parse_and_carry_the_headline(real_sites: dict) -> None:
    for site in real_sites.values():
        for item in site.expected["articles"]:
            html = site.pages[item["url"]].body.decode()
            blocks = [json.loads(b) for b in JSONLD.findall(html)]
            assert blocks, item["url"]
            assert item["title"] in json.dumps(blocks, ensure_ascii=False), item["url"]


def test_undated_article_has_no_date_in_markup(real_sites: dict) -> None:
    (item,) = real_sites["perezhilton"].expected["undated"]
    html = real_sites["perezhilton"].pages[item["url"]].body.decode()
    assert "datePublished" not in html and "published_time" not in html and "<time" not in html
    assert item["published_at"] is None


def test_syndicated_copy_repeats_the_original_text(real_sites: dict) -> None:
    (copy,) = [a for a in real_sites["nypost"].expected["articles"] if a["kind"] == "syndicated"]
    original = real_sites["pagesix"].pages[copy["syndicated_of"]].body.decode()
    copied = real_sites["nypost"].pages[copy["url"]].body.decode()
    assert copy["body_snippet"] in original and copy["body_snippet"] in copied


def test_site_model_is_deterministic() -> None:
    first, second = build_sites(), build_sites()
    for key in first:
        assert first[key].pages == second[key].pages


def test_text_pools_never_mention_other_stories() -> None:
    for sentence in [s for pool in OFFTOPIC.values() for s in pool]:
        assert "kushner" not in sentence.lower() and "kardashian" not in sentence.lower()
    assert len(set(BOOK + CASE + REACTION)) == len(BOOK + CASE + REACTION)


def test_warc_has_every_configured_endpoint_and_article(warc_records: dict) -> None:
    responses = warc_records["response"]
    sites = build_sites()
    for cfg in load_toml(DEFAULT_OUTLETS)["outlets"]:
        missing = sites[cfg["key"]].expected["missing"]  # dated after the capture day
        for url in _configured_endpoints(cfg):
            assert url in responses, url
            assert responses[url]["status"] == ("404" if url in missing else "200"), url
            host = urlsplit(url).netloc
            assert f"https://{host}/robots.txt" in responses
    for site in sites.values():
        for item in site.expected["articles"]:
            assert item["url"] in responses and item["url"] in warc_records["request"]
    assert sorted(u for s in sites.values() for u in s.expected["missing"]) == [
        "https://www.businessinsider.com/sitemap/2022-09.xml",
        "https://www.businessinsider.com/sitemap/2022-10.xml",
        "https://www.hola.com/sitemap/sitemap-2022-q4.xml",
    ]


def test_warc_is_small_and_up_to_date(tmp_path) -> None:
    assert DEMO_WARC.stat().st_size < 2 * 1024 * 1024
    fresh = tmp_path / DEMO_WARC.name
    write_warc(fresh, demo_pages())
    assert fresh.read_bytes() == DEMO_WARC.read_bytes(), "run python -m crawler.demo.generate"


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_server_serves_every_outlet_on_its_own_address(outlet_sites) -> None:
    outlets = tomllib.loads(outlet_sites.outlets_toml_path.read_text())["outlets"]
    assert [o["key"] for o in outlets] == OUTLET_KEYS
    first = {o["key"]: (o.get("feeds") or o["sitemaps"])[0] for o in outlets}
    hosts = {urlsplit(url).hostname for url in first.values()}
    assert len(hosts) == len(OUTLET_KEYS) and all(h.startswith("127.0.0.") for h in hosts)
    outlet_sites.log.clear()
    for outlet in outlets:
        expected = outlet_sites.expected[outlet["key"]]
        status, body = _get(expected["articles"][0]["url"])
        assert status == 200 and expected["articles"][0]["body_snippet"].encode() in body.replace(
            b"&#x27;", b"'"
        )
        assert _get(urlsplit(first[outlet["key"]])._replace(path="/robots.txt").geturl())[0] == 200
    assert len(outlet_sites.log) == 2 * len(outlets)
    assert outlet_sites.log.requested(outlet_sites.expected["people"]["articles"][0]["url"])


def test_served_pages_link_only_local_origins(outlet_sites) -> None:
    people = outlet_sites.sites["people"]
    for url, response in people.pages.items():
        assert "https://people.com" not in response.body.decode(), url
    copy = [a for a in outlet_sites.expected["nypost"]["articles"] if a["kind"] == "syndicated"]
    assert copy[0]["syndicated_of"].startswith(outlet_sites.sites["pagesix"].base_url)


def test_server_search_answers_any_query_and_paginates(outlet_sites) -> None:
    template = outlet_sites.sites["people"].config["search"][0]
    status, page1 = _get(template.replace("{query}", "jared+kushner"))
    assert status == 200 and b'rel="next"' in page1
    second = outlet_sites.expected["people"]["search_pages"][1]
    assert _get(second)[0] == 200


def test_server_bad_endpoints(outlet_sites) -> None:
    bad = outlet_sites.expected["toofab"]["bad_endpoints"]
    assert sorted(bad.values()) == ["404", "empty", "malformed"]
    for url, kind in bad.items():
        status, body = _get(url)
        assert status == (404 if kind == "404" else 200), url
        if kind == "malformed":
            with pytest.raises(ElementTree.ParseError):
                ElementTree.fromstring(body)

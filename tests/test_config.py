"""Outlets and story files: loading the shipped files and rejecting bad ones with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.config import (
    DEFAULT_STORY_KEY,
    ConfigError,
    load_outlets,
    load_story,
    outlet_for_url,
    resolve_story,
    select_outlets,
)

GOOD_OUTLET = """
[[outlets]]
key = "paper"
name = "The Paper"
domains = ["paper.example"]
sister_domains = ["paper-sister.example"]
feeds = ["https://paper.example/feed/"]
search = ["https://paper.example/search?q={query}"]
search_pages = 4
locale = "en_GB"
"""


def write(tmp_path: Path, text: str, name: str = "outlets.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_registry_has_the_issue_outlets() -> None:
    keys = {o.key for o in load_outlets()}
    assert len(keys) >= 14
    assert {"people", "insider", "pagesix", "nypost", "foxnews", "dailymail"} <= keys


def test_optional_keys_are_read(tmp_path: Path) -> None:
    (outlet,) = load_outlets(write(tmp_path, GOOD_OUTLET))
    assert outlet.search_pages == 4 and outlet.locale == "en_GB"
    assert outlet.owns("https://www.paper.example/a") and outlet.owns(
        "https://paper-sister.example/b"
    )
    assert not outlet.owns("https://other.example/a")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (GOOD_OUTLET + 'colour = "red"\n', ["outlet paper", "unknown key 'colour'"]),
        ('[[outlets]]\nname = "x"\ndomains = ["x.example"]\n', ["outlet #1", "'key'", "missing"]),
        ('[[outlets]]\nkey = "x"\n', ["outlet x", "'domains'"]),
        (
            '[[outlets]]\nkey = "x"\ndomains = ["x.example"]\nfeeds = ["not a url"]\n',
            ["outlet x", "'feeds'"],
        ),
        (
            '[[outlets]]\nkey = "x"\ndomains = ["x.example"]\nsearch = ["https://x.example/s"]\n',
            ["'search'", "{query}"],
        ),
        ('[[outlets]]\nkey = "x"\ndomains = ["https://x.example"]\n', ["'domains'", "bare host"]),
        (
            '[[outlets]]\nkey = "x"\ndomains = ["x.example"]\nsearch_pages = "two"\n',
            ["'search_pages'", "integer"],
        ),
        ("outlets = 3\n", ["[[outlets]]"]),
        ("[[outlets]\n", ["not valid TOML"]),
    ],
)
def test_bad_outlets_name_file_outlet_and_key(tmp_path: Path, text: str, names: list[str]) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        load_outlets(path)
    message = str(error.value)
    assert str(path) in message
    for name in names:
        assert name in message


def test_duplicate_outlet_keys_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="duplicate outlet key 'paper'"):
        load_outlets(write(tmp_path, GOOD_OUTLET * 2))


def test_outlet_for_url_prefers_own_domains_over_sisters(tmp_path: Path) -> None:
    text = GOOD_OUTLET + '\n[[outlets]]\nkey = "sister"\ndomains = ["paper-sister.example"]\n'
    outlets = load_outlets(write(tmp_path, text))
    assert outlet_for_url("https://m.paper.example/x", outlets).key == "paper"
    assert outlet_for_url("https://paper-sister.example/x", outlets).key == "sister"
    assert outlet_for_url("https://elsewhere.example/x", outlets) is None


def test_select_outlets_rejects_unknown_keys(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_OUTLET)
    outlets = load_outlets(path)
    assert select_outlets(outlets, ["paper"], path) == outlets
    with pytest.raises(ConfigError, match="no outlet 'nope'"):
        select_outlets(outlets, ["nope"], path)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_outlets(tmp_path / "absent.toml")


STORY = """
key = "demo-story"
title = "A demo story"
published_after = 2022-07-20
published_before = 2022-09-30
[relevance]
all = ["kushner"]
any = ["kardashian", "alice johnson"]
"""


def test_default_story_resolves_by_key_and_file() -> None:
    story = resolve_story(None)
    assert story.key == DEFAULT_STORY_KEY
    assert story.all_terms == ("kushner",) and "kardashian" in story.any_terms
    assert resolve_story(str(story.path)) == story


def test_story_search_query_and_rules(tmp_path: Path) -> None:
    story = load_story(write(tmp_path, STORY, "s.toml"))
    assert story.search_query == "kushner kardashian"
    assert story.rules() == {"all": ["kushner"], "any": ["kardashian", "alice johnson"], "none": []}


def test_story_key_lookup_in_a_directory(tmp_path: Path) -> None:
    write(tmp_path, STORY, "anything.toml")
    assert resolve_story("demo-story", stories_dir=tmp_path).title == "A demo story"
    with pytest.raises(ConfigError, match="no story file or key 'other'"):
        resolve_story("other", stories_dir=tmp_path)


@pytest.mark.parametrize(
    ("change", "names"),
    [
        (("[relevance]", "extra = 1\n[relevance]"), ["unknown key 'extra'"]),
        (
            ('all = ["kushner"]', 'all = ["kushner"]\nmaybe = ["x"]'),
            ["story [relevance]", "'maybe'"],
        ),
        (
            ("published_after = 2022-07-20", 'published_after = "July"'),
            ["'published_after'", "date"],
        ),
        (("published_after = 2022-07-20", "published_after = 2022-12-20"), ["'published_before'"]),
        (('key = "demo-story"', 'key = "Demo Story"'), ["'key'"]),
        (
            ('all = ["kushner"]\nany = ["kardashian", "alice johnson"]', "all = []"),
            ["at least one term"],
        ),
    ],
)
def test_bad_stories_name_file_and_key(
    tmp_path: Path, change: tuple[str, str], names: list[str]
) -> None:
    path = write(tmp_path, STORY.replace(*change), "bad.toml")
    with pytest.raises(ConfigError) as error:
        load_story(path)
    assert str(path) in str(error.value)
    for name in names:
        assert name in str(error.value)

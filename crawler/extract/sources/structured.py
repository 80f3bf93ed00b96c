"""Schema.org article objects from JSON-LD and microdata (extruct), flattened and resolved."""

from __future__ import annotations

from typing import Any

from extruct.jsonld import JsonLdExtractor
from extruct.w3cmicrodata import MicrodataExtractor
from lxml.html import HtmlElement

from crawler.extract.problems import JSONLD_INVALID, MICRODATA_UNREADABLE, Problem

#: schema.org types whose object describes the article on the page.
ARTICLE_TYPES = frozenset(
    [
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "SocialMediaPosting",
        "DiscussionForumPosting",
        "TechArticle",
        "ScholarlyArticle",
        "Report",
        "SatiricalArticle",
        "MedicalScholarlyArticle",
        "Posting",
    ]
)
PAGE_TYPES = frozenset(["WebPage", "ItemPage", "AboutPage", "CollectionPage", "ProfilePage"])
_JSONLD = JsonLdExtractor()
_MICRODATA = MicrodataExtractor()
_MAX_DEPTH = 6


def type_names(node: dict[str, Any]) -> set[str]:
    """Return the short schema.org type names of a node (``@type`` string or list)."""
    raw = node.get("@type") or node.get("type") or []
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if v}


def _walk(value: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    """Append every dict node inside ``value`` (``@graph`` and nesting included) to ``out``."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, list):
        for item in value:
            _walk(item, out, depth + 1)
    elif isinstance(value, dict):
        out.append(value)
        for key, item in value.items():
            if isinstance(item, (dict, list)) and key not in ("author", "creator"):
                _walk(item, out, depth + 1)


def jsonld_nodes(tree: HtmlElement, problems: list[Problem]) -> list[dict[str, Any]]:
    """Return all JSON-LD nodes of the page; unreadable blocks are listed in ``problems``."""
    roots: list[Any] = []
    for script in JsonLdExtractor._xp_jsonld(tree):
        try:
            roots.extend(_JSONLD._extract_items(script))
        except Exception as exc:  # noqa: BLE001 - jstyleson raises assorted types
            message = f"jsonld: invalid block skipped ({type(exc).__name__})"
            problems.append(Problem(JSONLD_INVALID, message))
    nodes: list[dict[str, Any]] = []
    _walk(roots, nodes)
    return nodes


def _from_microdata(item: Any) -> Any:
    """Return a microdata item converted to JSON-LD shape (``@type`` + properties)."""
    if isinstance(item, list):
        return [_from_microdata(v) for v in item]
    if not isinstance(item, dict) or "properties" not in item:
        return item
    node = {k: _from_microdata(v) for k, v in item["properties"].items()}
    node["@type"] = item.get("type") or []
    return node


def microdata_nodes(tree: HtmlElement, url: str | None, problems: list[Problem]) -> list[dict]:
    """Return all microdata items of the page in JSON-LD shape."""
    if not tree.xpath("boolean(//*[@itemscope])"):
        return []
    try:
        items = _MICRODATA.extract_items(tree, url)
    except Exception as exc:  # noqa: BLE001 - extruct on broken markup
        message = f"microdata: unreadable ({type(exc).__name__})"
        problems.append(Problem(MICRODATA_UNREADABLE, message))
        return []
    nodes: list[dict[str, Any]] = []
    _walk([_from_microdata(i) for i in items], nodes)
    return nodes


def _score(node: dict[str, Any], url: str | None) -> int:
    """Return how likely ``node`` is the page's own article (higher is better)."""
    score = 0
    if node.get("headline"):
        score += 2
    if node.get("articleBody"):
        score += 2
    if node.get("datePublished"):
        score += 1
    own = node.get("url") or node.get("mainEntityOfPage")
    if isinstance(own, dict):
        own = own.get("@id") or own.get("url")
    if url and isinstance(own, str) and own.rstrip("/") == url.rstrip("/"):
        score += 3
    return score


def find_article(nodes: list[dict[str, Any]], url: str | None) -> dict[str, Any] | None:
    """Return the node that describes the page's article, else a WebPage node, else None."""
    articles = [n for n in nodes if type_names(n) & ARTICLE_TYPES]
    if articles:
        return max(articles, key=lambda n: _score(n, url))
    pages = [
        n for n in nodes if type_names(n) & PAGE_TYPES and (n.get("headline") or n.get("name"))
    ]
    return pages[0] if pages else None


def id_index(nodes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Return nodes by their ``@id`` so references such as Yoast's author links resolve."""
    return {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str) and len(n) > 1}


def site_name(nodes: list[dict[str, Any]]) -> list[str]:
    """Return names of the WebSite / publisher / Organization nodes."""
    names = []
    for node in nodes:
        if type_names(node) & {"WebSite", "Organization", "NewsMediaOrganization"}:
            name = node.get("name") or node.get("alternateName")
            if isinstance(name, str):
                names.append(name)
    return names

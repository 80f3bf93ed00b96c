"""Building a story's lineage graph: edges from the source to the derived article.

Kinds (design.md "Research views"):

* ``copy`` — the two are in one dedup cluster (exact or near text, or a declared canonical);
  the cluster's senior member (earliest published; first seen, then id break ties) is the source
  of every other member;
* ``rewrite`` — not a copy, but shares at least :data:`REWRITE_MIN_SHARED` quoted passages or
  long sentences with an earlier article; the source is the earlier article sharing the most
  (ties: the earliest), looked for among each item's first :data:`MAX_SOURCE_CANDIDATES`
  carriers so a quote carried by thousands of articles costs no quadratic work;
* ``credit`` — the text names another outlet as its source; the source is that outlet's article
  sharing the most evidence with it (ties: the earliest before it), or an ``outlet:<name>`` node
  when the outlet has no article of the story;
* ``link`` — the text links to another archived article, which is the source.

The graph is a :class:`networkx.MultiDiGraph` (a DiGraph subclass) keyed by kind, so one pair of
articles can be related in several ways, each edge with its own evidence.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import networkx as nx

from archive.research.corpus import StoryArticle, StoryCorpus
from archive.research.lineage.credits import find_credits
from archive.research.lineage.evidence import SharedItems, shared_items
from archive.research.links import article_links
from archive.research.names import Credited, OutletNames
from archive.research.quotes.build import QuoteIndex, build_quotes
from archive.schema import utc_iso

#: Shared quotes or long sentences that make a rewrite.
REWRITE_MIN_SHARED = 2
#: Earliest carriers of one item considered as a rewrite's source.
MAX_SOURCE_CANDIDATES = 50
#: Evidence items listed on an edge (the count is always complete).
MAX_EVIDENCE_ITEMS = 10
KINDS = ("copy", "rewrite", "credit", "link")


def outlet_node_id(name: str) -> str:
    """Return the node id of a credited outlet without an archived article."""
    return f"outlet:{name}"


def _add_article(graph: nx.MultiDiGraph, article: StoryArticle, in_story: bool = True) -> None:
    """Add an article node with its attributes."""
    graph.add_node(
        article.id,
        kind="article",
        outlet=article.outlet,
        title=article.title,
        url=article.url,
        published_at=utc_iso(article.published_at),
        first_seen_at=utc_iso(article.first_seen_at),
        in_story=in_story,
    )


def build_lineage(
    corpus: StoryCorpus, quotes: QuoteIndex | None = None, names: OutletNames | None = None
) -> nx.MultiDiGraph:
    """Return the story's lineage graph (nodes: articles and credited outlets)."""
    names = names or OutletNames.from_corpus(corpus)
    quotes = quotes or build_quotes(corpus, names)
    graph = nx.MultiDiGraph(story=corpus.story)
    for article in corpus.articles:
        _add_article(graph, article)
    sources = _cluster_sources(corpus)
    _copy_edges(graph, corpus, sources)
    items = shared_items(corpus, quotes)
    shared = _rewrite_edges(graph, corpus, items, sources)
    _credit_edges(graph, corpus, names, shared)
    _link_edges(graph, corpus)
    return graph


def _cluster_sources(corpus: StoryCorpus) -> dict[int, int]:
    """Return {article id: id of its cluster's senior member} for articles in a cluster."""
    clusters: dict[int, list[StoryArticle]] = defaultdict(list)
    for article in corpus.articles:  # in seniority order
        if article.cluster_id is not None:
            clusters[article.cluster_id].append(article)
    return {a.id: members[0].id for members in clusters.values() for a in members}


def _copy_edges(graph: nx.MultiDiGraph, corpus: StoryCorpus, sources: dict[int, int]) -> None:
    """Add a copy edge from each cluster's senior member to every other member."""
    for article in corpus.articles:
        source = sources.get(article.id)
        if source is not None and source != article.id:
            # the dedup's original may differ from ours on a tie; either one carries the kind
            match = article.duplicate_kind or corpus.by_id[source].duplicate_kind
            evidence = {"cluster_id": article.cluster_id, "match": match}
            graph.add_edge(source, article.id, key="copy", kind="copy", evidence=evidence)


def _rewrite_edges(
    graph: nx.MultiDiGraph, corpus: StoryCorpus, items: SharedItems, sources: dict[int, int]
) -> dict[int, Counter[int]]:
    """Add rewrite edges; return, per article, how many items it shares with earlier ones."""
    carriers: dict[str, list[int]] = defaultdict(list)
    for article in corpus.articles:  # seniority order, so each list is oldest first
        for item in items.by_article.get(article.id, ()):
            carriers[item].append(article.id)
    shared: dict[int, Counter[int]] = {}
    rank = corpus.rank
    for article in corpus.articles:
        counts: Counter[int] = Counter()
        which: dict[int, list[str]] = defaultdict(list)
        cluster = sources.get(article.id, article.id)
        for item in items.by_article.get(article.id, ()):
            for other in carriers[item][:MAX_SOURCE_CANDIDATES]:
                if rank[other] >= rank[article.id]:
                    break
                if sources.get(other, other) != cluster:
                    counts[other] += 1
                    which[other].append(item)
        shared[article.id] = counts
        if sources.get(article.id, article.id) != article.id:
            continue  # a copy's lineage is its copy edge
        best = _best_source(counts, rank)
        if best is not None and counts[best] >= REWRITE_MIN_SHARED:
            evidence = _rewrite_evidence(which[best], items)
            graph.add_edge(best, article.id, key="rewrite", kind="rewrite", evidence=evidence)
    return shared


def _best_source(counts: Counter[int], rank: dict[int, int]) -> int | None:
    """Return the candidate sharing the most items (ties: the most senior), or None."""
    if not counts:
        return None
    return min(counts, key=lambda other: (-counts[other], rank[other]))


def _rewrite_evidence(shared: list[str], items: SharedItems) -> dict[str, Any]:
    """Return a rewrite edge's evidence: the shared quotes and sentences."""
    quotes = [items.label[i][1] for i in shared if items.label[i][0] == "quote"]
    sentences = [items.label[i][1] for i in shared if items.label[i][0] == "sentence"]
    return {
        "shared": len(shared),
        "quotes": quotes[:MAX_EVIDENCE_ITEMS],
        "sentences": sentences[:MAX_EVIDENCE_ITEMS],
    }


def _credit_edges(
    graph: nx.MultiDiGraph,
    corpus: StoryCorpus,
    names: OutletNames,
    shared: dict[int, Counter[int]],
) -> None:
    """Add a credit edge for every outlet an article names as its source."""
    by_outlet: dict[str, list[StoryArticle]] = defaultdict(list)
    for article in corpus.articles:
        by_outlet[article.outlet or "?"].append(article)
    for article in corpus.articles:
        texts = "\n\n".join(t or "" for t in [article.body, *article.versions.values()])
        for credit in find_credits(texts, names):
            if credit.credited.key is not None and credit.credited.key == article.outlet:
                continue  # an outlet quoting its own interview ("told People" in People)
            source = _credited_source(
                graph, corpus, credit.credited, article, by_outlet, shared[article.id]
            )
            evidence = {
                "phrase": credit.phrase,
                "outlet": credit.credited.key,
                "name": credit.credited.name,
                "context": credit.context,
            }
            graph.add_edge(source, article.id, key="credit", kind="credit", evidence=evidence)


def _credited_source(
    graph: nx.MultiDiGraph,
    corpus: StoryCorpus,
    credited: Credited,
    article: StoryArticle,
    by_outlet: dict[str, list[StoryArticle]],
    shared: Counter[int],
) -> int | str:
    """Return the node a credit points from: the credited outlet's best article, or its node."""
    candidates = by_outlet.get(credited.key or "", []) if credited.key else []
    if not candidates:
        node = outlet_node_id(credited.name)
        if node not in graph:
            graph.add_node(
                node, kind="outlet", outlet=credited.key, title=credited.name, url=None,
                published_at=None, first_seen_at=None, in_story=False, known=credited.known,
            )  # fmt: skip
        return node
    rank = corpus.rank
    earlier = [c for c in candidates if rank[c.id] < rank[article.id]] or candidates
    return min(earlier, key=lambda c: (-shared.get(c.id, 0), rank[c.id])).id


def _link_edges(graph: nx.MultiDiGraph, corpus: StoryCorpus) -> None:
    """Add a link edge from every archived article an article links to."""
    by_key = {a.url_key: a for a in corpus.articles}
    for article in corpus.articles:
        for url, key in article_links(article):
            target = by_key.get(key) or corpus.linked.get(key)
            if target is None or target.id == article.id:
                continue
            if target.id not in graph:
                _add_article(graph, target, in_story=False)
            graph.add_edge(target.id, article.id, key="link", kind="link", evidence={"url": url})

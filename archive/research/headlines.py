"""Headline variants and their edits: what ``newsarchive headlines`` and the report show.

Two kinds of difference are reported, each with the words that differ:

* an **edit**: a variant changed between two states of the article (a new display headline,
  or only a new og:title without a new body version);
* a **disagreement**: in the current state, a variant's words differ from the display headline
  (the social card or the search title says something else than the page). Case, punctuation
  and a site suffix naming the outlet ("... | People") are not differences.
"""

from __future__ import annotations

import re
from collections import defaultdict
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive import models
from archive.query.filters import ArticleFilter
from archive.research.models import HeadlineState
from archive.schema import HEADLINE_KINDS, utc_iso
from archive.text import fold_text

_WORD = re.compile(r"\w[\w'’\-]*", re.UNICODE)
_SITE_SEPARATOR = re.compile(r"\s+[|\-–—:·•»]\s+")


def word_diff(old: str | None, new: str | None) -> tuple[list[str], list[str]]:
    """Return (words only in ``old``, words only in ``new``), compared case-insensitively."""
    a, b = _WORD.findall(old or ""), _WORD.findall(new or "")
    matcher = SequenceMatcher(None, [w.casefold() for w in a], [w.casefold() for w in b])
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed.extend(a[i1:i2])
            added.extend(b[j1:j2])
    return removed, added


def _without_site(text: str, site_names: set[str]) -> str:
    """Return a headline without a trailing or leading part that names the site."""
    parts = _SITE_SEPARATOR.split(text)
    kept = [p for p in parts if fold_text(p) not in site_names] if len(parts) > 1 else parts
    return " ".join(kept) if kept else text


def disagreements(headlines: dict[str, str], site_names: set[str]) -> list[dict[str, Any]]:
    """Return the variants whose words differ from the display headline (or the first one)."""
    reference_kind = "display" if "display" in headlines else next(iter(headlines), None)
    if reference_kind is None:
        return []
    reference = _without_site(headlines[reference_kind], site_names)
    found = []
    for kind, text in headlines.items():
        if kind == reference_kind:
            continue
        own = _without_site(text, site_names)
        if fold_text(own) != fold_text(reference):
            only_here, only_reference = word_diff(reference, own)[::-1]
            found.append({
                "kind": kind, "text": text, "versus": reference_kind,
                "only_here": only_here, "only_versus": only_reference,
            })  # fmt: skip
    return found


def edits(states: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return every variant changed between consecutive states, with the words that differ."""
    found = []
    for old, new in zip(states, states[1:], strict=False):
        for kind in HEADLINE_KINDS:
            before, after = old["headlines"].get(kind), new["headlines"].get(kind)
            if before == after:
                continue
            removed, added = word_diff(before, after)
            found.append({
                "kind": kind, "from": before, "to": after, "at": new["at"],
                "version": new["version"], "removed": removed, "added": added,
            })  # fmt: skip
    return found


def _site_names(outlet: models.Outlet | None, key: str | None) -> set[str]:
    """Return the folded names a site suffix may use for this outlet."""
    names = {key or ""}
    if outlet is not None:
        names |= {outlet.name, *outlet.domains, *(d.split(".")[0] for d in outlet.domains)}
    return {fold_text(n) for n in names if n}


def _states(
    session: Session, *, article_id: int | None = None, story: ArticleFilter | None = None
) -> dict[int, list[dict[str, Any]]]:
    """Return the headline states of one article or of a story's articles, oldest first."""
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    h, a = HeadlineState, models.Article
    stmt = select(h.article_id, h.version, h.observed_at, h.headlines).order_by(h.id)
    if article_id is not None:
        stmt = stmt.where(h.article_id == article_id)
    if story is not None:
        stmt = story.apply(stmt.join(a, a.id == h.article_id))
    for owner, version, at, headlines in session.execute(stmt):
        found[owner].append({"at": utc_iso(at), "version": version, "headlines": dict(headlines)})
    return found


def _title_states(
    session: Session, *, article_id: int | None = None, story: ArticleFilter | None = None
) -> dict[int, list[dict[str, Any]]]:
    """Return headline states read from the versions' titles (display only), oldest first.

    For articles stored without headline variants (before the extractor reported them): their
    display headline is the title, and a title edit is a new version, so its history is there.
    """
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    v, a = models.ArticleVersion, models.Article
    stmt = select(v.article_id, v.version, v.captured_at, v.title).order_by(v.article_id, v.version)
    if article_id is not None:
        stmt = stmt.where(v.article_id == article_id)
    if story is not None:
        stmt = story.apply(stmt.join(a, a.id == v.article_id))
    for owner, version, at, title in session.execute(stmt):
        states = found[owner]
        if title and (not states or states[-1]["headlines"]["display"] != title):
            states.append({"at": utc_iso(at), "version": version, "headlines": {"display": title}})
    return found


def _with_title_states(
    states: dict[int, list[dict[str, Any]]], titles: dict[int, list[dict[str, Any]]]
) -> dict[int, list[dict[str, Any]]]:
    """Return the headline states, the title history standing in where an article has none."""
    return {**titles, **{k: v for k, v in states.items() if v}}


def _summary(row: Any, states: list[dict[str, Any]], sites: set[str]) -> dict[str, Any]:
    """Return one article's headline summary (current variants, edits, disagreements)."""
    current = dict(row.headlines or {}) or (states[-1]["headlines"] if states else {})
    return {
        "article_id": row.id,
        "outlet": row.outlet,
        "url": row.url,
        "title": row.title,
        "headlines": current,
        "states": len(states),
        "edits": edits(states),
        "disagreements": disagreements(current, sites),
    }


def article_headlines(session: Session, article_id: int) -> dict[str, Any] | None:
    """Return an article's variants across versions and states, or None when it does not exist."""
    row = session.get(models.Article, article_id)
    if row is None:
        return None
    states = _with_title_states(
        _states(session, article_id=article_id), _title_states(session, article_id=article_id)
    ).get(article_id, [])
    outlet = session.get(models.Outlet, row.outlet) if row.outlet else None
    record = _summary(row, states, _site_names(outlet, row.outlet))
    v = models.ArticleVersion
    versions = session.execute(
        select(v.version, v.captured_at, v.title, v.headlines)
        .where(v.article_id == article_id)
        .order_by(v.version)
    )
    record["versions"] = [
        {"version": n, "captured_at": utc_iso(at), "title": title, "headlines": dict(h or {})}
        for n, at, title, h in versions
    ]
    record["history"] = states
    return record


def story_headlines(
    session: Session, story: str | None, *, changed: bool = False
) -> list[dict[str, Any]]:
    """Return every article's headline summary (only edited or disagreeing ones if ``changed``)."""
    a = models.Article
    flt = ArticleFilter(story=story)
    rows = list(session.execute(flt.apply(select(a.id, a.outlet, a.url, a.title, a.headlines))))
    rows.sort(key=lambda r: r.id)
    states = _with_title_states(_states(session, story=flt), _title_states(session, story=flt))
    outlets = {o.key: o for o in session.scalars(select(models.Outlet))}
    sites = {key: _site_names(outlets.get(key), key) for key in {r.outlet for r in rows}}
    summaries = [_summary(r, states.get(r.id, []), sites[r.outlet]) for r in rows]
    if changed:
        summaries = [s for s in summaries if s["edits"] or s["disagreements"]]
    return summaries

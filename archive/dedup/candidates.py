"""Finding an article's duplicates: exact text hash, cross-domain canonical links, MinHash LSH.

Every lookup is indexed (``articles.content_hash``, ``articles.url_key``, the primary key of
``dedup_bands``), so the cost does not grow with the size of the archive. Near-duplicate
candidates are confirmed by the exact Jaccard similarity of the two shingle sets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from sqlalchemy import TextClause, bindparam, insert, or_, select, text

from archive import models
from archive.dedup import settings
from archive.dedup.minhash import (
    band_hashes,
    jaccard,
    key_hash,
    shingles,
    signature,
    token_shingles,
)
from archive.dedup.models import LshBand
from archive.dedup.urls import url_key
from archive.text import content_hash, words

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Kind = str  # "url" | "exact" | "near"
#: The lookups below are Core statements on the tables, built once: no ORM compile step, and
#: SQLAlchemy's compiled cache is hit on every article. Callers flush pending ORM changes first
#: (see ``clusters.assign_cluster``), as the ORM's autoflush would have.
_ARTICLES = models.Article.__table__
_BANDS = LshBand.__table__
_INSERT_BANDS = insert(_BANDS)
_BAND_ROWS = select(_BANDS.c.article_id, _BANDS.c.band, _BANDS.c.hash).where(
    _BANDS.c.hash.in_(bindparam("hashes", expanding=True))
)
_CANDIDATE_BODIES = select(_ARTICLES.c.id, _ARTICLES.c.cluster_id, _ARTICLES.c.body).where(
    _ARTICLES.c.id.in_(bindparam("ids", expanding=True))
)
_EXACT = _ARTICLES.c.content_hash == bindparam("exact_hash")
_LINKED = _ARTICLES.c.url_key == bindparam("link_key")
#: Exact-hash and canonical-link lookups by (has exact hash, has link key).
_DIRECT = {
    conditions: select(
        _ARTICLES.c.id, _ARTICLES.c.cluster_id, _ARTICLES.c.content_hash, _ARTICLES.c.url_key
    )
    .where(or_(*(c for c, wanted in zip((_EXACT, _LINKED), conditions, strict=True) if wanted)))
    .where(_ARTICLES.c.id != bindparam("article_id"))
    .limit(settings.MAX_CANDIDATES)
    for conditions in ((True, False), (False, True), (True, True))
}


@dataclass(frozen=True)
class Features:
    """What an article is matched by."""

    exact_hash: str | None
    shingles: frozenset[str]
    bands: tuple[tuple[int, int], ...]
    own_key_hash: int
    link_key: str | None  # url_key of a cross-domain rel=canonical target


@dataclass
class Matches:
    """Articles the new one duplicates: id -> (cluster_id, kind)."""

    found: dict[int, tuple[int | None, Kind]] = field(default_factory=dict)

    def add(self, article_id: int, cluster_id: int | None, kind: Kind) -> None:
        """Record a match, keeping the first (strongest) kind seen for an article."""
        self.found.setdefault(article_id, (cluster_id, kind))

    def cluster_ids(self) -> set[int]:
        """Return the clusters the matches belong to."""
        return {cid for cid, _ in self.found.values() if cid is not None}

    def unclustered(self) -> list[int]:
        """Return matched articles that have no cluster yet (rows stored before dedup ran)."""
        return [aid for aid, (cid, _) in self.found.items() if cid is None]


def link_key(article: models.Article) -> str | None:
    """Return the url_key of the article's ``canonical_url`` when it differs from its own."""
    if not article.canonical_url:
        return None
    key = url_key(article.canonical_url)
    return key if key != article.url_key else None


def article_features(article: models.Article) -> Features:
    """Return the hash, shingles and LSH bands an article is matched by."""
    tokens = words(article.body)
    exact = None
    if len(tokens) >= settings.MIN_WORDS_EXACT:
        exact = article.content_hash or content_hash(article.body)
    shingle_set: frozenset[str] = frozenset()
    bands: tuple[tuple[int, int], ...] = ()
    if len(tokens) >= settings.MIN_WORDS_NEAR:
        shingle_set = frozenset(token_shingles(tokens))
        bands = tuple(band_hashes(signature(shingle_set)))
    return Features(exact, shingle_set, bands, key_hash(article.url_key), link_key(article))


def find_matches(session: Session, article: models.Article, feats: Features) -> Matches:
    """Return the stored articles that duplicate ``article`` (exact, url, confirmed near)."""
    matches = Matches()
    _direct_matches(session, article, feats, matches)
    near_ids, linked_ids = _band_hits(session, article.id, feats)
    _confirm(session, near_ids, linked_ids, feats, matches)
    return matches


def store_bands(session: Session, article_id: int, feats: Features) -> None:
    """Insert the article's band rows (and its canonical-link row) into the dedup index."""
    pairs = list(feats.bands)
    if feats.link_key:
        pairs.append((settings.URL_LINK_BAND, key_hash(feats.link_key)))
    if not pairs:
        return
    if session.get_bind().dialect.name != "postgresql":
        rows = [{"hash": h, "band": b, "article_id": article_id} for b, h in pairs]
        session.execute(_INSERT_BANDS, rows)
        return
    params: dict[str, int] = {"article_id": article_id}
    for i, (band, hash_) in enumerate(pairs):
        params[f"band{i}"], params[f"hash{i}"] = band, hash_
    session.execute(_insert_bands_statement(len(pairs)), params)


@lru_cache(maxsize=8)
def _insert_bands_statement(rows: int) -> TextClause:
    """Return one multi-row INSERT of ``rows`` band rows of an article (for PostgreSQL).

    psycopg sends an executemany row by row, which cost a third of a millisecond of CPU per
    article, three times this statement; on SQLite the executemany is the cheaper one.
    """
    values = ", ".join(f"(:hash{i}, :band{i}, :article_id)" for i in range(rows))
    binds = [bindparam("article_id", type_=_BANDS.c.article_id.type)]
    for i in range(rows):
        binds += [
            bindparam(f"hash{i}", type_=_BANDS.c.hash.type),
            bindparam(f"band{i}", type_=_BANDS.c.band.type),
        ]
    sql = f"INSERT INTO {_BANDS.name} (hash, band, article_id) VALUES {values}"
    return text(sql).bindparams(*binds)


def _direct_matches(
    session: Session, article: models.Article, feats: Features, matches: Matches
) -> None:
    """Add exact-hash matches and the article its cross-domain canonical points to."""
    wanted = (bool(feats.exact_hash), bool(feats.link_key))
    if not any(wanted):
        return
    params = {"exact_hash": feats.exact_hash, "link_key": feats.link_key, "article_id": article.id}
    rows = session.execute(_DIRECT[wanted], params).all()
    for row in rows:
        if feats.exact_hash and row.content_hash == feats.exact_hash:
            matches.add(row.id, row.cluster_id, "exact")
        else:
            matches.add(row.id, row.cluster_id, "url")


def _band_hits(session: Session, article_id: int, feats: Features) -> tuple[list[int], set[int]]:
    """Return (near candidates by shared-band count, articles whose canonical points here)."""
    wanted = set(feats.bands)
    hashes = {h for _, h in wanted} | {feats.own_key_hash}
    rows = session.execute(_BAND_ROWS, {"hashes": list(hashes)}).all()
    shared: Counter[int] = Counter()
    linked: set[int] = set()
    for aid, band, hash_ in rows:
        if aid == article_id:
            continue
        if band == settings.URL_LINK_BAND and hash_ == feats.own_key_hash:
            linked.add(aid)
        elif (band, hash_) in wanted:
            shared[aid] += 1
    near = [aid for aid, _ in shared.most_common(settings.MAX_CANDIDATES)]
    return near, linked


def _confirm(
    session: Session, near_ids: list[int], linked_ids: set[int], feats: Features, matches: Matches
) -> None:
    """Add linked articles and the near candidates whose exact Jaccard reaches the threshold."""
    todo = [aid for aid in near_ids if aid not in matches.found]
    todo += [aid for aid in linked_ids if aid not in matches.found and aid not in todo]
    if not todo:
        return
    rows = session.execute(_CANDIDATE_BODIES, {"ids": todo}).all()
    for row in rows:
        if row.id in linked_ids:
            matches.add(row.id, row.cluster_id, "url")
        elif jaccard(feats.shingles, shingles(row.body)) >= settings.JACCARD_THRESHOLD:
            matches.add(row.id, row.cluster_id, "near")

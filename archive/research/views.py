"""The research views as methods of :class:`archive.Archive` (a mixin; lazy heavy imports).

Every method returns what the CLI prints with ``--format json`` (JSON-ready dicts: timestamps
as ISO 8601 UTC strings), except :meth:`lineage`, which returns the networkx graph
(:func:`archive.research.lineage.formats.lineage_json` gives its JSON).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    from sqlalchemy.orm import Session

    from archive.research.corpus import StoryCorpus
    from archive.research.quotes.build import QuoteIndex


class ResearchViews:
    """Headline variants, quotes, lineage and the story report over an archive's sessions."""

    def session(self) -> AbstractContextManager[Session]:  # provided by Archive
        raise NotImplementedError

    def corpus(self, story: str | None = None) -> StoryCorpus:
        """Return a story's articles, versions, outlets and rules as the views read them."""
        from archive.research.corpus import load_corpus

        with self.session() as session:
            return load_corpus(session, story)

    def headlines(self, article_id: int) -> dict[str, Any] | None:
        """Return an article's headline variants across versions and edits, or None."""
        from archive.research.headlines import article_headlines

        with self.session() as session:
            return article_headlines(session, int(article_id))

    def story_headlines(
        self, story: str | None = None, *, changed: bool = False
    ) -> list[dict[str, Any]]:
        """Return each article's headline variants (only edited or disagreeing if ``changed``)."""
        from archive.research.headlines import story_headlines

        with self.session() as session:
            return story_headlines(session, story, changed=changed)

    def quote_index(self, story: str | None = None) -> QuoteIndex:
        """Return the story's quote groups (objects; :meth:`quotes` gives their JSON)."""
        from archive.research.quotes.build import build_quotes

        return build_quotes(self.corpus(story))

    def quotes(self, story: str | None = None, *, min_outlets: int = 1) -> list[dict[str, Any]]:
        """Return the story's quotes carried by at least ``min_outlets`` outlets (JSON rows)."""
        from archive.research.quotes.build import quote_json

        groups = self.quote_index(story).groups
        return [quote_json(g) for g in groups if len(g.outlets) >= min_outlets]

    def lineage(self, story: str | None = None) -> nx.MultiDiGraph:
        """Return the story's lineage graph (a MultiDiGraph keyed by kind; a DiGraph subclass)."""
        from archive.research.lineage.graph import build_lineage

        return build_lineage(self.corpus(story))

    def report(self, story: str | None = None, path: str | Path = "report.html") -> Path:
        """Write the story report (one self-contained HTML file) and return its path."""
        from archive.research.report.build import write_report

        return write_report(self, story, Path(path)).path

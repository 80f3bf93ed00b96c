"""Story relevance: the all/any/none rules over title, description and body, and the date window."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from archive.text import fold_chars
from crawler.config.stories import Story

if TYPE_CHECKING:
    from crawler.discovery.urldates import DateSpan

OFF_TOPIC = "off-topic"
OUT_OF_WINDOW = "out-of-window"
NO_DATE = "no-date"
#: Bonus added to the score when a positive term occurs in the title.
TITLE_BONUS = 0.25
#: Slack for listing dates (feeds, sitemaps), whose time zone may differ from the page's.
LISTING_SLACK = timedelta(days=1)


@dataclass(frozen=True)
class Judgement:
    """The verdict on one candidate: score, matched terms, rejection reason and flags."""

    score: float
    matched_terms: list[str]
    reason: str | None = None
    flags: list[str] = field(default_factory=list)

    @property
    def relevant(self) -> bool:
        """Return True when the candidate belongs to the story."""
        return self.reason is None


def _term_pattern(term: str) -> re.Pattern[str]:
    """Return a word-boundary aware pattern for ``term`` (any whitespace between its words)."""
    body = r"\s+".join(re.escape(part) for part in fold_chars(term).split())
    return re.compile(rf"(?<!\w){body}(?!\w)")


def _day(moment: date | datetime) -> date:
    """Return the calendar day of ``moment`` in its own offset."""
    return moment.date() if isinstance(moment, datetime) else moment


class Relevance:
    """The story's rules compiled once; judges pages and pre-filters listing entries."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self._all = [(t, _term_pattern(t)) for t in story.all_terms]
        self._any = [(t, _term_pattern(t)) for t in story.any_terms]
        self._none = [(t, _term_pattern(t)) for t in story.none_terms]

    def judge(
        self,
        title: str | None,
        description: str | None,
        body: str | None,
        published: date | datetime | None,
    ) -> Judgement:
        """Return the judgement of one page: text rules first, then the date window."""
        text = "\n".join(fold_chars(part) for part in (title, description, body) if part)
        found_all = [t for t, p in self._all if p.search(text)]
        found_any = [t for t, p in self._any if p.search(text)]
        found_none = [t for t, p in self._none if p.search(text)]
        matched = found_all + found_any
        flags = [] if published is not None else [NO_DATE]
        on_topic = (
            len(found_all) == len(self._all) and (found_any or not self._any) and not found_none
        )
        if not on_topic:
            return Judgement(0.0, matched, OFF_TOPIC, flags)
        score = self._score(matched, fold_chars(title))
        if published is not None and not self.in_window(published):
            return Judgement(score, matched, OUT_OF_WINDOW, flags)
        return Judgement(score, matched, None, flags)

    def _score(self, matched: list[str], title: str) -> float:
        """Return the share of positive terms matched, plus a bonus for a title match."""
        positives = len(self._all) + len(self._any)
        share = len(matched) / positives if positives else 1.0
        in_title = any(p.search(title) for _, p in self._all + self._any)
        return round(min(1.0, share + (TITLE_BONUS if in_title else 0.0)), 3)

    def in_window(self, published: date | datetime) -> bool:
        """Return True when the publication day lies inside the inclusive story window."""
        day = _day(published)
        after, before = self.story.published_after, self.story.published_before
        return (after is None or day >= after) and (before is None or day <= before)

    def listing_out_of_window(self, published: datetime | date | None) -> bool:
        """Return True when a listing's publication date is surely outside the window."""
        if published is None:
            return False
        day = _day(published)
        after, before = self.story.published_after, self.story.published_before
        slack = LISTING_SLACK
        return bool((after and day < after - slack) or (before and day > before + slack))

    def modified_before_window(self, lastmod: datetime | date | None) -> bool:
        """Return True when a sitemap ``lastmod`` shows nothing in it can fall in the window."""
        after = self.story.published_after
        if lastmod is None or after is None:
            return False
        return _day(lastmod) < after - LISTING_SLACK

    def span_out_of_window(self, span: DateSpan | None) -> bool:
        """Return True when a URL's date span lies wholly outside the window (with the slack)."""
        story = self.story
        return span is not None and span.outside(
            story.published_after, story.published_before, LISTING_SLACK
        )

    def title_excludes(self, title: str | None) -> str | None:
        """Return the ``none`` term a listed title contains (proof the page fails), or None."""
        folded = fold_chars(title)
        return next((term for term, p in self._none if p.search(folded)), None)

    def title_matches(self, title: str | None) -> bool:
        """Return True when a listed title names a positive term (raises the fetch priority).

        A title without a term proves nothing: headlines rarely carry every rule term, so a
        listing entry is never rejected for what its title lacks.
        """
        folded = fold_chars(title)
        return bool(folded) and any(p.search(folded) for _, p in self._all + self._any)

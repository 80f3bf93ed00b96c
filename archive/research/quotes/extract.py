"""Finding quoted passages in a plain-text body (paragraphs separated by blank lines).

Quote styles: straight and curly double quotes, German „…“ and ‚…‘, guillemets «…» and »…«,
‹…› and ›…‹, straight and curly single quotes (an apostrophe inside a word is not a closing
mark), a paragraph that opens a quote it does not close (the convention for quotes running over
several paragraphs), and block quotes (paragraphs starting with ``>``, the only block-quote
marker a plain-text body can keep). A quote nested inside another belongs to the outer one.

A passage counts when it has at least :data:`MIN_QUOTE_WORDS` words, or when it is a single
term the story's rules name (a quoted "kingpin" when the story lists it). Quoted titles (every
word capitalised, no sentence punctuation: a show's or a book's name) are not quotes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from archive.research.quotes.speakers import find_speaker

#: A quoted passage needs at least this many words (else it is a term, a title or scare quotes).
MIN_QUOTE_WORDS = 4
#: Share of capitalised words above which a short quoted passage is a title, not a quote.
TITLE_CASE_SHARE = 0.75
#: Passages up to this many words are tested for title case.
TITLE_MAX_WORDS = 10
#: How much text on each side of a quote is searched for the speaker (within its sentence).
CONTEXT_CHARS = 160

_DOUBLE_PAIRS = (('"', '"'), ("“", "”"), ("„", "“"), ("„", "”"), ("«", "»"), ("»", "«"))
_SINGLE_PAIRS = (("‘", "’"), ("'", "'"), ("‚", "‘"), ("‹", "›"), ("›", "‹"))
_APOSTROPHE_CLOSERS = frozenset({"’", "'"})
_OPENERS = "\"“„«»‘‚‹›'"
_SENTENCE_END = re.compile(r"[.!?…](?=\s+[\"“„«»‘‚‹›']?[A-Z])")
_BLOCK_MARK = re.compile(r"^\s*>\s?")
_SENTENCE_PUNCT = re.compile(r"[,.;:!?]")
_QUOTE_WORD = re.compile(r"\w+(?:'\w+)*")
ELLIPSIS = re.compile(r"\s*(?:…|\.\s?\.\s?\.|\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\))\s*")


def _pattern(opener: str, closer: str) -> re.Pattern[str]:
    """Return the regex of one quote style (group 1: the quoted text, on one paragraph)."""
    o, c = re.escape(opener), re.escape(closer)
    if closer in _APOSTROPHE_CLOSERS:
        # an opener after a letter is an apostrophe (Kushner's), a closer before one too (don’t)
        return re.compile(rf"(?<!\w){o}((?:[^{c}\n]|{c}(?=\w))+?){c}(?!\w)")
    return re.compile(rf"{o}([^{c}\n]+?){c}")


#: (opening mark, regex) of every style; a paragraph without the mark skips the regex.
_PATTERNS = tuple((o, _pattern(o, c)) for o, c in _DOUBLE_PAIRS + _SINGLE_PAIRS)


@dataclass(frozen=True)
class FoundQuote:
    """A quoted passage of one body: its text as written and its speaker (or None)."""

    text: str
    speaker: str | None
    paragraph: int
    block: bool = False


def quote_words(text: str | None) -> list[str]:
    """Return a quote's folded words (NFKC, case; contractions such as "let's" one word)."""
    folded = unicodedata.normalize("NFKC", text or "").casefold().replace("’", "'")
    return _QUOTE_WORD.findall(ELLIPSIS.sub(" ", folded))


def paragraphs(body: str | None) -> list[str]:
    """Return the body's paragraphs (blank-line separated; single newlines kept inside)."""
    return [p.strip() for p in re.split(r"\n\s*\n", body or "") if p.strip()]


def quote_spans(paragraph: str) -> list[tuple[int, int, int, int]]:
    """Return (quote start, quote end, text start, text end) of the outermost quotes."""
    found = []
    for opener, pattern in _PATTERNS:
        if opener not in paragraph:
            continue
        for match in pattern.finditer(paragraph):
            found.append((match.start(), match.end(), match.start(1), match.end(1)))
    found.sort(key=lambda span: (span[0], -span[1]))
    chosen: list[tuple[int, int, int, int]] = []
    for span in found:
        if not chosen or span[0] >= chosen[-1][1]:
            chosen.append(span)
    if paragraph[:1] in _OPENERS and not (chosen and chosen[0][0] == 0):
        # a quote opened and not closed in this paragraph runs on to the paragraph's end
        end = chosen[0][0] if chosen else len(paragraph)
        if end == len(paragraph):
            chosen.insert(0, (0, end, 1, end))
    return chosen


def _sentence_context(paragraph: str, start: int, end: int) -> tuple[str, str]:
    """Return the text of the quote's sentence before and after it (bounded)."""
    before = paragraph[max(0, start - CONTEXT_CHARS) : start]
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    after = paragraph[end : end + CONTEXT_CHARS]
    stop = _SENTENCE_END.search(after)
    if stop:
        after = after[: stop.start() + 1]
    return before, after


def is_title(text: str) -> bool:
    """Return True for a quoted title ("Keeping Up With the Family"), not a quote."""
    tokens = text.split()
    if len(tokens) > TITLE_MAX_WORDS or _SENTENCE_PUNCT.search(text.rstrip(".,!?")):
        return False
    capitalised = sum(1 for t in tokens if t[:1].isupper())
    return capitalised >= TITLE_CASE_SHARE * len(tokens)


def accepted(text: str, terms: frozenset[str] | set[str]) -> bool:
    """Return True when a quoted passage counts: enough words, or a term the story names."""
    tokens = quote_words(text)
    if len(tokens) >= MIN_QUOTE_WORDS:
        return not is_title(text)
    return bool(tokens) and " ".join(tokens) in terms


def clean_quote(text: str) -> str:
    """Return a quote as written: whitespace collapsed, ellipses as …, no closing , . ; or :."""
    text = ELLIPSIS.sub(" … ", text)
    return " ".join(text.split()).rstrip(" ,.;:").lstrip(" ,")


def find_quotes(
    body: str | None,
    terms: frozenset[str] | set[str] = frozenset(),
    is_outlet: Callable[[str], bool] = lambda _name: False,
) -> list[FoundQuote]:
    """Return the quoted passages of a body with their speakers, in reading order."""
    return list(_iter_quotes(paragraphs(body), terms, is_outlet))


def _iter_quotes(
    paras: list[str], terms: frozenset[str] | set[str], is_outlet: Callable[[str], bool]
) -> Iterator[FoundQuote]:
    """Yield the quotes of each paragraph (block quotes whole, attributed by their neighbours)."""
    for index, paragraph in enumerate(paras):
        if _BLOCK_MARK.match(paragraph):
            text = _BLOCK_MARK.sub("", paragraph)
            if accepted(text, terms):
                before = paras[index - 1][-CONTEXT_CHARS:] if index else ""
                speaker = find_speaker(before, "", is_outlet)
                yield FoundQuote(clean_quote(text), speaker, index, block=True)
            continue
        for start, end, text_start, text_end in quote_spans(paragraph):
            text = paragraph[text_start:text_end]
            if not accepted(text, terms):
                continue
            before, after = _sentence_context(paragraph, start, end)
            speaker = find_speaker(before, after, is_outlet)
            yield FoundQuote(clean_quote(text), speaker, index)

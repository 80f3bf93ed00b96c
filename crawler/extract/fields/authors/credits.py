"""Authors credited outside a byline: the agency of a dateline that opens the text, an
agency credit under the headline, and a sign-off that ends the text."""

from __future__ import annotations

import re
from itertools import islice

from lxml.html import HtmlElement

from crawler.extract.fields.authors.byline import NAME, PRINTED_DATE

#: News agencies whose dateline credit opens wire copy ("Hamburg (dpa/lno) – ...").
_AGENCY = (
    r"(?:dpa|afp|ap|apa|reuters|kna|epd|sda|sid|dts|ddp|idea|kap|kathpress|ots|anp|belga|efe|"
    r"ansa|pap|ctk|ips|upi|aap|pti|ians|kyodo|jiji|yonhap|xinhua|tass|ria|bloomberg)"
)
#: A dateline at the very start of the article text: an optional place (and date) in up to
#: four words, the agency credit in parentheses ("dpa/lno", "APA/AP"), then a dash or colon.
_DATELINE = re.compile(
    r"^\s*(?:[^\W\d][\w.'\u2019-]*(?:[ /,][\w.'\u2019-]+){0,3}\s*)?"
    rf"\(\s*({_AGENCY}(?:\s*/\s*[^\W\d_]{{1,8}}){{0,3}})\s*\)\s*[-\u2013\u2014:]",
    re.I,
)


def dateline_agencies(text: str | None) -> list[str]:
    """Return the agency credit of a dateline that opens the article text, or []:
    "Hamburg (dpa/lno) – Der Senat ..." -> ["dpa/lno"]."""
    match = _DATELINE.match(text or "")
    return [" ".join(match.group(1).split())] if match else []


#: A wire agency's credit alone on a line ("JIJI", "AP", "Reuters/AFP").
_AGENCY_CREDIT = re.compile(rf"^\s*{_AGENCY}(?:\s*[/,&]\s*{_AGENCY})*\s*$", re.I)
#: How many elements after the headline (or its wrapper) an agency credit may follow it.
_CREDIT_SIBLINGS = 2


def headline_agencies(tree: HtmlElement | None) -> list[str]:
    """Return the wire agency credited alone right under the first ``<h1>`` or under the
    block wrapping it ("<hgroup><h1>...</h1></hgroup><p class=credit>JIJI</p>"), or []."""
    heading = next(iter(tree.iter("h1")), None) if tree is not None else None
    if heading is None:
        return []
    wrapper = heading.getparent()
    blocks = [heading] + ([wrapper] if wrapper is not None and wrapper.tag != "body" else [])
    for block in blocks:
        for node in islice(block.itersiblings(), _CREDIT_SIBLINGS):
            text = " ".join(node.text_content().split())
            if _AGENCY_CREDIT.match(text):
                return [text]
    return []


#: A contact block's heading: the name under it is a press contact, not the author.
_CONTACT = re.compile(r"(?:kontakt|contact|ansprechpartner(?:in)?|pressestelle)\b", re.I)
#: A closing greeting before a sign-off's name ("Euer Hans", "Yours, Jane", "Cheers, Jo").
_GREETING = re.compile(
    r"^(?:euer|eure|dein|deine|yours|cheers|love|best|(?:liebe|viele|beste)\s+gr(?:ü|ue)(?:ß|ss)e|"
    r"gr(?:ü|ue)(?:ß|ss)e|gru(?:ß|ss)|lg|bisous|amicalement)\s*[,!]?\s+",
    re.I,
)
#: A date alone on the last line, under a sign-off ("Jane\n\n10. September 2017").
_DATE_LINE = re.compile(rf"^\s*{PRINTED_DATE}\s*$")
#: A signer's office on the line under the name ("Jane Roe\n\nBundesvorsitzende").
_ROLE_LINE = re.compile(
    r"^[\w\s.&-]{0,40}?(?:vorsitzende[rn]?|pr(?:ä|ae)sident(?:in)?|direktor(?:in)?|"
    r"gesch(?:ä|ae)ftsf(?:ü|ue)hrer(?:in)?|b(?:ü|ue)rgermeister(?:in)?|bischof|pfarrer(?:in)?|"
    r"president|director|chair(?:man|woman|person)?|ceo|founder|gr(?:ü|ue)nder(?:in)?)"
    r"(?:[\s,][\w\s.&-]{0,40})?$",
    re.I,
)
#: A sign-off is at most this many words; a lone first name counts only after a greeting or
#: above a date, else it needs a surname.
_MAX_SIGN_OFF_WORDS, _MIN_SIGN_OFF_WORDS = 4, 2
#: A sign-off needs the article text above it; a date or office line under it, the text,
#: the name and that line.
_MIN_SIGNED_LINES, _MIN_SIGNED_LINES_WITH_TRAILER = 2, 3


def signed_off(body: str | None) -> list[str]:
    """Return the name an article text ends with, alone on its line (a sign-off: "... zu
    ermitteln.\n\nJane Roe", "Euer Hans"), or []; a date or the signer's office may follow
    it on a line of its own. A name under a contact heading is not one. A lone first name
    counts only after a greeting or above a date ("Jane\n\n10. Mai 2017")."""
    paragraphs = [p.strip() for p in (body or "").split("\n") if p.strip()]
    trailer = len(paragraphs) >= _MIN_SIGNED_LINES_WITH_TRAILER
    dated = trailer and _DATE_LINE.match(paragraphs[-1]) is not None
    titled = trailer and _ROLE_LINE.match(paragraphs[-1]) is not None
    paragraphs = paragraphs[:-1] if dated or titled else paragraphs
    if len(paragraphs) < _MIN_SIGNED_LINES:
        return []
    greeting = _GREETING.match(paragraphs[-1])
    last = paragraphs[-1][greeting.end() :] if greeting else paragraphs[-1]
    fewest = 1 if greeting or dated else _MIN_SIGN_OFF_WORDS
    if not fewest <= len(last.split()) <= _MAX_SIGN_OFF_WORDS or not NAME.match(last):
        return []
    return [] if _CONTACT.search(paragraphs[-2]) else [last]

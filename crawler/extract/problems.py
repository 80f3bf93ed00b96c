"""What extraction could not read on a page: a stable code and a message for each problem.

The code says what happened (a test or a script matches it); the message says it for a
reader, with the details (``date: unusable jsonld date_published '...' dropped``). In the
Article JSON a problem is ``{"code": ..., "message": ...}``.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Nothing to read: no bytes, or only whitespace.
EMPTY = "empty"
#: The input holds no HTML markup (JSON, plain text).
NOT_HTML = "not-html"
#: The page is longer than the extractor reads; it was cut.
TOO_LARGE = "too-large"
#: The page has too many elements for the full heuristics; paragraphs were read plainly.
TOO_MANY_ELEMENTS = "too-many-elements"
#: The bytes were not valid in their charset and were read as windows-1252.
ENCODING_FALLBACK = "encoding-fallback"
#: UTF-8 text that had been read as windows-1252 was repaired.
ENCODING_REPAIRED = "encoding-repaired"
#: The HTML parser failed or produced no tree.
PARSE_ERROR = "parse-error"
#: The markup has no ``<body>`` element.
NO_BODY_ELEMENT = "no-body-element"
#: No article text was found.
NO_BODY = "no-body"
#: A JSON-LD block did not parse and was skipped.
JSONLD_INVALID = "jsonld-invalid"
#: The page's microdata could not be read.
MICRODATA_UNREADABLE = "microdata-unreadable"
#: A structured date did not parse and was dropped.
DATE_UNUSABLE = "date-unusable"
#: No date in the markup; the text suggests one (kept as ``date_guessed``).
DATE_GUESSED = "date-guessed"
#: A heuristic (ours or a library's) raised on this page; only its field was lost.
HEURISTIC_FAILED = "heuristic-failed"
#: The extractor itself failed; the result holds only the page's URL.
INTERNAL_ERROR = "internal-error"
#: Every problem code, as documented in README ("Extracting one page").
CODES: frozenset[str] = frozenset(
    {EMPTY, NOT_HTML, TOO_LARGE, TOO_MANY_ELEMENTS, ENCODING_FALLBACK, ENCODING_REPAIRED}
    | {PARSE_ERROR, NO_BODY_ELEMENT, NO_BODY, JSONLD_INVALID, MICRODATA_UNREADABLE}
    | {DATE_UNUSABLE, DATE_GUESSED, HEURISTIC_FAILED, INTERNAL_ERROR}
)


@dataclass(frozen=True)
class Problem:
    """One thing the extractor could not read: its code (one of ``CODES``) and message."""

    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """Return the JSON form: ``{"code": ..., "message": ...}``."""
        return {"code": self.code, "message": self.message}

"""Readable differences between two versions of an article: headline first, then byline, dates
and a word-level diff of the changed paragraphs (``[-removed-]`` / ``{+added+}``, as wdiff).

:func:`diff_versions` returns the text ``newsarchive diff`` prints; :func:`diff_versions_data`
the same differences as a JSON-ready dict.
"""

from __future__ import annotations

import difflib
import re
import textwrap
from datetime import datetime
from typing import Any, Protocol

from archive.schema import utc_iso

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_WORD = re.compile(r"\S+")
#: The token standing for a paragraph break inside a word-level diff.
PARAGRAPH_TOKEN = "\u00b6"
WRAP_WIDTH = 96
#: (field, label) of the one-line fields compared, headline first.
LINE_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "headline"),
    ("authors", "authors"),
    ("published_at", "published"),
    ("modified_at", "modified"),
    ("description", "description"),
)
Op = tuple[str, str]  # ("equal" | "delete" | "insert", text)


class VersionLike(Protocol):
    """What a diff reads from a version (``archive.models.ArticleVersion`` has all of it)."""

    version: int
    title: str | None
    description: str | None
    authors: list[str]
    published_at: datetime | None
    modified_at: datetime | None
    body: str | None
    captured_at: datetime


def word_ops(old: str, new: str) -> list[Op]:
    """Return the word-level edit script turning ``old`` into ``new`` (runs of words merged)."""
    return _token_ops(_WORD.findall(old), _WORD.findall(new))


def _token_ops(a: list[str], b: list[str], sep: str = " ") -> list[Op]:
    """Return the edit script between two token lists (a token is kept whole)."""
    ops: list[Op] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("equal", sep.join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            ops.append(("delete", sep.join(a[i1:i2])))
        if tag in ("insert", "replace"):
            ops.append(("insert", sep.join(b[j1:j2])))
    return ops


def _field_ops(old: VersionLike, new: VersionLike, field: str) -> list[Op]:
    """Return the edit script of one line field: names whole for authors, dates replaced whole."""
    before, after = getattr(old, field, None), getattr(new, field, None)
    if field == "authors":
        return _token_ops(list(before or []), list(after or []), sep=", ")
    if isinstance(before, datetime) or isinstance(after, datetime):
        a, b = _line_value(old, field), _line_value(new, field)
        return [op for op in (("delete", a), ("insert", b)) if op[1]]
    return word_ops(_line_value(old, field), _line_value(new, field))


def render_ops(ops: list[Op]) -> str:
    """Return an edit script as one line with ``[-removed-]`` and ``{+added+}`` marks."""
    parts = []
    for kind, text in ops:
        if kind == "delete":
            parts.append(f"[-{text}-]")
        elif kind == "insert":
            parts.append(f"{{+{text}+}}")
        else:
            parts.append(text)
    return " ".join(parts)


def _line_value(version: VersionLike, field: str) -> str:
    """Return a one-line field as text (authors joined, datetimes in ISO UTC)."""
    value = getattr(version, field, None)
    if isinstance(value, datetime):
        return utc_iso(value) or ""
    if isinstance(value, list):
        return ", ".join(value)
    return " ".join((value or "").split())


def _paragraphs(body: str | None) -> list[str]:
    """Return the non-empty paragraphs of a body, whitespace-normalized."""
    return [" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(body or "") if p.strip()]


def _body_changes(old: str | None, new: str | None) -> list[dict[str, Any]]:
    """Return the changed paragraph blocks of a body, with positions and word-level ops."""
    a, b = _paragraphs(old), _paragraphs(new)
    changes: list[dict[str, Any]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        joiner = f" {PARAGRAPH_TOKEN} "
        ops = word_ops(joiner.join(a[i1:i2]), joiner.join(b[j1:j2]))
        changes.append(
            {
                "op": tag,
                "old_paragraphs": [i1 + 1, i2],
                "new_paragraphs": [j1 + 1, j2],
                "ops": [list(op) for op in ops],
            }
        )
    return changes


def _word_counts(changes: list[dict[str, Any]]) -> tuple[int, int]:
    """Return (words added, words removed) over body changes."""
    added = removed = 0
    for change in changes:
        for kind, text in change["ops"]:
            count = sum(1 for w in text.split() if w != PARAGRAPH_TOKEN)
            added += count if kind == "insert" else 0
            removed += count if kind == "delete" else 0
    return added, removed


def _side(version: VersionLike) -> dict[str, Any]:
    """Return the identifying facts of one side of a diff."""
    return {"version": version.version, "captured_at": utc_iso(version.captured_at)}


def diff_versions_data(old: VersionLike, new: VersionLike) -> dict[str, Any]:
    """Return the differences between two versions as a JSON-ready dict."""
    fields = []
    for name, label in LINE_FIELDS:
        before, after = _line_value(old, name), _line_value(new, name)
        if before != after:
            fields.append(
                {
                    "field": name,
                    "label": label,
                    "old": before,
                    "new": after,
                    "ops": [list(op) for op in _field_ops(old, new, name)],
                }
            )
    body = _body_changes(old.body, new.body)
    added, removed = _word_counts(body)
    return {
        "from": _side(old),
        "to": _side(new),
        "fields": fields,
        "body": body,
        "words_added": added,
        "words_removed": removed,
        "changed": bool(fields or body),
    }


def _wrap(label: str, line: str) -> list[str]:
    """Return ``label: line`` wrapped with a hanging indent."""
    return textwrap.wrap(
        f"{label}: {line}", width=WRAP_WIDTH, subsequent_indent="    ", break_long_words=False
    )


def _paragraph_label(change: dict[str, Any]) -> str:
    """Return where a body change sits, in the new version's paragraph numbers."""
    first, last = change["new_paragraphs"]
    if change["op"] == "delete":
        first, last = change["old_paragraphs"]
        return f"removed \u00b6{first}" if first == last else f"removed \u00b6{first}-{last}"
    where = f"\u00b6{first}" if first == last else f"\u00b6{first}-{last}"
    return f"added {where}" if change["op"] == "insert" else where


def render_diff(data: dict[str, Any]) -> str:
    """Return the text form of :func:`diff_versions_data`'s result."""
    old, new = data["from"], data["to"]
    lines = [
        f"--- version {old['version']} (captured {old['captured_at']})",
        f"+++ version {new['version']} (captured {new['captured_at']})",
    ]
    if not data["changed"]:
        lines.append("no change in headline, authors, dates, description or body")
        return "\n".join(lines)
    for field in data["fields"]:
        ops = [tuple(op) for op in field["ops"]]
        lines.extend(_wrap(field["label"], render_ops(ops)))  # type: ignore[arg-type]
    if data["body"]:
        lines.append(f"body: +{data['words_added']} words, -{data['words_removed']} words")
        for change in data["body"]:
            text = render_ops([tuple(op) for op in change["ops"]])  # type: ignore[misc]
            lines.extend("  " + part for part in _wrap(_paragraph_label(change), text))
    return "\n".join(lines)


def diff_versions(old: VersionLike, new: VersionLike) -> str:
    """Return a readable word-level diff of two versions, the headline change first."""
    return render_diff(diff_versions_data(old, new))

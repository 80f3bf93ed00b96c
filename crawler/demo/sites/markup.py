"""Small HTML builders shared by the outlet templates (escaping, meta tags, JSON-LD, page shell)."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence

#: A link as (text, href).
Link = tuple[str, str]


def esc(text: str) -> str:
    """Return ``text`` escaped for HTML text and attribute values."""
    return html.escape(text, quote=True)


def meta(attr: str, key: str, content: str) -> str:
    """Return one ``<meta attr="key" content="...">`` tag."""
    return f'<meta {attr}="{esc(key)}" content="{esc(content)}">'


def metas(attr: str, pairs: Iterable[tuple[str, str]]) -> str:
    """Return meta tags for (key, content) pairs, skipping empty contents."""
    return "\n".join(meta(attr, key, value) for key, value in pairs if value)


def opengraph(
    *, title: str, description: str, url: str, image: str, site_name: str, og_type: str = "article"
) -> str:
    """Return the OpenGraph and Twitter card tags most outlets print."""
    og = metas(
        "property",
        [
            ("og:type", og_type),
            ("og:site_name", site_name),
            ("og:title", title),
            ("og:description", description),
            ("og:url", url),
            ("og:image", image),
        ],
    )
    tw = metas("name", [("twitter:card", "summary_large_image"), ("twitter:title", title)])
    return f"{og}\n{tw}"


def jsonld(data: object, *, attrs: str = "") -> str:
    """Return a JSON-LD script block holding ``data``."""
    body = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    space = f" {attrs}" if attrs else ""
    return f'<script type="application/ld+json"{space}>\n{body}\n</script>'


def person(name: str, url: str | None = None) -> dict[str, str]:
    """Return a schema.org Person object."""
    data = {"@type": "Person", "name": name}
    if url:
        data["url"] = url
    return data


def paragraphs(texts: Sequence[str], p_attrs: str = "") -> str:
    """Return ``<p>`` elements for each text, with optional attributes on every one."""
    space = f" {p_attrs}" if p_attrs else ""
    return "\n".join(f"<p{space}>{esc(text)}</p>" for text in texts)


def link_list(links: Sequence[Link], *, ul_class: str = "", li_class: str = "") -> str:
    """Return a ``<ul>`` of anchors."""
    ul = f' class="{ul_class}"' if ul_class else ""
    li = f' class="{li_class}"' if li_class else ""
    items = "".join(f'<li{li}><a href="{esc(href)}">{esc(text)}</a></li>' for text, href in links)
    return f"<ul{ul}>{items}</ul>"


def page(*, lang: str, head: str, body: str, html_attrs: str = "", body_attrs: str = "") -> str:
    """Return a whole HTML document."""
    extra = f" {html_attrs}" if html_attrs else ""
    body_extra = f" {body_attrs}" if body_attrs else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"{extra}>\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n{head}\n</head>\n'
        f"<body{body_extra}>\n{body}\n</body>\n</html>\n"
    )


def interleave(blocks: Sequence[str], inserts: dict[int, str]) -> str:
    """Return ``blocks`` joined by newlines with ``inserts[i]`` placed after block ``i``."""
    out: list[str] = []
    for index, block in enumerate(blocks):
        out.append(block)
        if index in inserts:
            out.append(inserts[index])
    return "\n".join(out)


def para_blocks(texts: Sequence[str], p_attrs: str = "") -> list[str]:
    """Return one ``<p>`` string per text (for :func:`interleave`)."""
    space = f" {p_attrs}" if p_attrs else ""
    return [f"<p{space}>{esc(text)}</p>" for text in texts]

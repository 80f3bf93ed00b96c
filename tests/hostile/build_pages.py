"""Write the small hostile pages to ``pages/`` (run once; the files are committed).

``/work/venv/bin/python -m tests.hostile.build_pages`` rewrites them. Every page is synthetic:
markup modelled on news sites, text written here. Large pages are generated at test time by
:mod:`tests.hostile.generated`, never stored.
"""

from __future__ import annotations

import json
from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parent / "pages"
STORY_SENTENCE = "Jared Kushner's memoir recalls a call from Kim Kardashian about Alice Johnson."
FILLER = (
    "This synthetic page was written for the crawler's reliability tests and reports nothing real.",
    "Its second paragraph adds ordinary words so that an extractor would call the page an article.",
    "A third paragraph closes the piece with a remark about the weather over the harbour today.",
)


def article(
    title: str = "Kushner memoir recalls Kardashian call",
    *,
    jsonld: str | None = None,
    head: str = "",
    author: str = "Jane Roe",
    published: str = "2022-08-20T10:00:00Z",
    paragraphs: tuple[str, ...] = (),
    body_extra: str = "",
) -> str:
    """Return an article page about the test story; ``jsonld`` replaces the default JSON-LD."""
    if jsonld is None:
        jsonld = json.dumps({
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
            "datePublished": published, "author": {"@type": "Person", "name": author},
        })  # fmt: skip
    text = "".join(f"<p>{p}</p>" for p in (*paragraphs, STORY_SENTENCE, *FILLER))
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{head}"
        f'<script type="application/ld+json">{jsonld}</script></head><body>'
        f"<article><h1>{title}</h1><p class='byline'>By {author}</p>{text}{body_extra}"
        "</article></body></html>"
    )


def _nested_json(depth: int) -> str:
    """Return a JSON-LD blob whose headline sits under ``depth`` nested arrays."""
    return "[" * depth + '{"@type": "NewsArticle", "headline": "Deep"}' + "]" * depth


def _nested_objects(depth: int) -> str:
    """Return a JSON-LD object nested ``depth`` levels through ``isPartOf``."""
    return '{"@type": "NewsArticle", "isPartOf": ' * depth + "{}" + "}" * depth


def encoded_pages() -> dict[str, bytes]:
    """Return pages whose bytes and declared charset disagree."""
    accented = "Kushner memoir: café, naïve résumé and Kardashian's façade"
    latin1 = article(accented, paragraphs=("Crème brûlée à la carte — über déjà vu.",))
    utf8_meta_latin1 = article(accented, head='<meta charset="iso-8859-1">')
    mixed = article(accented).encode("utf-8") + "<p>Straße in cp1252 — “quoted”</p>".encode(
        "cp1252"
    )
    return {
        "mislabeled-latin1-bytes-declared-utf8.html": latin1.encode("latin-1", "replace"),
        "mislabeled-utf8-bytes-declared-latin1.html": utf8_meta_latin1.encode("utf-8"),
        "mixed-utf8-and-cp1252-bytes.html": mixed,
        "utf16le-without-bom-declared-utf8.html": article(accented).encode("utf-16-le"),
        "utf16-with-bom.html": article(accented).encode("utf-16"),
        "unknown-charset-name-in-meta.html": article(head='<meta charset="x-klingon-9">').encode(),
        "utf8-bom-with-meta-latin1.html": b"\xef\xbb\xbf"
        + article(accented, head='<meta charset="latin-1">').encode("utf-8"),
        "overlong-and-invalid-utf8-sequences.html": article()
        .encode()
        .replace(b"<p>Its second", b"<p>\xc0\xaf\xe0\x80\xaf\xed\xa0\x80\xff\xfe Its second"),
        "shift-jis-undeclared.html": article(
            paragraphs=("東京の港で天気の話をする記事です。",)
        ).encode("shift_jis", "replace"),
    }


def text_pages() -> dict[str, str]:
    """Return pages with hostile characters and markup in their fields."""
    ld = json.dumps
    return {
        "lone-surrogate-escapes-in-jsonld.html": article(
            jsonld=(
                '{"@type": "NewsArticle", "headline": "Kushner \\ud800 memoir \\udfff",'
                ' "author": {"name": "Jane \\ud83d Roe"}, "datePublished": "2022-08-20"}'
            )
        ),
        "null-bytes-in-body.html": article(paragraphs=("Null\x00bytes\x00inside\x00a paragraph.",)),
        "null-bytes-in-jsonld-title-and-author.html": article(
            jsonld=ld(
                {
                    "@type": "NewsArticle",
                    "headline": "Kushner\u0000memoir Kardashian",
                    "author": {"name": "Jane\u0000Roe"},
                    "datePublished": "2022-08-20T10:00:00Z",
                }
            )
        ),
        "control-characters-in-title.html": article(
            "Kushner\x07 memoir\x1b[31m Kardashian\x08\x0c"
        ),
        "control-characters-in-author.html": article(author="Jane\x01\x02 Roe\x7f\x9b"),
        "script-tag-in-title.html": article(
            "Kushner memoir &lt;script&gt;alert(1)&lt;/script&gt;",
            head="<meta property='og:title' content='Kushner <script>alert(2)</script> memoir'>",
        ),
        "script-tag-in-jsonld-author.html": article(
            jsonld=ld(
                {
                    "@type": "NewsArticle",
                    "headline": "Kushner memoir Kardashian",
                    "author": {"name": "<script>alert(1)</script>Jane Roe"},
                    "datePublished": "2022-08-20",
                }
            )
        ),
        "script-breakout-in-jsonld-string.html": article(
            jsonld=(
                '{"@type": "NewsArticle", "headline": "Kushner </script><script>alert(1)</script>"}'
            )
        ),
        "double-encoded-entities-in-title.html": article(
            "Kushner &amp;amp;lt;b&amp;amp;gt; memoir"
        ),
        "bidi-override-in-title.html": article("Kushner \u202egnp.exe memoir\u202c Kardashian"),
        "zero-width-characters-in-byline.html": article(author="J\u200bane\u200d R\u2060oe\ufeff"),
        "title-100kb-long.html": article("Kushner " + "memoir " * 15000),
        "author-list-5000-names-jsonld.html": article(
            jsonld=ld(
                {
                    "@type": "NewsArticle",
                    "headline": "Kushner memoir Kardashian",
                    "author": [{"name": f"Writer {i}"} for i in range(5000)],
                    "datePublished": "2022-08-20",
                }
            )
        ),
    }


def jsonld_pages() -> dict[str, str]:
    """Return pages with broken, hostile or contradictory structured data."""
    ld = json.dumps
    return {
        "jsonld-garbage-not-json.html": article(jsonld="{headline: 'Kushner' ,,, ]]] <<<"),
        "jsonld-arrays-nested-5000-deep.html": article(jsonld=_nested_json(5000)),
        "jsonld-objects-nested-3000-deep.html": article(jsonld=_nested_objects(3000)),
        "jsonld-wrong-types-everywhere.html": article(
            jsonld=ld(
                {
                    "@type": 42,
                    "headline": ["a", {"b": None}],
                    "author": 7,
                    "datePublished": {"@value": [1, 2]},
                    "articleBody": False,
                    "keywords": {"x": 1},
                }
            )
        ),
        "jsonld-conflicting-articles.html": article(
            jsonld=ld(
                [
                    {
                        "@type": "NewsArticle",
                        "headline": "Kushner memoir A",
                        "datePublished": "2022-08-20",
                    },
                    {"@type": "NewsArticle", "headline": "Other B", "datePublished": "1999-01-01"},
                ]
            )
        ),
        "jsonld-graph-with-reference-cycle.html": article(
            jsonld=ld(
                {
                    "@graph": [
                        {
                            "@id": "#a",
                            "@type": "NewsArticle",
                            "headline": "Kushner cycle",
                            "author": {"@id": "#b"},
                        },
                        {
                            "@id": "#b",
                            "@type": "Person",
                            "name": "Jane Roe",
                            "worksFor": {"@id": "#a"},
                        },
                    ]
                }
            )
        ),
        "jsonld-invalid-unicode-escapes.html": article(
            jsonld='{"@type": "NewsArticle", "headline": "Kushner \\uZZZZ \\x41 memoir"}'
        ),
        "jsonld-nan-and-huge-numbers.html": article(
            jsonld='{"@type": "NewsArticle", "headline": NaN, "wordCount": 1e99999, "x": -Infinity}'
        ),
        "microdata-itemref-cycle.html": article(
            body_extra=(
                '<div itemscope itemtype="https://schema.org/NewsArticle" id="m1" itemref="m2">'
                '<span itemprop="headline">Kushner loop</span></div>'
                '<div itemscope itemtype="https://schema.org/Person" id="m2" itemref="m1">'
                '<span itemprop="name">Jane</span></div>'
            )
        ),
    }


def date_pages() -> dict[str, str]:
    """Return pages with impossible or out-of-range dates."""
    return {
        "date-far-future-year-9999.html": article(published="9999-12-31T23:59:59Z"),
        "date-year-10000-overflow.html": article(published="10000-01-01T00:00:00Z"),
        "date-before-1990-in-1970.html": article(published="1970-01-01T00:00:00Z"),
        "date-year-0001.html": article(published="0001-01-01T00:00:00Z"),
        "date-garbage-string.html": article(published="yesterday-ish, probably"),
        "date-offset-out-of-range.html": article(published="2022-08-20T10:00:00+25:00"),
        "date-february-30.html": article(published="2022-02-30T10:00:00Z"),
        "date-negative-epoch-number.html": article(published="-62135596800"),
    }


def structure_pages() -> dict[str, str]:
    """Return pages whose structure is broken, empty or misleading."""
    return {
        "no-article-only-navigation.html": (
            "<html><body><nav><a href='/'>Home</a></nav></body></html>"
        ),
        "empty-file.html": "",
        "unclosed-tags-everywhere.html": article().replace("</p>", "").replace("</article>", ""),
        "html-comment-never-closed.html": article().replace("<article>", "<!-- <article>"),
        "cdata-and-processing-instructions.html": article(
            body_extra="<![CDATA[ raw ]]><?php echo 1; ?><?xml-stylesheet href='x'?>"
        ),
        "svg-and-mathml-foreign-content.html": article(
            body_extra="<svg><script>alert(1)</script><text>Kushner</text></svg><math><mi>x</mi></math>"
        ),
        "frameset-instead-of-body.html": (
            "<html><frameset><frame src='/a'><frame src='/b'></frameset></html>"
        ),
        "base-href-to-other-domain.html": article(head="<base href='http://other.invalid/'>"),
        "canonical-to-other-domain.html": article(
            head="<link rel='canonical' href='http://other.invalid/stolen-kushner-story'>"
        ),
        "meta-refresh-to-other-domain.html": (
            "<html><head><meta http-equiv='refresh' content='0;url=http://other.invalid/x'>"
            "</head><body>moved</body></html>"
        ),
        "meta-refresh-to-link-local-address.html": (
            "<html><head><meta http-equiv='refresh' content='0; URL=http://169.254.169.254/latest'>"
            "</head><body>moved</body></html>"
        ),
        "javascript-and-data-urls-only.html": (
            "<html><body><a href='javascript:alert(1)'>x</a><a href='data:text/html,hi'>y</a>"
            "</body></html>"
        ),
    }


def all_pages() -> dict[str, bytes]:
    """Return every stored hostile page by file name."""
    pages = dict(encoded_pages())
    for group in (text_pages, jsonld_pages, date_pages, structure_pages):
        pages.update(
            {name: html.encode("utf-8", "surrogatepass") for name, html in group().items()}
        )
    pages["binary-png-served-as-html.html"] = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02" + bytes(64)
    )
    return pages


def main() -> None:
    """Rewrite ``pages/``."""
    PAGES_DIR.mkdir(exist_ok=True)
    for old in PAGES_DIR.glob("*"):
        old.unlink()
    for name, body in all_pages().items():
        (PAGES_DIR / name).write_bytes(body)
    print(f"wrote {len(all_pages())} pages to {PAGES_DIR}")


if __name__ == "__main__":
    main()

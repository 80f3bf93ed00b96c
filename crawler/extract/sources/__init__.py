"""Where field values come from: each source reads the page its own way and has no opinion.

``structured`` (JSON-LD, microdata) and ``schemaorg`` (their article node), ``meta``
(OpenGraph and other meta tags), ``pages`` (the outlet's page object) and ``generic``
(trafilatura, htmldate, the page's headings). The judgement between them lives in
``crawler.extract.fields``.
"""

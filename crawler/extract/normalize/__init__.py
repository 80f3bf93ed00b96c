"""Normalizers every source and field shares: text (HTML to paragraphs, word counts),
language tags and URLs. A field's own normalization lives with the field
(``crawler.extract.fields``: dates, author names, site names in titles)."""

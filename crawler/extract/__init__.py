"""Layered extraction: one HTML page -> the Article JSON fields it can know, with provenance.

Layers, in trust order: JSON-LD and microdata (extruct), OpenGraph, other meta tags, the
outlet's page object, then generic main-text extraction (trafilatura, htmldate). The sources
live in ``sources/``, the judgement of each field in ``fields/``.

``extract_page`` returns the typed ``ExtractedArticle``; ``extract_article`` its JSON form.
"""

from __future__ import annotations

from crawler.extract.article import ExtractedArticle
from crawler.extract.extractor import extract_article, extract_page
from crawler.extract.problems import Problem

__all__ = ["ExtractedArticle", "Problem", "extract_article", "extract_page"]

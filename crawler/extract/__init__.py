"""Layered extraction: one HTML page -> the Article JSON fields it can know, with provenance.

Layers, in trust order: JSON-LD and microdata (extruct), OpenGraph, other meta tags, the
outlet's page object, then generic main-text extraction (trafilatura, htmldate).
"""

from __future__ import annotations

from crawler.extract.extractor import extract_article

__all__ = ["extract_article"]

"""Research views over a story: headline variants and edits, travelling quotes, lineage, report.

The submodules read through the archive's sessions and never import Scrapy or the crawler.
This package imports nothing heavy on its own (networkx, Jinja2 and matplotlib load only in the
modules that need them), because the store records headline history through it.
"""

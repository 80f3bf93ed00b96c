"""Full-text search internals: the query syntax and its compilation to FTS5 and tsquery.

``archive.search`` is the public entry point; these modules are its parts by role.
"""

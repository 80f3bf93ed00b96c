"""Re-crawling archived articles: conditional re-fetches, change detection, removals and moves.

``newsarchive recrawl`` runs :func:`crawler.recrawl.run.run_recrawl`; the scheduler runs that
command in a subprocess.
"""

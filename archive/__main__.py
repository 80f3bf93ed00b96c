"""``python -m archive``: the archive-only command line."""

from archive.cli import app, run

run(app)

"""``python -m archive``: the archive-only command line (queries, exports, maintenance)."""

from archive.cli import build_app, run

if __name__ == "__main__":
    run(build_app())

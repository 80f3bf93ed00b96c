"""``python -m crawler.extract FILE|- [--url URL]`` prints the article JSON of one page."""

from __future__ import annotations

import sys

from crawler.extract.cli import main

if __name__ == "__main__":
    sys.exit(main())

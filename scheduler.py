"""The scheduled discovery and re-crawl loop: ``python scheduler.py [--db URL] [--once] ...``.

A thin wrapper: it is ``newsarchive schedule`` (crawler/commands/schedule.py), with the same
options (``python scheduler.py --help``) and ``python scheduler.py status`` for the operator's
view. See ``crawler/schedule/config.py`` for the configuration file.
"""

from __future__ import annotations

import sys

from crawler.cli import main

if __name__ == "__main__":
    main(["schedule", *sys.argv[1:]])

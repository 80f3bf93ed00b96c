"""The scheduled discovery and re-crawl loop.

    python scheduler.py [--db URL] [--config FILE] [--once]

Discovery of each configured story and the re-check of due articles run as subprocesses
(``newsarchive crawl`` / ``newsarchive recrawl``) with timeouts; jobs persist in the archive
database; only one scheduler acts at a time. ``--once`` runs what is due now and exits.
See ``crawler/schedule/config.py`` for the configuration file.
"""

from __future__ import annotations

import argparse
import logging
import shlex
import sys
from datetime import UTC, datetime

from archive import Archive
from archive.db import DatabaseError, mask_password
from crawler.config import ConfigError
from crawler.schedule import jobs, loop
from crawler.schedule.config import load_config


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Return the parsed command line."""
    parser = argparse.ArgumentParser(prog="scheduler.py", description=__doc__.split("\n")[1])
    parser.add_argument("--db", help="database URL (else $NEWSARCHIVE_DB, else SQLite default)")
    parser.add_argument("--config", help="scheduler TOML file (default: the default story)")
    parser.add_argument("--once", action="store_true", help="run what is due now and exit")
    parser.add_argument(
        "--command",
        help="program the crawls run with (default: this Python with -m crawler.cli)",
    )
    parser.add_argument("--log-level", default="INFO", help="logging level (default INFO)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the scheduler; return the exit status."""
    args = parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        config = load_config(args.config)
        archive = Archive(args.db)  # resolves the URL and migrates the schema
        db_url = archive.url
        archive.dispose()
    except (ConfigError, DatabaseError) as exc:
        print(f"scheduler: error: {mask_password(str(exc))}", file=sys.stderr)
        return 1
    context = jobs.JobContext(db_url=db_url, lease=config.lock_lease)
    if args.command:
        context.command_prefix = tuple(shlex.split(args.command))
    if args.once:
        jobs.configure(context)
        results = loop.run_once(archive.write_engine, config, datetime.now(UTC))
        failed = [job for job, status in results.items() if status not in ("finished", "skipped")]
        return 1 if failed else 0
    loop.serve(db_url, config, context)
    return 0


if __name__ == "__main__":
    sys.exit(main())

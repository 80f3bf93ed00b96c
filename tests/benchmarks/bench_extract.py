"""Milliseconds per page: ``extract_article`` against trafilatura alone, same pages, same run.

    /work/venv/bin/python tests/benchmarks/bench_extract.py [--data DIR] [--quick] [--warm N]

trafilatura alone is timed twice: ``bare_extraction(html, with_metadata=True)`` (the fields we
also produce: title, author, date, text) and text only. Pages are decoded to ``str`` first, as
the eval scorer does. The extractors take turns page by page, in a rotating order, so machine
load and shared caches (htmldate's) hit all of them alike. ``--warm N`` first runs N pages of
another set, as a long-running crawl would have: htmldate's extensive date search loads
dateparser's locales lazily, seconds of one-time cost spread over the first pages.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import trafilatura  # noqa: E402

from crawler.extract import extract_article  # noqa: E402

DEFAULT_DATA = Path("/work/shared/eval/zyte-dev")
WARM_DATA = Path("/work/shared/eval/trafilatura-set")
EXTRACTORS: dict[str, Callable[[str], object]] = {
    "newsarchive": extract_article,
    "trafilatura+metadata": lambda html: trafilatura.bare_extraction(html, with_metadata=True),
    "trafilatura text": lambda html: trafilatura.bare_extraction(html, include_comments=False),
}


def load_pages(data: Path, limit: int | None) -> list[str]:
    """Return the decoded HTML pages of an eval folder."""
    pages = []
    for path in sorted((data / "html").glob("*.htm*"))[:limit]:
        raw = path.read_bytes()
        try:
            pages.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            pages.append(raw.decode("cp1252", "replace"))
    return pages


def run(pages: list[str]) -> dict[str, list[float]]:
    """Return per-page seconds for each extractor, taking turns in a rotating order."""
    names = list(EXTRACTORS)
    times: dict[str, list[float]] = {name: [] for name in names}
    for i, html in enumerate(pages):
        for name in names[i % len(names) :] + names[: i % len(names)]:
            start = time.perf_counter()
            EXTRACTORS[name](html)
            times[name].append(time.perf_counter() - start)
    return times


def main() -> int:
    """Print ms/page for each extractor and our ratio to trafilatura."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--quick", action="store_true", help="first 20 pages, no warm-up set")
    parser.add_argument("--warm", type=int, default=100, help="warm-up pages from another set")
    args = parser.parse_args()
    pages = load_pages(args.data, 20 if args.quick else None)
    warm_pages = 0 if args.quick or not WARM_DATA.is_dir() else args.warm
    for html in [*load_pages(WARM_DATA, warm_pages), *pages[:3]]:
        for func in EXTRACTORS.values():
            func(html)
    times = run(pages)
    print(f"pages={len(pages)} data={args.data} warm-up pages={warm_pages}")
    for name, values in times.items():
        mean, median = 1000 * statistics.mean(values), 1000 * statistics.median(values)
        print(f"{name:22s} mean {mean:7.1f} ms/page   median {median:7.1f}")
    for other in list(EXTRACTORS)[1:]:
        ratio = sum(times["newsarchive"]) / sum(times[other])
        print(f"ratio newsarchive / {other:22s} = {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

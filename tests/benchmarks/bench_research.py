"""Research-view benchmark: quotes, lineage and the report over one synthetic story.

Usage: python tests/benchmarks/bench_research.py [--articles 2000,10000] [--report-upto 2000]

For each size a fresh SQLite archive is filled through the full store path (dedup included) with
one story: 40 outlets, 300 travelling quotes of a few speakers (popularity falls off like Zipf's
law, one carrier in ten changes a word), 10% syndicated copies, a credit in one article of five,
a link in one of twenty, and invented prose around it. Each phase runs in a child process so its
peak RSS is its own: loading the corpus, quotes (corpus + extraction + alignment), lineage
(corpus + quotes + graph) and the report (everything plus pictures and HTML). Figures: wall
seconds, CPU seconds, peak RSS (MB), and the sizes of the result.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from archive import Archive  # noqa: E402
from archive.schema import Article  # noqa: E402
from tests.factories import body_text  # noqa: E402

STORY = "bench-story"
T0 = datetime(2022, 8, 2, 12, 0, tzinfo=UTC)
OUTLETS = [f"outlet{i:02d}" for i in range(40)]
SPEAKERS = ["McGahn", "Kushner", "Kardashian", "Johnson", "Trump"]
QUOTE_POOL = 300
BATCH = 500


def _quote_pool(rng: random.Random) -> list[str]:
    """Return invented quotes of 8-20 words."""
    vocabulary = [f"{a}{b}" for a in "bcdfghklmnprstvz" for b in ("ane", "ori", "ule", "ax")]
    return [
        " ".join(rng.choice(vocabulary) for _ in range(rng.randint(8, 20))).capitalize()
        for _ in range(QUOTE_POOL)
    ]


def _body(n: int, rng: random.Random, pool: list[str]) -> str:
    """Return an article body: prose with 2-5 attributed quotes, maybe a credit and a link."""
    paragraphs = body_text(n, paragraphs=4, words=50).split("\n\n")
    for _ in range(rng.randint(2, 5)):
        index = min(int(rng.paretovariate(1.1)) - 1, QUOTE_POOL - 1)
        quote = pool[index]
        if rng.random() < 0.1:
            words = quote.split()
            words[rng.randrange(len(words))] = "changed"
            quote = " ".join(words)
        paragraphs.append(f"“{quote},” {SPEAKERS[index % len(SPEAKERS)]} said.")
    if rng.random() < 0.2:
        paragraphs.append(f"The excerpt was obtained by {rng.choice(OUTLETS).upper()}.")
    if rng.random() < 0.05:
        paragraphs.append(f"Read more at https://outlet00.test/story/{rng.randrange(n + 1)}")
    rng.shuffle(paragraphs)
    return "\n\n".join(paragraphs)


def fill(url: str, articles: int, seed: int = 11) -> float:
    """Store the synthetic story; return the seconds it took."""
    rng = random.Random(seed)
    pool = _quote_pool(rng)
    archive = Archive(url)
    for key in OUTLETS:
        archive.ensure_outlet(key, key.upper(), [f"{key}.test"])
    archive.ensure_story(STORY, "Benchmark story", None, None, {"all": ["said"]})
    started = time.perf_counter()
    bodies: list[str] = []
    batch: list[Article] = []
    for n in range(articles):
        copy = bodies and rng.random() < 0.1
        body = rng.choice(bodies) if copy else _body(n, rng, pool)
        bodies.append(body)
        outlet = OUTLETS[n % len(OUTLETS)]
        batch.append(Article(url=f"https://{outlet}.test/story/{n}", outlet=outlet, story=STORY,
                             title=f"Story {n}", body=body,
                             published_at=T0 + timedelta(minutes=3 * n)))  # fmt: skip
        if len(batch) == BATCH:
            archive.store_many(batch)
            batch = []
    if batch:
        archive.store_many(batch)
    archive.dispose()
    return time.perf_counter() - started


PHASES = {
    "corpus": "len(archive.corpus(STORY).articles)",
    "quotes": "len(archive.quotes(STORY))",
    "lineage": "archive.lineage(STORY).number_of_edges()",
    "report": "archive.report(story=STORY, path=OUT).stat().st_size",
}
CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from archive import Archive
STORY, OUT = {story!r}, {out!r}
archive = Archive({url!r})
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
wall, cpu = time.perf_counter(), time.process_time()
value = {expr}
print(json.dumps({{"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu,
      "rss_before_mb": rss0,
      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "result": value}}))
"""


def run_phase(url: str, phase: str, out: Path) -> dict:
    """Run one phase in a child process; return its figures."""
    root = str(Path(__file__).resolve().parents[2])
    code = CHILD.format(root=root, story=STORY, out=str(out), url=url, expr=PHASES[phase])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default="2000,10000", help="story sizes, comma-separated")
    parser.add_argument("--report-upto", type=int, default=10000,
                        help="skip the report phase above this size")  # fmt: skip
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for size in [int(s) for s in args.articles.split(",")]:
        with tempfile.TemporaryDirectory(prefix="bench-research-") as tmp:
            url = f"sqlite:///{tmp}/archive.db"
            filled = fill(url, size)
            print(f"\n{size} articles stored in {filled:.1f} s")
            for phase in PHASES:
                if phase == "report" and size > args.report_upto:
                    continue
                figures = run_phase(url, phase, Path(tmp) / "report.html")
                print(f"  {phase:8s} wall {figures['wall_s']:7.2f} s  cpu {figures['cpu_s']:7.2f} s"
                      f"  peak {figures['peak_mb']:6.0f} MB (before {figures['rss_before_mb']:.0f})"
                      f"  result {figures['result']}")  # fmt: skip
    print(f"\nload average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

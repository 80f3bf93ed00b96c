"""Crash and resume: SIGKILL the crawl at 10 seeded points, rerun each time, lose nothing.

The final archive must equal an uninterrupted crawl's: same articles (url_key), same version
counts and content, every version complete, no duplicate rows, an intact SQLite file.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from archive import Archive, models
from tests.faults import STORY_TOML, SyntheticSite, serve
from tests.faults.crawl import crawl_command, run_process
from tests.faults.site import outlets_toml
from tests.mockserver import MockServer

pytestmark = pytest.mark.slow

PAGES, KILLS, SEED = 40, 10, 1234


@pytest.fixture(scope="module")
def site_server() -> Iterator[tuple[SyntheticSite, MockServer]]:
    """Serve the synthetic site (no faults: the crashes are the faults here)."""
    site = SyntheticSite(PAGES, seed=SEED)
    server = serve(site, "127.0.0.6")
    yield site, server
    server.close()


def _crawl(tmp: Path, server: MockServer, db_url: str, **kill: object):  # noqa: ANN202
    (tmp / "story.toml").write_text(STORY_TOML)
    (tmp / "outlets.toml").write_text(outlets_toml({"crashpaper": server.base}))
    argv = crawl_command(tmp / "story.toml", tmp / "outlets.toml", db_url)
    return run_process(argv, timeout_s=300, **kill)  # type: ignore[arg-type]


def snapshot(db_url: str) -> dict[str, tuple]:
    """Return url_key -> (version count, content hash, body, versions) for every article."""
    archive = Archive(db_url)
    try:
        with archive.session() as session:
            versions: dict[int, list[tuple]] = {}
            for v in session.scalars(select(models.ArticleVersion)):
                versions.setdefault(v.article_id, []).append(
                    (v.version, v.content_hash, v.fingerprint, v.body)
                )
            return {
                a.url_key: (a.version_count, a.content_hash, a.body, sorted(versions.get(a.id, [])))
                for a in session.scalars(select(models.Article))
            }
    finally:
        archive.dispose()


def test_killed_crawls_resume_to_the_uninterrupted_result(
    site_server: tuple[SyntheticSite, MockServer], tmp_path: Path
) -> None:
    site, server = site_server
    reference_url = f"sqlite:///{tmp_path / 'reference.db'}"
    reference = _crawl(tmp_path, server, reference_url)
    assert reference.returncode == 0, reference.stderr[-2000:]
    expected = snapshot(reference_url)
    assert len(expected) == len(site.relevant_paths())

    crashed_url = f"sqlite:///{tmp_path / 'crashed.db'}"
    rng = random.Random(SEED)
    kills = 0
    for point in sorted(rng.randint(1, PAGES + 3) for _ in range(KILLS)):
        seen_before = len(server.log)
        result = _crawl(
            tmp_path, server, crashed_url,
            kill_when=lambda n=point, s=seen_before: len(server.log) - s >= n,
        )  # fmt: skip
        kills += result.killed
    final = _crawl(tmp_path, server, crashed_url)
    assert final.returncode == 0, final.stderr[-2000:]
    print(f"kills={kills} reference_wall={reference.wall_s:.1f}s articles={len(expected)}")
    assert kills >= KILLS - 1  # a kill point past the crawl's end lets that run finish

    got = snapshot(crashed_url)
    assert got.keys() == expected.keys()
    for key, (count, content_hash, body, versions) in got.items():
        assert (count, content_hash, body) == expected[key][:3]
        assert [v[0] for v in versions] == list(range(1, count + 1))  # no missing or extra version
        assert all(v[1] and v[2] and v[3] for v in versions)  # no half-written version
        assert [v[1:] for v in versions] == [v[1:] for v in expected[key][3]]


def test_the_crashed_database_is_intact(tmp_path: Path, site_server) -> None:  # noqa: ANN001
    site, server = site_server
    db_url = f"sqlite:///{tmp_path / 'once.db'}"
    _crawl(
        tmp_path,
        server,
        db_url,
        kill_when=lambda s=len(server.log): len(server.log) - s >= PAGES // 2,
    )
    archive = Archive(db_url)
    with archive.engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        orphans = conn.execute(
            text("SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
                 "(SELECT 1 FROM article_versions v WHERE v.article_id = a.id)")
        ).scalar()  # fmt: skip
    assert orphans == 0
    archive.dispose()

"""The story report: one self-contained HTML file, checked in headless Chromium."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pytest

from archive import Archive
from archive.research.report.build import coverage_rows
from archive.schema import Article
from tests.cdp import CHROMIUM, open_page
from tests.plugins.prepared import run_cli
from tests.research_story import STORY, T0, PlantedArchive

SCRIPT = "<script>document.title='pwned'</script>"


@pytest.fixture(scope="module")
def report(planted: PlantedArchive, tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = Archive(planted.url)
    try:
        path = tmp_path_factory.mktemp("report") / "story.html"
        assert archive.report(story=STORY, path=path) == path
        return path
    finally:
        archive.dispose()


def test_the_report_is_self_contained(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert "<script" not in html and 'http-equiv="Content-Security-Policy"' in html
    for attribute in ('src="http', "src='http", 'href="http', "url(http", "@import"):
        assert attribute not in html
    assert html.count('src="data:image/png;base64,') == 2
    assert "obtained by PEOPLE" in html and "The Daily Beast" in html


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium)")
def test_the_report_in_headless_chromium(planted, report: Path, tmp_path: Path) -> None:
    from PIL import Image

    profile = tmp_path / f"chromium-{time.monotonic_ns()}"
    with open_page(report.as_uri(), profile) as page:
        rows = page.evaluate(
            "[...document.querySelectorAll('#coverage-table tbody tr')].map(r => "
            "[r.dataset.outlet, ...[...r.cells].map(c => c.textContent.trim())])"
        )
        images = page.evaluate(
            "[...document.images].map(i => [i.id, i.complete, i.naturalWidth, i.naturalHeight])"
        )
        title = page.evaluate("document.title")
        shot = page.screenshot()
        run = page.run
    assert run.errors == []
    assert all(url.startswith(("file:", "data:", "about:")) for url in run.requests), run.requests
    archive = Archive(planted.url)
    try:
        expected = coverage_rows(archive.coverage(STORY))
    finally:
        archive.dispose()
    assert [r[0] for r in rows] == [e["outlet"] for e in expected]
    for row, want in zip(rows, expected, strict=True):
        assert row[1:] == [want["outlet"], want["name"], "yes" if want["found"] else "no",
                           str(want["articles"]), str(want["originals"]), want["channel"],
                           want["first_published"], want["first_seen"], want["lag"]]  # fmt: skip
    assert rows[-1][:4] == ["quietgazette", "quietgazette", "Quiet Gazette", "no"]
    assert {"timeline-picture", "lineage-picture"} <= {i[0] for i in images}
    for _id, complete, width, height in images:
        assert complete and width > 300 and height > 100
    assert title.startswith("How the story travelled")
    picture = Image.open(io.BytesIO(shot)).convert("L")
    assert picture.width >= 1000 and picture.height > 1500
    low, high = picture.getextrema()
    assert high - low > 100 and len(set(picture.resize((64, 64)).tobytes())) > 20


def test_coverage_lag_behind_the_first_publisher(planted: PlantedArchive) -> None:
    archive = Archive(planted.url)
    try:
        rows = {r["outlet"]: r for r in coverage_rows(archive.coverage(STORY))}
    finally:
        archive.dispose()
    assert rows["people"]["lag"] == "first" and rows["nypost"]["lag"] == "+02 h 00 min"
    assert rows["radar"]["lag"] == "" and rows["quietgazette"]["found"] is False


def test_report_without_matplotlib(archive_db: Archive, tmp_path, monkeypatch, capsys) -> None:
    archive_db.store(Article(url="https://a.test/1", outlet="a", story="s", published_at=T0,
                             title=f"Markup {SCRIPT}", body="“We will be back next year,” "
                             "Johnson said."))  # fmt: skip
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    path = tmp_path / "r.html"
    result = run_cli(["report", "--story", "s", "-o", str(path), "--db", archive_db.url], capsys)
    assert result.code == 0
    assert "newsarchive: note: the lineage picture needs matplotlib" in result.err
    html = path.read_text(encoding="utf-8")
    assert 'id="timeline-table"' in html and 'id="lineage-table"' in html
    assert "data:image/png" not in html
    assert SCRIPT not in html and "&lt;script&gt;" in html


def test_report_lists_removals_and_redirects(archive_db: Archive, tmp_path) -> None:
    from archive.recheck_models import ArticleEvent

    doomed = Article(url="https://a.test/gone", outlet="a", story="s", published_at=T0,
                     title="Soon gone", body="Text.")  # fmt: skip
    stored = archive_db.store(doomed)
    with archive_db.write_session() as session:
        session.add(ArticleEvent(article_id=stored.article_id, at=T0, kind="gone",
                                 detail="404 on re-check", http_status=404))  # fmt: skip
        session.add(ArticleEvent(article_id=stored.article_id, at=T0, kind="changed",
                                 detail="version 2", http_status=200))  # fmt: skip
    html = archive_db.report(story="s", path=tmp_path / "r.html").read_text(encoding="utf-8")
    section = html.split('id="removals"')[1]
    assert "gone (404)" in section and "404 on re-check" in section and "Soon gone" in section
    assert "version 2" not in section


def test_report_cli_errors(planted: PlantedArchive, tmp_path, capsys) -> None:
    missing_dir = tmp_path / "no" / "r.html"
    result = run_cli(["report", "-o", str(missing_dir), "--db", planted.url], capsys)
    assert result.code == 1 and result.err.count("\n") == 1 and "does not exist" in result.err
    unknown = run_cli(["report", "--story", "nope", "-o", str(tmp_path / "r.html"),
                       "--db", planted.url], capsys)  # fmt: skip
    assert unknown.code == 1 and "no story 'nope'" in unknown.err


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium)")
def test_the_browser_check_sees_errors_and_requests(tmp_path: Path) -> None:
    page_file = tmp_path / "bad.html"
    page_file.write_text(
        "<html><body><img src='http://127.0.0.1:9/missing.png'>"
        "<script>console.error('boom'); undefined_function();</script></body></html>"
    )
    with open_page(page_file.as_uri(), tmp_path / "profile") as page:
        run = page.run
    assert any("boom" in e for e in run.errors)
    assert any("undefined_function" in e for e in run.errors)
    assert "http://127.0.0.1:9/missing.png" in run.requests

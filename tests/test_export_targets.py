"""``-o`` is respected: regular files are replaced atomically, nothing else is ever replaced.

A FIFO is written through, a symlink is followed (the link stays), a device is written into
(``/dev/full`` fails and says so), a directory is refused; a failed export leaves no file that
looks whole, companions included, and ``coverage --plot`` follows the same rules.
"""

from __future__ import annotations

import csv
import io
import os
import threading
from pathlib import Path

import pytest

from archive import Archive
from tests.factories import make_article
from tests.plugins.prepared import CliResult, run_cli

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def small_db(tmp_path: Path) -> str:
    """Return the URL of a SQLite archive with three synthetic articles."""
    url = f"sqlite:///{tmp_path / 'small.db'}"
    archive = Archive(url)
    for n in (1, 2, 3):
        archive.store(make_article(n))
    archive.dispose()
    return url


def one_error(result: CliResult, *parts: str) -> None:
    """The command failed with exit 1 and one error line naming ``parts``; no success line."""
    assert result.code == 1, (result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsarchive: error: "), result.err
    assert "wrote" not in result.err and "written" not in result.err
    for part in parts:
        assert part in lines[0]


def files(directory: Path) -> list[str]:
    """Return the names in ``directory`` besides the archive's own files."""
    return sorted(p.name for p in directory.iterdir() if not p.name.startswith("small.db"))


def no_part_files(directory: Path) -> None:
    """No ``.part`` file was left behind."""
    assert not list(directory.rglob("*.part")), list(directory.rglob("*.part"))


def test_regular_file_is_replaced_whole(small_db: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    target = tmp_path / "out.csv"
    target.write_text("old contents\n")
    result = run_cli(["export", "--format", "csv", "-o", str(target), "--db", small_db], capsys)
    assert result.code == 0 and "wrote 3 articles rows" in result.err
    assert len(list(csv.DictReader(io.StringIO(target.read_text())))) == 3
    no_part_files(tmp_path)


def test_fifo_is_written_through(small_db: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run_cli(["export", "--format", "jsonl", "-o", str(fifo), "--db", small_db], capsys)
    reader.join(timeout=30)
    assert result.code == 0, result.err
    assert fifo.is_fifo(), "the FIFO was replaced by a regular file"
    assert len(received[0].splitlines()) == 3
    no_part_files(tmp_path)


def test_symlink_is_followed_and_kept(small_db: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    real = tmp_path / "data" / "articles.csv"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    result = run_cli(["export", "--format", "csv", "-o", str(link), "--db", small_db], capsys)
    assert result.code == 0, result.err
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert len(list(csv.DictReader(io.StringIO(real.read_text())))) == 3
    no_part_files(tmp_path)


def test_full_device_fails_and_is_not_replaced(small_db: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    full = tmp_path / "full"
    full.symlink_to("/dev/full")  # a device behind a name of our own: never touch /dev itself
    for fmt in ("jsonl", "csv", "parquet"):
        result = run_cli(["export", "--format", fmt, "-o", str(full), "--db", small_db], capsys)
        one_error(result, str(full), "no space left")
        assert full.is_symlink() and os.path.realpath(full) == "/dev/full"
    no_part_files(tmp_path)


def test_directory_is_refused_in_one_line(small_db: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    target = tmp_path / "exports"
    target.mkdir()
    result = run_cli(["export", "--format", "csv", "-o", str(target), "--db", small_db], capsys)
    one_error(result, str(target), "is a directory")
    assert files(tmp_path) == ["exports"] and not list(target.iterdir())


def test_failed_companion_leaves_no_whole_looking_file(
    small_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a.csv"
    (tmp_path / "a.versions.csv").symlink_to("/dev/full")  # the companion cannot be written
    args = ["export", "--format", "csv", "-o", str(out), "--versions", "--db", small_db]
    result = run_cli(args, capsys)
    one_error(result, "a.versions.csv", "no space left")
    assert not out.exists(), "the articles file was put in place although the export failed"
    no_part_files(tmp_path)


def test_companions_need_a_regular_file(small_db: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    args = ["export", "--format", "csv", "-o", str(fifo), "--clusters", "--db", small_db]
    one_error(run_cli(args, capsys), "companion tables", str(fifo))
    assert files(tmp_path) == ["pipe"]


def test_coverage_plot_follows_the_same_rules(small_db: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    directory = tmp_path / "plots"
    directory.mkdir()
    result = run_cli(["coverage", "--plot", str(directory), "--db", small_db], capsys)
    one_error(result, "--plot", "is a directory")
    assert result.out == ""  # refused before the table is printed
    full = tmp_path / "full.png"
    full.symlink_to("/dev/full")
    one_error(run_cli(["coverage", "--plot", str(full), "--db", small_db], capsys), "no space")
    assert full.is_symlink()
    png = tmp_path / "timeline.png"
    ok = run_cli(["coverage", "--plot", str(png), "--format", "json", "--db", small_db], capsys)
    assert ok.code == 0 and png.read_bytes()[:8] == PNG_MAGIC
    no_part_files(tmp_path)

"""Where an output file goes: a regular file is replaced atomically, anything else is respected.

``-o FILE`` naming a regular file (or a new one) is written to ``FILE.part`` and renamed over
it when complete, so an interrupted export never leaves a file that looks whole. ``-o`` naming
something else is never replaced by a regular file: a symlink is followed (its target gets the
atomic treatment and the link stays), a FIFO or a device (``/dev/stdout``, ``/dev/null``) is
written through, a directory is refused. A failure removes every ``.part`` file and is an
error: a write-through target that fails (``/dev/full``) is never reported as written.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

PART_SUFFIX = ".part"


class TargetError(ValueError):
    """An output path that cannot be written as asked; the message is one line for the user."""


def _describe(error: OSError) -> str:
    """Return an OS error's reason for a one-line message."""
    return (error.strerror or str(error) or type(error).__name__).lower()


class Target:
    """One output path and how it is written (atomic rename, or straight through)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.final = self.path
        self.through = False
        self.part: Path | None = None
        self._check()

    def _check(self) -> None:
        """Decide how to write; TargetError for a directory or a missing parent directory."""
        try:
            mode = os.stat(self.path).st_mode  # follows symlinks: the type of what is written
        except FileNotFoundError:
            mode = None
        except OSError as exc:
            raise TargetError(f"cannot write {self.path}: {_describe(exc)}") from None
        if mode is not None and stat.S_ISDIR(mode):
            raise TargetError(f"cannot write {self.path}: it is a directory")
        if mode is not None and not stat.S_ISREG(mode):
            self.through = True  # a FIFO, a device, a socket: write into it, never replace it
            return
        self.final = Path(os.path.realpath(self.path))  # a symlink's target: the link stays
        if not self.final.parent.is_dir():
            raise TargetError(
                f"cannot write {self.path}: directory {self.final.parent} does not exist"
            )
        self.part = self.final.with_name(self.final.name + PART_SUFFIX)

    @property
    def write_path(self) -> Path:
        """Return the path to write to now (the ``.part`` file, or the target itself)."""
        return self.part if self.part is not None else self.final

    def open(self, mode: str = "w") -> IO[Any]:
        """Open the path to write to (text in UTF-8 without newline translation, or binary)."""
        try:
            if "b" in mode:
                return open(self.write_path, mode)  # noqa: SIM115 - closed by the caller
            return open(self.write_path, mode, encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as exc:
            raise TargetError(f"cannot write {self.path}: {_describe(exc)}") from None

    def commit(self) -> None:
        """Put the finished file in place (rename the ``.part`` over the target)."""
        if self.part is not None:
            os.replace(self.part, self.final)

    def discard(self) -> None:
        """Remove the unfinished ``.part`` file, if any."""
        if self.part is not None:
            with contextlib.suppress(FileNotFoundError):
                self.part.unlink()

    def failed(self, error: OSError) -> TargetError:
        """Return the one-line error for a write that failed."""
        return TargetError(f"cannot write {self.path}: {_describe(error)}")


@contextmanager
def writing(paths: Sequence[Path | str]) -> Iterator[list[Target]]:
    """Yield a Target per path (all checked first); on success put them all in place.

    On any failure every ``.part`` file is removed and the error goes on.
    """
    targets = [Target(path) for path in paths]
    try:
        yield targets
    except BaseException:
        for target in targets:
            target.discard()
        raise
    for target in targets:
        target.commit()


@contextmanager
def open_output(path: Path | str, mode: str = "w") -> Iterator[IO[Any]]:
    """Yield one output file opened for writing, put in place only when the block succeeds.

    An OS error while writing (disk full, the reader of a FIFO gone) becomes a TargetError.
    """
    with writing([path]) as (target,):
        try:
            with target.open(mode) as handle:
                yield handle
        except OSError as exc:
            raise target.failed(exc) from None

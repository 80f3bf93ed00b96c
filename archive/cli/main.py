"""Running the CLI: every error the user can fix is one line on stderr and a non-zero exit.

Exit status: 0 success, 1 an error the user can fix (the line says what), 2 a usage error (an
unknown command or option, a missing or invalid argument), 130 interrupted (Ctrl-C), 141 the
reader of the output went away (``| head``). A traceback means a bug in newsarchive.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import NoReturn

import typer

from archive.cli.errors import (
    BROKEN_PIPE_EXIT,
    ERROR_EXIT,
    INTERRUPTED_EXIT,
    USAGE_EXIT,
    ReaderGone,
    error_line,
    one_line,
    usage_line,
)

PROG = "newsarchive"
#: A group's subcommands are named in its "missing command" line up to this many.
MAX_LISTED_COMMANDS = 4


def fail(message: str, code: int = ERROR_EXIT, prog: str = PROG) -> NoReturn:
    """Print ``PROG: error: message`` on stderr and exit with ``code``."""
    print(f"{prog}: error: {message}", file=sys.stderr)
    sys.exit(code)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so flushing it at exit does not complain about the pipe."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _missing_command(exc: typer.TyperException, prog: str) -> NoReturn:
    """A group called without its subcommand: its help on stdout, one line on stderr."""
    ctx = exc.ctx  # type: ignore[attr-defined]
    print(ctx.get_help())
    names = ctx.command.list_commands(ctx)
    listed = f"{', '.join(names)}; " if len(names) <= MAX_LISTED_COMMANDS else ""
    fail(f"missing command ({listed}see '{ctx.command_path} --help')", USAGE_EXIT, prog)


def _command_path(app: typer.Typer, argv: Sequence[str] | None, prog: str) -> str:
    """Return the command the arguments name (``newsarchive db upgrade``), as far as known."""
    command = typer.main.get_command(app)
    path = [prog]
    for token in sys.argv[1:] if argv is None else argv:
        sub = getattr(command, "commands", {}).get(token)
        if sub is None:
            break
        path.append(token)
        command = sub
    return " ".join(path)


def _invoke(app: typer.Typer, argv: Sequence[str] | None, prog: str) -> int:
    """Run the app; return its exit status (typer returns it rather than exiting)."""
    args = list(sys.argv[1:] if argv is None else argv)
    code = app(args=args, prog_name=prog, standalone_mode=False)
    return code if isinstance(code, int) else 0


def run(
    app: typer.Typer,
    argv: Sequence[str] | None = None,
    *,
    prog: str = PROG,
    extra_user_errors: tuple[type[BaseException], ...] = (),
) -> NoReturn:
    """Run the typer app and exit: user errors as ``PROG: error: …``, never a traceback."""
    try:
        code = _invoke(app, argv, prog)
    except typer.TyperException as exc:  # typer's (vendored click) usage and file errors
        if type(exc).__name__ == "NoArgsIsHelpError":
            _missing_command(exc, prog)
        line = usage_line(exc, _command_path(app, argv, prog))
        fail(line, getattr(exc, "exit_code", USAGE_EXIT), prog)
    except typer.Abort:
        fail("aborted", ERROR_EXIT, prog)
    except ReaderGone:
        _silence_stdout()
        sys.exit(BROKEN_PIPE_EXIT)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(BROKEN_PIPE_EXIT)
    except KeyboardInterrupt:
        code = INTERRUPTED_EXIT
    except extra_user_errors as exc:
        fail(one_line(str(exc)), getattr(exc, "exit_code", ERROR_EXIT), prog)
    except Exception as exc:
        line = error_line(exc)
        if line is None:
            raise  # a bug: keep the traceback for the report
        fail(line, getattr(exc, "exit_code", ERROR_EXIT), prog)
    if code == INTERRUPTED_EXIT:  # typer turns Ctrl-C into exit status 130, silently
        print(f"{prog}: interrupted", file=sys.stderr)
    sys.exit(code)

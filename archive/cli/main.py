"""Running the CLI: known errors become one line on stderr and a non-zero exit status."""

from __future__ import annotations

import os
import sys

import click
import typer

from archive.cli.options import UserError
from archive.db import DatabaseError, mask_password
from archive.schema import NaiveDatetimeError
from archive.search import QuerySyntaxError

#: Exceptions that are the user's to fix: shown as one line, never as a traceback.
USER_ERRORS: tuple[type[BaseException], ...] = (
    DatabaseError,
    QuerySyntaxError,
    UserError,
    NaiveDatetimeError,
    FileNotFoundError,
)


def run(app: typer.Typer, extra_user_errors: tuple[type[BaseException], ...] = ()) -> None:
    """Run the typer app, turning user errors into ``newsarchive: error: …`` and exit 1."""
    try:
        app(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        print("newsarchive: aborted", file=sys.stderr)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except USER_ERRORS + extra_user_errors as exc:
        message = " ".join(str(exc).split())
        print(f"newsarchive: error: {mask_password(message)}", file=sys.stderr)
        sys.exit(1)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, and keep Python from
        # complaining again while flushing stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        print("newsarchive: interrupted", file=sys.stderr)
        sys.exit(130)

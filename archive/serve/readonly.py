"""A Datasette plugin for ``newsarchive serve``: the archive is served read-only.

Datasette answers a POST to a table or to a read-only canned query with a 500 and a traceback
in its log. The archive has nothing to write through the browser, so every request but
GET/HEAD/OPTIONS is refused up front with ``405 Method Not Allowed``. ``serve`` copies this
file into the Datasette process's plugins directory; nothing in the archive imports it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
REFUSAL = b"405 Method Not Allowed: this archive is served read-only\n"

Asgi = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


def read_only(app: Asgi) -> Asgi:
    """Return the ASGI app with every non-reading HTTP request answered 405."""

    async def guarded(scope: dict[str, Any], receive: Any, send: Any) -> None:
        """Refuse writes; hand everything else to Datasette."""
        method = str(scope.get("method", "GET")).upper()
        if scope.get("type") != "http" or method in READ_METHODS:
            await app(scope, receive, send)
            return
        headers = [
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"allow", b"GET, HEAD, OPTIONS"),
            (b"content-length", str(len(REFUSAL)).encode()),
        ]
        await send({"type": "http.response.start", "status": 405, "headers": headers})
        await send({"type": "http.response.body", "body": REFUSAL})

    return guarded


def asgi_wrapper(datasette: Any) -> Callable[[Asgi], Asgi]:
    """Return the wrapper Datasette puts around its ASGI app (the plugin hook)."""
    return read_only


def _register_hook() -> None:
    """Mark :func:`asgi_wrapper` as a Datasette hook (Datasette loads this file as a plugin)."""
    from datasette import hookimpl  # only ever imported inside the Datasette process

    hookimpl(asgi_wrapper)


_register_hook()

"""What one host serves: pages by path, handler functions mounted on path prefixes, robots.txt.

A phase (content that changes between two crawls) is a change to ``pages`` (or to what a
handler returns) between the crawls: the server reads the site on every request.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from tests.mockserver.faults import FaultPlan
from tests.mockserver.response import TEXT, Request, Response

#: A mounted handler: the response for a request, or None to fall through (404 at the end).
Handler = Callable[[Request], Response | None]
ROBOTS_PATH = "/robots.txt"


class Site:
    """The content of one host (see the module docstring for the lookup order).

    ``faults``: a :class:`FaultPlan` for this host's requests; ``conditional``: whether
    If-None-Match / If-Modified-Since get 304; ``latency_s``: a pause before every answer.
    """

    def __init__(
        self,
        pages: Mapping[str, Response] | None = None,
        *,
        robots_txt: str | None = None,
        faults: FaultPlan | None = None,
        conditional: bool = True,
        latency_s: float = 0.0,
    ) -> None:
        self.pages: dict[str, Response] = dict(pages or {})
        self.mounts: list[tuple[str, Handler]] = []
        self.faults = faults
        self.conditional = conditional
        self.latency_s = latency_s
        if robots_txt is not None:
            self.robots(robots_txt)

    def robots(self, text: str) -> None:
        """Serve ``text`` as this host's robots.txt."""
        self.pages[ROBOTS_PATH] = Response.text(text, TEXT)

    def mount(self, prefix: str, handler: Handler) -> None:
        """Answer requests whose path starts with ``prefix`` with ``handler(request)``.

        The longest matching prefix is asked first; a handler returning None passes the request
        to the next shorter prefix, and finally to a 404.
        """
        if not prefix.startswith("/"):
            raise ValueError(f"a mount prefix starts with '/': {prefix!r}")
        self.mounts.append((prefix, handler))
        self.mounts.sort(key=lambda mount: len(mount[0]), reverse=True)

    def resolve(self, request: Request) -> Response | None:
        """Return the response for ``request``: the page at its path and query, else at its
        path, else the first mounted handler (longest prefix first) that answers; else None."""
        page = self.pages.get(request.path)
        if page is None and request.route != request.path:
            page = self.pages.get(request.route)
        if page is not None:
            return page if request.method in ("GET", "HEAD") else Response(status=405)
        for prefix, handler in list(self.mounts):
            if request.route.startswith(prefix):
                answer = handler(request)
                if answer is not None:
                    return answer
        return None

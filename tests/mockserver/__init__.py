"""One HTTP mock server for the whole suite (Scrapy's habit): sites, phases, faults, one log.

See ``tests/mockserver/README.md``. In short::

    with MockServer(["127.0.0.2", "127.0.0.3"]) as server:      # one port, two addresses
        server.site("127.0.0.2").pages["/a"] = Response.html("<p>a</p>", etag='"v1"')
        server.site("127.0.0.3").mount("/cdx", lambda req: Response.json([req.param("url")]))
        ...
        assert server.log.requested(server.url("/a", "127.0.0.2"))
"""

from tests.mockserver.faults import FAULT_KINDS, NEVER_FAULTED, RETRYABLE, FaultPlan
from tests.mockserver.log import AccessLog, FileAccessLog, Hit
from tests.mockserver.process import ServerProcess, load_factory, spawn
from tests.mockserver.response import HTML, JSON, TEXT, XML, Request, Response, http_date
from tests.mockserver.server import MockServer
from tests.mockserver.site import Handler, Site

__all__ = [
    "FAULT_KINDS",
    "HTML",
    "JSON",
    "NEVER_FAULTED",
    "RETRYABLE",
    "TEXT",
    "XML",
    "AccessLog",
    "FaultPlan",
    "FileAccessLog",
    "Handler",
    "Hit",
    "MockServer",
    "Request",
    "Response",
    "ServerProcess",
    "Site",
    "http_date",
    "load_factory",
    "spawn",
]

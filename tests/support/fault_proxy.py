"""A fault-injecting reverse proxy on 127.0.0.1, for a real server that has no fault switch.

Every request meets the shared faults of `tests.fakes.faults` first (`FaultProxy.state`, a
`Faults`); with no fault, or `slow` once its wait is over, it goes on to the upstream server
as it came, and the upstream's answer comes back as it was: status, body and headers (but
the hop-by-hop ones). An upstream that cannot be reached answers a gateway's HTML 502.

The vendor brings its answers as for any fake (a `faults.Vendor`), built with the proxy's
`forward`, so that its auth failure can be the real server's own: the request sent on with
a credential the server does not know.
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from tests.fakes import faults
from tests.fakes.faults import HTML_502, Asked, Reply, Vendor, send

UPSTREAM_TIMEOUT = 30.0
# Headers of one hop, not of the message (RFC 9110 §7.6.1), and the length (each hop's own).
_HOP = {
    "connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer",
    "upgrade", "host", "content-length",
}  # fmt: skip
Forward = Callable[[Asked, bytes], Reply]
"""Sends a request on to the upstream; returns its answer."""


@dataclass
class ProxyState(faults.Faults):
    """The proxy's fault switch, and what it saw."""

    log: list[tuple[str, str, int]] = field(default_factory=list)
    """(method, path, status) of every request; status 0 when none was sent."""


class FaultProxy:
    """`with FaultProxy(upstream, answers) as proxy:` point the client at `proxy.url`."""

    def __init__(self, upstream: str, answers: Callable[[Forward], Vendor]) -> None:
        parts = urlsplit(upstream)
        if parts.scheme != "http" or parts.hostname != "127.0.0.1" or parts.port is None:
            raise ValueError("the upstream is a server on http://127.0.0.1:PORT")
        self._upstream = (parts.hostname, parts.port)
        self.state = ProxyState()
        self.vendor = answers(self.forward)
        self._server = _Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.state.stop()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def forward(self, asked: Asked, body: bytes) -> Reply:
        """The upstream's answer to the request, or a gateway's 502 when it gives none."""
        headers = {k: v for k, v in asked.headers.items() if k not in _HOP}
        connection = http.client.HTTPConnection(*self._upstream, timeout=UPSTREAM_TIMEOUT)
        try:
            connection.request(asked.method, asked.path, body or None, headers)
            answer = connection.getresponse()
            content = answer.read()
        except (OSError, http.client.HTTPException):
            return Reply(502, HTML_502.format(echo="").encode(), "text/html")
        finally:
            connection.close()
        kind = answer.getheader("Content-Type") or "application/octet-stream"
        kept = {k: v for k, v in answer.getheaders() if k.lower() not in {*_HOP, "content-type"}}
        return Reply(answer.status, content, kind, kept)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def do_GET(self) -> None:
        self._relay()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def _relay(self) -> None:
        proxy = self.server.proxy
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers: Mapping[str, str] = {k.lower(): v for k, v in self.headers.items()}
        asked = Asked(self.command, self.path, headers)
        state = proxy.state
        reply = state.answer(state.take(self.command, self.path), asked, proxy.vendor)
        if reply is None:
            reply = proxy.forward(asked, body)
        state.log.append((self.command, self.path, reply.status))
        send(self, reply)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, proxy: FaultProxy) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.proxy = proxy

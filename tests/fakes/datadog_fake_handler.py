"""HTTP handler of the fake Datadog: auth, faults, rate-limit headers, then the route."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from tests.fakes import datadog_routes as routes

if TYPE_CHECKING:
    from tests.fakes.datadog_server import FakeDatadog

_HTML_502 = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"


@dataclass(frozen=True)
class Logged:
    """One request as received: lower-case header names, parsed query and JSON body."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any


Route = Callable[["FakeDatadog", dict[str, list[str]], Any, bool], tuple[int, Any]]
# (method, path) -> (handler, needs the application key, v2-style lower-case headers)
ROUTES: dict[tuple[str, str], tuple[Route, bool, bool]] = {
    ("GET", "/api/v1/validate"): (routes.validate, False, False),
    ("GET", "/api/v1/query"): (routes.v1_query, True, False),
    ("POST", "/api/v2/query/timeseries"): (routes.v2_timeseries, True, True),
    ("GET", "/api/v1/monitor"): (routes.monitors, True, False),
    ("POST", "/api/v1/events"): (routes.post_event, False, False),
    ("GET", "/api/v1/events"): (routes.list_events, True, False),
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else delayed ACKs add 40 ms to every request

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        return None

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def _serve(self, method: str) -> None:
        fake: FakeDatadog = self.server.fake  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        headers = {k.lower(): v for k, v in self.headers.items()}
        fake.record(Logged(method, path, query, headers, body))
        route = ROUTES.get((method, path))
        if route is None:
            self._json(404, {"errors": ["Not found"]})
            return
        handler, needs_app, lower = route
        denied = _auth_error(fake, headers, needs_app)
        if denied:
            self._json(403, {"errors": [denied]})
            return
        self._answer(fake, (method, path), query, body, (handler, lower))

    def _answer(
        self,
        fake: FakeDatadog,
        target: tuple[str, str],
        query: dict[str, list[str]],
        body: Any,
        route: tuple[Route, bool],
    ) -> None:
        handler, lower = route
        path = target[1]
        fault = fake.take_fault(*target)
        if fault == "drop":
            self.close_connection = True  # no status line at all: the client sees EOF
            return
        if fault == "slow":
            time.sleep(fake.state.slow_seconds)
        if fault == "403":
            self._json(403, {"errors": ["Forbidden"]})
            return
        if fault == "429":
            self._rate_limited(fake, path, lower)
            return
        if fault in ("500", "502") and not fake.state.fault_after:
            self._server_error(fault)
            return
        status, payload = handler(fake, query, body, fault == "bad_enum")
        if fault in ("500", "502"):
            self._server_error(fault)
            return
        text = json.dumps(payload).encode()
        if fault == "truncated":
            text = text[: len(text) // 2]
        ctype = "application/vnd.api+json" if lower else "application/json"
        extra = fake.rate_headers(path, lower) if status < 400 else {}
        self._send(status, text, ctype, extra)

    def _rate_limited(self, fake: FakeDatadog, path: str, lower: bool) -> None:
        headers = fake.rate_headers(path, lower)
        for key in headers:
            if key.lower().endswith("remaining"):
                headers[key] = "0"
            if key.lower().endswith("reset"):
                headers[key] = str(fake.state.fault_reset)
        self._send(429, b"", "application/json", headers)  # real 429s have an empty body

    def _server_error(self, fault: str) -> None:
        if fault == "502":
            self._send(502, _HTML_502, "text/html", {})
        else:
            self._json(500, {"errors": ["Internal Server Error"]})

    def _json(self, status: int, payload: Any) -> None:
        self._send(status, json.dumps(payload).encode(), "application/json", {})

    def _send(self, status: int, data: bytes, ctype: str, headers: dict[str, str]) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            self.close_connection = True  # the client gave up (timeout test): nothing to do


def _auth_error(fake: FakeDatadog, headers: dict[str, str], needs_app: bool) -> str | None:
    api_key = headers.get("dd-api-key")
    if not api_key:
        return "API key required"
    if api_key != fake.state.api_key:
        return f"Invalid API key {api_key}" if fake.state.echo_keys else "Forbidden"
    if needs_app and headers.get("dd-application-key") != fake.state.app_key:
        return "Forbidden"
    return None

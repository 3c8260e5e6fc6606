"""HTTP handler of the fake Datadog: auth, faults, rate-limit headers, then the route; and
Datadog's part of the shared faults (`DatadogAnswers`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from tests.fakes import datadog_routes as routes
from tests.fakes.faults import DROP, Asked, Reply, json_reply, send

if TYPE_CHECKING:
    from tests.fakes.datadog_server import FakeDatadog


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
        self._answer(fake, Asked(method, path, headers), query, body, (handler, lower))

    def _answer(
        self,
        fake: FakeDatadog,
        asked: Asked,
        query: dict[str, list[str]],
        body: Any,
        route: tuple[Route, bool],
    ) -> None:
        handler, lower = route
        fault = fake.state.take(asked.method, asked.path)
        vendor = DatadogAnswers(fake, lower)
        if fault in ("500", "502") and fake.state.fault_after:
            handler(fake, query, body, False)  # the request takes effect, then fails
            send(self, fake.state.answer(fault, asked, vendor) or DROP)
            return
        reply = fake.state.answer(fault, asked, vendor)
        if reply is not None:
            send(self, reply)
            return
        status, payload = handler(fake, query, body, fault == "bad_enum")
        ctype = "application/vnd.api+json" if lower else "application/json"
        extra = fake.rate_headers(asked.path, lower) if status < 400 else {}
        send(self, Reply(status, json.dumps(payload).encode(), ctype, extra))

    def _json(self, status: int, payload: Any) -> None:
        send(self, json_reply(status, payload))


@dataclass(frozen=True)
class DatadogAnswers:
    """Datadog's part of the shared faults: `{"errors": [...]}` bodies, X-RateLimit-* 429s."""

    fake: FakeDatadog
    lower: bool
    """v2 endpoints send lower-case header names, as over HTTP/2."""
    credential_headers: tuple[str, ...] = ("dd-api-key", "dd-application-key")

    def error_body(self, status: int, echo: str) -> Any:
        return {"errors": [f"{HTTPStatus(status).phrase}{echo}"]}

    def rate_limited(self, asked: Asked, reset: float, echo: str) -> Reply:
        headers = self.fake.rate_headers(asked.path, self.lower)
        for key in headers:
            if key.lower().endswith("remaining"):
                headers[key] = "0"
            if key.lower().endswith("reset"):
                headers[key] = f"{reset:g}"
        # Real 429s have an empty body; an echoing gateway adds one.
        body = json.dumps(self.error_body(429, echo)).encode() if echo else b""
        return Reply(429, body, headers=headers)

    def auth_failed(self, asked: Asked, echo: str) -> Reply:
        return json_reply(403, self.error_body(403, echo))


def _auth_error(fake: FakeDatadog, headers: dict[str, str], needs_app: bool) -> str | None:
    api_key = headers.get("dd-api-key")
    if not api_key:
        return "API key required"
    if api_key != fake.state.api_key:
        return f"Invalid API key {api_key}" if fake.state.echo_keys else "Forbidden"
    if needs_app and headers.get("dd-application-key") != fake.state.app_key:
        return "Forbidden"
    return None

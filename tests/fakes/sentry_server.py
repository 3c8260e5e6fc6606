"""A fake Sentry REST API on 127.0.0.1 that speaks the wire format of the reference notes.

Real HTTP (stdlib ThreadingHTTPServer in a thread). Link pagination with `results` and `cursor`
attributes, X-Hits, `X-Sentry-Rate-Limit-*` headers in fixed 1-second windows per endpoint (or
none in self-hosted mode), and fault modes: 401, 403, 429 (JSON body, text/html content type),
500, timeout, malformed JSON and a dropped connection. Every request is logged.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

from tests.fakes import sentry_data as data

FAULTS = ("401", "403", "429", "429-bare", "500", "timeout", "malformed", "drop")
NO_SCOPE = "You do not have permission to perform this action."
TOO_FAST = (
    "You are attempting to use this endpoint too frequently. Limit is {n} requests in 1 seconds"
)


@dataclass(frozen=True)
class Logged:
    method: str
    path: str
    query: dict[str, list[str]]
    status: int
    authorized: bool


@dataclass
class FakeSentry:
    """Shared state of the fake; tests change it between polls."""

    org: str = "acme"
    token: str = "fake-sentry-token-0123456789"
    issues: list[dict[str, Any]] = field(default_factory=list)
    fault: str | None = None
    fault_on: str = ""  # only paths containing this text fail
    fault_times: int | None = None  # fail this many times, then recover
    hang: float = 5.0
    rate_limit: int = 1000
    concurrent_limit: int | None = 25
    reset_in: float | None = None  # 429 reset this many seconds ahead (default: next window)
    self_hosted: bool = False
    delay: float = 0.0
    events_stats_gone: bool = False
    log: list[Logged] = field(default_factory=list)
    in_flight: int = 0
    peak_in_flight: int = 0
    _windows: dict[tuple[str, int], int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)

    def requests_to(self, fragment: str) -> list[Logged]:
        return [r for r in self.log if fragment in r.path]

    def take_fault(self, path: str) -> str | None:
        with self._lock:
            if self.fault is None or self.fault_on not in path:
                return None
            fault = self.fault
            if self.fault_times is not None:
                self.fault_times -= 1
                if self.fault_times <= 0:
                    self.fault, self.fault_times = None, None
            return fault

    def count(self, endpoint: str) -> tuple[int, int]:
        """Counts one request in the endpoint's 1-second window. Returns (used, window start)."""
        window = int(time.time())
        with self._lock:
            used = self._windows.get((endpoint, window), 0) + 1
            self._windows[(endpoint, window)] = used
        return used, window


def endpoint_of(path: str) -> str:
    """Sentry limits per endpoint, not per URL: ids and versions are one endpoint."""
    return re.sub(r"/(issues|releases)/[^/]+/$", r"/\1/{id}/", path)


class Handler(BaseHTTPRequestHandler):
    server: SentryHTTPServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        state = self.server.state
        url = urlsplit(self.path)
        query = parse_qs(url.query, keep_blank_values=True)
        authorized = self.headers.get("Authorization") == f"Bearer {state.token}"
        with state._lock:
            state.in_flight += 1
            state.peak_in_flight = max(state.peak_in_flight, state.in_flight)
        try:
            status = self._serve(state, url.path, query, authorized)
        finally:
            with state._lock:
                state.in_flight -= 1
        state.log.append(Logged("GET", url.path, query, status, authorized))

    def _serve(self, state: FakeSentry, path: str, query: dict[str, list[str]], ok: bool) -> int:
        if state.delay:
            state._stop.wait(state.delay)
        fault = state.take_fault(path)
        if fault == "drop":
            self.close_connection = True
            return 0
        if fault == "timeout":
            state._stop.wait(state.hang)
        if not ok or fault == "401":
            return self._json(401, {"detail": "Invalid token"})
        endpoint = endpoint_of(path)
        used, window = state.count(endpoint)
        reset = window + 1
        if fault in ("429", "429-bare") or used > state.rate_limit:
            reset = int(time.time() + state.reset_in) if state.reset_in else reset
            detail = TOO_FAST.format(n=state.rate_limit)
            body = detail if fault == "429-bare" else {"detail": detail}
            limits = self._limit_headers(state, 0, reset)
            return self._json(429, body, limits, "text/html; charset=utf-8")
        limits = self._limit_headers(state, state.rate_limit - used, reset)
        if fault == "403":
            return self._json(403, {"detail": NO_SCOPE}, limits)
        if fault == "500":
            return self._json(500, {"detail": "Internal Error", "errorId": "abc"}, limits)
        if fault == "malformed":
            return self._raw(200, b'{"data": [[1700000000, [{"count": ', limits)
        return self._route(state, path, query, limits)

    def _route(
        self, state: FakeSentry, path: str, query: dict[str, list[str]], limits: dict[str, str]
    ) -> int:
        org = f"/api/0/organizations/{state.org}/"
        if not path.startswith(org):
            return self._json(404, {"detail": "The requested resource does not exist"}, limits)
        rest = path[len(org) :]
        now = time.time()
        if rest == "issues/":
            return self._issue_list(state, path, query, limits)
        if m := re.fullmatch(r"issues/([^/]+)/", rest):
            found = [i for i in state.issues if i["id"] == unquote(m.group(1))]
            if not found:
                return self._json(404, {"detail": "Issue not found"}, limits)
            return self._json(200, data.issue_detail(found[0]), limits)
        if rest == "events-stats/" and not state.events_stats_gone:
            return self._json(200, data.events_stats(now), limits)
        if rest == "events/":
            return self._json(200, data.events_table(), limits)
        if rest == "sessions/":
            return self._json(200, data.sessions(), limits)
        if rest == "releases/":
            return self._json(200, data.releases(), limits)
        if m := re.fullmatch(r"releases/([^/]+)/", rest):
            return self._json(200, data.release_detail(unquote(m.group(1))), limits)
        return self._json(404, {"detail": "The requested resource does not exist"}, limits)

    def _issue_list(
        self, state: FakeSentry, path: str, query: dict[str, list[str]], limits: dict[str, str]
    ) -> int:
        search = query.get("query", ["is:unresolved"])[0]
        items = list(state.issues)
        if "firstSeen:-1h" in search:
            hour_ago = data.iso(time.time() - 3600)
            items = sorted((i for i in items if i["firstSeen"] >= hour_ago), key=_first_seen)
        limit = min(100, int(query.get("limit", ["100"])[0]))
        offset = int(query.get("cursor", ["0:0:0"])[0].split(":")[1])
        page = items[offset : offset + limit]
        others = [(k, v) for k, vs in query.items() if k != "cursor" for v in vs]
        base = f"http://{self.headers.get('Host')}{path}?{urlencode(others)}"
        prev_c, next_c = f"0:{max(0, offset - limit)}:1", f"0:{offset + limit}:0"
        link = ", ".join(
            f'<{base}&cursor={quote(c)}>; rel="{rel}"; results="{str(more).lower()}"; cursor="{c}"'
            for rel, more, c in (
                ("previous", offset > 0, prev_c),
                ("next", offset + limit < len(items), next_c),
            )
        )
        headers = {**limits, "Link": link, "X-Hits": str(len(items)), "X-Max-Hits": "1000"}
        return self._json(200, page, headers)

    def _limit_headers(self, state: FakeSentry, remaining: int, reset: int) -> dict[str, str]:
        if state.self_hosted:
            return {}
        headers = {
            "X-Sentry-Rate-Limit-Limit": str(state.rate_limit),
            "X-Sentry-Rate-Limit-Remaining": str(max(0, remaining)),
            "X-Sentry-Rate-Limit-Reset": str(reset),
        }
        if state.concurrent_limit is not None:
            headers["X-Sentry-Rate-Limit-ConcurrentLimit"] = str(state.concurrent_limit)
            free = max(0, state.concurrent_limit - state.in_flight)
            headers["X-Sentry-Rate-Limit-ConcurrentRemaining"] = str(free)
        return headers

    def _json(
        self,
        status: int,
        body: Any,
        headers: dict[str, str] | None = None,
        content_type: str = "application/json",
    ) -> int:
        return self._raw(status, json.dumps(body).encode(), headers, content_type)

    def _raw(
        self,
        status: int,
        body: bytes,
        headers: dict[str, str] | None = None,
        content_type: str = "application/json",
    ) -> int:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up (timeout test): nothing to answer
            pass
        return status


def _first_seen(item: dict[str, Any]) -> str:
    return str(item["firstSeen"])


class SentryHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: FakeSentry) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.state = state

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


def serve(state: FakeSentry) -> tuple[SentryHTTPServer, threading.Thread]:
    """Starts the fake in a daemon thread. Stop it with `stop(server)`."""
    server = SentryHTTPServer(state)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    return server, thread


def stop(server: SentryHTTPServer) -> None:
    server.state._stop.set()
    server.shutdown()
    server.server_close()

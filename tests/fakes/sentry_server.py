"""A fake Sentry REST API on 127.0.0.1 that speaks the wire format of the reference notes.

Real HTTP (stdlib ThreadingHTTPServer in a thread). Link pagination with `results` and `cursor`
attributes, X-Hits, `X-Sentry-Rate-Limit-*` headers in fixed 1-second windows per endpoint (or
none in self-hosted mode), the shared fault modes of `tests.fakes.faults` ("401" is the older
name of auth; a 429 has a JSON body despite its text/html content type), and its own "403"
(a missing scope) and "429-bare" (the body a bare string). Every request is logged.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

from tests.fakes import faults
from tests.fakes import sentry_data as data
from tests.fakes.faults import Asked, Reply, json_reply, send

FAULTS = (*faults.FAULTS, "401", "403", "429-bare")
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
class FakeSentry(faults.Faults):
    """Shared state of the fake; tests change it between polls."""

    aliases: ClassVar[Mapping[str, str]] = {"401": "auth"}

    org: str = "acme"
    token: str = "fake-sentry-token-0123456789"
    issues: list[dict[str, Any]] = field(default_factory=list)
    rate_limit: int = 1000
    concurrent_limit: int | None = 25
    reset_in: float | None = None
    """A 429 resets this many seconds ahead (default: `fault_reset`, the next window)."""
    self_hosted: bool = False
    events_stats_gone: bool = False
    log: list[Logged] = field(default_factory=list)
    in_flight: int = 0
    peak_in_flight: int = 0
    _windows: dict[tuple[str, float], int] = field(default_factory=dict)
    _origin: float | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def requests_to(self, fragment: str) -> list[Logged]:
        return [r for r in self.log if fragment in r.path]

    def count(self, endpoint: str) -> tuple[int, float]:
        """Counts one request in the endpoint's 1-second window. Returns (used, window start).

        Windows are counted from the fake's first request, not from whole epoch seconds, so
        that a test's burst lands in one window however slow the machine (a burst straddling
        a second boundary made "slows down before a 429" flaky under load)."""
        now = time.time()
        with self._lock:
            if self._origin is None:
                self._origin = now
            window = self._origin + int(now - self._origin)
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
    _asked: tuple[str, dict[str, list[str]], bool]  # path, query, authorized
    _counted: bool = False  # this request is counted in `in_flight`

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        state = self.server.state
        url = urlsplit(self.path)
        query = parse_qs(url.query, keep_blank_values=True)
        authorized = self.headers.get("Authorization") == f"Bearer {state.token}"
        self._asked = (url.path, query, authorized)
        with state._lock:
            state.in_flight += 1
            state.peak_in_flight = max(state.peak_in_flight, state.in_flight)
            self._counted = True
        try:
            self._serve(state, url.path, query, authorized)
        finally:
            self._done()  # a request that ended without an answer

    def _done(self) -> None:
        """No longer in flight: once per request, before its answer is written."""
        state = self.server.state
        with state._lock:
            if self._counted:
                state.in_flight -= 1
                self._counted = False

    def _log(self, status: int) -> None:
        """Logged before the answer is written, so the log is in the order requests were
        answered: logged after, a client's next page could be logged before this one. The
        request leaves `in_flight` here too: after the write, the client's next request (on
        another connection) could be counted while this one still was."""
        self._done()
        path, query, authorized = self._asked
        self.server.state.log.append(Logged("GET", path, query, status, authorized))

    def _serve(self, state: FakeSentry, path: str, query: dict[str, list[str]], ok: bool) -> int:
        asked = Asked("GET", path, {k.lower(): v for k, v in self.headers.items()})
        vendor = SentryAnswers(state)
        fault = state.take("GET", path)
        # A token Sentry does not know is refused whatever else is wrong.
        reply = state.answer(fault if ok else "auth", asked, vendor)
        if reply is not None:
            return self._send(reply)
        endpoint = endpoint_of(path)
        used, window = state.count(endpoint)
        if fault == "429-bare" or used > state.rate_limit:
            return self._send(vendor.too_fast(window + 1, bare=fault == "429-bare"))
        limits = limit_headers(state, state.rate_limit - used, window + 1)
        if fault == "403":
            return self._json(403, {"detail": NO_SCOPE}, limits)
        return self._route(state, path, query, limits)

    def _send(self, reply: Reply) -> int:
        self._log(reply.status)
        send(self, reply)
        return reply.status

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
        self._log(status)
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


def limit_headers(state: FakeSentry, remaining: int, reset: float) -> dict[str, str]:
    """`X-Sentry-Rate-Limit-*` with `reset` as epoch seconds (none when self-hosted)."""
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


@dataclass(frozen=True)
class SentryAnswers:
    """Sentry's part of the shared faults: Django REST framework `{"detail": ...}` bodies."""

    state: FakeSentry
    credential_headers: tuple[str, ...] = ("authorization",)

    def error_body(self, status: int, echo: str) -> Any:
        return {"detail": f"Internal Error{echo}", "errorId": "abc"}

    def rate_limited(self, asked: Asked, reset: float, echo: str) -> Reply:
        epoch = int(time.time() + (self.state.reset_in or reset))
        self.state.allowed_at = epoch
        return self.too_fast(epoch, echo=echo)

    def too_fast(self, reset: float, *, bare: bool = False, echo: str = "") -> Reply:
        """The 429 of a spent window: JSON (or a bare string) sent as text/html, as Sentry does."""
        detail = TOO_FAST.format(n=self.state.rate_limit) + echo
        body = json.dumps(detail if bare else {"detail": detail}).encode()
        headers = limit_headers(self.state, 0, reset)
        return Reply(429, body, "text/html; charset=utf-8", headers)

    def auth_failed(self, asked: Asked, echo: str) -> Reply:
        return json_reply(401, {"detail": f"Invalid token{echo}"})


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
    server.state.stop()
    server.shutdown()
    server.server_close()

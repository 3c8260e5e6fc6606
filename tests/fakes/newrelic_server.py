"""A fake NerdGraph on 127.0.0.1 following §9 of `reference/newrelic.md`.

Real HTTP (ThreadingHTTPServer in a thread): `POST /graphql` with the `API-Key` header (any
case; otherwise 401 with `BAD_API_KEY`), GraphQL executed by graphql-core (see
`newrelic_schema`), NRQL parsed and evaluated over synthetic events (`nrql_parse`,
`nrql_eval`, `newrelic_events`). Limits as New Relic enforces them, with no rate-limit
headers: concurrent requests over `concurrency_limit` and the same NRQL more than
`repeat_limit` times a minute get HTTP 429; NRQL over the account's `query_budget` a minute
fails per field with `TOO_MANY_REQUESTS` inside an HTTP 200. Fault modes for a whole request:
"401", "429", "500", "502" (an HTML gateway page), "timeout", "malformed", "drop"; per query,
`nrql_faults` maps a fragment of the NRQL to the errorClass its field fails with.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from graphql import graphql_sync

from tests.fakes.newrelic_events import Profile
from tests.fakes.newrelic_schema import SCHEMA, Context, Root

API_KEY = "NRAK-FAKE0123456789ABCDEFGHIJKLM"
ACCOUNT_ID = 1234567
ENTITY_GUID = "MTIzNDU2N3xBUE18QVBQTElDQVRJT058OTg3NjU0"  # 1234567|APM|APPLICATION|987654
FAULTS = ("401", "429", "500", "502", "timeout", "malformed", "drop")
BAD_KEY = {
    "errors": [
        {
            "extensions": {"error_code": "BAD_API_KEY"},
            "message": "Bad API Key or no API Key provided",
        }
    ]
}
GATEWAY_PAGE = b"<html><body><h1>502 Bad Gateway</h1></body></html>"


@dataclass(frozen=True)
class Logged:
    path: str
    status: int
    body: dict[str, Any]
    key_header: str

    @property
    def variables(self) -> dict[str, Any]:
        return dict(self.body.get("variables") or {})


@dataclass
class NerdGraphState:
    """Everything the fake serves and counts; tests change it between polls."""

    api_key: str = API_KEY
    account_id: int = ACCOUNT_ID
    profile: Profile = field(default_factory=Profile)
    issues: list[dict[str, Any]] = field(default_factory=list)
    issues_page: int = 25
    entities: set[str] = field(default_factory=lambda: {ENTITY_GUID})
    deployments: list[dict[str, Any]] = field(default_factory=list)
    nrql_faults: dict[str, str] = field(default_factory=dict)
    fault: str | None = None
    fault_times: int | None = None
    fault_on: str = ""
    """Only requests whose GraphQL document contains this text fail."""
    fault_after: bool = False
    """A 500 or a drop after the request took effect (a marker stored, then no answer)."""
    hang: float = 3.0
    concurrency_limit: int = 25
    repeat_limit: int = 120
    query_budget: int = 3000
    clock: Callable[[], float] = time.time
    log: list[Logged] = field(default_factory=list)
    in_flight: int = 0
    peak_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)
    _spent: deque[tuple[float, str]] = field(default_factory=deque)

    def admit(self, nrql: str, ctx: Context) -> str:
        """Counts one NRQL query. Returns why the budget refuses it ("" when admitted); marks
        the request for a 429 when the same NRQL repeats too often."""
        with self.lock:
            cutoff = ctx.now - 60
            while self._spent and self._spent[0][0] <= cutoff:
                self._spent.popleft()
            if len(self._spent) >= self.query_budget:
                limit = self.query_budget
                return f"Account {self.account_id} exceeded {limit} NRQL queries per minute"
            if sum(1 for _, q in self._spent if q == nrql) >= self.repeat_limit:
                ctx.repeat_exceeded = True
            self._spent.append((ctx.now, nrql))
            ctx.nrql.append(nrql)
        return ""

    def take_fault(self, document: str) -> str | None:
        with self.lock:
            if self.fault is None or self.fault_on not in document:
                return None
            fault = self.fault
            if self.fault_times is not None:
                self.fault_times -= 1
                if self.fault_times <= 0:
                    self.fault, self.fault_times = None, None
            return fault

    def requests(self, fragment: str = "") -> list[Logged]:
        """Logged requests whose document contains `fragment`."""
        return [r for r in self.log if fragment in str(r.body.get("query", ""))]


class Handler(BaseHTTPRequestHandler):
    server: NerdGraphServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        self._read()
        self._json(405, {"errors": [{"message": "NerdGraph takes POST"}]})

    def do_POST(self) -> None:
        state = self.server.state
        raw = self._read()
        with state.lock:
            state.in_flight += 1
            state.peak_in_flight = max(state.peak_in_flight, state.in_flight)
            crowded = state.in_flight > state.concurrency_limit
        self._body = _decode(raw)
        try:
            self._serve(state, self._body, crowded)
        finally:
            with state.lock:
                state.in_flight -= 1

    def _record(self, status: int) -> None:
        """Logged before the answer is written: a test that has the answer sees the entry."""
        key = self.headers.get("api-key") or ""
        body = getattr(self, "_body", {})
        self.server.state.log.append(Logged(self.path, status, body, key))

    def _serve(self, state: NerdGraphState, body: dict[str, Any], crowded: bool) -> int:
        if self.path != "/graphql":
            return self._json(404, {"errors": [{"message": "Not found"}]})
        if crowded:
            return self._json(429, {"errors": [{"message": "Too many concurrent requests"}]})
        fault = state.take_fault(str(body.get("query", "")))
        if fault in ("timeout", "drop") and not state.fault_after:
            return self._timeout(state) if fault == "timeout" else self._drop()
        if fault == "401" or self.headers.get("api-key") != state.api_key:
            return self._json(401, BAD_KEY)
        if fault in ("429", "502", "malformed") or (fault == "500" and not state.fault_after):
            return self._fault(fault)
        if "query" not in body:
            return self._json(400, {"errors": [{"message": "Request body must hold a query"}]})
        ctx = Context(state.clock())
        result = graphql_sync(
            SCHEMA,
            str(body["query"]),
            root_value=Root(state),
            context_value=ctx,
            variable_values=body.get("variables") or None,
            operation_name=body.get("operationName"),
        )
        if fault == "500":
            return self._fault("500")  # it ran, but nobody hears so
        if fault in ("timeout", "drop"):
            return self._timeout(state) if fault == "timeout" else self._drop()
        if ctx.repeat_exceeded:
            return self._json(429, {"errors": [{"message": "Repeated query limit exceeded"}]})
        answer = dict(result.formatted)
        if answer.get("data") is None:
            answer.pop("data", None)  # a request that never ran has no `data` (the spec)
        return self._json(200, answer)

    def _fault(self, fault: str | None) -> int:
        if fault == "429":
            return self._json(429, {"errors": [{"message": "Too many requests"}]})
        if fault == "502":
            return self._raw(502, GATEWAY_PAGE, "text/html")
        if fault == "malformed":
            return self._raw(
                200, b'{"data": {"actor": {"account": {"q0": {"results": [{"val', "application/json"
            )
        return self._json(500, {"errors": [{"message": "Internal Server Error"}]})

    def _timeout(self, state: NerdGraphState) -> int:
        state.stopping.wait(state.hang)
        return self._json(200, {"data": None})

    def _drop(self) -> int:
        self._record(0)
        self.close_connection = True
        return 0

    def _read(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _json(self, status: int, body: Any) -> int:
        return self._raw(status, json.dumps(body).encode(), "application/json")

    def _raw(self, status: int, payload: bytes, content_type: str) -> int:
        self._record(status)
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:  # the client gave up (a timeout test): nothing to answer
            pass
        return status


def _decode(raw: bytes) -> dict[str, Any]:
    try:
        body = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


class NerdGraphServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: NerdGraphState) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.state = state

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/graphql"


@contextmanager
def running(state: NerdGraphState | None = None) -> Iterator[tuple[NerdGraphState, str]]:
    """Serves the fake in a daemon thread. Yields (state, the NerdGraph URL)."""
    state = state or NerdGraphState()
    server = NerdGraphServer(state)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state, server.url
    finally:
        state.stopping.set()
        server.shutdown()
        server.server_close()


def env_for(url: str, state: NerdGraphState | None = None) -> dict[str, str]:
    """The environment that points the adapter at the fake."""
    state = state or NerdGraphState()
    return {
        "NEW_RELIC_API_KEY": state.api_key,
        "NEW_RELIC_ACCOUNT_ID": str(state.account_id),
        "NEW_RELIC_NERDGRAPH_BASE_URL": url,
    }


def issue(
    issue_id: str, title: str | list[str], priority: str = "CRITICAL", state: str = "ACTIVATED",
    entities: tuple[str, ...] = ("profile-api",), activated_ago: float = 600.0,
) -> dict[str, Any]:  # fmt: skip
    """An aiIssues issue in NerdGraph's shape (lists of strings, epoch ms)."""
    at = int((time.time() - activated_ago) * 1000)
    return {
        "issueId": issue_id, "priority": priority, "state": state,
        "title": [title] if isinstance(title, str) else title, "entityNames": list(entities),
        "activatedAt": at, "createdAt": at, "totalIncidents": 1,
    }  # fmt: skip

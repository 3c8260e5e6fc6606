"""A fake NerdGraph on 127.0.0.1 following §9 of `reference/newrelic.md`.

Real HTTP (ThreadingHTTPServer in a thread): `POST /graphql` with the `API-Key` header (any
case; otherwise 401 with `BAD_API_KEY`), GraphQL executed by graphql-core (see
`newrelic_schema`), NRQL parsed and evaluated over synthetic events (`nrql_parse`,
`nrql_eval`, `newrelic_events`). Limits as New Relic enforces them, with no rate-limit
headers: concurrent requests over `concurrency_limit` and the same NRQL more than
`repeat_limit` times a minute get HTTP 429; NRQL over the account's `query_budget` a minute
fails per field with `TOO_MANY_REQUESTS` inside an HTTP 200.

Faults for a whole request are the shared ones of `tests.fakes.faults` ("401" is the older
name of auth; a 429 carries no header, as NerdGraph's do not), selected by `fault_on` in the
GraphQL document (every request has the same path), plus its own "429-in-200" (every NRQL
field refused with `TOO_MANY_REQUESTS` inside an HTTP 200, the 429 of the query budget) and
`fault_after` (a 500, drop or timeout once the request took effect). Per query,
`nrql_faults` maps a fragment of the NRQL to the errorClass its field fails with.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

from graphql import graphql_sync

from tests.fakes import faults
from tests.fakes.faults import Asked, Reply, json_reply, send
from tests.fakes.newrelic_events import Profile
from tests.fakes.newrelic_schema import SCHEMA, Context, Root

API_KEY = "NRAK-FAKE0123456789ABCDEFGHIJKLM"
ACCOUNT_ID = 1234567
ENTITY_GUID = "MTIzNDU2N3xBUE18QVBQTElDQVRJT058OTg3NjU0"  # 1234567|APM|APPLICATION|987654
OVER_BUDGET = "429-in-200"
FAULTS = (*faults.FAULTS, "401", OVER_BUDGET)
LATE = ("500", "drop", "timeout")
"""The faults `fault_after` applies once the request ran."""
BAD_KEY_MESSAGE = "Bad API Key or no API Key provided"


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
class NerdGraphState(faults.Faults):
    """Everything the fake serves and counts; tests change it between polls."""

    aliases: ClassVar[Mapping[str, str]] = {"401": "auth"}

    hang: float = 3.0
    api_key: str = API_KEY
    account_id: int = ACCOUNT_ID
    profile: Profile = field(default_factory=Profile)
    issues: list[dict[str, Any]] = field(default_factory=list)
    issues_page: int = 25
    entities: set[str] = field(default_factory=lambda: {ENTITY_GUID})
    deployments: list[dict[str, Any]] = field(default_factory=list)
    nrql_faults: dict[str, str] = field(default_factory=dict)
    fault_after: bool = False
    """A 500, a drop or a timeout after the request took effect (a marker stored, then no
    answer)."""
    concurrency_limit: int = 25
    repeat_limit: int = 120
    query_budget: int = 3000
    clock: Callable[[], float] = time.time
    log: list[Logged] = field(default_factory=list)
    in_flight: int = 0
    peak_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    _spent: deque[tuple[float, str]] = field(default_factory=deque)

    def admit(self, nrql: str, ctx: Context) -> str:
        """Counts one NRQL query. Returns why the budget refuses it ("" when admitted); marks
        the request for a 429 when the same NRQL repeats too often."""
        with self.lock:
            cutoff = ctx.now - 60
            while self._spent and self._spent[0][0] <= cutoff:
                self._spent.popleft()
            if ctx.over_budget or len(self._spent) >= self.query_budget:
                limit = self.query_budget
                return f"Account {self.account_id} exceeded {limit} NRQL queries per minute"
            if sum(1 for _, q in self._spent if q == nrql) >= self.repeat_limit:
                ctx.repeat_exceeded = True
            self._spent.append((ctx.now, nrql))
            ctx.nrql.append(nrql)
        return ""

    def requests(self, fragment: str = "") -> list[Logged]:
        """Logged requests whose document contains `fragment`."""
        return [r for r in self.log if fragment in str(r.body.get("query", ""))]


@dataclass(frozen=True)
class NerdGraphAnswers:
    """New Relic's part of the shared faults: GraphQL `errors` bodies, header-less 429s."""

    credential_headers: tuple[str, ...] = ("api-key",)

    def error_body(self, status: int, echo: str) -> Any:
        return {"errors": [{"message": f"Internal Server Error{echo}"}]}

    def rate_limited(self, asked: Asked, reset: float, echo: str) -> Reply:
        # NerdGraph says nothing of when to come back: no Retry-After, no X-RateLimit-*.
        return json_reply(429, {"errors": [{"message": f"Too many requests{echo}"}]})

    def auth_failed(self, asked: Asked, echo: str) -> Reply:
        error = {"extensions": {"error_code": "BAD_API_KEY"}, "message": BAD_KEY_MESSAGE + echo}
        return json_reply(401, {"errors": [error]})


class Handler(BaseHTTPRequestHandler):
    server: NerdGraphServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        self._read()
        self._send(json_reply(405, {"errors": [{"message": "NerdGraph takes POST"}]}))

    def do_POST(self) -> None:
        state = self.server.state
        raw = self._read()
        with state.lock:
            state.in_flight += 1
            state.peak_in_flight = max(state.peak_in_flight, state.in_flight)
            crowded = state.in_flight > state.concurrency_limit
        self._body = _decode(raw)
        try:
            self._send(self._serve(state, self._body, crowded))
        finally:
            with state.lock:
                state.in_flight -= 1

    def _send(self, reply: Reply) -> None:
        """Logged before the answer is written: a test that has the answer sees the entry."""
        key = self.headers.get("api-key") or ""
        body = getattr(self, "_body", {})
        self.server.state.log.append(Logged(self.path, reply.status, body, key))
        send(self, reply)

    def _serve(self, state: NerdGraphState, body: dict[str, Any], crowded: bool) -> Reply:
        if self.path != "/graphql":
            return json_reply(404, {"errors": [{"message": "Not found"}]})
        if crowded:
            return json_reply(429, {"errors": [{"message": "Too many concurrent requests"}]})
        asked = Asked("POST", self.path, {k.lower(): v for k, v in self.headers.items()})
        mode = state.take("POST", str(body.get("query", "")))
        if self.headers.get("api-key") != state.api_key:
            mode = "auth"  # a key New Relic does not know is refused whatever else is wrong
        late = mode if state.fault_after and mode in LATE else None
        reply = state.answer(None if late else mode, asked, NerdGraphAnswers())
        if reply is not None:
            return reply
        if "query" not in body:
            return json_reply(400, {"errors": [{"message": "Request body must hold a query"}]})
        if mode == OVER_BUDGET:
            state.allowed_at = time.time() + state.fault_reset
        answer = self._execute(state, body, over_budget=mode == OVER_BUDGET)
        if late is not None:  # it ran, but nobody hears so
            return state.answer(late, asked, NerdGraphAnswers()) or faults.DROP
        return answer

    def _execute(self, state: NerdGraphState, body: dict[str, Any], over_budget: bool) -> Reply:
        ctx = Context(state.clock(), over_budget=over_budget)
        result = graphql_sync(
            SCHEMA,
            str(body["query"]),
            root_value=Root(state),
            context_value=ctx,
            variable_values=body.get("variables") or None,
            operation_name=body.get("operationName"),
        )
        if ctx.repeat_exceeded:
            return json_reply(429, {"errors": [{"message": "Repeated query limit exceeded"}]})
        answer = dict(result.formatted)
        if answer.get("data") is None:
            answer.pop("data", None)  # a request that never ran has no `data` (the spec)
        return json_reply(200, answer)

    def _read(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""


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
        state.stop()
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

"""A fake LaunchDarkly REST API v2 on 127.0.0.1, following featureflags.md §2.8.

- `Authorization: <bare token>`: an unknown token → 401; the reader token → 403 on PATCH;
  errors are `{"code", "message", "id"}`; unknown project or flag → 404.
- `GET /api/v2/flags/{project}/{flag}?env=` filters `environments`.
- `PATCH` reads a semantic patch only with `domain-model=launchdarkly.semanticpatch` in the
  content type (a semantic body without it → 400), else a JSON patch (`{"comment", "patch"}`
  or a bare list); all or nothing; `_version` grows only on a real change; `dryRun=true`.
- Every answer has `X-Ratelimit-Global-Remaining`, `X-Ratelimit-Route-Remaining` and
  `X-Ratelimit-Reset` (epoch ms); a spent window → 429.
- Faults: the shared ones of `tests.fakes.faults` (a 429 is the spent window's, with its
  headers; older names `error_500`, `html_502`, `bad_json`; `fault_count` is `fault_times`),
  and its own `ip_limit` (429 with Retry-After), `conflict` (409 on PATCH) and `approval`
  (405 on PATCH); `fault_on` "PATCH" picks the writes; `delay` answers that late (timeouts).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qs, unquote, urlsplit

from tests.fakes import faults
from tests.fakes.faults import Asked, Reply, json_reply, send
from tests.fakes.launchdarkly_data import PatchError, bump, filtered, json_patch, semantic
from tests.fakes.serving import serving

SEMANTIC = "domain-model=launchdarkly.semanticpatch"
PREFIX = "/api/v2/flags/"
WRITES_ONLY = ("conflict", "approval")


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any


@dataclass
class LdState(faults.Faults):
    aliases: ClassVar[Mapping[str, str]] = {
        "error_500": "500",
        "html_502": "502",
        "bad_json": "malformed",
    }

    token: str = "api-3f6c0e2a-writer-token-0001"
    reader_token: str = "api-9d1b7c44-reader-token-0002"
    project: str = "default"
    flags: dict[str, dict[str, Any]] = field(default_factory=dict)
    window: int = 100
    """Requests allowed per 10-second window (global)."""
    spent: int = 0
    window_started: float = field(default_factory=time.time)
    seen: list[Seen] = field(default_factory=list)

    @property
    def fault_count(self) -> int | None:
        """The older name of `fault_times`."""
        return self.fault_times

    @fault_count.setter
    def fault_count(self, value: int | None) -> None:
        self.fault_times = value

    def take(self, method: str, path: str) -> str | None:
        if self.fault in WRITES_ONLY and method != "PATCH":
            return None  # a conflict or an approval only answers a change
        return super().take(method, path)


@dataclass(frozen=True)
class LdAnswers:
    """LaunchDarkly's part of the shared faults: `{"code", "message", "id"}` bodies."""

    state: LdState
    credential_headers: tuple[str, ...] = ("authorization",)

    def error_body(self, status: int, echo: str) -> Any:
        return _error("internal_error", f"boom{echo}")

    def rate_limited(self, asked: Asked, reset: float, echo: str) -> Reply:
        """A spent global window: 0 left, and the reset in epoch milliseconds."""
        reset_ms = int((time.time() + reset) * 1000)
        headers = {
            "X-Ratelimit-Global-Remaining": "0",
            "X-Ratelimit-Route-Remaining": "0",
            "X-Ratelimit-Reset": str(reset_ms),
        }
        return json_reply(429, _error("rate_limited", f"Rate limited{echo}"), headers)

    def auth_failed(self, asked: Asked, echo: str) -> Reply:
        return json_reply(401, _error("unauthorized", f"Invalid access token{echo}"))


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def do_GET(self) -> None:
        send(self, self._serve())

    def do_PATCH(self) -> None:
        send(self, self._serve())

    def _serve(self) -> Reply:
        state = self.server.state
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        body = self._body()
        state.seen.append(Seen(self.command, url.path, query, dict(self.headers.items()), body))
        token = self.headers.get("Authorization", "")
        with self.server.lock:
            limits = self._limits(state)
            if token not in (state.token, state.reader_token):
                return json_reply(401, _error("unauthorized", "Invalid access token"), limits)
            if state.spent > state.window:
                return json_reply(429, _error("rate_limited", "Rate limited"), limits)
        asked = Asked(self.command, url.path, {k.lower(): v for k, v in self.headers.items()})
        mode = state.take(self.command, url.path)
        # Outside the lock: a held or late answer must not hold up the other requests.
        reply = state.answer(mode, asked, LdAnswers(state)) or _own_fault(mode, limits)
        if reply is not None:
            return reply
        with self.server.lock:
            status, answer = self._route(state, url.path, query, body, token)
        return json_reply(status, answer, limits)

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return raw

    def _limits(self, state: LdState) -> dict[str, str]:
        now = time.time()
        if now - state.window_started >= 10:
            state.window_started, state.spent = now, 0
        state.spent += 1
        left = max(0, state.window - state.spent)
        reset_ms = int((state.window_started + 10) * 1000)
        return {
            "X-Ratelimit-Global-Remaining": str(left),
            "X-Ratelimit-Route-Remaining": str(max(0, left - 1)),
            "X-Ratelimit-Reset": str(reset_ms),
        }

    def _route(
        self, state: LdState, path: str, query: dict[str, list[str]], body: Any, token: str
    ) -> tuple[int, Any]:
        rest = path[len(PREFIX) :] if path.startswith(PREFIX) else ""
        parts = [unquote(p) for p in rest.split("/")] if rest else []
        if len(parts) != 2 or parts[0] != state.project or parts[1] not in state.flags:
            return 404, _error("not_found", "Unknown resource identifier")
        key = parts[1]
        if self.command == "GET":
            return 200, filtered(state.flags[key], query.get("env", []))
        if token == state.reader_token:
            return 403, _error("forbidden", "Access to the requested resource was denied")
        content_type = self.headers.get("Content-Type", "")
        try:
            if SEMANTIC in content_type:
                new = semantic(state.flags[key], body)
            elif isinstance(body, dict) and "instructions" in body:
                raise PatchError(400, "invalid_request", "semantic patch without its content type")
            else:
                ops = body.get("patch") if isinstance(body, dict) else body
                new = json_patch(state.flags[key], ops)
        except PatchError as exc:
            return exc.status, _error(exc.code, exc.message)
        result = bump(state.flags[key], new, int(time.time() * 1000))
        if query.get("dryRun") != ["true"]:
            state.flags[key] = result
        return 200, result


def _own_fault(fault: str | None, limits: dict[str, str]) -> Reply | None:
    """The faults only LaunchDarkly has (None for no fault)."""
    if fault == "ip_limit":
        return json_reply(429, _error("rate_limited", "Rate limited"), {"Retry-After": "1"})
    if fault == "conflict":
        body = _error("conflict", "Conflict: the flag was changed concurrently")
        return json_reply(409, body, limits)
    if fault == "approval":
        return json_reply(
            405, _error("method_not_allowed", "Approval is required to make this change")
        )
    if fault is not None and fault not in faults.FAULTS:
        raise AssertionError(f"unknown fault {fault!r}")
    return None  # no fault, or a shared one served as usual (`slow`, once its wait is over)


def _error(code: str, message: str) -> dict[str, str]:
    return {"code": code, "message": message, "id": str(uuid.uuid4())}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: LdState) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state
        self.lock = threading.Lock()


@contextmanager
def launchdarkly_server(state: LdState | None = None) -> Iterator[tuple[str, LdState]]:
    """Runs the fake; yields (base URL like http://127.0.0.1:PORT, state)."""
    state = state or LdState()
    with serving(_Server(state), state.stop) as url:
        yield url, state

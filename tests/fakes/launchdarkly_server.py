"""A fake LaunchDarkly REST API v2 on 127.0.0.1, following featureflags.md §2.8.

- `Authorization: <bare token>`: an unknown token → 401; the reader token → 403 on PATCH;
  errors are `{"code", "message", "id"}`; unknown project or flag → 404.
- `GET /api/v2/flags/{project}/{flag}?env=` filters `environments`.
- `PATCH` reads a semantic patch only with `domain-model=launchdarkly.semanticpatch` in the
  content type (a semantic body without it → 400), else a JSON patch (`{"comment", "patch"}`
  or a bare list); all or nothing; `_version` grows only on a real change; `dryRun=true`.
- Every answer has `X-Ratelimit-Global-Remaining`, `X-Ratelimit-Route-Remaining` and
  `X-Ratelimit-Reset` (epoch ms); a spent window → 429.
- Faults (`state.fault`, for `fault_count` requests of method `fault_on` after `fault_skip`
  of them, then off): `error_500`, `html_502`,
  `bad_json`, `drop` (closes the connection), `ip_limit` (429 with Retry-After), `conflict`
  (409 on PATCH), `approval` (405 on PATCH); `state.delay` answers that late (timeouts).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.fakes.launchdarkly_data import PatchError, bump, filtered, json_patch, semantic

SEMANTIC = "domain-model=launchdarkly.semanticpatch"
PREFIX = "/api/v2/flags/"


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any


@dataclass
class LdState:
    token: str = "api-3f6c0e2a-writer-token-0001"
    reader_token: str = "api-9d1b7c44-reader-token-0002"
    project: str = "default"
    flags: dict[str, dict[str, Any]] = field(default_factory=dict)
    window: int = 100
    """Requests allowed per 10-second window (global)."""
    spent: int = 0
    window_started: float = field(default_factory=time.time)
    fault: str | None = None
    fault_count: int = 1_000_000
    fault_on: str | None = None
    """Only requests of this method fault (conflict and approval: PATCH only)."""
    fault_skip: int = 0
    """Matching requests let through before the fault starts."""
    delay: float = 0.0
    seen: list[Seen] = field(default_factory=list)

    def take_fault(self, method: str) -> str | None:
        if self.fault is None or self.fault_count <= 0:
            return None
        only = "PATCH" if self.fault in ("conflict", "approval") else self.fault_on
        if only is not None and method != only:
            return None
        if self.fault_skip > 0:
            self.fault_skip -= 1
            return None
        self.fault_count -= 1
        return self.fault


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def do_GET(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def _serve(self) -> None:
        state = self.server.state
        with self.server.lock:
            status, body, headers = self._answer(state)
        if body is None:  # the "drop" fault: no answer at all
            self.close_connection = True
            self.connection.close()
            return
        if state.delay and status != 429:
            time.sleep(state.delay)
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        try:
            self.send_response(status)
            kind = "text/html" if raw.startswith(b"<") else "application/json"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(raw)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(raw)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout tests)

    def _answer(self, state: LdState) -> tuple[int, Any, dict[str, str]]:
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw
        state.seen.append(Seen(self.command, url.path, query, dict(self.headers.items()), body))
        limits = self._limits(state)
        token = self.headers.get("Authorization", "")
        if token not in (state.token, state.reader_token):
            return 401, _error("unauthorized", "Invalid access token"), limits
        if state.spent > state.window:
            return 429, _error("rate_limited", "Rate limited"), limits
        fault = state.take_fault(self.command)
        faulted = _fault(fault, limits)
        if faulted is not None:
            return faulted
        status, answer = self._route(state, url.path, query, body, token)
        return status, answer, limits

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


def _fault(fault: str | None, limits: dict[str, str]) -> tuple[int, Any, dict[str, str]] | None:
    if fault is None:
        return None
    if fault == "drop":
        return 0, None, {}
    if fault == "error_500":
        return 500, _error("internal_error", "boom"), limits
    if fault == "html_502":
        return 502, b"<html><body>502 Bad Gateway</body></html>", {}
    if fault == "bad_json":
        return 200, b'{"key": "profile-v2", ', limits
    if fault == "ip_limit":
        return 429, _error("rate_limited", "Rate limited"), {"Retry-After": "1"}
    if fault == "conflict":
        return 409, _error("conflict", "Conflict: the flag was changed concurrently"), limits
    if fault == "approval":
        return 405, _error("method_not_allowed", "Approval is required to make this change"), {}
    raise AssertionError(f"unknown fault {fault!r}")


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
    server = _Server(state)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

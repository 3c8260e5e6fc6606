"""Fixtures for the runbook tests: a temp audit log, runbooks built from small configs, and a
real HTTP server on 127.0.0.1 that records what it received."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from warroom.core.config import default_config
from warroom.core.runbook import AuditLog, Runbook, build_executors
from warroom.core.runbook_config import RunbookConfig
from warroom.sources.datadog.action import event_executor
from warroom.sources.http.action import HttpExecutor

SECRET = "s3cr3t-token-value-42"


def runbook_config(*steps: dict[str, Any], **extra: Any) -> RunbookConfig:
    """Groups `g` (target 5 min) and `h`, plus the given steps (group `g` by default)."""
    groups = [
        {"id": "g", "title": "Immediate", "target_minutes": 5},
        {"id": "h", "title": "Later"},
    ]
    data = [{"group": "g", "title": s["id"].replace("_", " "), **s} for s in steps]
    return RunbookConfig.model_validate({"groups": groups, "steps": data, **extra})


def make_book(
    audit_path: Path,
    *steps: dict[str, Any],
    env: Mapping[str, str] | None = None,
    grace: float = 0.5,
    **flags: Any,
) -> Runbook:
    config = runbook_config(*steps, kill_grace=grace)
    executors = build_executors(
        config,
        simulate=flags.pop("simulate", None),
        # As the app builds them, with no Datadog credentials in the environment.
        extra={"http": HttpExecutor(), "datadog_event": event_executor(default_config(), {})},
    )
    return Runbook(config, AuditLog(audit_path), executors, env=env or {}, **flags)


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.fixture
def audit_path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "warroom" / "audit.jsonl"


# ---------------------------------------------------------------- HTTP server


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class FakeTarget:
    """What the server answers (`status`, after `delay` seconds) and what it received."""

    status: int = 200
    delay: float = 0.0
    body: bytes = b'{"ok": true}'
    received: list[Received] = field(default_factory=list)
    url: str = ""


def _handler(target: FakeTarget) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            target.received.append(
                Received(self.command, self.path, dict(self.headers.items()), body)
            )
            if target.delay:
                time.sleep(target.delay)
            try:
                self.send_response(target.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(target.body)))
                self.end_headers()
                self.wfile.write(target.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


@pytest.fixture
def target() -> Iterator[FakeTarget]:
    state = FakeTarget()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()

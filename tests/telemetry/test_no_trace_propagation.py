"""With crash reporting on, no outgoing request carries sentry-trace or baggage headers: they
would hand the DSN's public key to every vendor API and runbook endpoint."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.fakes.sentry_capture import CaptureServer, start

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = """
import asyncio, os, urllib.request
from warroom.tui.telemetry import init_error_reporting
from warroom.sources.http.client import new_client
assert init_error_reporting(os.environ, [])
url = os.environ["TARGET"]

async def with_httpx():
    async with new_client(timeout=5) as client:
        await client.get(url + "/httpx")

asyncio.run(with_httpx())
urllib.request.urlopen(url + "/stdlib", timeout=5).read()  # the Datadog SDK's urllib3 path
"""


class Recorder(BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []

    def do_GET(self) -> None:
        Recorder.seen.append({k.lower(): v for k, v in self.headers.items()})
        body = json.dumps({"ok": True}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def target() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Recorder.seen = []
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def capture() -> Iterator[CaptureServer]:
    server = start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_requests_carry_no_trace_headers(target: str, capture: CaptureServer) -> None:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.update(WARROOM_SENTRY_DSN=capture.dsn, TARGET=target, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", CLIENTS], env=env, cwd=ROOT, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(Recorder.seen) == 2
    for headers in Recorder.seen:
        assert "sentry-trace" not in headers and "baggage" not in headers
        assert "user-agent" in headers

"""A local stand-in for Sentry's ingest endpoint: records the envelopes sentry-sdk POSTs."""

from __future__ import annotations

import gzip
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class CaptureServer(ThreadingHTTPServer):
    """Keeps every decoded envelope body received on `/api/<project>/envelope/`."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.bodies: list[bytes] = []
        self.paths: list[str] = []
        self.received = threading.Condition()

    @property
    def dsn(self) -> str:
        return f"http://publickey@127.0.0.1:{self.server_address[1]}/1"

    def items(self) -> list[dict[str, Any]]:
        """Every JSON line of every envelope (headers and payloads alike)."""
        out = []
        for body in self.bodies:
            for line in body.splitlines():
                try:
                    value = json.loads(line)
                except ValueError:
                    continue
                if isinstance(value, dict):
                    out.append(value)
        return out

    def wait_for(self, count: int, timeout: float) -> bool:
        with self.received:
            return self.received.wait_for(lambda: len(self.bodies) >= count, timeout)


class _Handler(BaseHTTPRequestHandler):
    server: CaptureServer

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.headers.get("Content-Encoding") == "gzip":
            raw = gzip.decompress(raw)
        with self.server.received:
            self.server.bodies.append(raw)
            self.server.paths.append(self.path)
            self.server.received.notify_all()
        body = b'{"id": "0"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def start() -> CaptureServer:
    server = CaptureServer()
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server

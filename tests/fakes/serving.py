"""Runs a fake's HTTP server on a thread for the length of a `with` block."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import HTTPServer


@contextmanager
def serving(server: HTTPServer, stop: Callable[[], None]) -> Iterator[str]:
    """Yields the base URL (http://127.0.0.1:PORT). On the way out `stop` releases any request
    the fake is holding (a hang fault), then the server shuts down and its thread ends."""
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        stop()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

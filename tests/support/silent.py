"""A TCP port on 127.0.0.1 that accepts connections and never answers: a MongoDB (or any
server) that hangs."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator


@contextlib.contextmanager
def silent_port() -> Iterator[int]:
    """Yields the port; every connection is held open, unanswered, until the block ends."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    accepting = threading.Thread(target=accept, daemon=True, name="silent-port")
    accepting.start()
    try:
        yield listener.getsockname()[1]
    finally:
        with contextlib.suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept(); close alone does not
        listener.close()
        accepting.join(timeout=5)
        for conn in held:
            conn.close()

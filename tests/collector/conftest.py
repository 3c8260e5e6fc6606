"""A real mongod, the fake Datadog and Sentry servers, and `warroom collect` as a subprocess."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pymongo import MongoClient

from tests.fakes import sentry_data
from tests.fakes.datadog_server import API_KEY, APP_KEY, FakeDatadog
from tests.fakes.sentry_server import FakeSentry, serve, stop
from tests.support.mongod import MongodProcess, running_mongod
from warroom.collector.store import database_of

ROOT = Path(__file__).resolve().parents[2]
RENDER_QUERY = "avg:frontend.component.render_time{env:prod}"
RENDER_VALUE = 87.5
HEARTBEAT = 0.3
CONFIG = """
[sources.datadog]
interval = 0.5
timeout = 3
[sources.sentry]
interval = 0.5
timeout = 3
[sources.mongo]
enabled = false
[sources.atlas]
enabled = false
[history]
enabled = false
"""

pytestmark = pytest.mark.mongo


@dataclass
class Rig:
    """Everything a collector needs, and the knobs a test turns."""

    store_uri: str
    datadog: FakeDatadog
    sentry: FakeSentry
    config: Path
    env: dict[str, str]

    def vendor_requests(self) -> int:
        return self.datadog.count() + len(self.sentry.log)

    def start_collector(self, listen: str = "off") -> subprocess.Popen[bytes]:
        """Starts `warroom collect` and waits for its first heartbeat after now."""
        since = time.time()
        argv = [sys.executable, "-m", "warroom", "collect", "--store", self.store_uri]
        argv += ["--config", str(self.config), "--heartbeat", str(HEARTBEAT), "--listen", listen]
        proc = subprocess.Popen(
            argv, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        wait_until(lambda: (self.heartbeat() or 0.0) > since, 20, proc)
        return proc

    def heartbeat(self) -> float | None:
        client: MongoClient[dict[str, Any]]
        with MongoClient(self.store_uri, serverSelectionTimeoutMS=1000) as client:
            doc = client[database_of(self.store_uri)].collector.find_one({"_id": "collector"})
        return None if doc is None else float(doc["ts"])


def wait_until(
    check: Callable[[], bool], timeout: float, proc: subprocess.Popen[bytes] | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        if proc is not None and proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise AssertionError(f"collector exited {proc.returncode}: {err[-800:]}")
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def kill(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    if proc.stderr is not None:
        proc.stderr.close()


@pytest.fixture(scope="module")
def mongod() -> Iterator[MongodProcess]:
    with running_mongod(replica_set=False) as server:
        yield server


@pytest.fixture
def rig(mongod: MongodProcess, tmp_path: Path) -> Iterator[Rig]:
    sentry = FakeSentry(issues=sentry_data.make_issues(30))
    server, _ = serve(sentry)
    config = tmp_path / "warroom.toml"
    config.write_text(CONFIG)
    db = f"t{time.monotonic_ns()}"
    store = mongod.uri.replace("/?", f"/{db}?")
    with FakeDatadog() as dd:
        dd.state.values[RENDER_QUERY] = RENDER_VALUE
        for path in ("/api/v2/query/timeseries", "/api/v1/monitor"):
            dd.set_limit(path, limit=1_000_000, remaining=1_000_000, reset=3600)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DD_", "SENTRY_"))}
        env.update(
            {
                "DD_API_KEY": API_KEY,
                "DD_APP_KEY": APP_KEY,
                "DD_HOST": dd.url,
                "SENTRY_AUTH_TOKEN": sentry.token,
                "SENTRY_ORG": sentry.org,
                "SENTRY_URL": server.url,
                "XDG_STATE_HOME": str(tmp_path / "state"),
            }
        )
        try:
            yield Rig(store, dd, sentry, config, env)
        finally:
            stop(server)

"""mongod killed mid-run: down with a reason, last values kept with their age, self-recovery.

Drives the real Poller and Dashboard, as the app does.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable

import pytest

from tests.mongo.helpers import source
from tests.support.mongod import MongodProcess, mongod_binary
from warroom.core.config import default_config
from warroom.core.dashboard import Dashboard, SourceInfo
from warroom.core.model import SourceHealth, SourceState
from warroom.core.poller import Poller, PollOutcome

pytestmark = pytest.mark.mongo


async def _until(check: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.05)


async def test_kill_and_restart_mongod() -> None:
    if mongod_binary() is None:
        pytest.skip("mongod not installed")
    server = MongodProcess.start(replica_set=False)
    # A failing probe waits out server selection (seconds), so this outage is over before the
    # default 10 probes; 3 keep the trigger's sampling rule in play without a minute-long test.
    base = default_config()
    metrics = [
        m.model_copy(update={"min_samples": 3}) if m.id == "db_conn_failures" else m
        for m in base.metrics
    ]
    config = base.model_copy(update={"metrics": metrics})
    mongo = source(server.uri, config, interval=0.2, timeout=3.0, pipelines={})
    board = Dashboard(config, {"mongo": SourceInfo(0.2)}, {"mongo_connections": "mongo"}, time.time)
    outcomes: list[PollOutcome] = []

    def ingest(outcome: PollOutcome) -> None:
        outcomes.append(outcome)
        board.ingest(outcome)

    poller = Poller([mongo], ingest, rng=random.Random(1))

    def health() -> SourceHealth:
        return next(h for h in board.health() if h.name == "mongo")

    try:
        poller.start()
        await _until(lambda: sum(o.error is None for o in outcomes) >= 2, 10)
        before = board.view("mongo_connections")
        assert before.value is not None
        server.kill()
        await _until(lambda: health().state is SourceState.DOWN, 10)
        reason = health().error or ""
        assert reason.startswith(f"cannot reach mongod at 127.0.0.1:{server.port}")
        await asyncio.sleep(0.3)
        stale = board.view("mongo_connections")
        assert stale.value == before.value  # last good value stays on screen...
        assert stale.age is not None and stale.age >= 0.3  # ...with its age growing
        # The failed probes are data: the connection-failure share climbs during the outage,
        # so the plan's > 5 % rollback trigger can fire while the database is down.
        await _until(lambda: (board.view("db_conn_failures").value or 0) > 5, 10)
        # It fires once the probe window holds min_samples probes (not on the first failure).
        await _until(lambda: any(t.metric == "db_conn_failures" for t in board.triggers()), 20)
        failed = len(outcomes)
        # Returns once mongod accepts writes again; in a thread, so the poller keeps going.
        await asyncio.to_thread(server.launch)
        back = time.monotonic()
        await _until(lambda: health().state is SourceState.OK and len(outcomes) > failed, 20)
        # A reading is stamped when its poll starts, and the first poll after the restart
        # waits for the server: wait for a value read well after it, within the bound below.
        await _until(lambda: (board.view("mongo_connections").age or 99) < 1.0, 20)
        # Fresh values within one interval plus 5 s of the server being back (it was 83 s
        # with exponential backoff); 2 s more for a loaded test machine.
        assert time.monotonic() - back < 0.2 + 5 + 2
        # The probes that failed during the outage are still inside the window.
        assert (board.view("db_conn_failures").value or 0) > 0
    finally:
        await poller.stop()
        server.stop()

"""The connection-failure share behind the plan's > 5 % rollback trigger."""

from __future__ import annotations

import pytest

from tests.support.mongod import MongodProcess, free_port
from warroom.sources.mongo.probe import CONN_FAILURES, ProbeWindow, probe

OPTIONS = {"serverSelectionTimeoutMS": 300, "connectTimeoutMS": 300}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_window_share_and_expiry() -> None:
    clock = Clock()
    window = ProbeWindow(60, clock)
    assert window.failure_pct() is None
    for ok in (True, True, False, True):
        window.record(ok)
        clock.now += 10
    assert window.failure_pct() == 25.0
    clock.now += 35  # now 1075: the probes at t=1000 and 1010 fall out of the 60 s window
    assert window.count == 2
    assert window.failure_pct() == 50.0
    assert window.reading(5.0).metric == CONN_FAILURES


def test_failures_above_the_trigger_threshold() -> None:
    window = ProbeWindow(300, Clock())
    for index in range(20):
        window.record(index != 0)
    assert window.failure_pct() == 5.0  # exactly at the plan's threshold: not above it
    window.record(False)
    assert (window.failure_pct() or 0) > 5.0


async def test_probe_fails_on_a_closed_port() -> None:
    assert (
        await probe(f"mongodb://127.0.0.1:{free_port()}/?directConnection=true", OPTIONS) is False
    )


@pytest.mark.mongo
async def test_probe_succeeds_on_a_live_server(standalone: MongodProcess) -> None:
    assert await probe(standalone.uri, OPTIONS) is True

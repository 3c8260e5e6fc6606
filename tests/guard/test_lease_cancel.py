"""A cancel that lands while the seat is talking to a real mongod always ends the caller.

pymongo's async driver lost about one such cancel in three on Python 3.11 (core.aio): the
seat's caller then carried on, and in the app that was a Textual timer that never stopped,
so quitting a viewer hung. Closing the seat still gives the lease up at once."""

from __future__ import annotations

import asyncio
import random
import time

import pytest

from tests.support.mongod import MongodProcess
from warroom.collector.lease import GuardLease
from warroom.core.guard.lease import LeaseSeat

pytestmark = pytest.mark.mongo
TRIALS = 60


async def test_a_cancel_mid_call_always_ends_the_caller(mongod: MongodProcess) -> None:
    uri = mongod.uri.replace("/?", f"/cancel{time.monotonic_ns()}?")
    seat = LeaseSeat(GuardLease(uri, "holder", ttl=10.0))
    assert await seat.contend(False)
    rng = random.Random(7)

    async def ticking() -> None:  # what the app's one-second tick asks of the store
        while True:
            await seat.contend(True)
            await seat.requests()
            await seat.look()

    lost = 0
    for _ in range(TRIALS):
        task = asyncio.create_task(ticking())
        await asyncio.sleep(rng.uniform(0.0, 0.02))  # lands mid-call, at a different point
        task.cancel()
        done, _pending = await asyncio.wait({task}, timeout=2.0)
        if not done:
            lost += 1
            task.cancel()  # the lost ones are stopped for good before the next trial
            await asyncio.wait({task}, timeout=5.0)
    await asyncio.wait_for(seat.close(), 10)
    assert lost == 0, f"{lost} of {TRIALS} cancels were lost"
    other = GuardLease(uri, "other", ttl=10.0)
    try:
        assert await other.hold(), "released on close, not left to expire"
    finally:
        await other.close()

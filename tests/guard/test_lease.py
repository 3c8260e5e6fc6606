"""One actor per war room: two guards on one real mongod, exactly one holds the lease; when
the holder stops renewing, the other takes over within the TTL, without the old countdown; a
released lease is taken at once; a request to a lease nobody holds is refused."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.support.mongod import MongodProcess
from warroom.collector.lease import GuardLease

pytestmark = pytest.mark.mongo
TTL = 3.0  # a stall of the loaded machine between two calls must not hand the lease over


def store(mongod: MongodProcess) -> str:
    return mongod.uri.replace("/?", f"/lease{time.monotonic_ns()}?")


async def test_exactly_one_holds_and_the_other_takes_over_after_the_ttl(
    mongod: MongodProcess,
) -> None:
    uri = store(mongod)
    a, b = GuardLease(uri, "a", TTL), GuardLease(uri, "b", TTL)
    try:
        first = await asyncio.gather(a.hold(), b.hold(), a.hold(), b.hold())
        assert sorted(first[:2]) == [False, True]  # contended at the same moment: one wins
        holder, other = (a, b) if first[0] else (b, a)
        await holder.publish({"phase": "countdown", "trigger": "rollback_error_rate"})
        assert not await other.hold()  # still live: renewals keep it
        assert await holder.hold()
        # The holder dies (stops renewing): the other takes over within the TTL.
        started = time.monotonic()
        while not await other.hold():
            assert time.monotonic() - started < TTL + 2.0, "no takeover within the TTL"
            await asyncio.sleep(0.1)
        lease = await other.read()
        assert lease is not None and lease["holder"] == other.holder
        assert lease["state"] is None  # the countdown the dead holder saw is not inherited
        assert not await holder.hold()
    finally:
        await a.close()
        await b.close()


async def test_an_abort_reaches_the_holder_through_the_store(mongod: MongodProcess) -> None:
    uri = store(mongod)
    holder, viewer = GuardLease(uri, "collector", TTL), GuardLease(uri, "viewer", TTL)
    try:
        assert await holder.hold()
        assert await holder.take_abort() is None
        assert await viewer.request_abort("alice@bastion", "a load test, not an incident")
        assert await holder.take_abort() == {
            "who": "alice@bastion",
            "why": "a load test, not an incident",
        }
        assert await holder.take_abort() is None  # taken once
        await holder.release()
        # Nobody holds it now: a request would be wiped by the next take, so it is refused.
        assert not await viewer.request_abort("alice@bastion", "too late")
        assert not await viewer.request_rearm("alice@bastion")
        assert await viewer.hold()  # released: taken at once, no TTL wait
    finally:
        await holder.close()
        await viewer.close()


async def test_a_released_lease_is_taken_at_once_every_time(mongod: MongodProcess) -> None:
    # A release and the next hold often fall in the same millisecond of the server's clock.
    uri = store(mongod)
    a, b = GuardLease(uri, "a", 30.0), GuardLease(uri, "b", 30.0)
    try:
        holder, other = a, b
        assert await holder.hold()
        for _ in range(50):
            await holder.release()
            assert await other.hold()
            holder, other = other, holder
    finally:
        await a.close()
        await b.close()

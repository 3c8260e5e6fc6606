"""A slow operation on the real server shows up in the slow-ops table."""

from __future__ import annotations

import asyncio

import pytest
from pymongo import MongoClient

from tests.mongo.conftest import Seeded
from tests.mongo.helpers import source

pytestmark = pytest.mark.mongo


def _slow_find(uri: str) -> None:
    client: MongoClient[dict[str, object]]
    with MongoClient(uri, appname="slow-test") as client:
        client["app"]["users"].find_one({"$where": "sleep(3000) || true", "name": {"$ne": "x@y.z"}})


async def test_slow_find_is_listed(replica_set: Seeded) -> None:
    mongo = source(replica_set.uri, pipelines={}, slow_op_seconds=0.5)
    try:
        worker = asyncio.create_task(asyncio.to_thread(_slow_find, replica_set.uri))
        # Polled until the find has run past the 0.5 s threshold (it runs 3 s): a fixed
        # sleep would race its start on a loaded machine.
        result = await mongo.fetch()
        for _ in range(20):
            if any(o.namespace == "app.users" for o in result.slow_ops or ()) or worker.done():
                break
            await asyncio.sleep(0.1)
            result = await mongo.fetch()
        await worker
        after = await mongo.fetch()
    finally:
        await mongo.close()
    assert result.slow_ops is not None, result
    ops = [o for o in result.slow_ops if o.namespace == "app.users"]
    assert len(ops) == 1
    op = ops[0]
    assert op.op == "query" and 0.5 <= op.seconds < 3.1
    assert op.description.startswith("find {$where, name}")
    assert "slow-test" in op.description
    assert "x@y.z" not in op.description  # filter values never shown
    assert after.slow_ops == ()
    # Topology monitors' awaitable hello commands wait by design; they are not slow ops.
    assert all(not o.description.startswith("hello") for o in result.slow_ops)

"""Replication lag on a replica set; "standalone" (not an error) on a standalone server."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.mongo.conftest import Seeded
from tests.mongo.helpers import source
from tests.support.mongod import MongodProcess
from warroom.sources.mongo.repl import REPL_LAG, replication

pytestmark = pytest.mark.mongo


async def test_replica_set_reports_lag_and_members(replica_set: Seeded) -> None:
    mongo = source(replica_set.uri, pipelines={})
    try:
        result = await mongo.fetch()
    finally:
        await mongo.close()
    lag = [r.value for r in result.readings if r.metric == REPL_LAG]
    assert lag == [0.0]  # a single primary: nobody behind it
    assert result.info["replication"] == "rs0, 1 members"


async def test_standalone_is_a_fact_not_an_error(standalone: MongodProcess) -> None:
    mongo = source(standalone.uri, pipelines={})
    try:
        result = await mongo.fetch()
    finally:
        await mongo.close()
    assert result.info["replication"] == "standalone"
    assert REPL_LAG not in {r.metric for r in result.readings}
    assert any(r.metric == "mongo_connections" for r in result.readings)


def test_lag_per_member_from_optimes() -> None:
    head = datetime(2024, 6, 1, 12, 0, 0)
    members = [
        {"name": "a:1", "state": 1, "stateStr": "PRIMARY", "health": 1, "optimeDate": head},
        {"name": "b:1", "state": 2, "stateStr": "SECONDARY", "health": 1,
         "optimeDate": head - timedelta(seconds=7)},
        {"name": "c:1", "state": 8, "stateStr": "(not reachable/healthy)", "health": 0},
    ]  # fmt: skip
    readings, info = replication({"set": "rs9", "members": members}, 5.0)
    assert [(r.metric, r.value) for r in readings] == [(REPL_LAG, 7.0)]
    assert info["lag b:1"] == "7s (SECONDARY)"
    assert info["lag c:1"] == "(not reachable/healthy), unreachable"


def test_no_primary_gives_no_lag() -> None:
    members = [{"name": "b:1", "state": 2, "health": 1, "optimeDate": datetime(2024, 1, 1)}]
    readings, info = replication({"set": "rs9", "members": members}, 0.0)
    assert readings == [] and info["replication"].endswith("no primary")

"""Server-health metrics from serverStatus against a real mongod."""

from __future__ import annotations

import asyncio

import pytest
from pymongo import MongoClient
from pymongo.collection import Collection

from tests.mongo.conftest import Seeded
from tests.mongo.helpers import source
from warroom.sources.mongo import status as st

pytestmark = pytest.mark.mongo


async def test_first_poll_has_gauges_second_has_rates(replica_set: Seeded) -> None:
    mongo = source(replica_set.uri, pipelines={})
    try:
        first = {r.metric: r.value for r in (await mongo.fetch()).readings}
        client: MongoClient[dict[str, object]]
        with MongoClient(replica_set.uri) as client:
            scratch: Collection[dict[str, object]] = client["scratch"]["writes"]
            scratch.insert_many([{"n": i} for i in range(50)])
            for _ in range(30):
                scratch.find_one({"n": 3})
        await asyncio.sleep(0.2)
        second = {r.metric: r.value for r in (await mongo.fetch()).readings}
    finally:
        await mongo.close()
    assert st.READS not in first and st.WRITES not in first  # no delta on the first poll
    assert (first[st.CONNECTIONS] or 0) >= 1
    assert 0 < (first[st.CONN_USED] or 0) < 100
    assert 0 < (first[st.CACHE_FILL] or 0) < 100
    assert (second[st.WRITES] or 0) > 0  # one insert_many of 50 docs counts 50 inserts
    assert (second[st.READS] or 0) > 0
    assert (second[st.COMMANDS] or 0) > 0
    assert (second[st.NET_IN] or 0) > 0 and (second[st.NET_OUT] or 0) > 0
    for metric in (st.READ_LATENCY, st.WRITE_LATENCY, st.COMMAND_LATENCY):
        value = second[metric]
        assert value is not None and 0 <= value < 1000


def _status(uptime_ms: int, ops: tuple[int, ...], reads: tuple[int, int]) -> st.Counters:
    names = ("insert", "update", "delete", "query", "getmore", "command")
    latency = {"reads": {"latency": reads[0], "ops": reads[1]}}
    return st.counters(
        {
            "uptimeMillis": uptime_ms,
            "opcounters": dict(zip(names, ops, strict=True)),
            "opLatencies": latency,
        }
    )


def test_rates_are_deltas_over_uptime() -> None:
    before = _status(10_000, (10, 0, 0, 5, 0, 100), (1_000, 1))
    after = _status(12_000, (30, 4, 0, 9, 1, 110), (10_000, 4))
    got = {r.metric: r.value for r in st.rates(before, after, 0.0)}
    assert got[st.WRITES] == 12.0  # (20 inserts + 4 updates) / 2 s
    assert got[st.READS] == 2.5  # (4 queries + 1 getmore) / 2 s
    assert got[st.COMMANDS] == 5.0
    assert got[st.READ_LATENCY] == 3.0  # 9000 µs over 3 ops
    assert st.WRITE_LATENCY not in got  # never reported: no reading at all


def test_no_operations_is_a_latency_gap() -> None:
    before = _status(10_000, (0,) * 6, (500, 2))
    after = _status(11_000, (0,) * 6, (500, 2))
    got = {r.metric: r.value for r in st.rates(before, after, 0.0)}
    assert got[st.READ_LATENCY] is None and got[st.READS] == 0.0


def test_restart_resets_the_baseline() -> None:
    before = st.counters({"uptimeMillis": 50_000, "opcounters": {"command": 900}})
    after = st.counters({"uptimeMillis": 1_000, "opcounters": {"command": 3}})
    assert st.rates(before, after, 0.0) == []


def test_missing_sections_give_no_readings() -> None:
    assert st.gauges({"connections": {"current": 3}}, 0.0)[0].value == 3
    assert st.gauges({}, 0.0) == []
    assert st.status_info({"version": "8.0.4"}) == {"version": "8.0.4"}

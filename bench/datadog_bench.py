"""Datadog adapter benchmark: requests per hour for the default plan, CPU time per poll.

Runs the fake Datadog in a child process so that this process's CPU time is the adapter's
own (client, serialisation, parsing, mapping), not the server's.

    .venv/bin/python bench/datadog_bench.py [--polls 200]
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes.datadog_server import API_KEY, APP_KEY  # noqa: E402
from warroom.core.config import default_config  # noqa: E402
from warroom.sources.datadog.source import create  # noqa: E402

SERVE = """
import sys, time
from tests.fakes.datadog_server import FakeDatadog
from tests.fakes.datadog_routes import monitor
with FakeDatadog() as dd:
    for path in ("/api/v2/query/timeseries", "/api/v1/monitor"):
        dd.set_limit(path, limit=10**9, remaining=10**9, reset=3600)
    dd.state.monitors = [monitor(i, f"monitor {i}", "OK", ["launch"]) for i in range(40)]
    print(dd.url, flush=True)
    sys.stdin.read()
    counts = {}
    for r in dd.requests():
        counts[r.path] = counts.get(r.path, 0) + 1
    print(counts, flush=True)
"""


async def poll(url: str, polls: int) -> tuple[float, float, float]:
    """Returns (interval, CPU seconds, wall seconds) of `polls` polls after one warm-up."""
    config = default_config()
    source = create(config, {"DD_API_KEY": API_KEY, "DD_APP_KEY": APP_KEY, "DD_HOST": url})
    await source.start()
    await source.fetch()  # warm-up: SDK imports, connection pool
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for _ in range(polls):
        await source.fetch()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    await source.close()
    return config.sources.datadog.interval, cpu, wall


def report(interval: float, polls: int, counts: dict[str, int], cpu: float, wall: float) -> None:
    per_hour = 3600 / interval
    measured = polls + 1  # plus the warm-up poll
    ts = counts.get("/api/v2/query/timeseries", 0) / measured
    mon = (counts.get("/api/v1/monitor", 0) - 1) / measured  # minus the start-up key check
    print(f"default interval           {interval:g} s ({per_hour:.0f} polls/hour)")
    print(f"metric requests per poll   {ts:.2f}  (7 metrics, one batched formula query)")
    print(f"monitor requests per poll  {mon:.2f}")
    print(f"metric requests per hour   {ts * per_hour:.0f}  (historic org limit: 1600/hour)")
    print(f"all requests per hour      {(ts + mon) * per_hour:.0f}")
    print(f"adapter CPU per poll       {cpu / polls * 1000:.2f} ms (40 monitors parsed)")
    print(f"wall time per poll         {wall / polls * 1000:.2f} ms (local fake)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--polls", type=int, default=200)
    polls = parser.parse_args().polls
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdin is not None and server.stdout is not None
    url = server.stdout.readline().strip()
    try:
        interval, cpu, wall = asyncio.run(poll(url, polls))
    finally:
        server.stdin.close()
    counts = ast.literal_eval(server.stdout.readline())
    server.wait(timeout=10)
    report(interval, polls, counts, cpu, wall)


if __name__ == "__main__":
    main()

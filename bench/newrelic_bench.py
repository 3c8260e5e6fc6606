"""New Relic adapter benchmark: requests and NRQL queries per hour for the New Relic plan at
the default interval, and adapter CPU per poll next to Datadog's for the default plan.

Each fake runs in a child process, so this process's CPU time is the adapter's own (document,
JSON, parsing, unit conversion, records), not the server's. Polls are spaced by the
adapter's own 0.6 s minimum (the repeat limit); CPU time does not count that wait.

    .venv/bin/python bench/newrelic_bench.py [--polls 60]
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.datadog_bench import SERVE as DATADOG_SERVE  # noqa: E402
from bench.datadog_bench import poll as datadog_poll  # noqa: E402
from tests.fakes.newrelic_server import env_for  # noqa: E402
from tests.newrelic.conftest import plan_with  # noqa: E402
from warroom.sources.newrelic.source import create  # noqa: E402

SERVE = """
import sys
from tests.fakes.newrelic_server import NerdGraphState, issue, running
state = NerdGraphState(query_budget=10**9, repeat_limit=10**9)
state.issues = [issue(str(i), f"issue {i}", "MEDIUM") for i in range(10)]
with running(state) as (state, url):
    print(url, flush=True)
    sys.stdin.read()
    print({"requests": len(state.log), "nrql": sum(len(r.variables) - 1 for r in state.log)})
"""


@contextmanager
def child(script: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Runs a fake server script; yields (its URL, the process). Closing stdin stops it."""
    server = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdin is not None and server.stdout is not None
    try:
        yield server.stdout.readline().strip(), server
    finally:
        if not server.stdin.closed:
            server.stdin.close()
        server.wait(timeout=10)


async def poll_newrelic(url: str, polls: int) -> tuple[float, int, float, float]:
    """Returns (interval, NRQL per poll, CPU seconds, wall seconds) after one warm-up poll."""
    # The whole budget for the benchmark: polling back to back would otherwise be paced.
    config = plan_with(budget_share=1.0, query_budget=10**9)
    source = create(config, env_for(url))
    await source.fetch()  # warm-up: imports, connection
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for _ in range(polls):
        await source.fetch()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    await source.close()
    interval = plan_with().sources.newrelic.interval
    return interval, len({m.nrql for m in source.metrics}), cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--polls", type=int, default=60)
    polls = parser.parse_args().polls
    with child(SERVE) as (url, server):
        interval, nrql, cpu, wall = asyncio.run(poll_newrelic(url, polls))
        assert server.stdin is not None and server.stdout is not None
        server.stdin.close()
        counts = ast.literal_eval(server.stdout.readline())
    with child(DATADOG_SERVE) as (dd_url, _):
        dd_interval, dd_cpu, _wall = asyncio.run(datadog_poll(dd_url, polls))
    measured = polls + 1
    per_hour = 3600 / interval
    requests, queries = (counts[k] / measured * per_hour for k in ("requests", "nrql"))
    rows = [
        ("default interval", f"{interval:g} s ({per_hour:.0f} polls/hour)"),
        ("requests per poll", f"{counts['requests'] / measured:.2f}  ({nrql} NRQL + issues)"),
        ("requests per hour", f"{requests:.0f}"),
        ("NRQL queries per hour", f"{queries:.0f}  ({queries / 60:.0f}/min of 3000/min)"),
        ("adapter CPU per poll", f"{cpu / polls * 1000:.2f} ms  (9 metrics, 10 open issues)"),
        ("Datadog CPU per poll", f"{dd_cpu / polls * 1000:.2f} ms  (default plan, 40 monitors)"),
        ("Datadog interval", f"{dd_interval:g} s"),
        ("wall time per poll", f"{wall / polls * 1000:.2f} ms  (local fake, 0.6 s spacing)"),
    ]
    for label, value in rows:
        print(f"{label:<26}  {value}")


if __name__ == "__main__":
    main()

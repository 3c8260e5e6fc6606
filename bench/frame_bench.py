"""Frame benchmark: the cost of what one redraw of the Engineering tab asks of the dashboard.

    .venv/bin/python bench/frame_bench.py [--rounds 2000]

The dashboard is fed 300 polls of the simulated launch, up to its incident (triggers and
alerts fire, every sparkline is full), on a fake clock. Three figures, median per redraw:
- the old five pulls: what `MainScreen.show_dashboard` asked before there were frames
  (triggers, overall, alerts, the tab's views, the records, the sources' health);
- one frame built: `Dashboard.frame` in a new moment (a new clock second);
- one frame asked again in the same moment (a forced redraw, `snapshot` then `check`).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.tui.helpers import FrozenClock  # noqa: E402
from warroom.core.config import default_config  # noqa: E402
from warroom.core.dashboard import Dashboard  # noqa: E402
from warroom.core.frame import FrameRequest  # noqa: E402
from warroom.core.poller import PollOutcome  # noqa: E402
from warroom.sources.registry import build_demo  # noqa: E402

PLAN = default_config()
T0 = 1_700_000_000.0
POLLS = 300
ENGINEERING = FrameRequest(tabs=("engineering",))


def fed_dashboard() -> tuple[Dashboard, FrozenClock]:
    clock = FrozenClock(T0)
    sources = build_demo(PLAN, clock, start_at=0.0)
    assert sources.sim is not None
    dashboard = Dashboard(PLAN, sources.info, sources.metric_sources, clock)
    for n in range(POLLS):
        clock.now = T0 + n
        result = asyncio.run(sources.sim.fetch())
        dashboard.ingest(PollOutcome("sim", clock.now, 0.002, result=result, next_in=1.0))
    return dashboard, clock


def five_pulls(dashboard: Dashboard, now: float) -> None:
    """The pulls of one redraw before frames (records were asked only when reported)."""
    dashboard.triggers(now)
    dashboard.rollout_pct()
    dashboard.overall(now)
    dashboard.alerts(now)
    [dashboard.view(m.id, now) for m in PLAN.metrics_on("engineering")]
    dashboard.issues()
    dashboard.monitors()
    dashboard.slow_ops()
    dashboard.health()


def medians_us(
    rounds: int, draws: Sequence[Callable[[float], object]], start: float
) -> list[float]:
    """Median µs of each draw; the draws take turns, so a busy machine slows them alike."""
    timings: list[list[float]] = [[] for _ in draws]
    for n in range(rounds):
        now = start + n  # a new clock second each round: nothing is cached from the last one
        for draw, spent in zip(draws, timings, strict=True):
            t = time.perf_counter()
            draw(now)
            spent.append(time.perf_counter() - t)
    return [1e6 * statistics.median(spent) for spent in timings]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2000)
    rounds = parser.parse_args().rounds
    dashboard, clock = fed_dashboard()
    start = clock.now + 1
    frame = dashboard.frame(ENGINEERING, start)
    print(
        f"dashboard after {POLLS} polls: {len(frame.tiles['engineering'])} Engineering tiles, "
        f"{len(frame.triggers)} triggers, {len(frame.alerts)} alerts, "
        f"{len(frame.records.issues or ())} issues"
    )
    old, built, again = medians_us(
        rounds,
        [
            lambda now: five_pulls(dashboard, now),
            lambda now: dashboard.frame(ENGINEERING, now),
            lambda now: dashboard.frame(ENGINEERING, now),  # asked again in the same moment
        ],
        start,
    )
    print(f"old five pulls, one redraw:      {old:8.1f} us (median of {rounds})")
    print(f"one frame built (new moment):    {built:8.1f} us ({built / old:.2f}x the pulls)")
    print(f"same frame asked again (cached): {again:8.2f} us")


if __name__ == "__main__":
    main()

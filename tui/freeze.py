"""`warroom demo --freeze`: the simulated launch stopped at one moment.

The dashboard is filled with the live demo's pre-launch baseline and the scenario's history up
to `--start-at` (one poll a second, as the live demo would have), then the clock stands still
and nothing polls. The app itself runs as usual, refresh timer included, so this is the honest
idle case: a bench measures what an unchanging screen costs (it should send nothing), and
screenshots are reproducible.
"""

from __future__ import annotations

import asyncio
import time

from warroom.core.chart.buckets import SPARK_WINDOW
from warroom.core.config import Config
from warroom.core.poller import PollOutcome
from warroom.sources.registry import SourceSet, build_demo
from warroom.tui.options import AppOptions

HISTORY_SECONDS = 120
"""How much scenario history the frozen screen carries after the baseline."""


class StoppedClock:
    """A clock that reads `now` until moved; the frozen demo never moves it after filling."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def frozen_demo(
    config: Config, *, seed: int | None, start_at: float
) -> tuple[SourceSet, StoppedClock, list[PollOutcome]]:
    """The demo sources on a stopped clock, and the polls from `start_at - HISTORY_SECONDS`
    to `start_at` (simulated seconds, speed 1). Returns (sources, clock, outcomes)."""
    end = time.time()
    begin = max(0.0, start_at - HISTORY_SECONDS)
    clock = StoppedClock(end - (start_at - begin))
    sources = build_demo(config, clock, speed=1.0, seed=seed, start_at=begin, baseline=SPARK_WINDOW)
    assert sources.sim is not None  # build_demo always returns the simulated source
    outcomes = []
    for second in range(int(start_at - begin) + 1):
        clock.now = end - (start_at - begin) + second
        result = asyncio.run(sources.sim.fetch())
        outcomes.append(PollOutcome(sources.sim.name, clock.now, 0.0, result=result, next_in=1))
    return sources, clock, outcomes


def run_frozen(config: Config, *, seed: int | None, start_at: float, options: AppOptions) -> int:
    """Runs the app on the frozen demo. Returns 0, or 130 after Ctrl-C."""
    from warroom.tui.app import WarroomApp  # Textual only for the interactive part

    sources, clock, outcomes = frozen_demo(config, seed=seed, start_at=start_at)
    app = WarroomApp(config, sources, clock=clock, poll=False, options=options)
    for outcome in outcomes:
        app.dashboard.ingest(outcome)
    app.run()
    return app.return_code or 0  # 130 after Ctrl-C

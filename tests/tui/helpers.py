"""Building the app for Pilot tests: demo data, fast polls, frozen or fast clocks."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from warroom.core.config import Config, load_config
from warroom.core.poller import PollOutcome
from warroom.sources.registry import SourceSet, build_demo
from warroom.tui.app import WarroomApp
from warroom.tui.messages import PollDone
from warroom.tui.options import AppOptions
from warroom.widgets.tile import MetricTile


def fast_config(tmp_path: Path, interval: float = 0.1) -> Config:
    path = tmp_path / "fast.toml"
    path.write_text(f"[sources.sim]\ninterval = {interval}\n")
    return load_config(path)


def demo_app(
    config: Config,
    *,
    speed: float = 1.0,
    start_at: float = 0.0,
    clock: Callable[[], float] | None = None,
    poll: bool = True,
    options: AppOptions | None = None,
) -> WarroomApp:
    tick = clock or time.time
    sources = build_demo(config, tick, speed=speed, start_at=start_at)
    return WarroomApp(config, sources, clock=tick, poll=poll, options=options)


def prefill(app: WarroomApp, sources: SourceSet, clock: FrozenClock, times: range) -> None:
    """Polls the simulation at each time and feeds the app, without a running poller."""
    assert sources.sim is not None
    for t in times:
        clock.now = float(t)
        result = asyncio.run(sources.sim.fetch())
        app.dashboard.ingest(
            PollOutcome(sources.sim.name, clock.now, 0.002, result=result, next_in=1)
        )


async def feed(app: WarroomApp, sources: SourceSet, clock: FrozenClock, times: range) -> None:
    """`prefill` from inside a running app: each poll goes through the app's own handler."""
    assert sources.sim is not None
    for t in times:
        clock.now = float(t)
        result = await sources.sim.fetch()
        app.on_poll_done(
            PollDone(PollOutcome(sources.sim.name, clock.now, 0.002, result=result, next_in=1))
        )


class FrozenClock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def tile_value(app: WarroomApp, metric_id: str) -> str:
    """The tile's value line, or "—" while the tile is not mounted yet (tabs build lazily)."""
    found = app.screen.query(f"#tile-{metric_id}")
    if not found:
        return "—"
    return found.first(MetricTile).value_line


async def wait_for(predicate: Callable[[], bool], timeout: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.05)

"""Shared pieces of the history tests: a settable clock, recorded simulated launches, real polls
and a live app to record them."""

from __future__ import annotations

from collections.abc import Coroutine
from pathlib import Path
from typing import TypeVar

from warroom.core.config import Config, default_config, load_config
from warroom.core.dashboard import Dashboard, SourceInfo
from warroom.core.history.recorder import HistoryRecorder
from warroom.core.model import FetchResult, Issue, Reading
from warroom.core.poller import PollOutcome
from warroom.sources.registry import SourceSet, build_demo
from warroom.sources.sim.issues import SupportDesk
from warroom.tui.app import WarroomApp

T = TypeVar("T")
T0 = 1_700_000_000.0
PLAN = default_config()


class Clock:
    """A clock tests move by hand (both wall and monotonic time)."""

    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def demo_set(clock: Clock, config: Config = PLAN, **kwargs: float) -> SourceSet:
    return build_demo(config, clock, **kwargs)  # type: ignore[arg-type]


def run_sync(coro: Coroutine[object, object, T]) -> T:
    """Runs a coroutine that never suspends (the simulation's fetch), even inside a running
    event loop such as a Pilot test's."""
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]
    coro.close()
    raise RuntimeError("the coroutine suspended; it needs a real event loop")


def poll_sim(sources: SourceSet, clock: Clock) -> PollOutcome:
    """One poll of the simulated launch at the clock's time, as the poller would report it."""
    assert sources.sim is not None
    result = run_sync(sources.sim.fetch())
    return PollOutcome(sources.sim.name, clock.now, 0.001, result=result, next_in=1.0)


class RecentDesk(SupportDesk):
    """Keeps only the last ten minutes of simulated issues. The simulation opens one every
    25 s forever, so a whole recorded day (3,456 issues per poll) would make a test quadratic."""

    def issues(self, elapsed: float, level: float, now: float) -> list[Issue]:
        self._opened = [o for o in self._opened if elapsed - o[0] <= 600]
        return super().issues(elapsed, level, now)


def record_launch(
    path: Path,
    polls: int,
    step: float,
    *,
    config: Config = PLAN,
    revert_after: float | None = None,
    commit_seconds: float = 60.0,
    start: float = T0,
) -> tuple[Clock, Dashboard]:
    """Records `polls` polls of the simulated launch, `step` seconds apart on a fake clock
    (speed 1: simulated time is clock time), reverting the deployment after `revert_after`
    seconds when given. Returns the clock (at the last poll) and the live dashboard."""
    clock = Clock(start)
    sources = demo_set(clock, config)
    assert sources.sim is not None
    sources.sim._desk = RecentDesk(sources.sim.seed)
    dashboard = Dashboard(config, sources.info, sources.metric_sources, clock)
    recorder = HistoryRecorder(
        path, commit_seconds=commit_seconds, clock=clock, monotonic=clock, simulated=True
    )
    assert recorder.open()
    recorder.attach(dashboard)
    for n in range(polls):
        clock.now = start + n * step
        if revert_after is not None and clock.now - start >= revert_after:
            sources.sim.apply("revert_deployment")
            revert_after = None
        outcome = poll_sim(sources, clock)
        dashboard.ingest(outcome)
        recorder.observe(outcome)
    recorder.close()
    return clock, dashboard


def plan(tmp_path: Path, history: str) -> Config:
    path = tmp_path / "warroom.toml"
    path.write_text(f'[history]\npath = "{history}"\ncommit_seconds = 0.01\n')
    return load_config(path)


def live_app(config: Config) -> WarroomApp:
    """The live app with no vendor configured: nothing polls, nothing is simulated."""
    sources = SourceSet(
        info={"datadog": SourceInfo(30.0)}, metric_sources={m.id: m.source for m in config.metrics}
    )
    return WarroomApp(config, sources, poll=False)


def record_real(path: Path, polls: int, step: float, start: float) -> None:
    recorder = HistoryRecorder(path, commit_seconds=0)
    assert recorder.open()
    for n in range(polls):
        ts = start + n * step
        result = FetchResult(readings=(Reading("error_rate", ts, 0.1 + n / 1000),))
        recorder.observe(PollOutcome("datadog", ts, 0.2, result=result, next_in=30.0))
    recorder.close()

"""What the guard sees of the dashboard after each poll: no data or stale data never trips
and shows BLIND, and so do too few samples; provider errors and 429s freeze it and call a
countdown off; a failed poll that still carried its reading is data."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.guard.rig import DemoRig, plan
from warroom.core.dashboard import Dashboard
from warroom.core.errors import RateLimited, SourceError, SourceTimeout, Unavailable
from warroom.core.frame import FrameRequest
from warroom.core.guard.observe import observations
from warroom.core.model import FetchResult, Reading, Status
from warroom.core.source import SourceBase
from warroom.sources.registry import build_live
from warroom.tui.guard_setup import HeadlessRunbook, build_host
from warroom.tui.options import AppOptions

TRIGGER = "Error rate above 1%"


class Scripted(SourceBase):
    """Stands in for the simulated launch (same name): error rate as the test says."""

    name = "sim"
    interval = 1.0

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.value: float | None = 9.0
        self.age = 0.0
        self.error: SourceError | None = None
        self.samples: int | None = None

    async def fetch(self) -> FetchResult:
        if self.error is not None:
            raise self.error
        ts = self.clock() - self.age
        return FetchResult(readings=(Reading("error_rate", ts, self.value, self.samples),))


async def seconds(rig: DemoRig, source: Scripted, count: int) -> None:
    for _ in range(count):
        rig.clock.now += 1.0
        await rig.poll(source)
        await rig.host.tick()


@pytest.mark.parametrize("kind", ["gap", "stale"])
async def test_no_data_or_stale_data_never_trips_and_shows_blind(tmp_path: Path, kind: str) -> None:
    rig = DemoRig(tmp_path, plan(tmp_path / "audit.jsonl", consecutive=1, countdown=0))
    source = Scripted(rig.clock)
    if kind == "gap":
        source.value = None  # the vendor answered, with no point in the window
    else:
        source.age = 60.0  # a breaching value, but a minute old: three polls is the limit
    await seconds(rig, source, 20)
    assert "tripped" not in rig.kinds() and rig.host.status().phase == "armed"
    why = "no data" if kind == "gap" else "stale"
    assert (TRIGGER, why) in rig.host.status().blind
    frame = rig.dashboard.frame(FrameRequest())
    if kind == "gap":  # the header says BLIND, naming the input
        assert frame.overall is Status.BLIND
        assert "error_rate" in {b.trigger.metric for b in frame.blind}
    else:  # the stale breach still shows as fired (a trigger must not vanish), with its age
        assert rig.dashboard.status("error_rate", rig.clock.now) is Status.STALE
        assert TRIGGER in {t.message for t in frame.triggers}
    source.age, source.value = 0.0, 9.0
    await seconds(rig, source, 1)
    assert "tripped" in rig.kinds()
    assert TRIGGER not in {message for message, _ in rig.host.status().blind}


@pytest.mark.parametrize(
    "error",
    [
        RateLimited("429 Too Many Requests", retry_after=30.0, status=429),
        Unavailable("HTTP 500", status=500),
        SourceTimeout("no answer in 5s"),
    ],
    ids=["429", "500", "timeout"],
)
async def test_errors_and_429s_freeze_the_guard(tmp_path: Path, error: SourceError) -> None:
    rig = DemoRig(tmp_path, plan(tmp_path / "audit.jsonl", countdown=30, error_limit=4))
    source = Scripted(rig.clock)
    await seconds(rig, source, 3)
    assert rig.host.status().phase == "countdown"
    source.error = error
    await seconds(rig, source, 3)
    assert "frozen" not in rig.kinds()  # three errors: not yet
    await seconds(rig, source, 1)
    assert rig.kinds()[-2:] == ["frozen", "called-off"]
    status = rig.host.status()
    assert status.frozen is not None
    assert status.frozen.startswith(f"4 provider errors in a row ({error.reason}) on ")
    assert "rollback_error_rate" in status.frozen
    await seconds(rig, source, 40)  # far past the countdown: it never acts while frozen
    assert "act" not in rig.kinds() and rig.host.status().phase == "armed"
    assert {"frozen", "called-off"} <= {r.get("decision") for r in rig.audit()}
    source.error = None
    await seconds(rig, source, 1)
    assert rig.kinds()[-1] == "thawed" and rig.host.status().frozen is None
    await seconds(rig, source, 1)
    assert rig.kinds()[-1] == "thawed"  # the run before the freeze is gone: a fresh one trips
    await seconds(rig, source, 1)
    assert rig.kinds()[-1] == "tripped"


async def test_a_failed_poll_that_carried_its_reading_is_data(tmp_path: Path) -> None:
    rig = DemoRig(tmp_path, plan(tmp_path / "audit.jsonl"))
    source = Scripted(rig.clock)
    await rig.poll(source)
    error = Unavailable("server down")
    error.readings = (Reading("error_rate", rig.clock.now + 1, 50.0),)
    source.error = error
    rig.clock.now += 1
    outcome = await rig.poll(source)
    seen = observations(rig.dashboard, rig.clock.now, "sim", {"error_rate"})
    assert outcome.error is not None and seen[0].error is None and seen[0].value == 50.0
    assert observations(rig.dashboard, rig.clock.now, "sim")[0].error == "server down"


async def test_only_the_polled_source_s_triggers_are_observed(tmp_path: Path) -> None:
    rig = DemoRig(tmp_path, plan(tmp_path / "audit.jsonl"))
    assert observations(rig.dashboard, rig.clock.now, "datadog") == []
    assert len(observations(rig.dashboard, rig.clock.now, "sim")) == 4
    assert [why for _, why in rig.host.status().blind] == ["no reading yet"] * 4
    await rig.second()
    assert rig.host.status().blind == ()


async def test_too_few_samples_never_trips_and_shows_blind(tmp_path: Path) -> None:
    rig = DemoRig(tmp_path, plan(tmp_path / "audit.jsonl", consecutive=1, countdown=60))
    source = Scripted(rig.clock)
    source.samples = 4  # the metric's min_samples is 10 (the plan's default)
    await seconds(rig, source, 10)
    assert "tripped" not in rig.kinds()
    assert (TRIGGER, "4 of 10 samples") in rig.host.status().blind
    source.samples = 10
    await seconds(rig, source, 1)
    assert "tripped" in rig.kinds()


def test_a_trigger_whose_source_is_off_is_blind_and_says_why(tmp_path: Path) -> None:
    config = plan(tmp_path / "audit.jsonl")
    sources = build_live(config, env={})  # no credentials: every vendor is off
    dashboard = Dashboard(config, sources.info, sources.metric_sources, time.time)
    runbook = HeadlessRunbook(config, sources, AppOptions())
    host = build_host(config, config.autorollback, dashboard, runbook)
    blind = dict(host.status().blind)
    assert blind["Error rate above 1%"].startswith("datadog is off: ")
    assert "DD_API_KEY" in blind["Error rate above 1%"]

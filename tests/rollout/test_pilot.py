"""The rollout in the real app (Pilot, demo): the header, the advance screen refusing and
passing (and judging again at `yes`), and a flag step's confirmation showing the flag as it
is now."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from tests.rollout.helpers import stages
from tests.runbook.conftest import records
from tests.tui.helpers import FrozenClock, wait_for
from warroom.core.config import Config, default_config
from warroom.core.model import FetchResult, Reading
from warroom.core.poller import PollOutcome
from warroom.sources.registry import build_demo
from warroom.tui.app import WarroomApp
from warroom.tui.screens.advance import AdvanceScreen
from warroom.tui.screens.confirm import ConfirmScreen
from warroom.tui.screens.quit_running import QuitWhileRunningScreen
from warroom.widgets.header import LaunchHeader


def demo(config: Config, start_at: float) -> WarroomApp:
    clock = FrozenClock(1_000.0)
    sources = build_demo(config, clock, start_at=start_at)
    return WarroomApp(config, sources, clock=clock, poll=False)


async def poll_once(app: WarroomApp) -> None:
    assert app.sources.sim is not None
    result = await app.sources.sim.fetch()
    app.dashboard.ingest(PollOutcome("sim", app.clock(), 0.001, result=result, next_in=1))


def audit() -> list[dict[str, object]]:
    return records(Path(os.environ["XDG_STATE_HOME"]) / "warroom" / "audit.jsonl")


def text_of(screen: AdvanceScreen, widget: str) -> str:
    return str(screen.query_one(widget, Static).render())


async def gate_passed(app: WarroomApp, pilot: Pilot[None]) -> AdvanceScreen:
    """Opens the advance screen (`n`) and waits until it asks to confirm a passed gate."""
    await pilot.press("n")
    screen = app.screen
    assert isinstance(screen, AdvanceScreen)
    await wait_for(lambda: "Gate passed" in text_of(screen, "#result"))
    return screen


def healthy_plan() -> Config:
    """Only the error rate, healthy before the incident, and no dwell time: the gate can pass."""
    base = default_config()
    error_rate = base.metric("error_rate")
    empty: dict[str, object] = {k: [] for k in ("alerts", "trends", "triggers", "criteria")}
    return base.model_copy(update={"metrics": [error_rate], "stages": stages(0), **empty})


async def test_header_follows_the_flag() -> None:
    app = demo(default_config(), start_at=40)
    async with app.run_test(size=(120, 40)) as pilot:
        await poll_once(app)
        app.redraw()
        await pilot.pause()
        header = app.screen.query_one(LaunchHeader).text
        # The stage before the clock (the checklist phase may sit between), details after it.
        assert "│ Rollout 15% · Closed beta (2/4) │" in header
        assert "│ 00:16:40 │ 10s in stage · flag on │" in header


async def test_advance_refused_on_dwell_time_is_shown_and_recorded() -> None:
    app = demo(default_config(), start_at=40)
    async with app.run_test(size=(120, 40)) as pilot:
        await poll_once(app)
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, AdvanceScreen)
        await wait_for(lambda: "recorded in the audit log" in text_of(screen, "#result"))
        assert "✗ dwell time: 10s in stage, minimum 7d" in text_of(screen, "#evidence")
        await pilot.press("escape")
        assert not isinstance(app.screen, AdvanceScreen)
    (refused,) = audit()
    assert (refused["event"], refused["step"], refused["demo"]) == ("refused", "advance", True)


async def test_advance_passes_and_moves_the_simulated_flag_after_yes() -> None:
    app = demo(healthy_plan(), start_at=40)
    async with app.run_test(size=(120, 40)) as pilot:
        await poll_once(app)
        screen = await gate_passed(app, pilot)
        await pilot.press(*"yes", "enter")
        await wait_for(lambda: "15% → 50%" in text_of(screen, "#result"))
        assert app.sources.flags is not None
        (flag,) = await app.sources.flags.read(["profile-enhancement"], "production")
        assert flag.pct == 50
    assert [r["event"] for r in audit()] == ["started", "finished"]


async def test_flag_step_confirmation_shows_the_flag_now() -> None:
    app = demo(default_config(), start_at=100)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r", "2")
        screen = app.screen
        assert isinstance(screen, ConfirmScreen)

        def shown() -> str:
            return str(screen.query_one("#what-text", Static).render())

        await wait_for(lambda: "now: profile-enhancement" in shown())
        assert "now: profile-enhancement in production (simulated launch): on, 50%" in shown()
        await pilot.press(*"yes", "enter")
        await pilot.pause()
    finished = audit()[-1]
    change = finished["change"]
    assert isinstance(change, dict)
    assert change["after"] == {"profile-enhancement": {"on": False, "pct": 50.0}}


async def test_yes_judges_the_gate_again_and_a_breach_since_refuses() -> None:
    app = demo(healthy_plan(), start_at=40)
    async with app.run_test(size=(120, 40)) as pilot:
        await poll_once(app)
        screen = await gate_passed(app, pilot)
        # While the question stands, the error rate goes critical.
        breach = FetchResult(readings=(Reading("error_rate", app.clock(), 9.5),))
        app.dashboard.ingest(PollOutcome("sim", app.clock(), 0.001, result=breach, next_in=1))
        await pilot.press(*"yes", "enter")
        await wait_for(lambda: "recorded in the audit log" in text_of(screen, "#result"))
        assert app.sources.flags is not None
        (flag,) = await app.sources.flags.read(["profile-enhancement"], "production")
        assert flag.pct == 15  # nothing changed
    assert [r["event"] for r in audit()] == ["refused"]


async def test_quitting_with_a_flag_change_on_its_way_asks_and_records_it() -> None:
    app = demo(healthy_plan(), start_at=40)
    assert app.sources.flags is not None
    provider = app.sources.flags
    sent = asyncio.Event()

    async def slow_change(*args: object) -> None:  # the flag service takes its time
        sent.set()
        await asyncio.sleep(3600)

    provider.set_rollout = slow_change  # type: ignore[method-assign, assignment]
    async with app.run_test(size=(120, 40)) as pilot:
        await poll_once(app)
        await gate_passed(app, pilot)
        await pilot.press(*"yes", "enter")
        await asyncio.wait_for(sent.wait(), 10)
        await pilot.press("ctrl+c")
        await wait_for(lambda: isinstance(app.screen, QuitWhileRunningScreen))
        assert "Advance the rollout" in str(app.screen.query_one(Static).render())
        await pilot.press("y")
        await wait_for(lambda: app.return_code == 130)
    started, finished = audit()
    assert (started["event"], finished["event"]) == ("started", "finished")
    assert finished["outcome"] == "unknown outcome"
    assert "may or may not have changed" in str(finished["detail"])

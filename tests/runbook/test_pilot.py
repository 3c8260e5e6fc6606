"""The runbook screen in the real app (Pilot): confirmation, modes, and the demo recovering."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input

from tests.runbook.conftest import records
from tests.tui.helpers import FrozenClock
from warroom.core.config import default_config
from warroom.core.poller import PollOutcome
from warroom.core.runbook import StepState
from warroom.core.runbook.audit_read import read_log
from warroom.sources.registry import build_demo
from warroom.tui.app import WarroomApp
from warroom.tui.options import AppOptions
from warroom.tui.screens.audit_view import AuditViewScreen
from warroom.tui.screens.confirm import ConfirmScreen
from warroom.tui.screens.runbook import RunbookScreen

IMMEDIATE = ("revert_deployment", "disable_feature_flags", "switch_traffic")


def demo(options: AppOptions | None = None) -> tuple[WarroomApp, FrozenClock]:
    clock = FrozenClock(1_000.0)
    config = default_config()
    sources = build_demo(config, clock, start_at=100)
    return WarroomApp(config, sources, clock=clock, poll=False, options=options), clock


def audit_file() -> Path:
    import os

    return Path(os.environ["XDG_STATE_HOME"]) / "warroom" / "audit.jsonl"


async def poll_once(app: WarroomApp) -> None:
    assert app.sources.sim is not None
    result = await app.sources.sim.fetch()
    app.dashboard.ingest(PollOutcome("sim", app.clock(), 0.001, result=result, next_in=1))


async def test_anything_but_yes_runs_nothing_and_escape_is_recorded() -> None:
    app, _ = demo()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r", "1")
        assert isinstance(app.screen, ConfirmScreen)
        assert isinstance(app.focused, Input)  # never a button that runs the step
        assert not app.screen.query(Button)
        for answer in ("no", "YES", "y", "yes please", ""):
            await pilot.press(*answer, "enter")
            assert isinstance(app.screen, ConfirmScreen), answer
        book = app.runbook.get()
        assert book.status["revert_deployment"].state is StepState.PENDING
        await pilot.press("escape")
        assert isinstance(app.screen, RunbookScreen)
    assert [r["event"] for r in records(audit_file())] == ["cancelled"]


async def test_read_only_blocks_every_step_and_says_why() -> None:
    app, _ = demo(AppOptions(read_only=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        mode = str(app.screen.query_one("#mode").render())
        assert "READ-ONLY" in mode and "no step can run" in mode
        for key in ("1", "2", "3", "4", "I", "D", "C", "enter"):
            await pilot.press(key)
            assert isinstance(app.screen, RunbookScreen), key
        book = app.runbook.get()
        assert all(book.status[s].state is StepState.PENDING for s in book.status)
    assert not audit_file().exists()


async def test_dry_run_confirms_and_records_but_runs_nothing() -> None:
    app, clock = demo(AppOptions(dry_run=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r", "I")
        assert "DRY RUN" in str(app.screen.query_one("#mode").render())
        await pilot.press("y", "e", "s", "enter")
        await pilot.pause()
        book = app.runbook.get()
        assert [book.status[s].state for s in IMMEDIATE] == [StepState.DRY_RUN] * 3
        clock.now += 60
        await poll_once(app)
        assert app.dashboard.triggers()  # the incident goes on: nothing was reverted
    assert [(r["event"], r["step"]) for r in records(audit_file())] == [
        ("dry_run", s) for s in IMMEDIATE
    ]


async def test_demo_recovers_after_the_simulated_revert() -> None:
    app, clock = demo()
    async with app.run_test(size=(120, 40)) as pilot:
        await poll_once(app)
        assert app.dashboard.triggers(), "the demo at t+100 s is in its incident"
        await pilot.press("r", "1", "y", "e", "s", "enter")
        await pilot.pause()
        book = app.runbook.get()
        assert book.status["revert_deployment"].state is StepState.DONE
        clock.now += 60  # the simulation fades the incident out over 20 s
        await poll_once(app)
        assert app.dashboard.triggers() == []
        assert app.dashboard.rollout_pct() == 0
        await pilot.press("a")  # the audit view, newest first
        assert isinstance(app.screen, AuditViewScreen)
        shown = app.screen.shown
        assert "FINISHED revert_deployment [demo] outcome=done" in shown[0]
        assert "STARTED revert_deployment" in shown[1]
    events = [(r["event"], r.get("outcome")) for r in read_log(audit_file()).records]
    assert events == [("started", None), ("finished", "done")]


async def test_whole_immediate_group_in_six_keystrokes() -> None:
    app, _ = demo()
    keys = ("r", "I", "y", "e", "s", "enter")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        book = app.runbook.get()
        assert [book.status[s].state for s in IMMEDIATE] == [StepState.DONE] * 3
        assert book.stopwatch.view().finished
    assert len(keys) <= 8

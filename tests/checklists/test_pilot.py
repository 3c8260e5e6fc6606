"""The checklist screen in the real app: `c` opens it, Enter on a manual item ticks it after a
typed `yes` (with an optional note), again un-ticks it; automatic items refuse; the header
shows the current phase's progress."""

from __future__ import annotations

import json
from pathlib import Path

from textual.app import App
from textual.css.query import NoMatches

from tests.history.conftest import Clock, poll_sim
from tests.tui.helpers import wait_for
from warroom.core.config import Config, default_config
from warroom.core.runbook.audit import default_audit_path
from warroom.sources.registry import build_demo
from warroom.tui.app import WarroomApp
from warroom.tui.options import AppOptions
from warroom.tui.screens.checklist import ChecklistScreen
from warroom.tui.screens.tick_confirm import TickConfirmScreen
from warroom.widgets.checklist_table import ChecklistTable
from warroom.widgets.header import LaunchHeader

T0 = 1_800_000_000.0


def launch_app(
    seconds: int = 40, options: AppOptions | None = None, config: Config | None = None
) -> WarroomApp:
    """The demo app with the simulated launch `seconds` in, on a frozen clock."""
    clock = Clock(T0)
    config = config or default_config()
    sources = build_demo(config, clock=clock)
    app = WarroomApp(config, sources, clock=clock, poll=False, options=options)
    for t in range(seconds):
        clock.now = T0 + t
        app.dashboard.ingest(poll_sim(sources, clock))
    return app


def audit_records() -> list[dict[str, object]]:
    path = default_audit_path()
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def state_of(app: App[None], item: str) -> str:
    """The item's state cell, "" until the screen has drawn its rows (it mounts first)."""
    try:
        return str(app.screen.query_one(ChecklistTable).row_cells(f"item:{item}")[0])
    except (KeyError, NoMatches):
        return ""


async def open_on(app: WarroomApp, pilot: object, item: str) -> ChecklistTable:
    await pilot.press("c")  # type: ignore[attr-defined]
    await wait_for(lambda: state_of(app, item) != "")
    table = app.screen.query_one(ChecklistTable)
    table.go_to(f"item:{item}")
    return table


async def test_tick_and_untick_with_typed_confirmation_and_a_note() -> None:
    app = launch_app()
    async with app.run_test(size=(120, 40)) as pilot:
        header = app.screen.query_one(LaunchHeader)
        await wait_for(lambda: "│ Test 0/17 │" in header.text)
        await open_on(app, pilot, "load_concurrent_users")
        await pilot.press("enter")
        await wait_for(lambda: isinstance(app.screen, TickConfirmScreen))
        await pilot.press(*"staging run 42", "enter", *"yes", "enter")
        await wait_for(lambda: isinstance(app.screen, ChecklistScreen))
        await wait_for(lambda: state_of(app, "load_concurrent_users") == "✓ done")
        cell = app.screen.query_one(ChecklistTable).row_cells("item:load_concurrent_users")[2]
        evidence = str(getattr(cell, "plain", cell))
        assert evidence.startswith("ticked by ") and evidence.endswith(" — staging run 42")
        ticked = [r for r in audit_records() if r["event"] == "ticked"]
        assert [(r["item"], r["note"], r["demo"]) for r in ticked] == [
            ("load_concurrent_users", "staging run 42", True)
        ]
        await pilot.press("enter")  # the same item again: un-tick
        await wait_for(lambda: isinstance(app.screen, TickConfirmScreen))
        assert "Un-tick: Test with 1000+ concurrent users?" in str(
            app.screen.query_one("#heading").render()
        )
        await pilot.press("enter", *"yes", "enter")
        await wait_for(lambda: state_of(app, "load_concurrent_users") == "○ open")
        assert [r["event"] for r in audit_records()][-1] == "unticked"
        await pilot.press("escape")
        await wait_for(lambda: "│ Test 0/17 │" in app.screen.query_one(LaunchHeader).text)


async def test_only_yes_confirms_and_escape_ticks_nothing() -> None:
    app = launch_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_on(app, pilot, "load_memory_cpu")
        await pilot.press("enter")
        await wait_for(lambda: isinstance(app.screen, TickConfirmScreen))
        await pilot.press("enter", *"ok", "enter")
        assert isinstance(app.screen, TickConfirmScreen)  # "ok" is not "yes"
        await pilot.press("escape")
        await wait_for(lambda: isinstance(app.screen, ChecklistScreen))
        assert state_of(app, "load_memory_cpu") == "○ open"
        assert not [r for r in audit_records() if r.get("item") == "load_memory_cpu"]


async def test_automatic_items_required_items_and_read_only_refuse() -> None:
    app = launch_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_on(app, pilot, "monitoring_systems_ready")
        assert state_of(app, "monitoring_systems_ready") == "✓ done"  # the simulation answers
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)
        app.screen.query_one(ChecklistTable).go_to("item:deploy_to_production")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)
        messages = [n.message for n in app._notifications]
        assert any("cannot be ticked by hand" in m for m in messages)
        assert any(
            "needs Deploy to staging for final verification done first" in m for m in messages
        )
    locked = launch_app(options=AppOptions(read_only=True))
    async with locked.run_test(size=(120, 40)) as pilot:
        await open_on(locked, pilot, "load_memory_cpu")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(locked.screen, ChecklistScreen)
        assert any("read-only" in n.message for n in locked._notifications)


async def test_the_header_follows_the_pinned_phase(tmp_path: Path) -> None:
    path = tmp_path / "warroom.toml"
    path.write_text('[launch]\nphase = "day"\n', encoding="utf-8")
    from warroom.core.config import load_config

    app = launch_app(config=load_config(path))
    async with app.run_test(size=(120, 40)):
        header = app.screen.query_one(LaunchHeader)
        # Real-time monitoring, Verify all systems operational, Enable feature flags gradually.
        await wait_for(lambda: "Day 3/12" in header.text)


async def test_a_replay_shows_no_live_checklists(tmp_path: Path) -> None:
    from tests.history.test_replay_pilot import replay_app

    app, reader = replay_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, ChecklistScreen)
        assert any("warroom report" in n.message for n in app._notifications)
        assert "Test 0/" not in app.screen.query_one(LaunchHeader).text
    reader.close()

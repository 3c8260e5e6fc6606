"""The automatic rollback on the wall view (`warroom wall`): the room sees the countdown on
its banner and in the header, the bell rings for it (the wall rings with `[ui] bell`
unset), and `a` aborts it from there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.guard.app_rig import audit, banner, countdown_rings, ringing
from tests.guard.rig import plan
from tests.tui.helpers import demo_app, wait_for
from warroom.tui.options import AppOptions
from warroom.tui.screens.wall import WallScreen
from warroom.widgets.header import LaunchHeader


async def test_the_wall_shows_the_countdown_rings_and_aborts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = plan(tmp_path / "audit.jsonl", countdown=60)
    app = demo_app(config, start_at=92.0, options=AppOptions(wall=True))
    rings = ringing(app, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(lambda: isinstance(app.screen, WallScreen))
        await wait_for(lambda: "AUTOMATIC ROLLBACK in" in banner(app))
        assert isinstance(app.screen, WallScreen) and "press a to abort" in banner(app)
        header = app.screen.query_one(LaunchHeader)
        await wait_for(lambda: "AUTO-ROLLBACK IN" in header.text)
        await wait_for(lambda: countdown_rings(rings) == 1)
        await pilot.press("a")
        await wait_for(lambda: "automatic rollback ACT" in banner(app))
        assert isinstance(app.screen, WallScreen)
    aborted = [r for r in audit(tmp_path / "audit.jsonl") if r.get("decision") == "aborted"]
    assert len(aborted) == 1 and aborted[0]["why"] == "key a on the dashboard"


async def test_off_the_wall_shows_no_guard_banner(tmp_path: Path) -> None:
    config = plan(tmp_path / "audit.jsonl", mode="off")
    app = demo_app(config, start_at=92.0, options=AppOptions(wall=True))
    async with app.run_test(size=(120, 40)):
        await wait_for(lambda: isinstance(app.screen, WallScreen))
        await wait_for(lambda: bool(app.dashboard.triggers()))
        assert not app.screen.query_one("#guard").display

"""`warroom replay` driven with Pilot: the normal tabs over recorded history, keys move time."""

from __future__ import annotations

from pathlib import Path

from tests.history.conftest import PLAN, T0, record_launch
from tests.tui.helpers import tile_value, wait_for
from warroom.core.format import format_clock
from warroom.core.history.reader import HistoryReader
from warroom.core.history.replay import ReplayCursor
from warroom.tui.screens.replay import ReplayApp, ReplayScreen
from warroom.widgets.banners import AlertBanner, TriggerBanner
from warroom.widgets.header import LaunchHeader

STEP = 5.0


def replay_app(tmp_path: Path) -> tuple[ReplayApp, HistoryReader]:
    path = tmp_path / "h.sqlite3"
    clock, _ = record_launch(path, polls=60, step=STEP, revert_after=200.0)
    reader = HistoryReader(path)
    return ReplayApp(PLAN, ReplayCursor(reader, PLAN, T0, clock.now)), reader


def header(app: ReplayApp) -> str:
    return app.screen.query_one(LaunchHeader).text


async def test_header_says_replay_with_the_replayed_time_and_keys_step(tmp_path: Path) -> None:
    app, reader = replay_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        assert "REPLAY" in header(app) and format_clock(T0) in header(app)
        await pilot.press("2")
        await wait_for(lambda: tile_value(app, "error_rate") != "—")  # the tab builds lazily
        first = tile_value(app, "error_rate")
        for _ in range(3):
            await pilot.press("full_stop")
        assert app.cursor.now == T0 + 3 * STEP
        await pilot.pause()
        assert format_clock(T0 + 3 * STEP) in header(app)
        await pilot.press("comma")
        assert app.cursor.now == T0 + 2 * STEP
        await pilot.press("comma", "comma", "comma")  # clamped at the start
        assert app.cursor.now == T0
        await pilot.pause()
        assert tile_value(app, "error_rate") == first  # stepping back rebuilt the same view
    reader.close()


async def test_alert_jump_lands_on_the_incident_and_back(tmp_path: Path) -> None:
    app, reader = replay_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        cursor = app.cursor
        assert len(cursor.moments) >= 2  # the high alert, then the rollback triggers
        await pilot.press("right_square_bracket")
        assert cursor.now == cursor.moments[0]
        await pilot.pause()
        alerts = app.screen.query_one(AlertBanner)
        assert "Error rate above 0.5%" in str(alerts.render())
        trigger_at = min(e.ts for e in cursor.events if e.kind == "trigger")
        presses = cursor.moments.index(trigger_at)
        for _ in range(presses):
            await pilot.press("right_square_bracket")
        assert cursor.now == trigger_at
        await pilot.pause()
        assert "ROLLBACK TRIGGER" in str(app.screen.query_one(TriggerBanner).render())
        status = str(app.screen.query_one("#replay-status").render())
        assert f"alert moments {presses + 1}/" in status
        for _ in range(presses):
            await pilot.press("left_square_bracket")
        assert cursor.now == cursor.moments[0]
        await pilot.press("left_square_bracket")  # nothing before the first: stays put
        assert cursor.now == cursor.moments[0]
    reader.close()


async def test_play_pause_and_speed(tmp_path: Path) -> None:
    app, reader = replay_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        cursor = app.cursor
        await pilot.press("plus")
        assert cursor.speed == 300
        await pilot.press("minus", "minus")
        assert cursor.speed == 10
        await pilot.press("space")
        assert cursor.playing and "▶" in app.mode
        await pilot.pause(0.6)
        assert cursor.now > T0
        await pilot.press("space")
        assert not cursor.playing
        moved = cursor.now  # read once paused: the play timer may tick during the press
        await pilot.pause(0.4)
        assert cursor.now == moved
        await pilot.pause()
        assert "❚❚ x10" in header(app)
    reader.close()

"""Replay tells the truth about its keys: `?` lists the replay keys, and its trigger banner
does not offer a runbook key (a replay's runbook is read-only)."""

from __future__ import annotations

from pathlib import Path

from tests.history.test_replay_pilot import replay_app
from warroom.tui.screens.help import HelpScreen
from warroom.tui.screens.replay import ReplayScreen
from warroom.widgets.banners import TriggerBanner


async def test_help_lists_the_replay_keys(tmp_path: Path) -> None:
    app, reader = replay_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = app.screen._rows
        replay = {(key, does) for where, key, does in rows if where == "replay"}
        for binding in ReplayScreen.BINDINGS:
            assert any(does == binding.description for _, does in replay), binding  # type: ignore[union-attr]
        assert (",", "Back") in replay and ("space", "Play/pause") in replay
    reader.close()


async def test_the_trigger_banner_offers_no_runbook_key(tmp_path: Path) -> None:
    app, reader = replay_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        cursor = app.cursor
        trigger_at = min(e.ts for e in cursor.events if e.kind == "trigger")
        while cursor.now < trigger_at:
            await pilot.press("right_square_bracket")
        await pilot.pause()
        text = str(app.screen.query_one(TriggerBanner).render())
        assert "ROLLBACK TRIGGER" in text and "above" in text
        assert "press r" not in text
    reader.close()

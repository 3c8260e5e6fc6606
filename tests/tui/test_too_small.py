"""Below 60x18 the app says what it needs instead of drawing a broken layout, and the
dashboard comes back as soon as the terminal is large enough."""

from __future__ import annotations

from pathlib import Path

from tests.tui.helpers import demo_app, fast_config, tile_value, wait_for
from warroom.tui.screens.main import MainScreen
from warroom.tui.screens.too_small import TooSmallScreen


async def test_too_small_then_grown(tmp_path: Path) -> None:
    app = demo_app(fast_config(tmp_path))
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.pause(0.3)
        assert isinstance(app.screen, TooSmallScreen)
        assert "terminal too small: need 60x18, have 50x15" in str(
            app.screen.query_one("#too-small").render()
        )
        await pilot.resize_terminal(58, 30)
        await pilot.pause(0.2)
        assert "have 58x30" in str(app.screen.query_one("#too-small").render())
        await pilot.resize_terminal(80, 24)
        await wait_for(lambda: isinstance(app.screen, MainScreen))
        await wait_for(lambda: tile_value(app, "profile_completion") != "—")

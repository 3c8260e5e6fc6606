"""The dashboard driven like an operator would: keys, tiles, banners, stale sources."""

from __future__ import annotations

import time
from pathlib import Path

from textual.widgets import TabbedContent

from tests.tui.helpers import demo_app, fast_config, tile_value, wait_for
from warroom.core.dashboard import SourceInfo
from warroom.core.errors import Unavailable
from warroom.core.model import FetchResult, Reading, Status
from warroom.core.source import SourceBase
from warroom.sources.registry import SourceSet
from warroom.tui.app import WarroomApp
from warroom.tui.screens.detail import DetailScreen
from warroom.tui.screens.help import HelpScreen
from warroom.widgets.banners import AlertBanner, TriggerBanner
from warroom.widgets.tile import MetricTile


async def test_number_keys_switch_tabs(tmp_path: Path) -> None:
    app = demo_app(fast_config(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        tabs = app.screen.query_one(TabbedContent)
        assert tabs.active == "executive"
        for key, tab in (
            ("2", "engineering"),
            ("3", "product"),
            ("4", "support"),
            ("1", "executive"),
        ):
            await pilot.press(key)
            assert tabs.active == tab


async def test_enter_on_a_tile_opens_its_chart_and_escape_returns(tmp_path: Path) -> None:
    app = demo_app(fast_config(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await wait_for(lambda: tile_value(app, "error_rate") != "—")
        app.screen.query_one("#tile-error_rate", MetricTile).focus()
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.metric_id == "error_rate"
        await pilot.pause(0.3)
        summary = str(app.screen.query_one("#summary").render())
        assert "Error rate" in summary and "warn 0.10%" in summary and "crit 0.50%" in summary
        await pilot.press("escape")
        assert not isinstance(app.screen, DetailScreen)


async def test_alert_banner_then_trigger_banner_appear_as_the_incident_grows(
    tmp_path: Path,
) -> None:
    app = demo_app(fast_config(tmp_path), speed=20, start_at=70)
    async with app.run_test(size=(120, 40)) as pilot:
        alerts = app.screen.query_one(AlertBanner)
        triggers = app.screen.query_one(TriggerBanner)
        # Page load crosses its medium alert a few simulated seconds before the error rate
        # crosses the high one; wait for the high one.
        await wait_for(lambda: "HIGH Error rate above 0.5%" in str(alerts.render()))
        assert alerts.has_class("-shown") and alerts.has_class("-high")
        await wait_for(lambda: triggers.has_class("-shown"))
        text = str(triggers.render())
        assert "ROLLBACK TRIGGER" in text and "press r for the runbook" in text
        await pilot.pause(0.1)


class FailsAfterFirst(SourceBase):
    name = "flaky"
    interval = 0.1
    timeout = 1.0

    def __init__(self) -> None:
        self.polls = 0

    async def fetch(self) -> FetchResult:
        self.polls += 1
        if self.polls > 1:
            raise Unavailable("connection refused")
        return FetchResult(readings=(Reading("error_rate", time.time(), 0.05),))


async def test_a_stale_source_shows_its_age_and_reason(tmp_path: Path) -> None:
    config = fast_config(tmp_path)
    source = FailsAfterFirst()
    sources = SourceSet(
        sources=[source],
        info={"flaky": SourceInfo(0.1)},
        metric_sources={m.id: "flaky" for m in config.metrics},
    )
    app = WarroomApp(config, sources)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        tile = app.screen.query_one("#tile-error_rate", MetricTile)
        await wait_for(lambda: tile.status is Status.STALE)
        await wait_for(lambda: "old" in tile_value(app, "error_rate"))
        assert tile_value(app, "error_rate").startswith("0.05% ◷ ")
        # The tile goes stale by its data's age; the bar says why once the failed poll is in,
        # which a loaded machine can bring a frame or two later.
        bar = app.screen.query_one("#sources")
        await wait_for(lambda: "flaky ✖ down" in str(bar.render()), 10)
        assert "connection refused" in str(bar.render())


async def test_help_lists_every_app_key(tmp_path: Path) -> None:
    app = demo_app(fast_config(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = {(key, does) for _, key, does in app.screen._rows}
        for binding in app.BINDINGS:
            assert any(does == binding.description for _, does in rows), binding  # type: ignore[union-attr]
        assert ("1", "Executive") in rows
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits_cleanly(tmp_path: Path) -> None:
    app = demo_app(fast_config(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause(0.1)
    assert app.return_code in (0, None)
    assert app.poller._tasks == []

"""Refreshes that send less: only the characters of a line that changed, only the columns of a
sparkline row that moved, and nothing for tiles scrolled out of view until they come back."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from textual.pilot import Pilot

from tests.tui.helpers import FrozenClock, demo_app, feed, tile_value, wait_for
from warroom.core.config import default_config
from warroom.tui.app import WarroomApp
from warroom.tui.screens.main import MainScreen
from warroom.widgets.dashboard_tab import DashboardTab
from warroom.widgets.line import changed_columns
from warroom.widgets.spark_area import changed_span
from warroom.widgets.tile import MetricTile, TileBody, value_text
from warroom.widgets.tile_rows import LABEL, Layout, tile_rows


@asynccontextmanager
async def engineering(
    size: tuple[int, int],
) -> AsyncIterator[tuple[WarroomApp, Pilot[None], MainScreen, FrozenClock]]:
    """The demo on its Engineering tab, polled only when the test feeds it."""
    clock = FrozenClock(1_700_000_000.0)
    app = demo_app(default_config(), clock=clock, poll=False)
    async with app.run_test(size=size) as pilot:
        main = app.screen
        assert isinstance(main, MainScreen)
        main.action_show_tab("engineering")
        yield app, pilot, main, clock


def test_a_line_repaints_only_the_characters_that_changed() -> None:
    assert changed_columns("00:01:09", "00:01:10") == (6, 8)
    assert changed_columns("1.39 s", "1.39 s") is None
    assert changed_columns("9 s", "10 s") is None  # another length: the whole line
    assert changed_columns("▲ 漢", "▲ 字") is None  # wide characters: the whole line


def test_a_sparkline_row_repaints_only_the_columns_that_moved() -> None:
    assert changed_span("   ▁▂", "  ▁▂▃", 5) == (2, 5)
    assert changed_span(None, "    ▁", 5) == (4, 5)
    assert changed_span("▁▂", "▁▂", 5) is None
    assert changed_span("▁▂▃▄▅▆", "▁▂▃▄▅▇", 5) is None  # past the width: not shown


async def test_a_tile_out_of_view_catches_up_when_it_scrolls_into_view() -> None:
    async with engineering((80, 24)) as (app, pilot, main, clock):
        await feed(app, app.sources, clock, range(1_700_000_000, 1_700_000_100))
        app.redraw()
        await pilot.pause()
        pane = main.query_one("#dash-engineering", DashboardTab)
        await wait_for(lambda: all(t.drawn for t in pane.query(MetricTile)))
        hidden = [t for t in pane.query(MetricTile) if not main.can_view_partial(t)]
        assert hidden  # the tab scrolls at 80x24
        drawn = {t.metric_id: tile_value(app, t.metric_id) for t in hidden}
        await feed(app, app.sources, clock, range(1_700_000_100, 1_700_000_160))
        app.redraw()
        await pilot.pause()
        newest = {m: value_text(app.dashboard.view(m, clock.now)) for m in drawn}
        moved = [m for m in drawn if newest[m] != drawn[m]]
        assert moved  # the data moved on
        assert all(tile_value(app, m) == drawn[m] for m in moved)  # out of view: not redrawn
        pane.scroll_end(animate=False, immediate=True)
        # Read at once, before any refresh: the catch-up must not wait for the compositor.
        at_scroll = {m: tile_value(app, m) for m in moved}

        def shown_now() -> list[str]:
            in_view = [t for t in hidden if main.can_view_partial(t)]
            return [t.metric_id for t in in_view if t.metric_id in moved]

        await wait_for(lambda: bool(shown_now()))
        shown = shown_now()
        assert all(at_scroll[m] == newest[m] for m in shown)
        assert all(tile_value(app, m) == newest[m] for m in shown)


def fresh_rows(tile: MetricTile) -> list[str]:
    """The tile's rows worked out anew from its view, none of the body's kept parts reused."""
    body = tile.query_one(TileBody)
    compact = body.get_component_styles(LABEL).display != "none"
    layout = Layout(body.size.width, body.size.height, compact)
    rows = tile_rows(body.label, body.view, tile.status, layout)
    return ["".join(text for text, _ in row) for row in rows]


async def test_what_a_tile_repaints_is_what_the_terminal_shows() -> None:
    async with engineering((120, 40)) as (app, pilot, main, clock):
        for start in (1_700_000_000, 1_700_000_030, 1_700_000_031, 1_700_000_090):
            await feed(app, app.sources, clock, range(start, start + 30))
            app.redraw()
            await pilot.pause()
            await pilot.pause()
            screen = [strip.text for strip in main._compositor.render_strips()]
            window = main.query_one("#dash-engineering", DashboardTab).scrollable_content_region
            tiles = [t for t in main.query(MetricTile) if window.contains_region(t.region)]
            assert len(tiles) >= 12
            for tile in tiles:
                box = tile.content_region
                shown = [screen[y][box.x : box.right] for y in range(box.y, box.bottom)]
                assert shown == tile.text_rows == fresh_rows(tile), tile.metric_id


async def test_a_view_that_arrives_before_the_tile_is_mounted_is_drawn_once_it_is() -> None:
    async with engineering((120, 40)) as (app, _pilot, main, clock):
        await feed(app, app.sources, clock, range(1_700_000_000, 1_700_000_030))
        view = app.dashboard.view("error_rate", clock.now)
        tile = MetricTile("late", "Late tile")
        mounting = main.query_one("#dash-engineering", DashboardTab).mount(tile)
        tile.show(view)  # not styled nor laid out yet: nothing to draw on, and no error
        await mounting
        await wait_for(lambda: tile.value_line == value_text(view))

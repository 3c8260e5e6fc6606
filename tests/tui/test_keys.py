"""Keys under focus: `1`-`4` switch tabs whatever has focus, arrows move between tiles, and
the focus ring shows on a tile of every status in every theme."""

from __future__ import annotations

from typing import Any

from textual.widgets import TabbedContent

from warroom.core.model import Status
from warroom.themes.loader import load_themes
from warroom.tui.app import WarroomApp
from warroom.widgets.issue_table import IssueTable
from warroom.widgets.status import CSS_CLASS
from warroom.widgets.tile import MetricTile
from warroom.widgets.tile_grid import TileGrid

THEMES = sorted(load_themes(None).themes)


def active(app: Any) -> str:
    return str(app.screen.query_one(TabbedContent).active)


async def test_number_keys_switch_tabs_while_a_tile_has_focus(incident: WarroomApp) -> None:
    app = incident
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        app.screen.query_one("#tile-error_rate", MetricTile).focus()
        await pilot.pause()
        for key, tab in (
            ("4", "support"),
            ("1", "executive"),
            ("3", "product"),
            ("2", "engineering"),
        ):
            await pilot.press(key)
            await pilot.pause(0.2)
            assert active(app) == tab, key  # it used to snap back to the focused tile's tab


async def test_number_keys_switch_tabs_while_the_issue_table_has_focus(
    incident: WarroomApp,
) -> None:
    app = incident
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause(0.3)
        table = app.screen.query_one("#issues", IssueTable)
        table.focus()
        await pilot.press("down")
        await pilot.pause()
        assert app.focused is table
        await pilot.press("2")
        await pilot.pause(0.2)
        assert active(app) == "engineering"
        await pilot.press("4")
        await pilot.pause(0.2)
        assert active(app) == "support"


async def test_arrows_move_between_tiles_in_grid_order(incident: WarroomApp) -> None:
    app = incident
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause(0.3)
        grid = app.screen.query_one("#dash-engineering TileGrid", TileGrid)
        tiles = list(grid.query(MetricTile))
        columns = grid.styles.grid_size_columns
        assert columns == 4
        tiles[0].focus()
        await pilot.pause()
        await pilot.press("right")
        assert app.focused is tiles[1]
        await pilot.press("down")
        assert app.focused is tiles[1 + columns]
        await pilot.press("left", "left")  # the second press stays on the row's first tile
        assert app.focused is tiles[columns]
        await pilot.press("up")
        assert app.focused is tiles[0]
        await pilot.press("up", "left")  # nothing above or to the left: focus stays
        assert app.focused is tiles[0]


async def test_down_from_the_last_row_goes_on_to_the_table_below(incident: WarroomApp) -> None:
    app = incident
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause(0.3)
        tiles = list(app.screen.query("#dash-support MetricTile").results(MetricTile))
        tiles[1].focus()  # second row has two tiles: 4 and 5
        await pilot.pause()
        await pilot.press("down")
        assert app.focused is tiles[5]
        await pilot.press("down")
        assert isinstance(app.focused, IssueTable) and app.focused.id == "issues"


async def test_the_focus_ring_shows_on_every_status_in_every_theme(incident: WarroomApp) -> None:
    app = incident
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause(0.3)
        tile = app.screen.query_one("#tile-uptime", MetricTile)
        for theme in THEMES:
            app.theme = theme
            for status in Status:
                tile.set_classes(CSS_CLASS[status])
                tile.focus()
                await pilot.pause()
                focused = (tile.styles.border_top[0], str(tile.styles.border_title_style))
                tile.blur()
                await pilot.pause()
                blurred = (tile.styles.border_top[0], str(tile.styles.border_title_style))
                # A shape, not only a colour: the accent of some themes is their warning colour.
                assert focused[0] == "double" and blurred[0] != "double", (theme, status)
                assert "reverse" in focused[1] and "reverse" not in blurred[1], (theme, status)

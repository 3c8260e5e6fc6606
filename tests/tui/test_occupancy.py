"""The dashboards use the space they have: at 120x40 no tab leaves more than a quarter of its
rows empty (a tab with fewer than 4 tiles may), at 200x60 neither."""

from __future__ import annotations

import pytest

from tests.hostile.screen import drawn
from warroom.core.plan import TABS, Tab
from warroom.tui.app import WarroomApp
from warroom.widgets.dashboard_tab import DashboardTab
from warroom.widgets.tile import MetricTile

KEYS: dict[Tab, str] = {tab: str(n) for n, tab in enumerate(TABS, start=1)}


async def empty_share(app: WarroomApp, tab: Tab, size: tuple[int, int]) -> tuple[float, int]:
    """(share of the tab's rows with nothing drawn in them, the tab's tile count)."""
    async with app.run_test(size=size) as pilot:
        await pilot.press(KEYS[tab])
        await pilot.pause(0.5)
        pane = app.screen.query_one(f"#dash-{tab}", DashboardTab)
        area = pane.scrollable_content_region  # the tab's rows, without its scrollbar
        lines = drawn(app)[area.y : area.bottom]
        empty = sum(1 for line in lines if not line.crop(area.x, area.right).text.strip())
        return empty / area.height, len(pane.query(MetricTile))


@pytest.mark.parametrize("tab", TABS)
@pytest.mark.parametrize("size", [(120, 40), (200, 60)])
async def test_no_tab_leaves_a_quarter_of_its_rows_empty(
    incident: WarroomApp, tab: Tab, size: tuple[int, int]
) -> None:
    share, tiles = await empty_share(incident, tab, size)
    if tiles >= 4:
        assert share <= 0.25, f"{tab} at {size}: {share:.0%} of its rows are empty"

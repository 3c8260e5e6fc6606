"""`--compact` at 80x24: a cut label never runs into its value."""

from __future__ import annotations

import pytest

from tests.tui.test_snapshots import incident_app
from warroom.tui.app import WarroomApp
from warroom.tui.options import AppOptions
from warroom.widgets.line import Line
from warroom.widgets.tile import MetricTile


@pytest.fixture
def compact() -> WarroomApp:
    app = incident_app()
    app.options = AppOptions(compact=True)
    return app


@pytest.mark.parametrize("size", [(80, 24), (60, 18)])
async def test_compact_labels_keep_a_gap_before_their_values(
    compact: WarroomApp, size: tuple[int, int]
) -> None:
    async with compact.run_test(size=size) as pilot:
        await pilot.press("2")
        await pilot.pause(0.5)
        tiles = [t for t in compact.screen.query(MetricTile) if t.region.height]
        assert len(tiles) >= 8
        for tile in tiles:
            label = tile.query_one(".label", Line)
            value = tile.query_one(".value", Line)
            assert value.text != "—", tile.id
            assert label.region.right < value.region.x, (tile.id, label.region, value.region)

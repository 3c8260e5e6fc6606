"""`--compact` at 80x24: a cut label never runs into its value."""

from __future__ import annotations

import pytest

from tests.tui.test_snapshots import incident_app
from warroom.tui.app import WarroomApp
from warroom.tui.options import AppOptions
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
            (row,) = tile.text_rows
            value = tile.value_line
            assert value != "—", tile.id
            at = row.index(value)
            label = row[:at]
            assert label.endswith(" ") and label.strip(), (tile.id, row)  # a gap, then the value
            assert label.strip() == tile.label or label.rstrip().endswith("…"), (tile.id, row)

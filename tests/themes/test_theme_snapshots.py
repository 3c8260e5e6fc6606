"""SVG snapshots of every theme at 80x24 and 120x40, switched live on one running app.

One app per size keeps this fast, and switching a running app is the command palette's path,
so these also show that a switch repaints everything. Regenerate after an intended change
with `pytest tests/themes --snapshot-update` and review the SVGs.
"""

from __future__ import annotations

import pytest
from pytest_textual_snapshot import SVGImageExtension  # type: ignore[import-untyped]
from syrupy.assertion import SnapshotAssertion

from tests.themes.conftest import THEMES
from warroom.tui.app import WarroomApp


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_every_theme(
    incident: WarroomApp, snapshot: SnapshotAssertion, size: tuple[int, int]
) -> None:
    app = incident
    svg_snapshot = snapshot.use_extension(SVGImageExtension)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            assert app.current_theme.name == theme
            assert app.export_screenshot() == svg_snapshot(name=theme)

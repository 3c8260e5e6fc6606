"""SVG snapshots of the wall view mid-incident (frozen clock) at 80x24, 120x40 and 200x60.

Regenerate after an intended visual change with
`.venv/bin/python -m pytest tests/tui/test_wall_snapshots.py --snapshot-update`, and look at it.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.tui.test_snapshots import incident_app


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
def test_wall_mid_incident(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(incident_app(), terminal_size=size, press=["w"])

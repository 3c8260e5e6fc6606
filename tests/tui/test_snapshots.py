"""SVG snapshots with a frozen clock and the simulated launch mid-incident.

The snapshots depend on Textual's exact rendering, which is why pyproject pins textual.
Regenerate after an intended visual change with `make snapshots-update`, and review the diff.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.tui.helpers import FrozenClock, prefill
from warroom.core.config import default_config
from warroom.sources.registry import build_demo
from warroom.tui.app import WarroomApp

T0 = 1_800_000_000.0


def incident_app(seconds: int = 100) -> WarroomApp:
    clock = FrozenClock(T0)
    config = default_config()
    sources = build_demo(config, clock=clock)
    app = WarroomApp(config, sources, clock=clock, poll=False)
    prefill(app, sources, clock, range(int(T0), int(T0) + seconds))
    return app


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("tab", ["1", "2"])
def test_dashboard_mid_incident(snap_compare: Any, size: tuple[int, int], tab: str) -> None:
    assert snap_compare(incident_app(), terminal_size=size, press=[tab])


def test_support_tab_issue_table(snap_compare: Any) -> None:
    assert snap_compare(incident_app(), terminal_size=(120, 40), press=["4"])

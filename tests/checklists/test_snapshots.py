"""SVG snapshots of the checklist screen on the simulated launch mid-incident, with two items
ticked by someone else (fixed name, host and time, so the picture is reproducible)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.checklists.test_pilot import T0, launch_app, state_of
from tests.tui.helpers import wait_for
from warroom.core.runbook.audit import AuditLog, default_audit_path
from warroom.widgets.checklist_table import ChecklistTable


def ticked_elsewhere() -> None:
    log = AuditLog(default_audit_path(), user="ana", host="war-room-1", clock=lambda: T0 - 7200)
    for item, note in (
        ("load_concurrent_users", "k6 run #42: 1,200 users"),
        ("load_memory_cpu", ""),
    ):
        log.append(
            "ticked", checklist="load_testing", item=item, title=item, note=note or None, demo=True
        )


async def ticks_shown(pilot: Pilot[None]) -> None:
    app = pilot.app
    await pilot.press("c")
    await wait_for(lambda: state_of(app, "load_memory_cpu") == "✓ done")
    table = app.screen.query_one(ChecklistTable)
    table.go_to("item:load_concurrent_users")  # its whole story shows under the table
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_checklist_screen(snap_compare: Any, size: tuple[int, int]) -> None:
    ticked_elsewhere()
    assert snap_compare(launch_app(100), terminal_size=size, run_before=ticks_shown)

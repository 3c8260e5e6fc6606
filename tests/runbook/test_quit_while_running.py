"""Quitting while a runbook step runs asks first; confirming cancels the step (process group
killed, "cancelled" on the audit log) and only then quits."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.runbook.conftest import records
from tests.tui.helpers import wait_for
from warroom.core.config import load_config
from warroom.sources.registry import SourceSet
from warroom.tui.app import WarroomApp
from warroom.tui.options import AppOptions
from warroom.tui.screens.quit_running import QuitWhileRunningScreen

SLEEP = "37.25"  # an unusual duration, so the child can be found by its command line

PLAN = f"""
[runbook]
audit_path = "AUDIT_PATH"

[[runbook.groups]]
id = "immediate"
title = "Immediate rollback"
target_minutes = 5

[[runbook.steps]]
id = "slow_revert"
title = "Slow revert"
group = "immediate"
timeout = 120
action = {{ kind = "command", argv = ["sleep", "{SLEEP}"] }}
"""


def sleeping() -> bool:
    found = subprocess.run(["pgrep", "-f", f"sleep {SLEEP}"], capture_output=True)
    return found.returncode == 0


async def test_quit_asks_then_cancels_the_running_step(tmp_path: Path) -> None:
    audit = tmp_path / "audit.jsonl"
    config_path = tmp_path / "plan.toml"
    config_path.write_text(PLAN.replace("AUDIT_PATH", str(audit)))
    app = WarroomApp(load_config(config_path), SourceSet(), poll=False, options=AppOptions())
    async with app.run_test(size=(100, 30)) as pilot:
        runbook = app.runbook.get()
        runbook.start(["slow_revert"])
        await wait_for(sleeping)
        await pilot.press("q")
        assert isinstance(app.screen, QuitWhileRunningScreen)
        await pilot.press("n")
        assert not isinstance(app.screen, QuitWhileRunningScreen)
        assert app.is_running and runbook.running() == ["slow_revert"]
        await pilot.press("q")
        await pilot.press("y")
        await wait_for(lambda: not app.is_running)
    assert not sleeping(), "the step's process was killed"
    events = [(r["event"], r.get("outcome")) for r in records(audit)]
    assert events[0] == ("started", None)
    assert events[-1][0] == "finished" and events[-1][1] == "cancelled"
    assert os.path.getsize(audit) > 0

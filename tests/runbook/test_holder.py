"""The app owns its runbook (app.runbook): built once, on first use and not at start-up, and
the audit log's problems are handed out to one taker only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from warroom.core.config import default_config
from warroom.sources.registry import SourceSet
from warroom.tui.app import WarroomApp


def app() -> WarroomApp:
    return WarroomApp(default_config(), SourceSet(), poll=False)


def audit_file() -> Path:
    return Path(os.environ["XDG_STATE_HOME"]) / "warroom" / "audit.jsonl"


def crashed_mid_step() -> Path:
    """An audit log left by a session that died during revert_deployment, plus a torn line."""
    path = audit_file()
    path.parent.mkdir(parents=True)
    started = {"ts": "2024-05-01T12:00:00Z", "event": "started", "step": "revert_deployment"}
    path.write_text(json.dumps(started) + "\n\xff garbage\n")
    return path


def test_starting_the_app_builds_no_runbook() -> None:
    code = (
        "import sys\n"
        "from warroom.core.config import default_config\n"
        "from warroom.sources.registry import SourceSet\n"
        "from warroom.tui.app import WarroomApp\n"
        "app = WarroomApp(default_config(), SourceSet(), poll=False)\n"
        "titles = app.runbook.running_titles()\n"
        "heavy = [m for m in ('httpx', 'warroom.core.runbook') if m in sys.modules]\n"
        "print(titles, app.runbook.built, heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[] None []"


def test_each_app_builds_its_runbook_once() -> None:
    first, second = app(), app()
    book = first.runbook.get()
    assert first.runbook.get() is book and first.runbook.built is book
    assert second.runbook.built is None
    assert second.runbook.get() is not book


def test_audit_problems_go_to_the_first_taker_only() -> None:
    path = crashed_mid_step()
    holder = app().runbook
    title = holder.get().step("revert_deployment").title
    assert holder.unknown_titles() == [title]  # leaves the problems for the runbook screen
    assert holder.take_problems() == [f"{path}:2: corrupt line skipped"]
    assert holder.take_problems() == []


async def test_the_runbook_screen_reports_audit_problems_once() -> None:
    crashed_mid_step()
    warroom = app()
    async with warroom.run_test(size=(120, 40)) as pilot:
        await pilot.press("r", "escape", "r")
        titles = [n.title for n in warroom._notifications]
        assert titles.count("Audit log") == 1, titles

"""kill -9 mid-step: the "started" record is on disk, and the next start shows the step as
"unknown outcome" (in the core and on the runbook screen)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tui.helpers import wait_for
from warroom.core.config import load_config
from warroom.core.runbook import StepState, build_runbook
from warroom.sources.registry import SourceSet
from warroom.tui.app import WarroomApp
from warroom.tui.options import AppOptions
from warroom.widgets.runbook_table import RunbookTable, StepRow

CONFIG = """
[runbook]
audit_path = "{audit}"

[[runbook.steps]]
id = "slow_revert"
title = "Slow revert"
group = "immediate"

[runbook.steps.action]
kind = "command"
argv = ["{py}", "-c", "import os, time; print('pid', os.getpid(), flush=True); time.sleep(60)"]
"""


@pytest.fixture
def killed_mid_step(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """Runs the driver, waits for the step's child to print, then SIGKILLs the driver.
    Yields (config path, audit path); afterwards kills the orphaned command."""
    audit = tmp_path / "audit.jsonl"
    config = tmp_path / "warroom.toml"
    config.write_text(CONFIG.format(audit=audit, py=sys.executable))
    driver = subprocess.Popen(
        [sys.executable, "-m", "tests.runbook.driver", str(config), "slow_revert"],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[2],
    )  # fmt: skip
    assert driver.stdout is not None
    line = driver.stdout.readline()  # the action is running once its child speaks
    orphan = int(line.split()[1])
    driver.send_signal(signal.SIGKILL)
    driver.wait(timeout=5)
    try:
        yield config, audit
    finally:
        # kill -9 gives the app no chance to stop its child: that is why the outcome is unknown.
        os.killpg(orphan, signal.SIGKILL)
        driver.stdout.close()


def test_started_record_survives_and_recovers_as_unknown(
    killed_mid_step: tuple[Path, Path],
) -> None:
    config_path, audit = killed_mid_step
    records = [json.loads(line) for line in audit.read_text().splitlines()]
    assert [r["event"] for r in records] == ["started"]
    assert records[0]["step"] == "slow_revert"
    book = build_runbook(load_config(config_path).runbook)
    assert book.recover() == []
    assert book.status["slow_revert"].state is StepState.UNKNOWN
    assert book.blocked("slow_revert") is None  # the operator may check and run it again


async def test_next_start_shows_unknown_outcome_on_the_screen(
    killed_mid_step: tuple[Path, Path],
) -> None:
    config_path, _ = killed_mid_step
    config = load_config(config_path)
    app = WarroomApp(config, SourceSet(), poll=False, options=AppOptions())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        table = app.screen.query_one(RunbookTable)
        row = table.get_row(StepRow("slow_revert").key)
        assert row[2] == "? UNKNOWN OUTCOME"
        assert "no outcome recorded" in str(row[3])


async def test_next_start_warns_about_the_unknown_outcome_without_opening_the_runbook(
    killed_mid_step: tuple[Path, Path],
) -> None:
    config_path, _ = killed_mid_step
    app = WarroomApp(load_config(config_path), SourceSet(), poll=False, options=AppOptions())
    async with app.run_test(size=(120, 40)):

        def messages() -> list[str]:
            return [n.message for n in app._notifications]

        def warned() -> bool:
            return any("unknown outcome" in m and "Press r" in m for m in messages())

        with contextlib.suppress(AssertionError):  # the warning comes on a 1 s timer
            await wait_for(warned, 10)
        assert warned(), messages()

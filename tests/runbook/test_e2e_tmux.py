"""The real `warroom demo` in tmux: from the rollback-trigger banner to confirmed steps.

Also measures the keystrokes and the time from the banner to the whole immediate group
confirmed (printed; run with -s to see them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.tmux import Tmux

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]
WARROOM = Path(sys.executable).parent / "warroom"


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Tmux, Path]]:
    """`warroom demo --start-at 100` in a 120x40 tmux session; yields (session, audit path)."""
    name = f"warroom-rb-{uuid.uuid4().hex[:8]}"
    env = f"XDG_STATE_HOME={tmp_path}/state XDG_CONFIG_HOME={tmp_path}/config TERM=xterm-256color"
    command = f"cd {tmp_path} && env {env} {WARROOM} demo --start-at 100"
    tmux = Tmux.start(name, command)
    try:
        yield tmux, tmp_path / "state" / "warroom" / "audit.jsonl"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], check=False)


def step_row(screen: str, title: str) -> str:
    return next(line for line in screen.splitlines() if title in line)


def events(audit: Path) -> list[tuple[str, str]]:
    lines = audit.read_text().splitlines()
    return [(r["event"], r["step"]) for r in map(json.loads, lines)]


def test_banner_r_revert_yes_enter(demo: tuple[Tmux, Path]) -> None:
    tmux, audit = demo
    tmux.wait_for("press r for the runbook")
    tmux.keys("r")
    tmux.wait_for("Revert to previous deployment")
    tmux.keys("1")
    tmux.wait_for("type yes and press Enter")
    tmux.keys("y", "e", "s", "Enter")
    screen = tmux.wait_for("✓ done")
    assert "✓ done" in step_row(screen, "Revert to previous deployment")
    assert "○ pending" in step_row(screen, "Disable feature flags")
    assert events(audit) == [("started", "revert_deployment"), ("finished", "revert_deployment")]
    assert os.stat(audit).st_mode & 0o077 == 0  # the trail is private to its user


def test_immediate_group_keystrokes_and_operator_time(demo: tuple[Tmux, Path]) -> None:
    tmux, audit = demo
    tmux.wait_for("press r for the runbook")
    began = time.monotonic()
    keys = 0
    for key, then in (("r", "press I to run the group"), ("I", "type yes and press Enter")):
        tmux.keys(key)
        keys += 1
        tmux.wait_for(then)
    tmux.keys("y", "e", "s", "Enter")
    keys += 4
    tmux.wait_for("3/3 done")
    took = time.monotonic() - began
    print(f"\nimmediate group: {keys} keystrokes, {took:.2f} s from banner to all confirmed")
    assert keys <= 8
    assert [e for e, _ in events(audit)] == ["started", "finished"] * 3

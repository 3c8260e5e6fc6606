"""`warroom demo --autorollback act` in a real terminal (tmux), no key pressed: the incident,
the trip, the countdown, the automatic revert and flag-off, the recovery; the header and the
audit log tell the story, the audit records carrying the evidence."""

from __future__ import annotations

import json
import shutil
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.support.tmux import Tmux

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]
WARROOM = Path(sys.executable).parent / "warroom"
IMMEDIATE = ["revert_deployment", "disable_feature_flags", "switch_traffic"]


def header(screen: str) -> str:
    return screen.splitlines()[0]


def test_the_demo_rolls_back_by_itself(tmp_path: Path) -> None:
    config = tmp_path / "config" / "warroom" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("[autorollback]\ncountdown = 5\n")  # the mode comes from the flag
    env = (
        f"XDG_STATE_HOME={tmp_path}/state XDG_CONFIG_HOME={tmp_path}/config "
        f"XDG_DATA_HOME={tmp_path}/data TERM=xterm-256color"
    )
    command = f"cd {tmp_path} && env {env} {WARROOM} demo --autorollback act --start-at 85"
    tmux = Tmux.start(f"warroom-ar-{uuid.uuid4().hex[:8]}", command)
    try:
        assert "AUTO-ROLLBACK ACT" in header(tmux.wait_for("automatic rollback ACT", 30))
        screen = tmux.wait_for("AUTO-ROLLBACK IN", timeout=40)
        assert "AUTOMATIC ROLLBACK in" in screen and "press a to abort" in screen
        assert "runs Immediate rollback" in screen and "flag on" in header(screen)
        screen = tmux.wait_for("✔ AUTOMATIC ROLLBACK RAN", timeout=20)
        assert "press A to re-arm │ Immediate rollback: done: Revert" in screen
        assert "flag OFF" in header(tmux.wait_for("flag OFF", timeout=10))
        deadline = time.monotonic() + 60  # the revert fades the incident out
        while "ROLLBACK TRIGGER" in tmux.screen() or "✖ ROLLBACK" in header(tmux.screen()):
            assert time.monotonic() < deadline, f"no recovery:\n{tmux.screen()}"
            time.sleep(0.5)
        assert "AUTO-ROLLBACK RAN" in header(tmux.wait_for("AUTO-ROLLBACK RAN"))
    finally:
        tmux.kill()
    records = [json.loads(line) for line in (tmp_path / "state/warroom/audit.jsonl").open()]
    decisions = [r["decision"] for r in records if r["event"] == "decision"]
    assert decisions == ["tripped", "act", "finished"]
    started = [r for r in records if r["event"] == "started"]
    assert [r["step"] for r in started] == IMMEDIATE
    for record in started:
        assert record["actor"] == "autorollback" and record["demo"] is True
        assert len(record["evidence"]) == 3
        for reading in record["evidence"]:
            assert reading["trigger"] == record["trigger"]
            assert reading["value"] > reading["threshold"] and reading["op"] == ">"
            assert reading["time"].endswith("Z")
        assert record["rule"]["countdown"] == 5 and record["rule"]["mode"] == "act"
    finished = [r for r in records if r["event"] == "finished"]
    assert [r["outcome"] for r in finished] == ["done"] * 3

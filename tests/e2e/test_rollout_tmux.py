"""The real `warroom demo` in tmux: the header follows the rollout stages read through the
flag interface, and the runbook's "Disable feature flags" turns the simulated flag off."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.tmux import Tmux

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]
WARROOM = Path(sys.executable).parent / "warroom"


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Callable[[str], Tmux]]:
    """Starts `warroom demo ARGS` in a 120x40 tmux session (one per test)."""
    names: list[str] = []

    def start(args: str) -> Tmux:
        name = f"warroom-ro-{uuid.uuid4().hex[:8]}"
        names.append(name)
        env = (
            f"XDG_STATE_HOME={tmp_path}/state XDG_CONFIG_HOME={tmp_path}/config "
            f"XDG_DATA_HOME={tmp_path}/data TERM=xterm-256color"
        )
        return Tmux.start(name, f"cd {tmp_path} && env {env} {WARROOM} demo {args}")

    try:
        yield start
    finally:
        for name in names:
            subprocess.run(["tmux", "kill-session", "-t", name], check=False)


def header(screen: str) -> str:
    return screen.splitlines()[0]


def test_header_follows_the_stages(demo: Callable[[str], Tmux]) -> None:
    tmux = demo("--speed 10")  # a stage every 3 s
    for stage in ("Rollout 5% · Internal beta (1/4)", "Rollout 15% · Closed beta (2/4)",
                  "Rollout 50% · Open beta (3/4)"):  # fmt: skip
        screen = tmux.wait_for(stage, timeout=30)
        assert stage in header(screen) and "flag on" in header(screen)


def test_disable_feature_flags_turns_the_simulated_flag_off(
    demo: Callable[[str], Tmux], tmp_path: Path
) -> None:
    tmux = demo("--start-at 100")
    assert "flag on" in header(tmux.wait_for("press r for the runbook"))
    tmux.keys("r")
    tmux.wait_for("Disable feature flags")
    tmux.keys("2")
    tmux.wait_for("now: profile-enhancement in production (simulated launch): on, 50%")
    tmux.keys("y", "e", "s", "Enter")
    screen = tmux.wait_for("✓ done")
    row = next(line for line in screen.splitlines() if "Disable feature flags" in line)
    assert "✓ done" in row
    tmux.keys("Escape")
    assert "flag OFF" in header(tmux.wait_for("flag OFF", timeout=10))
    audit = tmp_path / "state" / "warroom" / "audit.jsonl"
    finished = [json.loads(line) for line in audit.read_text().splitlines()][-1]
    assert finished["change"]["after"] == {"profile-enhancement": {"on": False, "pct": 50.0}}

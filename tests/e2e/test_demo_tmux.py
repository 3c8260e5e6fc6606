"""`warroom demo` in a real terminal (tmux): tabs appear, keys switch them, q exits with 0."""

from __future__ import annotations

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
TABS = ("1 Executive", "2 Engineering", "3 Product", "4 Support")


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_demo_tabs_and_clean_exit(tmp_path: Path, size: tuple[int, int]) -> None:
    exit_file = tmp_path / "exit"
    env = f"XDG_STATE_HOME={tmp_path}/s XDG_DATA_HOME={tmp_path}/d TERM=xterm-256color"
    command = f"env {env} {WARROOM} demo; echo $? > {exit_file}; sleep 30"
    tmux = Tmux.start(f"warroom-e2e-{uuid.uuid4().hex[:8]}", command, *size)
    try:
        screen = tmux.wait_for("scenario t+", timeout=30)
        assert "SIMULATED" in screen
        for tab in TABS:
            # On the tab bar (the footer no longer repeats the tab keys), which Textual may
            # paint a frame after the source bar.
            screen = tmux.wait_for(tab)
            assert any(tab in line for line in screen.splitlines()[:-1]), tab
        tmux.keys("2")
        tmux.wait_for("Error rate")
        tmux.keys("4")
        tmux.wait_for("Ticket volume" if size[1] > 30 else "Support tickets")
        tmux.keys("1")
        tmux.wait_for("Profile completion")
        tmux.keys("q")
        deadline = time.monotonic() + 15
        while not exit_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert exit_file.read_text().strip() == "0"
        # The terminal is restored: the shell's screen is back, not the app's.
        assert "Profile completion" not in tmux.screen()
    finally:
        tmux.kill()

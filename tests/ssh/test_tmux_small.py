"""The real app in tmux: 80x24, a too-small terminal, and colour-poor terminals.

tmux re-encodes what the app drew, so `capture-pane -e` shows which colour sequences the app
sent: ansi-16 must only use the 16 palette colours, mono none at all.
"""

from __future__ import annotations

import re
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
SGR = re.compile(r"\x1b\[([0-9;]*)m")
Start = Callable[..., Tmux]


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Start]:
    sessions: list[Tmux] = []

    def launch(args: str, width: int, height: int, env: str = "") -> Tmux:
        name = f"warroom-ssh-{uuid.uuid4().hex[:8]}"
        xdg = f"XDG_STATE_HOME={tmp_path}/state XDG_CONFIG_HOME={tmp_path}/config"
        command = f"env {xdg} TERM=xterm-256color {env} {WARROOM} demo --start-at 100 {args}"
        sessions.append(Tmux.start(name, command, width, height))
        return sessions[-1]

    yield launch
    for tmux in sessions:
        tmux.kill()


def coloured_screen(tmux: Tmux) -> str:
    done = subprocess.run(
        ["tmux", "capture-pane", "-p", "-e", "-t", tmux.name], capture_output=True, text=True
    )
    return done.stdout


def colour_codes(screen: str) -> set[str]:
    """Every SGR parameter other than attributes and "default colour" resets."""
    params = {p for group in SGR.findall(screen) for p in group.split(";") if p}
    return params - {"0", "1", "2", "3", "4", "7", "22", "23", "24", "27", "39", "49"}


def test_too_small_terminal_says_what_it_needs(start: Start) -> None:
    tmux = start("--freeze --no-history", 50, 15)
    screen = tmux.wait_for("terminal too small: need 60x18, have 50x15")
    assert "Profile completion" not in screen


def test_80x24_in_ansi_16(start: Start) -> None:
    # Growing a too-small window live is covered with Pilot (tests/tui/test_too_small.py):
    # inside pytest, tmux's resize of a running pane did not reach the app reliably.
    tmux = start("--freeze --no-history --theme ansi-16", 80, 24)
    tmux.wait_for("Profile completion")
    tmux.wait_for("ROLLBACK │")
    screen = tmux.wait_for("1 Executive")  # the tab bar (the footer no longer lists tabs)
    lines = screen.splitlines()
    assert "ROLLBACK" in lines[0] and "1 Executive" in screen and "? Help" in lines[-1]
    assert "terminal too small" not in screen
    codes = colour_codes(coloured_screen(tmux))
    assert codes, "ansi-16 draws in colour"
    assert "38" not in codes and "48" not in codes  # no 256-colour or truecolour sequence
    assert all(30 <= int(c) <= 47 or 90 <= int(c) <= 107 for c in codes), codes


def test_no_color_at_80x24_sends_no_colour(start: Start) -> None:
    tmux = start("--freeze --no-history", 80, 24, env="NO_COLOR=1")
    tmux.wait_for("✖ CRIT")
    screen = tmux.wait_for("▲ WARN")
    assert "Profile completion" in screen
    assert colour_codes(coloured_screen(tmux)) == set()

"""80x24 in tmux: the footer always shows `r` (runbook) and `q` (quit), on the dashboard, the
wall view and the runbook; `warroom wall` starts on the wall view."""

from __future__ import annotations

import shutil
import sys
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
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    name = f"warroom-footer-{uuid.uuid4().hex[:8]}"
    xdg = f"XDG_STATE_HOME={tmp_path}/state XDG_CONFIG_HOME={tmp_path}/config"
    command = f"env {xdg} TERM=xterm-256color {WARROOM} wall --demo --freeze --start-at 100"
    session = Tmux.start(name, command, 80, 24)
    yield session
    session.kill()


def footer(screen: str) -> str:
    return screen.rstrip("\n").splitlines()[-1]


def assert_r_and_q(screen: str) -> None:
    line = footer(screen)
    assert " r Runbook " in f" {line} " and " q Quit " in f" {line} ", line


def test_80x24_footer_shows_r_and_q_everywhere(tmux: Tmux) -> None:
    screen = tmux.wait_for("FIRING", timeout=30)  # `warroom wall` opens on the wall
    assert "esc Dashboard" in footer(screen)
    assert_r_and_q(screen)
    tmux.keys("Escape")
    screen = tmux.wait_for("1 Executive")
    assert_r_and_q(tmux.wait_for("w Wall view"))
    tmux.keys("2")
    assert_r_and_q(tmux.wait_for("Error rate"))
    tmux.keys("r")
    screen = tmux.wait_for("Immediate rollback")
    assert "esc Back" in footer(screen)
    assert_r_and_q(screen)

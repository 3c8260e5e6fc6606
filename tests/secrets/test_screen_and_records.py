"""The live TUI in tmux with every vendor echoing its credentials back, the history recorder
on and three runbook steps that each meet a secret; then `report` and `audit` over what it
kept. No secret, nor the first or last ten characters of one, on any screen, in the history
database, the audit log, the report, the audit listing, or any stderr."""

from __future__ import annotations

import shlex
import shutil
import time
import uuid
from pathlib import Path

import pytest

from tests.secrets.conftest import WARROOM, warroom
from tests.secrets.rig import Echoing, all_leaks
from tests.support.tmux import Tmux

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]
STEPS = (
    ("1", "Echo the deploy token", "✓ done"),
    ("2", "Turn the flag off", "✖ FAILED"),  # the echoing fake refuses the key
    ("3", "Annotate in Datadog", "✖ FAILED"),
)


def launcher(rig: Echoing, tmp: Path) -> Path:
    """A script that runs the live app with the rig's environment (tmux sessions start with
    the tmux server's) and writes its exit code to a file. Its stderr is the terminal: Textual
    draws there, and anything else written there is in the pane's recording."""
    exports = "".join(f"export {k}={shlex.quote(v)}\n" for k, v in rig.env.items())
    script = tmp / "run.sh"
    script.write_text(
        f"{exports}cd {shlex.quote(str(tmp))}\n"
        f"{WARROOM} --config {rig.config}\necho $? > exit.txt\nsleep 30\n"
    )
    return script


def wait_row(tmux: Tmux, title: str, state: str) -> str:
    """Waits until the runbook row of step `title` shows `state`; returns the screen."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        screen = tmux.screen()
        if any(title in line and state in line for line in screen.splitlines()):
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{title!r} never showed {state!r}:\n{tmux.screen()}")


def operate(tmux: Tmux) -> list[tuple[str, str]]:
    """Every tab, then each runbook step confirmed and its outcome, then the audit view.
    Returns the screens seen."""
    screens = [("start", tmux.wait_for("datadog ✖ down", timeout=30))]
    for tab in "1234":
        tmux.keys(tab)
        time.sleep(0.5)
        screens.append((f"tab {tab}", tmux.screen()))
    tmux.keys("r")
    screens.append(("runbook", tmux.wait_for("Echo the deploy token")))
    for key, title, outcome in STEPS:
        tmux.keys(key)
        screens.append((f"confirm {key}", tmux.wait_for("type yes and press Enter")))
        tmux.keys("y", "e", "s", "Enter")
        screens.append((f"step {key}", wait_row(tmux, title, outcome)))
    assert screens[-1][1].count("token *** prefix *** suffix ***") == 3, screens[-1][1]
    tmux.keys("a")
    time.sleep(1.0)
    screens.append(("audit view", tmux.screen()))
    tmux.keys("Escape")
    time.sleep(0.3)
    tmux.keys("Escape")
    return screens


def test_screen_history_audit_report_and_logs_hold_no_secret(echo: Echoing, tmp_path: Path) -> None:
    tmux = Tmux.start(f"warroom-secrets-{uuid.uuid4().hex[:8]}", f"sh {launcher(echo, tmp_path)}")
    drawn = tmp_path / "terminal.bytes"
    tmux.record(str(drawn))
    try:
        seen: list[tuple[str, str | bytes]] = [*operate(tmux)]
        time.sleep(1.0)  # a few more polls recorded
        tmux.keys("q")
        deadline = time.monotonic() + 15
        while not (tmp_path / "exit.txt").exists():
            assert time.monotonic() < deadline, tmux.screen()
            time.sleep(0.1)
    finally:
        tmux.kill()
    assert (tmp_path / "exit.txt").read_text().strip() == "0"
    data = Path(echo.env["XDG_DATA_HOME"]) / "warroom"
    state = Path(echo.env["XDG_STATE_HOME"]) / "warroom"
    history = sorted(data.glob("history.sqlite3*"))
    assert history and history[0].stat().st_size > 0
    audit = state / "audit.jsonl"
    assert audit.read_text().count('"finished"') == len(STEPS)
    seen += [(str(p), p.read_bytes()) for p in [*history, audit, drawn]]
    reports = warroom(
        echo, ("report",), ("report", "--format", "html"), ("audit",), ("audit", "--format", "json")
    )
    for ran in reports:
        assert ran.code == 0 and ran.stdout, (ran.command, ran.stderr)
        seen += ran.texts()
    assert all_leaks(seen) == []

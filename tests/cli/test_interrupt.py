"""Ctrl-C exits 130 everywhere: in the TUI (the key), in headless commands (SIGINT), and in
the long-running servers, always without a traceback."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ssh.pty_run import PtyApp
from tests.support.silent import silent_port
from tests.tui.helpers import demo_app, fast_config

INTERRUPTED = 130


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A mongod that hangs, so a command is still waiting when Ctrl-C arrives. Yields its URI."""
    with silent_port() as port:
        yield f"mongodb://127.0.0.1:{port}/?directConnection=true&serverSelectionTimeoutMS=30000"


def interrupted(args: list[str], env: dict[str, str], wait_for: str, tmp: Path) -> tuple[int, str]:
    """Starts `warroom ARGS`, waits until `wait_for` is on stdout (or 3 s for ""), sends
    SIGINT. Returns (exit code, stdout + stderr)."""
    # A suite started in the background inherits SIGINT ignored, and so would the child
    # (Python keeps an ignored SIGINT ignored): a handler here makes it the default there.
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "warroom", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env={**os.environ, **env},
            cwd=tmp,
        )
    finally:
        signal.signal(signal.SIGINT, before)
    try:
        assert proc.stdout is not None
        if wait_for:
            line = proc.stdout.readline()
            assert wait_for in line, line
        else:
            time.sleep(3.0)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, out + err


@pytest.mark.parametrize(
    ("args", "wait_for"),
    [
        (["collect", "--store", "{uri}", "--listen", "off"], "warroom collect: polling"),
        (["serve", "--port", "{port}"], "warroom serve:"),
        (["seed", "--uri", "{uri}"], ""),
        (["check"], ""),
        (["snapshot"], ""),
    ],
)
def test_sigint_exits_130_without_a_traceback(
    args: list[str], wait_for: str, silent_server: str, tmp_path: Path
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    argv = [a.replace("{uri}", silent_server).replace("{port}", port) for a in args]
    # check and snapshot poll MongoDB once: the silent server keeps that poll waiting.
    code, output = interrupted(argv, {"MONGODB_URI": silent_server}, wait_for, tmp_path)
    assert code == INTERRUPTED, output
    assert "Traceback" not in output


async def test_ctrl_c_in_the_app_exits_130_and_q_exits_0(tmp_path: Path) -> None:
    app = demo_app(fast_config(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause(0.1)
    assert app.return_code == INTERRUPTED


def test_ctrl_c_in_a_terminal_ends_the_demo_with_130() -> None:
    app = PtyApp(["demo", "--no-history"])
    try:
        app.wait_for(b"SIMULATED")
        app.keep_reading()
        os.write(app.master, b"\x03")
        assert app.proc.wait(timeout=20) == INTERRUPTED
    finally:
        app.kill()

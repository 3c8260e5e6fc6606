"""`warroom serve`: the page is served on 127.0.0.1 only, and a browser session (a real
websocket driving a real app process) is read-only: the runbook refuses to run a step."""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pyte
import pytest

from tests.serve.conftest import wait_listening
from warroom.tui.cli import build_parser
from warroom.tui.cmd_serve import app_command, banner

ROOT = Path(__file__).resolve().parents[2]
COLS, ROWS = 110, 32


@dataclass
class Served:
    port: int
    banner: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "warroom", "serve", "--demo", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    try:
        wait_listening(port)  # the banner comes a moment before the port listens
        yield Served(port, line)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on `port`, from /proc/net/tcp{,6}."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


async def test_page_is_served_on_localhost_only(served: Served) -> None:
    assert f"http://127.0.0.1:{served.port}" in served.banner
    assert "this machine only" in served.banner and "read-only" in served.banner
    url = f"http://127.0.0.1:{served.port}/"
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        page = await response.text()
    assert response.status == 200
    assert f"ws://127.0.0.1:{served.port}/ws" in page
    assert _listening_addresses(served.port) == {"0100007F"}  # 127.0.0.1, nothing else


async def test_browser_session_cannot_run_runbook_steps(served: Served) -> None:
    screen = pyte.Screen(COLS, ROWS)
    stream = pyte.ByteStream(screen)
    url = f"http://127.0.0.1:{served.port}/ws?width={COLS}&height={ROWS}"
    async with aiohttp.ClientSession() as http, http.ws_connect(url) as ws:

        async def until(text: str, timeout: float = 20.0) -> None:
            deadline = time.monotonic() + timeout
            while text not in "\n".join(screen.display):
                assert time.monotonic() < deadline, f"{text!r} never shown"
                message = await ws.receive(timeout=timeout)
                if message.type == aiohttp.WSMsgType.BINARY:
                    stream.feed(message.data)

        await until("Executive")
        await ws.send_json(["stdin", "r"])
        await until("READ-ONLY")
        await ws.send_json(["stdin", "1"])
        await until("no step can run")
        assert "type yes" not in "\n".join(screen.display)


def _args(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["serve", *argv])


def test_served_app_is_read_only_unless_actions_are_allowed() -> None:
    command = app_command(_args("--demo", "--theme", "mono", "--compact"))
    # Every session views the serve process's one poller, demo or not.
    assert command[3:6] == ["run", "--no-history", "--via-hub"]
    assert "--read-only" in command
    assert command[command.index("--theme") + 1] == "mono" and "--compact" in command
    allowed = _args("--demo", "--allow-actions")
    assert "--read-only" not in app_command(allowed)
    assert "ALLOWED" in banner(allowed, "http://127.0.0.1:8000")
    shared = _args("--host", "0.0.0.0")
    assert "anyone who can reach 0.0.0.0" in banner(shared, "http://0.0.0.0:8000")
    assert app_command(shared)[3] == "run"

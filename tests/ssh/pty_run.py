"""Runs `warroom` in a real pty for the lost-terminal tests: spawn, wait for the screen."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from bench.pty_meter import spawn_in_pty

ROOT = Path(__file__).resolve().parents[2]


class PtyApp:
    """`python -m tui.cli <args>` on the slave side of a fresh pty, in its own session."""

    def __init__(self, args: list[str], cols: int = 100, rows: int = 30) -> None:
        argv = [sys.executable, "-m", "warroom", *args]
        self.proc, self.master = spawn_in_pty(argv, cols, rows, cwd=ROOT)
        self.output = b""

    def wait_for(self, marker: bytes, timeout: float = 20.0) -> None:
        """Reads the terminal until `marker` was written. Raises AssertionError on timeout."""
        self.wait_until(lambda output: marker in output, repr(marker), timeout)

    def wait_until(self, seen: Callable[[bytes], bool], what: str, timeout: float = 20.0) -> None:
        """Reads the terminal until `seen(output)`. Raises AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        os.set_blocking(self.master, False)
        while not seen(self.output):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise AssertionError(f"{what} not seen; got {self.output[-500:]!r}")
            try:
                self.output += os.read(self.master, 65536)
            except BlockingIOError:
                time.sleep(0.05)

    def keep_reading(self) -> None:
        """Reads the terminal in the background from now on, as sshd would, so the app is
        never blocked on a full pty buffer."""
        os.set_blocking(self.master, True)
        threading.Thread(target=self._drain, args=(self.master,), daemon=True).start()

    @staticmethod
    def _drain(fd: int) -> None:
        try:
            while os.read(fd, 65536):
                pass
        except OSError:
            return

    def close_master(self) -> None:
        os.close(self.master)
        self.master = -1

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.master >= 0:
            os.close(self.master)
            self.master = -1

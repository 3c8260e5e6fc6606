"""Ending cleanly when the terminal goes away (a dropped SSH or PuTTY session).

Two signs: SIGHUP, which the kernel sends when the controlling terminal hangs up, and a
terminal that stops answering (`tcgetattr` fails with EIO once the pty's other side closed),
for processes that never got the signal (no controlling terminal, SIGHUP ignored by a
wrapper). Either way the app exits through its normal path, so the poller stops and whatever
was recorded is flushed and closed, instead of being killed or left spinning.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import termios
import threading
from typing import Any

from textual.app import App

EXIT_DEADLINE = 3.0
"""Seconds the normal exit may take once the terminal is gone. Textual's driver can block for
ever on shutdown when its writer thread died on the dead pty (its queue is full and nothing
drains it), so a watchdog ends the process after the app's own clean-up had its chance."""
CHECK_EVERY = 1.0
"""Seconds between terminal checks: well inside the 5 s exit budget, and a single ioctl."""
HANGUP_EXIT_CODE = 129  # 128 + SIGHUP, what a shell reports for a hung-up job


def terminal_alive(fd: int) -> bool:
    """Whether `fd` is still a working terminal. Returns False after a hang-up."""
    try:
        termios.tcgetattr(fd)
    except (termios.error, OSError):
        return False
    return True


class TerminalWatch:
    """Installs the SIGHUP handler and the terminal check on a running app."""

    def __init__(self, app: App[Any], fd: int | None = None) -> None:
        self._app = app
        self._fd = fd if fd is not None else _stdin_fd()
        self.lost = False
        """Whether the app is ending because the terminal went away."""

    def install(self) -> None:
        """Call from the app's `on_mount` (needs the running event loop)."""
        loop = asyncio.get_running_loop()
        # Not the main thread (tests) or no SIGHUP on this platform: nothing to install.
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signal.SIGHUP, self.hang_up)
        # Only a real terminal can vanish; headless and web drivers have none to watch.
        if self._fd is not None and os.isatty(self._fd):
            self._app.set_interval(CHECK_EVERY, self._check, name="terminal-watch")

    def uninstall(self) -> None:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)

    def hang_up(self) -> None:
        """Ends the app as if the operator had quit, marking the terminal as lost."""
        if not self.lost:
            self.lost = True
            watchdog = threading.Timer(EXIT_DEADLINE, _force_exit)
            watchdog.daemon = True
            watchdog.start()
            self._app.exit(return_code=HANGUP_EXIT_CODE)

    def _check(self) -> None:
        if self._fd is not None and not terminal_alive(self._fd):
            self.hang_up()


def _force_exit() -> None:
    # By now unmount has run (poller stopped, history flushed and closed); only the terminal
    # driver is stuck. os._exit skips it, and nothing is left to lose.
    os._exit(HANGUP_EXIT_CODE)


def _stdin_fd() -> int | None:
    stream = sys.__stdin__
    if stream is None:
        return None
    try:
        return stream.fileno()
    except (OSError, ValueError):
        return None

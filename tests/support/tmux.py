"""Driving a real terminal program in tmux: send keys, read the screen, wait for text."""

from __future__ import annotations

import shlex
import subprocess
import time


class Tmux:
    def __init__(self, name: str) -> None:
        self.name = name

    @classmethod
    def start(cls, name: str, command: str, width: int = 120, height: int = 40) -> Tmux:
        """Runs `command` in a new detached `width`x`height` session.

        The short sleep first matters: a program started at once can read the pty size before
        tmux applies -x/-y, miss the resize, and draw for 80x24 whatever the window says.
        """
        size = ["-x", str(width), "-y", str(height)]
        script = f"sleep 0.5; {command}"
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", name, *size, script],
            check=True,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        return cls(name)

    def record(self, path: str) -> None:
        """Appends every byte the program writes to the terminal to `path` (what was drawn
        between screen captures too)."""
        subprocess.run(
            ["tmux", "pipe-pane", "-o", "-t", self.name, f"cat >> {shlex.quote(path)}"],
            check=True,
        )

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)

    def screen(self) -> str:
        done = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return done.stdout

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared; screen:\n{self.screen()}")

    def kill(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)

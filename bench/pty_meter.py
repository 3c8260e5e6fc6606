"""Runs a terminal program in a real pty of a given size and measures what it costs:
time to the first full frame, start-up paint bytes, steady bytes/s, CPU and peak RSS.

The program's output is timestamped by a reader thread and rendered with pyte, so "full
frame" means the marker text is actually on the emulated screen.
"""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import subprocess
import termios
import threading
import time
from dataclasses import dataclass

import pyte

CLK_TCK = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Measurement:
    size: str
    first_frame_s: float
    paint_bytes: int
    steady_bytes_per_s: float
    cpu_pct: float
    peak_rss_mib: float
    exit_code: int | None


class _Reader(threading.Thread):
    def __init__(self, fd: int) -> None:
        super().__init__(daemon=True)
        self.fd = fd
        self.chunks: list[tuple[float, bytes]] = []
        self.lock = threading.Lock()

    def run(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            with self.lock:
                self.chunks.append((time.monotonic(), data))

    def bytes_between(self, start: float, end: float) -> int:
        with self.lock:
            return sum(len(d) for t, d in self.chunks if start <= t < end)

    def taken(self) -> list[tuple[float, bytes]]:
        with self.lock:
            return list(self.chunks)


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def _hwm_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def spawn_in_pty(
    argv: list[str],
    cols: int,
    rows: int,
    env: dict[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
) -> tuple[subprocess.Popen[bytes], int]:
    """Starts `argv` on the slave side of a new `cols`x`rows` pty, in its own session (so the
    pty is its controlling terminal). Returns the process and the master fd."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    full_env = {**os.environ, "TERM": "xterm-256color", **(env or {})}
    proc = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=full_env,
        cwd=cwd,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    return proc, master


def measure(
    argv: list[str],
    cols: int,
    rows: int,
    marker: str,
    window: float = 10.0,
    settle: float = 2.0,
    env: dict[str, str] | None = None,
    keys: bytes = b"",
) -> Measurement:
    """Spawns `argv`, waits for `marker` on screen, types `keys` (e.g. a tab number), measures
    a steady window after `settle` seconds, quits with q."""
    started = time.monotonic()
    proc, master = spawn_in_pty(argv, cols, rows, env)
    reader = _Reader(master)
    reader.start()
    screen = pyte.Screen(cols, rows)
    stream = pyte.ByteStream(screen)
    fed = 0
    first_frame = None
    while first_frame is None and time.monotonic() - started < 30:
        time.sleep(0.01)
        chunks = reader.taken()
        for when, data in chunks[fed:]:
            stream.feed(data)
            if marker in "\n".join(screen.display):
                first_frame = when - started
                break
        fed = len(chunks)
    if first_frame is None:
        os.killpg(proc.pid, signal.SIGKILL)
        raise RuntimeError(f"marker {marker!r} never appeared")
    paint = reader.bytes_between(started, started + first_frame + 0.5)
    if keys:
        os.write(master, keys)
    time.sleep(settle)
    cpu0, t0 = _cpu_seconds(proc.pid), time.monotonic()
    time.sleep(window)
    cpu1, t1 = _cpu_seconds(proc.pid), time.monotonic()
    steady = reader.bytes_between(t0, t1) / (t1 - t0)
    hwm = _hwm_mib(proc.pid)
    os.write(master, b"q")
    try:
        code: int | None = proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        code = None
    os.close(master)
    return Measurement(
        f"{cols}x{rows}", first_frame, paint, steady, 100 * (cpu1 - cpu0) / (t1 - t0), hwm, code
    )

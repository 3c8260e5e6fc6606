"""The `warroom` script and `python -m warroom`: the collector is paused (tui/gc_startup.py)
before the command line and everything it needs are imported."""

from __future__ import annotations

from collections.abc import Sequence

from warroom.tui import gc_startup


def main(argv: Sequence[str] | None = None) -> int:
    gc_startup.pause()
    try:
        from warroom.tui.cli import main as run_command
    except KeyboardInterrupt:  # Ctrl-C while importing: cli_common.INTERRUPTED, not importable yet
        return 130
    return run_command(argv)

"""Options shared by `warroom replay` and `warroom report`: the window and the history file."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from warroom.core.config import Config
from warroom.core.history.schema import demo_file
from warroom.core.history.window import resolve


def add_window_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since", metavar="AGE", help="the last AGE (30m, 1h30m, 24h, 7d, 1w; default: 24h)"
    )
    parser.add_argument(
        "--from",
        dest="start",
        metavar="T",
        help="start, an ISO time or epoch seconds (default: 24 h before --to)",
    )
    parser.add_argument(
        "--to", dest="end", metavar="T", help="end, an ISO time or epoch seconds (default: now)"
    )
    parser.add_argument(
        "--history",
        metavar="PATH",
        help="history file (default: [history] path of the config; with --demo, the file "
        "`warroom demo` records to)",
    )


def window(args: argparse.Namespace, command: str) -> tuple[float, float] | None:
    """The requested window, or None after printing why it is invalid."""
    try:
        return resolve(
            getattr(args, "since", None),
            getattr(args, "start", None),
            getattr(args, "end", None),
            time.time(),
        )
    except ValueError as exc:
        print(f"warroom {command}: {exc}", file=sys.stderr)
        return None


def history_file(args: argparse.Namespace, config: Config) -> Path:
    """`--history`, else the config's file, else with `--demo` the file `warroom demo`
    records to."""
    explicit = getattr(args, "history", None)
    if explicit:
        return Path(explicit).expanduser()
    return (
        demo_file(config.history.file()) if getattr(args, "demo", False) else config.history.file()
    )


def simulated(args: argparse.Namespace) -> bool | None:
    """What a reader should return: the simulated launch with `--demo`; else whatever the file
    records (a demo file is simulated throughout, any other file's real polls)."""
    return True if getattr(args, "demo", False) else None

"""`warroom replay [--since 24h | --from T --to T]`: the four tabs over recorded history."""

from __future__ import annotations

import argparse
import sys

from warroom.tui.cli_args import USAGE_ERROR
from warroom.tui.cli_common import add_command, load_config_for, no_terminal
from warroom.tui.history_args import add_window_options, history_file, simulated, window

KEYS = ", . step   < > 10 min   [ ] alert moments   space play/pause   + - speed"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(sub, "replay", f"replay recorded history ({KEYS})", ("config", "demo"))
    add_window_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Runs the replay app. Returns 0 (130 after Ctrl-C), or 2 when there is nothing to replay
    or standard output is not a terminal."""
    # Imported here: every `warroom` start builds this command's parser (time to first frame).
    from warroom.core.history.reader import HistoryReader
    from warroom.core.history.replay import ReplayCursor
    from warroom.core.history.schema import HistoryUnavailable

    config = load_config_for(args)
    span = window(args, "replay")
    if span is None:
        return 2
    try:
        reader = HistoryReader(history_file(args, config), simulated=simulated(args))
    except HistoryUnavailable as exc:
        print(f"warroom replay: {exc}", file=sys.stderr)
        return 2
    with reader:
        cursor = ReplayCursor(reader, config, *span)
        if not cursor.times:
            print("warroom replay: no polls recorded in that window", file=sys.stderr)
            return 2
        if no_terminal("replay"):
            return USAGE_ERROR
        from warroom.tui.screens.replay import ReplayApp  # Textual only for the interactive part

        app = ReplayApp(config, cursor)
        app.run()
    return app.return_code or 0  # 130 after Ctrl-C

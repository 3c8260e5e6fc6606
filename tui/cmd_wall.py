"""`warroom wall [--demo]`: the app started on the wall view, for the war room's big screen."""

from __future__ import annotations

import argparse

from warroom.tui.cli_common import add_command

HELP = "the wall view for a shared screen (add --demo for the simulated launch; w or Escape: tabs)"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(sub, "wall", HELP)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Runs the dashboard on the wall view (live, or the demo with --demo). Returns 0."""
    from warroom.tui.commands import run_dashboard

    return run_dashboard(args, wall=True)

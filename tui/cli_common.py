"""Options every `warroom` command shares, and how a command module adds itself."""

from __future__ import annotations

import argparse
from typing import Any

from warroom.core.config import Config, find_config_path, load_config
from warroom.tui import cli_args

INTERRUPTED = 130  # 128 + SIGINT: what a shell reports for a job stopped by Ctrl-C
DEFAULTS: dict[str, Any] = {
    "config": None,
    "demo": False,
    "speed": None,
    "seed": None,
    "start_at": 0.0,
    "read_only": False,
    "dry_run": False,
    "store": None,
    "no_history": False,
    "theme": None,
    "compact": False,
    "freeze": False,
    "autorollback": None,
}


def common_options(parser: argparse.ArgumentParser) -> None:
    """Adds the shared options. Their defaults live in DEFAULTS, set once on the top parser,
    because a subcommand's own defaults would overwrite values given before its name."""
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="config file (default: ./warroom.toml, "
        "then $XDG_CONFIG_HOME/warroom/config.toml, else the built-in plan)",
    )
    parser.add_argument("--demo", action="store_true", help="use the simulated launch")
    parser.add_argument(
        "--speed", type=cli_args.speed, help="simulated seconds per real second (up to 1000)"
    )
    parser.add_argument("--seed", type=int, help="seed of the simulated launch")
    parser.add_argument(
        "--start-at",
        type=cli_args.start_at,
        metavar="SECONDS",
        help="start the simulated launch this many seconds in (incident: ~90; up to 86400)",
    )
    parser.add_argument(
        "--read-only", action="store_true", help="runbook steps cannot run; the screen says why"
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="runbook steps are confirmed and audited but not executed",
    )
    parser.add_argument(
        "--store",
        metavar="URI",
        type=cli_args.store_uri,
        help="shared store (mongodb://…): `collect` writes to it; the dashboard views it "
        "instead of polling the vendors",
    )
    parser.add_argument(
        "--no-history", action="store_true", help="do not record this run to the history file"
    )
    parser.add_argument(
        "--theme",
        metavar="NAME",
        type=cli_args.theme,
        help="war-room (default), daylight, high-contrast, colour-blind, ansi-16, mono, or a "
        "theme file's name from $XDG_CONFIG_HOME/warroom/themes (NO_COLOR selects mono)",
    )
    parser.add_argument(
        "--compact", action="store_true", help="no borders, one line per metric (small screens)"
    )
    parser.add_argument(
        "--autorollback",
        choices=("off", "advise", "act"),
        metavar="MODE",
        help="the automatic rollback for this run: off, advise (count down, never act) or act "
        "(overrides [autorollback] mode; see docs/autorollback.md)",
    )
    parser.add_argument(
        "--freeze",
        action="store_true",
        help="demo only: stop the simulation and the clock at --start-at (benchmarks, screenshots)",
    )


def load_config_for(args: argparse.Namespace) -> Config:
    """The config a command runs with: `--config`, else the usual lookup, else the built-in plan.

    Raises:
        ConfigError: the file is missing or invalid (the CLI reports it and exits 2).
    """
    from warroom.themes.names import theme_names, user_theme_dir

    path = find_config_path(getattr(args, "config", None))
    return load_config(path, themes=theme_names(user_theme_dir()))


def add_command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str
) -> argparse.ArgumentParser:
    """A subcommand parser that accepts the shared options without clobbering them."""
    parser = sub.add_parser(
        name, help=help_text, description=help_text, argument_default=argparse.SUPPRESS
    )
    common_options(parser)
    return parser

"""Options `warroom` commands share, and how a command module adds itself.

Every shared option is defined once here. The top parser takes them all (so
`warroom --demo check` keeps working); each subcommand takes, and lists in its `--help`, only
those it uses, named in its `add_command(..., options=...)`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

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
    "log_file": None,
}
_OPTIONS: dict[str, tuple[str, dict[str, Any]]] = {
    "config": (
        "--config",
        {
            "metavar": "PATH",
            "help": "config file (default: ./warroom.toml, "
            "then $XDG_CONFIG_HOME/warroom/config.toml, else the built-in plan)",
        },
    ),
    "demo": ("--demo", {"action": "store_true", "help": "use the simulated launch"}),
    "speed": (
        "--speed",
        {
            "type": cli_args.speed,
            "help": "simulated seconds per real second, up to 1000 "
            "(default: [sources.sim] speed, 1)",
        },
    ),
    "seed": (
        "--seed",
        {"type": int, "help": "seed of the simulated launch (default: [sources.sim] seed, 7)"},
    ),
    "start_at": (
        "--start-at",
        {
            "type": cli_args.start_at,
            "metavar": "SECONDS",
            "help": "start the simulated launch this many seconds in (incident: ~90; up to "
            "86400; default 0)",
        },
    ),
    "read_only": (
        "--read-only",
        {"action": "store_true", "help": "runbook steps cannot run; the screen says why"},
    ),
    "dry_run": (
        "--dry-run",
        {"action": "store_true", "help": "runbook steps are confirmed and audited, not executed"},
    ),
    "store": (
        "--store",
        {
            "metavar": "URI",
            "type": cli_args.store_uri,
            "help": "shared store (mongodb://…): `collect` writes to it; the dashboard, "
            "`snapshot` and `check` read it instead of polling the vendors (default: none)",
        },
    ),
    "no_history": (
        "--no-history",
        {"action": "store_true", "help": "do not record this run to the history file"},
    ),
    "theme": (
        "--theme",
        {
            "metavar": "NAME",
            "type": cli_args.theme,
            "help": "war-room (default), daylight, high-contrast, colour-blind, ansi-16, mono, "
            "or a theme file's name from $XDG_CONFIG_HOME/warroom/themes (NO_COLOR selects mono)",
        },
    ),
    "compact": (
        "--compact",
        {"action": "store_true", "help": "no borders, one line per metric (small screens)"},
    ),
    "autorollback": (
        "--autorollback",
        {
            "choices": ("off", "advise", "act"),
            "metavar": "MODE",
            "help": "the automatic rollback for this run: off, advise (count down, never act) "
            "or act (default: [autorollback] mode, off; see docs/autorollback.md)",
        },
    ),
    "freeze": (
        "--freeze",
        {
            "action": "store_true",
            "help": "demo only: stop the simulation and the clock at --start-at "
            "(benchmarks, screenshots)",
        },
    ),
    "log_file": (
        "--log-file",
        {
            "metavar": "PATH",
            "help": "append a debug log here, secrets masked (default: no log)",
        },
    ),
}
SOURCE_OPTIONS = ("config", "demo", "speed", "seed", "start_at", "store")
"""What a command that polls needs: the plan, and the simulated launch or the shared store."""
APP_OPTIONS = ("read_only", "dry_run", "no_history", "theme", "compact", "autorollback")
"""What the interactive dashboard adds."""
ALL_OPTIONS = tuple(_OPTIONS)


def common_options(parser: argparse.ArgumentParser, names: Sequence[str] = ALL_OPTIONS) -> None:
    """Adds the named shared options. Their defaults live in DEFAULTS, set once on the top
    parser, because a subcommand's own defaults would overwrite values given before its name.

    Raises:
        KeyError: a name that is not a shared option (a programming error).
    """
    for name in names:
        flag, settings = _OPTIONS[name]
        parser.add_argument(flag, **settings)


def load_config_for(args: argparse.Namespace) -> Config:
    """The config a command runs with: `--config`, else the usual lookup, else the built-in plan.

    Raises:
        ConfigError: the file is missing or invalid (the CLI reports it and exits 2).
    """
    from warroom.themes.names import theme_names, user_theme_dir

    path = find_config_path(getattr(args, "config", None))
    return load_config(path, themes=theme_names(user_theme_dir()))


def add_command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help_text: str,
    options: Sequence[str] = ALL_OPTIONS,
    description: str | None = None,
) -> argparse.ArgumentParser:
    """A subcommand parser with the shared `options` it uses (and `--log-file`, which every
    command takes), accepting them without clobbering values given before its name. Options
    the command adds itself need an explicit `default`: the parser's is "not given"."""
    parser = sub.add_parser(
        name,
        help=help_text,
        description=description or help_text,
        argument_default=argparse.SUPPRESS,
    )
    common_options(parser, [*(o for o in options if o != "log_file"), "log_file"])
    return parser


def no_terminal(
    command: str, out: TextIO | None = None, env: Mapping[str, str] | None = None
) -> bool:
    """True, after saying why on stderr, when the TUI of `command` must not start: standard
    output is not a terminal (`warroom demo > file` would write escape codes into the file
    for as long as it ran) and no Textual driver was chosen for it (`warroom serve` sets
    TEXTUAL_DRIVER for the sessions it runs behind pipes)."""
    stream = sys.stdout if out is None else out
    driver = (os.environ if env is None else env).get("TEXTUAL_DRIVER")
    if driver or stream.isatty():
        return False
    print(
        f"warroom {command}: standard output is not a terminal; for text or JSON use "
        "`warroom snapshot` (with --demo for the simulated launch)",
        file=sys.stderr,
    )
    return True

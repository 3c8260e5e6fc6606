"""The `warroom` command line. Parses arguments, loads the config, dispatches.

Exit codes: 0 success; 2 usage or config error; `warroom check` adds 3 unknown, 4 warn,
5 crit, 6 rollback triggered (see core.snapshot.CheckCode); 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from core.errors import ConfigError
from core.plan import TABS
from tui import commands

EPILOG = """commands:
  warroom                  the live dashboard (sources from the config and the environment)
  warroom demo             the dashboard on the simulated launch, no credentials needed
  warroom snapshot         poll every source once and print the result (--format text|json)
  warroom check            poll once and exit 0 ok, 3 unknown, 4 warn, 5 crit, 6 rollback
  warroom config validate  check a config file
  warroom config init      write the default plan as an editable, commented TOML file
"""


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="PATH", help="config file (default: ./warroom.toml, "
                        "then $XDG_CONFIG_HOME/warroom/config.toml, else the built-in plan)")
    parser.add_argument("--demo", action="store_true", help="use the simulated launch")
    parser.add_argument("--speed", type=float, default=None, help="simulated seconds per second")
    parser.add_argument("--seed", type=int, default=None, help="seed of the simulated launch")
    parser.add_argument("--start-at", type=float, default=0.0, metavar="SECONDS",
                        help="start the simulated launch this many seconds in (incident: ~90)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="warroom",
        description="A launch-day war room in your terminal.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = sub.add_parser("run", help="the live dashboard (the default)")
    _common(run)
    demo = sub.add_parser("demo", help="the dashboard on the simulated launch")
    _common(demo)
    for name, text in (("snapshot", "poll once and print"), ("check", "poll once, exit code")):
        cmd = sub.add_parser(name, help=text)
        _common(cmd)
        cmd.add_argument("--tab", action="append", choices=TABS, metavar="TAB",
                         help="judge only this tab's metrics (repeatable)")
        if name == "snapshot":
            cmd.add_argument("--format", choices=("text", "json"), default="text")
    config = sub.add_parser("config", help="validate or write a config file")
    config_sub = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    validate = config_sub.add_parser("validate", help="check a config file")
    validate.add_argument("path", nargs="?", help="default: the file warroom would load")
    init = config_sub.add_parser("init", help="write the default plan as TOML")
    init.add_argument("path", nargs="?", default="warroom.toml")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return commands.dispatch(args)
    except ConfigError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `warroom snapshot | head`: the reader left; exit quietly like other Unix tools.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed stream for exit
        return 0


if __name__ == "__main__":
    sys.exit(main())

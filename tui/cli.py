"""The `warroom` command line. Parses arguments, loads the config, dispatches.

Exit codes: 0 success; 2 usage or config error; `warroom check` adds 3 unknown, 4 warn,
5 crit, 6 rollback triggered (see core.check.CheckCode); `warroom checklist` 4 when the
phase is not complete; `warroom seed` 7 nothing seeded; `advance` and `guard` have their own
(tui/cmd_advance.py, tui/cmd_guard.py); 130 interrupted (Ctrl-C), wherever it happens.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from warroom.core.apm import APMS, DEFAULT_APM
from warroom.core.errors import ConfigError
from warroom.core.plan import TABS
from warroom.tui import cli_args, commands
from warroom.tui.cli_args import Parser
from warroom.tui.cli_common import (
    APP_OPTIONS,
    DEFAULTS,
    INTERRUPTED,
    SOURCE_OPTIONS,
    add_command,
    common_options,
)

log = logging.getLogger("warroom")
EXTENSION_COMMANDS = (
    "audit",
    "replay",
    "report",
    "collect",
    "serve",
    "seed",
    "advance",
    "checklist",
    "guard",
    "wall",
    "completion",
)
EPILOG = """examples:
  warroom demo --start-at 90       the simulated launch, straight to the incident
  warroom check --tab engineering  gate a rollout stage: 0 ok, 3 unknown, 4 warn, 5 crit,
                                   6 rollback triggered (2: usage or config error)
  warroom config init              write the built-in plan as an editable warroom.toml
  warroom checklist --phase pre    gate on a checklist phase: 0 complete, 4 not complete

`warroom COMMAND --help` describes each command; `?` inside the app lists every key.
"""


def build_parser() -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = Parser(
        prog="warroom",
        description="A launch-day war room in your terminal.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action=cli_args.VersionAction, help="show program's version number and exit"
    )
    common_options(parser)
    parser.set_defaults(**DEFAULTS)
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", help="what to do (default: run, the live dashboard)"
    )
    _dashboard_commands(sub)
    _poll_commands(sub)
    for module in extension_commands():
        module.add_parser(sub)
    _config_parser(sub)
    return parser


def _dashboard_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = add_command(sub, "run", "the live dashboard (the default)")
    run.add_argument(
        "--via-hub",
        action="store_true",
        help="follow the poller of the `warroom serve` that started this session "
        "(set by serve for its browser sessions; not for use by hand)",
    )
    demo_options = [o for o in SOURCE_OPTIONS if o not in ("demo", "store")]
    add_command(
        sub,
        "demo",
        "the dashboard on the simulated launch",
        [*demo_options, *APP_OPTIONS, "freeze"],
    )


def _poll_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name, text in (
        ("snapshot", "poll every source once and print the result"),
        ("check", "poll once; the exit code says ok, warn, crit or rollback"),
    ):
        cmd = add_command(sub, name, text, SOURCE_OPTIONS)
        if name == "check":
            cmd.add_argument(
                "--tab",
                action="append",
                choices=TABS,
                metavar="TAB",
                default=None,
                help="judge only this tab's metrics (repeatable; default: every tab)",
            )
        cmd.add_argument(
            "--format",
            choices=("text", "json"),
            default="text",
            help="text for people or json for machines (default: text)",
        )


def _config_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    config = sub.add_parser(
        "config",
        help="validate, write or describe a config file",
        description="Validate, write or describe a config file.",
    )
    config_sub = config.add_subparsers(
        dest="config_command", metavar="ACTION", required=True, help="what to do with it"
    )
    validate = config_sub.add_parser("validate", help="check a config file")
    validate.add_argument(
        "path", nargs="?", help="the file to check (default: the file warroom would load)"
    )
    _config_init(config_sub.add_parser("init", help="write the default plan as TOML"))
    config_sub.add_parser(
        "schema",
        help="print the config file's JSON Schema (for taplo / Even Better TOML)",
        description="Print the JSON Schema of warroom's config file, made from the models "
        "that validate it. Save it and point your editor at it: see docs/config.md.",
    )


def _config_init(init: argparse.ArgumentParser) -> None:
    init.add_argument(
        "path",
        nargs="?",
        default="warroom.toml",
        help="file, or directory to write warroom.toml in (default: %(default)s)",
    )
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    init.add_argument(
        "--apm",
        choices=APMS,
        default=DEFAULT_APM,
        help="where the Engineering metrics come from (default: %(default)s)",
    )


def extension_commands() -> list[ModuleType]:
    """Commands that live in their own module `tui/cmd_<name>.py` with `add_parser(sub)` and
    `run(args) -> int`, each added by the feature that owns it."""
    found = []
    for name in EXTENSION_COMMANDS:
        try:
            found.append(importlib.import_module(f"warroom.tui.cmd_{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"warroom.tui.cmd_{name}":
                raise
    return found


def _error_reporting() -> bool:
    """Turns on warroom's own crash reports only when WARROOM_SENTRY_DSN is set."""
    if not os.environ.get("WARROOM_SENTRY_DSN"):
        return False
    from warroom.tui.telemetry import init_error_reporting, secrets_from_env

    return init_error_reporting(os.environ, secrets_from_env(os.environ))


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # also while parsing or importing, before any command runs
        return INTERRUPTED


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.log_file:
        from warroom.tui.debug_log import start_log_file

        given = sys.argv[1:] if argv is None else argv
        problem = start_log_file(args.log_file, given, os.environ)
        if problem:
            print(f"warroom: {problem}", file=sys.stderr)
            return cli_args.USAGE_ERROR
    reporting = _error_reporting()
    try:
        code = _run(args)
    except Exception:
        log.exception("unexpected error")  # only reaches a --log-file, scrubbed
        if reporting:
            import sentry_sdk

            sentry_sdk.capture_exception()
            sentry_sdk.flush(timeout=5)
        raise
    log.debug("exit %d", code)
    return code


def _run(args: argparse.Namespace) -> int:
    try:
        return commands.dispatch(args)
    except ConfigError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:
        # `warroom snapshot | head`: the reader left; exit quietly like other Unix tools.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed stream for exit
        return 0


if __name__ == "__main__":
    sys.exit(main())

"""Per-command help lists only the options that command uses; every option says what it does
and what it defaults to; shared options still work before the command's name."""

from __future__ import annotations

import argparse

import pytest

from warroom.tui.cli import build_parser
from warroom.tui.cli_common import DEFAULTS

PARSER = build_parser()
SUBCOMMANDS = next(a for a in PARSER._actions if isinstance(a, argparse._SubParsersAction))
SOURCE = {"--config", "--demo", "--speed", "--seed", "--start-at", "--store"}
APP = {"--read-only", "--dry-run", "--no-history", "--theme", "--compact", "--autorollback"}
EVERY = {"--help", "--log-file"}
EXPECTED = {
    "run": SOURCE | APP | {"--freeze", "--via-hub"},
    "demo": SOURCE - {"--demo", "--store"} | APP | {"--freeze"},
    "snapshot": SOURCE | {"--format"},
    "check": SOURCE | {"--format", "--tab"},
    "audit": {"--config", "--since", "--format"},
    "replay": {"--config", "--demo", "--since", "--from", "--to", "--history"},
    "report": {"--config", "--demo", "--since", "--from", "--to", "--history", "--format"}
    | {"--output"},
    "collect": SOURCE
    | {"--heartbeat", "--listen", "--token-file"}
    | {"--autorollback", "--read-only", "--dry-run"},
    "guard": SOURCE
    | {"--autorollback", "--read-only", "--dry-run", "--once", "--abort", "--rearm"},
    "serve": SOURCE
    | {"--read-only", "--dry-run", "--theme", "--compact"}
    | {"--host", "--port", "--public-url", "--allow-actions", "--token-file"},
    "seed": {"--uri", "--database", "--users", "--seed", "--replace"},
    "advance": {"--config", "--read-only", "--dry-run"},
    "checklist": SOURCE | {"--phase", "--format"},
    "completion": set(),
}
VALUELESS = (
    argparse._StoreTrueAction,
    argparse._HelpAction,
    argparse._VersionAction,
    argparse._SubParsersAction,
)


def parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    """Every parser, the top one and each (sub)command's, by its program name."""
    found, todo = [], [PARSER]
    while todo:
        parser = todo.pop()
        found.append((parser.prog, parser))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo += action.choices.values()
    return found


def long_options(parser: argparse.ArgumentParser) -> set[str]:
    return {o for a in parser._actions for o in a.option_strings if o.startswith("--")}


@pytest.mark.parametrize("command", sorted(EXPECTED))
def test_each_command_lists_only_the_options_it_uses(command: str) -> None:
    parser = SUBCOMMANDS.choices[command]
    assert long_options(parser) == EXPECTED[command] | EVERY
    shown = parser.format_help()
    for option in long_options(PARSER) - long_options(parser):
        assert f"{option} " not in shown and f"{option}\n" not in shown, option


def test_every_option_has_help_and_every_value_a_stated_default() -> None:
    missing = []
    for prog, parser in parsers():
        for action in parser._actions:
            name = f"{prog} {'/'.join(action.option_strings) or action.dest}"
            text = (action.help or "").lower()
            if not text or action.help == argparse.SUPPRESS:
                missing.append(f"{name}: no help")
            # A flag that takes no value (nargs 0, like --version) has no default to state.
            elif not isinstance(action, VALUELESS) and action.nargs != 0 and "default" not in text:
                if action.required or (not action.option_strings and action.nargs is None):
                    continue  # a required argument has no default to state
                missing.append(f"{name}: no default in {action.help!r}")
    assert missing == []


def test_the_formats_and_the_database_state_their_defaults() -> None:
    snapshot = SUBCOMMANDS.choices["snapshot"].format_help()
    assert "(default: text)" in snapshot
    assert "(default: app)" in SUBCOMMANDS.choices["seed"].format_help()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--demo", "--start-at", "90", "check"], {"demo": True, "start_at": 90.0}),
        (["check", "--demo", "--start-at", "90"], {"demo": True, "start_at": 90.0}),
        (["--config", "x.toml", "audit"], {"config": "x.toml"}),
        (["--theme", "mono", "--compact", "demo"], {"theme": "mono", "compact": True}),
        (["--read-only"], {"read_only": True, "command": None}),
        (["--log-file", "a.log", "seed"], {"log_file": "a.log"}),
        (["seed", "--log-file", "b.log", "--seed", "3"], {"log_file": "b.log", "data_seed": 3}),
    ],
)
def test_shared_options_work_before_and_after_the_command(
    argv: list[str], expected: dict[str, object]
) -> None:
    args = vars(PARSER.parse_args(argv))
    assert {key: args[key] for key in expected} == expected
    assert set(DEFAULTS) <= set(args)  # a command that does not take one still reads it

"""`warroom serve`: the dashboard in a web browser, through textual-serve.

Each browser tab gets its own copy of the app, but they share ONE poller: the serve process
polls the vendors (or reads `--store`) once, in its hub, and every session follows the hub.
The served copies are read-only unless `--allow-actions` is given (anyone who can open the
page could otherwise roll back the launch), and they do not record history (the terminal
instance or `warroom collect` does that, once). `/metrics` and `/healthz` are served too.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from warroom.core.scrub import register
from warroom.tui import cli_args
from warroom.tui.cli_common import INTERRUPTED, SOURCE_OPTIONS, add_command

LOCAL_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TOKEN_VAR = "WARROOM_HTTP_TOKEN"  # noqa: S105 - the name of a variable, not its value
# Shared options handed on to each served app: (attribute, flag, takes a value). Speed, seed
# and store are the hub's business: sessions only draw what it polled.
PASSED_ON = (
    ("config", "--config", True),
    ("theme", "--theme", True),
    ("compact", "--compact", False),
    ("dry_run", "--dry-run", False),
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        sub,
        "serve",
        "the dashboard in a web browser (textual-serve)",
        [*SOURCE_OPTIONS, "read_only", "dry_run", "theme", "compact"],
    )
    parser.add_argument(
        "--host",
        default=LOCAL_HOST,
        help=f"address to listen on (default {LOCAL_HOST}: this machine only; "
        "0.0.0.0 shares it with the network)",
    )
    parser.add_argument(
        "--port",
        type=cli_args.whole(1, 65535),
        default=DEFAULT_PORT,
        help="port to listen on (default: %(default)s)",
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        default=None,
        help="the address browsers use, behind a proxy (default: http://HOST:PORT)",
    )
    parser.add_argument(
        "--allow-actions",
        action="store_true",
        default=False,
        help="let browser users run runbook steps (default: read-only)",
    )
    parser.add_argument(
        "--token-file",
        metavar="PATH",
        default=None,
        help=f"require the token in this file (or in ${TOKEN_VAR}) for the page, /metrics "
        "and /healthz: Bearer header, ?token= once, then a cookie (default: no token)",
    )
    parser.set_defaults(handler=run)


def app_command(args: argparse.Namespace) -> list[str]:
    """The command each browser session runs: a viewer of the hub. Read-only unless
    `--allow-actions`."""
    command = [sys.executable, "-m", "warroom", "run", "--no-history", "--via-hub"]
    for attribute, flag, takes_value in PASSED_ON:
        value: Any = getattr(args, attribute, None)
        if takes_value and value is not None:
            command += [flag, str(value)]
        elif not takes_value and value:
            command.append(flag)
    if not getattr(args, "allow_actions", False) or getattr(args, "read_only", False):
        command.append("--read-only")
    return command


def banner(args: argparse.Namespace, url: str, *, guarded: bool = False) -> str:
    """What `serve` says on start: where, who can reach it, and whether actions can run."""
    local = args.host in (LOCAL_HOST, "localhost", "::1")
    reach = (
        "this machine only (use --host 0.0.0.0 to share it)"
        if local
        else f"anyone who can reach {args.host}"
    )
    actions = (
        "runbook actions ALLOWED"
        if "--read-only" not in app_command(args)
        else "read-only (--allow-actions lets browser users run runbook steps)"
    )
    token = " · token required" if guarded else ""
    shared = "one poller for every session"
    return f"warroom serve: {url} · {reach}{token} · {actions} · {shared} · Ctrl+C stops"


def run(args: argparse.Namespace) -> int:
    """Serves until stopped. Returns 130 after Ctrl-C (SIGINT), 0 after SIGTERM, 2 for an
    unreadable token file or when it cannot listen on --host/--port.

    Raises:
        ConfigError: the config is missing or invalid (the CLI reports it and exits 2).
    """
    from warroom.collector.hub import Hub
    from warroom.tui.cli_common import load_config_for
    from warroom.tui.commands import sources_for
    from warroom.tui.serve_server import WarroomServer  # only this command needs aiohttp

    try:
        token = read_token(getattr(args, "token_file", None), os.environ)
    except OSError as exc:
        print(f"warroom serve: {args.token_file}: cannot read: {exc.strerror}", file=sys.stderr)
        return 2
    config = load_config_for(args)
    hub = Hub(config, sources_for(config, args, bool(getattr(args, "demo", False))))
    server = WarroomServer(args, hub, app_command(args), token)
    try:
        server.serve()
    except OSError as exc:
        where = f"{args.host}:{args.port}"
        print(f"warroom serve: cannot listen on {where}: {exc.strerror or exc}", file=sys.stderr)
        return cli_args.USAGE_ERROR
    return INTERRUPTED if server.interrupted else 0


def read_token(path: str | None, env: Mapping[str, str]) -> str | None:
    """The token from `path` (whitespace stripped) or the environment; None when neither.

    Raises:
        OSError: the file cannot be read.
    """
    text = Path(path).read_text(encoding="utf-8").strip() if path else env.get(TOKEN_VAR, "")
    if text:
        register(text)
    return text or None

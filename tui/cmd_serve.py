"""`warroom serve`: the dashboard in a web browser, through textual-serve.

Each browser tab gets its own copy of the app, started as `warroom run` (or `warroom demo`)
with the shared options given here. The served copies are read-only unless `--allow-actions`
is given (anyone who can open the page could otherwise roll back the launch), and they do
not record history (the terminal instance or `warroom collect` does that, once).
"""

from __future__ import annotations

import argparse
import asyncio
import shlex
import sys
from typing import Any

from warroom.tui import cli_args
from warroom.tui.cli_common import INTERRUPTED, add_command, load_config_for

LOCAL_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# Shared options handed on to each served app: (attribute, flag, takes a value).
PASSED_ON = (
    ("config", "--config", True),
    ("speed", "--speed", True),
    ("seed", "--seed", True),
    ("theme", "--theme", True),
    ("store", "--store", True),
    ("compact", "--compact", False),
    ("dry_run", "--dry-run", False),
    ("freeze", "--freeze", False),
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(sub, "serve", "the dashboard in a web browser (textual-serve)")
    parser.add_argument(
        "--host",
        default=LOCAL_HOST,
        help=f"address to listen on (default {LOCAL_HOST}: this machine only; "
        "0.0.0.0 shares it with the network)",
    )
    parser.add_argument(
        "--port", type=cli_args.whole(1, 65535), default=DEFAULT_PORT, help="default %(default)s"
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        default=None,
        help="the address browsers use, behind a proxy",
    )
    parser.add_argument(
        "--allow-actions",
        action="store_true",
        default=False,
        help="let browser users run runbook steps (default: read-only)",
    )
    parser.set_defaults(handler=run)


def app_command(args: argparse.Namespace) -> list[str]:
    """The command each browser session runs. Read-only unless `--allow-actions`."""
    demo = bool(getattr(args, "demo", False))
    command = [sys.executable, "-m", "warroom", "demo" if demo else "run", "--no-history"]
    for attribute, flag, takes_value in PASSED_ON:
        value: Any = getattr(args, attribute, None)
        if takes_value and value is not None:
            command += [flag, str(value)]
        elif not takes_value and value:
            command.append(flag)
    if demo and getattr(args, "start_at", None):
        command += ["--start-at", str(args.start_at)]
    if not getattr(args, "allow_actions", False) or getattr(args, "read_only", False):
        command.append("--read-only")
    return command


def banner(args: argparse.Namespace, url: str) -> str:
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
    return f"warroom serve: {url} · {reach} · {actions} · Ctrl+C stops"


def run(args: argparse.Namespace) -> int:
    """Serves until stopped. Returns 130 after Ctrl-C (SIGINT), 0 after SIGTERM, 2 when it
    cannot listen on --host/--port.

    Raises:
        ConfigError: the config is missing or invalid (the CLI reports it and exits 2).
    """
    import signal

    from textual_serve.server import Server  # only this command needs aiohttp

    # Every browser session loads the config itself; a bad one must stop `serve` here, with
    # its problems on this terminal, not leave a page that fails for each visitor.
    load_config_for(args)

    class QuietServer(Server):
        interrupted = False

        async def on_startup(self, app: Any) -> None:
            # The stock banner prints the full command line, which may carry a store URI.
            print(banner(args, self.public_url), flush=True)
            # The stock handler stops on SIGINT and SIGTERM alike; only Ctrl-C exits 130.
            asyncio.get_running_loop().add_signal_handler(signal.SIGINT, self.interrupt)

        def interrupt(self) -> None:
            self.interrupted = True
            self.request_exit()

    server = QuietServer(
        shlex.join(app_command(args)),
        host=args.host,
        port=args.port,
        title="warroom",
        public_url=args.public_url,
    )
    try:
        server.serve()
    except OSError as exc:
        print(
            f"warroom serve: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return cli_args.USAGE_ERROR
    return INTERRUPTED if server.interrupted else 0

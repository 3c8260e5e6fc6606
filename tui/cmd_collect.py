"""`warroom collect --store mongodb://…`: poll the vendors headless for a whole war room.

Viewers started with `warroom --store mongodb://…` read what this writes instead of polling
the vendors themselves.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from typing import TYPE_CHECKING

from warroom.core.guard import Decision
from warroom.core.textsafe import inert
from warroom.tui import cli_args
from warroom.tui.cli_common import SOURCE_OPTIONS, add_command, load_config_for
from warroom.tui.cmd_serve import read_token
from warroom.tui.signals import stop_on_signals

if TYPE_CHECKING:
    from warroom.collector.run import Collector
    from warroom.core.config import Config
    from warroom.core.dashboard import Dashboard
    from warroom.core.guard.host import GuardHost
    from warroom.sources.registry import SourceSet

DEFAULT_LISTEN = "127.0.0.1:9477"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        sub,
        "collect",
        "poll the vendors headless and write to a shared store for viewers",
        # The guard's: it runs in the collector when [autorollback] (or --autorollback) is on.
        [*SOURCE_OPTIONS, "autorollback", "read_only", "dry_run"],
    )
    parser.add_argument(
        "--heartbeat",
        type=cli_args.number(0.1, 3600),
        metavar="SECONDS",
        help="how often the store is written and the heartbeat refreshed (default 1)",
    )
    parser.add_argument(
        "--listen",
        metavar="HOST:PORT",
        default=DEFAULT_LISTEN,
        help=f"serve /metrics (OpenMetrics) and /healthz here (default {DEFAULT_LISTEN}; "
        "'off' for neither); the token of --token-file or $WARROOM_HTTP_TOKEN is required",
    )
    parser.add_argument(
        "--token-file",
        metavar="PATH",
        default=None,
        help="file holding the HTTP token (default: $WARROOM_HTTP_TOKEN, else no token)",
    )
    parser.set_defaults(handler=run)


def listen_address(text: str) -> tuple[str, int] | None:
    """`HOST:PORT` as a pair, None for `off`.

    Raises:
        ValueError: not HOST:PORT with a port 1-65535.
    """
    if text.strip().lower() == "off":
        return None
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"--listen {text!r}: expected HOST:PORT (e.g. 127.0.0.1:9477) or off")
    return host.strip("[]") or "127.0.0.1", int(port)


def run(args: argparse.Namespace) -> int:
    """Collects until interrupted. Returns 130 after Ctrl-C (SIGINT), 0 after SIGTERM, or 2
    without --store or with a bad --listen or token file."""
    # pymongo and the adapters load only for this command, not for every `warroom` start.
    from warroom.collector.run import HEARTBEAT, Collector
    from warroom.collector.store import MongoStore
    from warroom.core.dashboard import Dashboard

    uri = getattr(args, "store", None)
    if not uri:
        print("warroom collect: --store mongodb://… is required", file=sys.stderr)
        return 2
    config = load_config_for(args)
    sources = _sources(args, config)
    store = MongoStore(uri, config.history.retention_days)
    polled = ", ".join(s.name for s in sources.sources) or "nothing (no source configured)"
    banner = [f"warroom collect: polling {polled} into {store.target}/{store.database}"]
    banner += [
        f"warroom collect: {name} disabled: {info.disabled_reason}"
        for name, info in sorted(sources.info.items())
        if info.disabled_reason
    ]
    try:
        listen = listen_address(getattr(args, "listen", DEFAULT_LISTEN))
        token = read_token(getattr(args, "token_file", None), os.environ)
    except (ValueError, OSError) as exc:
        print(f"warroom collect: {exc}", file=sys.stderr)
        return 2
    dashboard = Dashboard(config, sources.info, sources.metric_sources, time.time)
    guard = collect_guard(config, args, sources, dashboard, uri)
    collector = Collector(
        sources,
        store,
        heartbeat=getattr(args, "heartbeat", None) or HEARTBEAT,
        observers=[dashboard.ingest, *([guard.observe] if guard else [])],
    )
    default_port = getattr(args, "listen", DEFAULT_LISTEN) == DEFAULT_LISTEN
    return asyncio.run(
        _until_signalled(collector, dashboard, listen, token, default_port, banner, guard)
    )


def _sources(args: argparse.Namespace, config: Config) -> SourceSet:
    from warroom.core.chart.buckets import SPARK_WINDOW
    from warroom.sources.registry import build_demo, build_live

    if getattr(args, "demo", False):  # with the minutes before the launch, as `warroom demo`
        return build_demo(
            config,
            speed=getattr(args, "speed", None),
            seed=getattr(args, "seed", None),
            start_at=getattr(args, "start_at", 0.0) or 0.0,
            baseline=SPARK_WINDOW,
        )
    return build_live(config)


async def _until_signalled(
    collector: Collector,
    dashboard: Dashboard,
    listen: tuple[str, int] | None,
    token: str | None,
    default_port: bool,
    banner: list[str],
    guard: GuardHost | None = None,
) -> int:
    """Runs the collector until SIGINT or SIGTERM. Returns 130 after SIGINT, else 0 (2 when
    it cannot listen).

    The banner is printed once the handlers are in place: from then on Ctrl-C always ends the
    collector through its clean shutdown (queued outcomes written, store closed).
    """
    from warroom.collector.http import start_observability
    from warroom.core.guard.host import tick_until

    stopping = stop_on_signals()
    stop = stopping.event
    for line in banner:
        print(line, flush=True)
    runner = None
    if listen is not None:
        try:
            runner = await start_observability(dashboard, lambda: collector.heard, *listen, token)
        except OSError as exc:
            print(
                f"warroom collect: cannot listen on {listen[0]}:{listen[1]}: {exc.strerror}",
                file=sys.stderr,
            )
            return 2
        print(
            f"warroom collect: /metrics and /healthz on http://{listen[0]}:{listen[1]}", flush=True
        )
    ticking = asyncio.create_task(tick_until(guard, stop)) if guard is not None else None
    try:
        await collector.run(stop)
    finally:
        stop.set()
        if ticking is not None and guard is not None:
            await ticking
            await guard.close()
        if runner is not None:
            await runner.cleanup()
    return stopping.exit_code(0)


def collect_guard(
    config: Config, args: argparse.Namespace, sources: SourceSet, dashboard: Dashboard, uri: str
) -> GuardHost | None:
    """The automatic rollback when `[autorollback]` (or `--autorollback`) is on: the
    collector contends for the war room's one lease in its store. None when off; a config
    mistake is reported and the collector runs without it."""
    from warroom.core.guard.steps import config_problems
    from warroom.tui.guard_setup import HeadlessRunbook, build_host
    from warroom.tui.options import AppOptions, guard_settings

    options = AppOptions(
        read_only=getattr(args, "read_only", False),
        dry_run=getattr(args, "dry_run", False),
        autorollback=getattr(args, "autorollback", None),
    )
    settings = guard_settings(config, options)
    if settings.mode == "off":
        return None
    problems = config_problems(settings, config.runbook)
    if problems:
        print(f"warroom collect: automatic rollback off: {problems[0]}", file=sys.stderr)
        return None
    runbook = HeadlessRunbook(config, sources, options, uri, report=_say)
    _say(f"automatic rollback {settings.mode}, group {settings.group}")
    host = build_host(config, settings, dashboard, runbook, dry_run=options.dry_run,
                      store=uri, emit=_decided)  # fmt: skip
    host.on_close.append(runbook.close)  # its audit copies to the store, and their client
    return host


def _decided(decision: Decision) -> None:
    if decision.kind != "evaluated":
        _say(f"automatic rollback: {decision.message}")


def _say(line: str) -> None:
    print(f"warroom collect: {inert(line, 400)}", flush=True)

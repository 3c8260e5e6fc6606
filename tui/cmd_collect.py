"""`warroom collect --store mongodb://…`: poll the vendors headless for a whole war room.

Viewers started with `warroom --store mongodb://…` read what this writes instead of polling
the vendors themselves.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from typing import TYPE_CHECKING

from warroom.tui import cli_args
from warroom.tui.cli_common import INTERRUPTED, add_command, load_config_for

if TYPE_CHECKING:
    from warroom.collector.run import Collector
    from warroom.core.config import Config
    from warroom.sources.registry import SourceSet


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        sub, "collect", "poll the vendors headless and write to a shared store for viewers"
    )
    parser.add_argument(
        "--heartbeat",
        type=cli_args.number(0.1, 3600),
        metavar="SECONDS",
        help="how often the store is written and the heartbeat refreshed (default 1)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Collects until interrupted. Returns 130 after Ctrl-C (SIGINT), 0 after SIGTERM, or 2
    without --store."""
    # pymongo and the adapters load only for this command, not for every `warroom` start.
    from warroom.collector.run import HEARTBEAT, Collector
    from warroom.collector.store import MongoStore

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
    collector = Collector(sources, store, heartbeat=getattr(args, "heartbeat", None) or HEARTBEAT)
    received = asyncio.run(_until_signalled(collector, banner))
    return INTERRUPTED if received == signal.SIGINT else 0


def _sources(args: argparse.Namespace, config: Config) -> SourceSet:
    from warroom.sources.registry import build_demo, build_live

    if getattr(args, "demo", False):
        return build_demo(
            config,
            speed=getattr(args, "speed", None),
            seed=getattr(args, "seed", None),
            start_at=getattr(args, "start_at", 0.0) or 0.0,
        )
    return build_live(config)


async def _until_signalled(collector: Collector, banner: list[str]) -> signal.Signals:
    """Runs the collector until SIGINT or SIGTERM. Returns the signal that stopped it.

    The banner is printed once the handlers are in place: from then on Ctrl-C always ends the
    collector through its clean shutdown (queued outcomes written, store closed).
    """
    stop = asyncio.Event()
    received: list[signal.Signals] = []
    loop = asyncio.get_running_loop()

    def stop_on(sig: signal.Signals) -> None:
        received.append(sig)
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop_on, sig)
    for line in banner:
        print(line, flush=True)
    await collector.run(stop)
    return received[0] if received else signal.SIGTERM

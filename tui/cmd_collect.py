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

from warroom.tui.cli_common import add_command, load_config_for

if TYPE_CHECKING:
    from warroom.collector.run import Collector


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        sub, "collect", "poll the vendors headless and write to a shared store for viewers"
    )
    parser.add_argument(
        "--heartbeat",
        type=float,
        metavar="SECONDS",
        help="how often the store is written and the heartbeat refreshed (default 1)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Collects until interrupted. Returns 0, or 2 without --store."""
    # pymongo and the adapters load only for this command, not for every `warroom` start.
    from warroom.collector.run import HEARTBEAT, Collector
    from warroom.collector.store import MongoStore
    from warroom.sources.registry import build_demo, build_live

    uri = getattr(args, "store", None)
    if not uri:
        print("warroom collect: --store mongodb://… is required", file=sys.stderr)
        return 2
    config = load_config_for(args)
    if getattr(args, "demo", False):
        sources = build_demo(
            config,
            speed=getattr(args, "speed", None),
            seed=getattr(args, "seed", None),
            start_at=getattr(args, "start_at", 0.0) or 0.0,
        )
    else:
        sources = build_live(config)
    store = MongoStore(uri, config.history.retention_days)
    polled = ", ".join(s.name for s in sources.sources) or "nothing (no source configured)"
    print(f"warroom collect: polling {polled} into {store.target}/{store.database}", flush=True)
    for name, info in sorted(sources.info.items()):
        if info.disabled_reason:
            print(f"warroom collect: {name} disabled: {info.disabled_reason}", flush=True)
    collector = Collector(sources, store, heartbeat=getattr(args, "heartbeat", None) or HEARTBEAT)
    asyncio.run(_until_signalled(collector))
    return 0


async def _until_signalled(collector: Collector) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await collector.run(stop)

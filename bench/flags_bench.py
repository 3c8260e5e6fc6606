"""Flag-service benchmark: requests per hour at the default `[rollout]` interval, and the
adapter's CPU per poll.

Run: .venv/bin/python bench/flags_bench.py [--flags N]

The real flag source polls (one fetch per `interval`, back to back: only the count matters)
- LaunchDarkly: the fake on 127.0.0.1 (tests/fakes), which counts what arrives;
- Unleash: a real unleash-server 6.10.1 (tests/support/unleash.py), when node, npm and
  PostgreSQL are on the machine; the provider counts its own requests.
Polls with a changed value cost one more Unleash request (the flag's events); the figures
below are the steady state, where the value holds, plus one change per hour.
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fakes.launchdarkly_data import make_flag
from tests.fakes.launchdarkly_server import launchdarkly_server
from tests.support.unleash import UnleashServer, missing
from warroom.core.config import Config, default_config
from warroom.core.rollout.config import RolloutConfig
from warroom.core.rollout.source import FlagSource

POLLS = 40


def config(provider: str, flags: list[str]) -> Config:
    rollout = RolloutConfig.model_validate({"provider": provider, "flags": flags})
    return default_config().model_copy(update={"rollout": rollout})


async def measure(source: FlagSource, count: Callable[[], int]) -> tuple[float, float]:
    """(requests per poll in the steady state, CPU ms per poll)."""
    await source.fetch()  # the first poll also reads each flag's events (Unleash)
    before, cpu = count(), time.process_time()
    for _ in range(POLLS):
        await source.fetch()
    spent = (time.process_time() - cpu) / POLLS * 1000
    return (count() - before) / POLLS, spent


async def launchdarkly(flags: list[str]) -> tuple[float, float, float]:
    from warroom.sources import launchdarkly as ld

    with launchdarkly_server() as (url, state):
        state.window = 10**9
        state.flags = {f: make_flag(f, {"production": (True, 15)}) for f in flags}
        plan = config("launchdarkly", flags)
        provider = ld.provider(plan, {"LD_ACCESS_TOKEN": state.token, "LD_BASE_URI": url})
        source = FlagSource(provider, plan.rollout)
        per_poll, cpu = await measure(source, lambda: len(state.seen))
        await source.close()
    return per_poll, cpu, source.interval


async def unleash(flags: list[str]) -> tuple[float, float, float]:
    from warroom.sources import unleash as un

    server = UnleashServer.start()
    try:
        for flag in flags:
            server.create_flag(flag, 15)
        env = {"UNLEASH_URL": server.url, "UNLEASH_ADMIN_TOKEN": server.admin_token}
        plan = config("unleash", flags)
        provider = un.provider(plan, env)
        source = FlagSource(provider, plan.rollout)
        per_poll, cpu = await measure(source, lambda: provider.api.requests)
        await source.close()
    finally:
        server.stop()
    return per_poll, cpu, source.interval


def report(name: str, per_poll: float, cpu: float, interval: float, extra: float) -> None:
    hourly = per_poll * 3600 / interval + extra
    print(f"{name:13} {per_poll:5.2f} requests/poll  {hourly:6.0f} requests/hour "
          f"at {interval:g} s  {cpu:5.2f} ms CPU/poll")  # fmt: skip


async def main(count: int) -> None:
    tag = secrets.token_hex(3)
    flags = [f"launch-flag-{i}-{tag}" for i in range(count)]
    print(f"{count} launch flag(s), default [rollout] interval, {POLLS} polls each")
    per_poll, cpu, interval = await launchdarkly(flags)
    report("LaunchDarkly", per_poll, cpu, interval, 0)
    reason = missing()
    if reason is not None:
        print(f"Unleash       skipped: {reason}")
        return
    per_poll, cpu, interval = await unleash(flags)
    report("Unleash", per_poll, cpu, interval, extra=1)  # one stage change an hour: +1 events read


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flags", type=int, default=1, help="launch flags (default 1)")
    asyncio.run(main(parser.parse_args().flags))

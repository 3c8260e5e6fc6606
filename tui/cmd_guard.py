"""`warroom guard`: the automatic rollback, headless.

Polls the sources (the vendors, the simulated launch with `--demo`, or a collector's shared
store with `--store`, where it also contends for the war room's one lease), evaluates the
plan's rollback triggers and prints every decision to stdout as one JSON line. In `act`
mode it runs the group through the runbook and its audit log when a countdown ends.
`--once` stops after the first incident is handled; `--abort WHY` and `--rearm` pass a
request to the lease holder through the store (without one, `--rearm` records the re-arm in
the audit log, where a guard that starts looks for its last run).

Exit codes: 0 stopped by SIGTERM, or with --once stopped before anything tripped, or a
request was passed on or recorded; 2 usage or config error (mode off, unknown group or
steps, --abort without --store, --once while stood down after a run nobody re-armed); 3
with --once: the group did not go through (a step failed or nothing could run), or a
request could not reach the store; 6 with --once: it tripped and the group ran (or,
advising, under --dry-run or --read-only, the decision was recorded); 130 stopped by
Ctrl-C (SIGINT), after a clean shutdown.
"""

from __future__ import annotations

import argparse
import asyncio
import enum
import json
import sys
import time
from typing import TYPE_CHECKING

from warroom.core.config import Config
from warroom.core.format import iso_time
from warroom.core.guard import Decision, GuardConfig
from warroom.core.textsafe import inert
from warroom.tui.cli_common import INTERRUPTED, SOURCE_OPTIONS, add_command, load_config_for
from warroom.tui.options import AppOptions
from warroom.tui.signals import stop_on_signals

if TYPE_CHECKING:
    from warroom.core.guard.host import GuardHost
    from warroom.sources.registry import SourceSet
    from warroom.tui.guard_setup import HeadlessRunbook


class GuardCode(enum.IntEnum):
    STOPPED = 0
    UNUSABLE = 2
    FAILED = 3
    ACTED = 6


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        sub,
        "guard",
        "the automatic rollback, headless: decisions as JSON lines on stdout",
        [*SOURCE_OPTIONS, "read_only", "dry_run", "autorollback"],
    )
    parser.add_argument(
        "--once",
        action="store_true",
        default=False,
        help="stop after the first incident is handled (exit 6: it ran; 3: it failed)",
    )
    asks = parser.add_mutually_exclusive_group()
    asks.add_argument(
        "--abort",
        metavar="WHY",
        default=None,
        help="ask the lease holder (--store) to abort its countdown, saying why, and exit "
        "(default: run the guard)",
    )
    asks.add_argument(
        "--rearm",
        action="store_true",
        default=False,
        help="re-arm a guard that stood down after a run, and exit: through the lease holder "
        "with --store, else in the audit log for the next guard that starts",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Returns the exit code (see the module docstring)."""
    from warroom.core.guard.steps import config_problems
    from warroom.tui.options import guard_settings

    config = load_config_for(args)
    options = AppOptions(
        read_only=getattr(args, "read_only", False),
        dry_run=getattr(args, "dry_run", False),
        autorollback=getattr(args, "autorollback", None),
    )
    store = getattr(args, "store", None)
    settings = guard_settings(config, options)
    if args.abort is not None or args.rearm:
        if store:
            return _ask(config, store, args.abort)
        if args.rearm:
            return _rearm_here(config, settings, options)
        return _unusable("--abort reaches the lease holder through --store URI; without a "
                         "shared store, abort in the process that counts down (key a)")  # fmt: skip
    if settings.mode == "off":
        return _unusable('[autorollback] mode is off: set mode = "advise" or "act", '
                         "or pass --autorollback advise|act")  # fmt: skip
    problems = config_problems(settings, config.runbook)
    if problems:
        return _unusable(problems[0])
    from warroom.tui.commands import sources_for  # the vendor adapters load for this command

    sources = sources_for(config, args, getattr(args, "demo", False))
    return asyncio.run(_guard(config, settings, sources, options, store, args.once))


def _unusable(reason: str) -> int:
    print(f"warroom guard: {inert(reason)}", file=sys.stderr)
    return GuardCode.UNUSABLE


def _rearm_here(config: Config, settings: GuardConfig, options: AppOptions) -> int:
    """Without a shared store the audit log is the guard's memory: a re-arm recorded there
    lets the next guard that starts evaluate again."""
    from warroom.core.guard.act import GuardActor
    from warroom.sources.registry import SourceSet
    from warroom.tui.guard_setup import HeadlessRunbook

    runbook = HeadlessRunbook(config, SourceSet(), options, report=_say)
    audit = runbook().audit
    problem = GuardActor(runbook, settings).rearm_record(f"{audit.user}@{audit.host}")
    if problem:
        print(f"warroom guard: {inert(problem)}", file=sys.stderr)
        return GuardCode.FAILED
    print(f"warroom guard: re-armed: recorded in {audit.path}")
    return GuardCode.STOPPED


def _ask(config: Config, store: str, why: str | None) -> int:
    from warroom.collector.lease import GuardLease
    from warroom.core.guard.lease import LeaseSeat
    from warroom.core.runbook import AuditLog
    from warroom.core.runbook.factory import audit_path

    audit = AuditLog(audit_path(config.runbook))  # only for who is asking: user@host
    who = f"{audit.user}@{audit.host}"

    async def ask() -> str:
        seat = LeaseSeat(GuardLease(store))
        await seat.look()  # only to name the holder: asking never takes the lease
        try:
            return await seat.ask("abort" if why is not None else "rearm", who, why or "")
        finally:
            await seat.lease.close()

    said = asyncio.run(ask())
    print(f"warroom guard: {inert(said)}")
    return GuardCode.FAILED if "not delivered" in said else GuardCode.STOPPED


async def _guard(
    config: Config,
    settings: GuardConfig,
    sources: SourceSet,
    options: AppOptions,
    store: str | None,
    once: bool,
) -> int:
    from warroom.core.dashboard import Dashboard
    from warroom.core.guard.host import tick_until
    from warroom.core.poller import Poller, PollOutcome
    from warroom.tui.guard_setup import HeadlessRunbook, build_host

    dashboard = Dashboard(config, sources.info, sources.metric_sources, time.time)
    runbook = HeadlessRunbook(config, sources, options, store, report=_say)
    host = build_host(config, settings, dashboard, runbook, dry_run=options.dry_run,
                      store=store, emit=_print_decision)  # fmt: skip
    _introduce(settings, sources, host, runbook, options)
    inherited = host.resume()
    if inherited and once:
        return _unusable(f"stood down after {inherited}; re-arm it first: warroom guard --rearm")

    def take(outcome: PollOutcome) -> None:
        dashboard.ingest(outcome)
        host.observe(outcome)

    poller = Poller(sources.sources, take)
    stopping = stop_on_signals()
    poller.start()
    try:
        await tick_until(host, stopping.event, done=lambda: once and host.stood_down)
    finally:
        await poller.stop()
        await host.close()
        runbook.close()
    if stopping.interrupted:
        return INTERRUPTED
    if once and not host.results and host.stood_down:  # took over a lease left stood down
        outcome = host.status().outcome or "a run nobody re-armed"
        return _unusable(f"stood down after {outcome}; re-arm it first: warroom guard --rearm")
    if not once or not host.results:
        return GuardCode.STOPPED
    return GuardCode.ACTED if host.results[-1].ok else GuardCode.FAILED


def _introduce(
    settings: GuardConfig,
    sources: SourceSet,
    host: GuardHost,
    runbook: HeadlessRunbook,
    options: AppOptions,
) -> None:
    """Says on stderr what this guard will do, before the first decision."""
    from warroom.core.guard.steps import guard_plan

    plan = guard_plan(runbook(), settings)
    runs = ", ".join(plan.titled(plan.run)) or "nothing"
    people = ", ".join(plan.titled(plan.needs_person))
    polled = ", ".join(s.name for s in sources.sources) or "nothing (no source configured)"
    _say(f"{settings.mode} mode; group {plan.title}: runs {runs}"
         + (f"; needs a person: {people}" if people else ""))  # fmt: skip
    _say(f"polling {polled}" + (" (dry run: acts on nothing)" if options.dry_run else ""))
    if host.seat is not None:
        _say(f"contending for the lease as {host.seat.lease.holder}")


def _say(line: str) -> None:
    print(f"warroom guard: {inert(line, 400)}", file=sys.stderr, flush=True)


def _print_decision(decision: Decision) -> None:
    line = {"time": iso_time(decision.at), **decision.as_json()}
    print(json.dumps(line, ensure_ascii=True), flush=True)

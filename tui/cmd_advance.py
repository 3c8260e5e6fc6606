"""`warroom advance`: moves the rollout to the plan's next stage, only when the gate passes.

Polls every source once (as `check` does), judges the gate against the history of the stage,
prints each check with its evidence and records it in the audit log, then sets the stage
flag through the `[rollout]` provider. Exit codes: 0 advanced (or, with --dry-run /
--read-only, would advance); 2 usage or config error, no usable `[rollout]` provider; 3 the
flag service failed or the change did not go through (the output and the audit say what
changed); 4 the gate refused.
"""

from __future__ import annotations

import argparse
import asyncio
import enum
import os
import sys
import time
from typing import TYPE_CHECKING

from warroom.core.config import Config
from warroom.core.textsafe import inert
from warroom.tui.cli_common import add_command, load_config_for

if TYPE_CHECKING:
    from warroom.sources.registry import SourceSet


class AdvanceCode(enum.IntEnum):
    ADVANCED = 0
    UNUSABLE = 2
    FAILED = 3
    REFUSED = 4


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        sub,
        "advance",
        "move the rollout to the next stage when the gate passes (exit 4 if not)",
        ("config", "read_only", "dry_run"),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Returns the exit code (see the module docstring)."""
    config = load_config_for(args)
    if getattr(args, "demo", False):
        return _unusable("the demo advances from the dashboard: press n in `warroom demo`")
    if config.rollout.provider in (None, "sim"):
        return _unusable("no [rollout] provider configured (unleash or launchdarkly)")
    from warroom.sources.registry import build_live  # vendor code only for this command

    sources = build_live(config)
    if sources.flags is None:
        reason = sources.info[str(config.rollout.provider)].disabled_reason
        return _unusable(f"{config.rollout.provider}: {reason}")
    return asyncio.run(_advance(config, sources, args))


def _unusable(reason: str) -> int:
    print(f"warroom advance: {inert(reason)}", file=sys.stderr)
    return AdvanceCode.UNUSABLE


async def _advance(config: Config, sources: SourceSet, args: argparse.Namespace) -> int:
    from warroom.core.dashboard import Dashboard
    from warroom.core.rollout.advance import Advanced, Advancer, assess
    from warroom.core.rollout.change import Changer
    from warroom.core.runbook import AuditLog
    from warroom.core.runbook.factory import audit_path
    from warroom.core.snapshot import poll_all_once
    from warroom.sources.markers import change_markers

    assert sources.flags is not None
    dashboard = Dashboard(config, sources.info, sources.metric_sources, time.time)
    print(f"polling {len(sources.sources)} source(s) once…", file=sys.stderr)
    await poll_all_once(dashboard, sources.sources)
    history = config.history.file() if config.history.enabled else None
    print("judging the gate against the stage's history…", file=sys.stderr)
    view, gate = await assess(dashboard, history, time.time(), sources.flags.name)
    for line in gate.lines():
        print(inert(line))
    if getattr(args, "read_only", False):
        print("read-only: nothing changed, nothing recorded")
        return AdvanceCode.ADVANCED if gate.passed else AdvanceCode.REFUSED
    changer = Changer(sources.flags, change_markers(config, os.environ, demo=False))
    audit = AuditLog(audit_path(config.runbook))
    advancer = Advancer(changer, audit, dry_run=getattr(args, "dry_run", False))
    result = await advancer.advance(view, gate)
    await sources.flags.close()
    if view is None or view.failed or view.stale:
        print(inert(result.detail))
        return AdvanceCode.FAILED  # the flag service itself failed: not a gate verdict
    for line in result.change.markers if result.change else ():
        print(f"marker {inert(line)}")
    print(inert(result.detail))
    return {
        Advanced.DONE: AdvanceCode.ADVANCED,
        Advanced.DRY_RUN: AdvanceCode.ADVANCED,
        Advanced.REFUSED: AdvanceCode.REFUSED,
        Advanced.FAILED: AdvanceCode.FAILED,
    }[result.state]

"""The guard hosted on the real simulated launch, with a clock the test moves: the same
composition the app, `warroom guard` and `warroom collect` use (`tui.guard_setup`), the real
runbook with its audit log, the simulated flag service."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warroom.core.config import Config, default_config
from warroom.core.dashboard import Dashboard
from warroom.core.guard import Decision, GuardConfig
from warroom.core.guard.host import GuardHost
from warroom.core.poller import PollOutcome, poll_once
from warroom.core.runbook import Runbook, build_runbook
from warroom.core.source import Source
from warroom.sources.actions import action_executors
from warroom.sources.registry import SourceSet, build_demo
from warroom.tui.guard_setup import build_host

BREACH_AT = 88.0  # simulated seconds: the error-rate trigger fires a few seconds later


@dataclass
class Clock:
    now: float = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def plan(audit: Path, **guard: Any) -> Config:
    """The built-in plan, its audit log at `audit`, `[autorollback]` from `guard`."""
    base = default_config()
    runbook = base.runbook.model_copy(update={"audit_path": str(audit)})
    settings = GuardConfig.model_validate({"mode": "act", "countdown": 5, **guard})
    return base.model_copy(update={"runbook": runbook, "autorollback": settings})


@dataclass
class DemoRig:
    tmp: Path
    config: Config
    clock: Clock = field(default_factory=Clock)
    dry_run: bool = False
    store: str | None = None
    start_at: float = BREACH_AT
    lease_ttl: float | None = None
    decisions: list[Decision] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sources: SourceSet = build_demo(self.config, self.clock, start_at=self.start_at)
        sources = self.sources
        self.dashboard = Dashboard(self.config, sources.info, sources.metric_sources, self.clock)
        extra = action_executors(self.config, {}, demo=True, flags=sources.flags)
        self.runbook: Runbook = build_runbook(
            self.config.runbook, demo=True, dry_run=self.dry_run, simulate=sources.apply,
            extra=extra, flags=True,
        )  # fmt: skip
        self.host: GuardHost = build_host(
            self.config, self.config.autorollback, self.dashboard, lambda: self.runbook,
            dry_run=self.dry_run, store=self.store, emit=self.decisions.append,
            clock=self.clock, lease_ttl=self.lease_ttl,
        )  # fmt: skip

    async def poll(self, source: Source | None = None) -> PollOutcome:
        """One poll of `source` (the simulated launch), ingested and observed."""
        outcome = await poll_once(source or self.sources.sources[0], self.clock)
        self.dashboard.ingest(outcome)
        self.host.observe(outcome)
        return outcome

    async def second(self, polls: int = 1) -> None:
        """One second passes: the launch is polled `polls` times, the guard ticks."""
        self.clock.now += 1.0
        for _ in range(polls):
            await self.poll()
        await self.host.tick()
        await self.host.idle()

    async def run_for(self, seconds: int) -> None:
        for _ in range(seconds):
            await self.second()

    def flag_changes(self) -> list[str]:
        """What the simulated flag service was asked to change."""
        sim = self.sources.sim
        assert sim is not None
        return sim.flags.changes

    def kinds(self) -> list[str]:
        return [d.kind for d in self.decisions if d.kind != "evaluated"]

    def audit(self) -> list[dict[str, Any]]:
        path = Path(self.config.runbook.audit_path or "")
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines()]

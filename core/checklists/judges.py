"""One pure function per automatic kind: the data in, a state and its evidence out.

Missing data is UNKNOWN, never DONE. Nothing here reads a clock, a file or a source: the
callers pass what was gathered, so each judgement can be tested on recorded data.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from warroom.core.check import CheckCode, check
from warroom.core.checklists.config import (
    AtlasBackupRecent,
    FlagsAtStage,
    MetricsWithinTargets,
    MonitoredFor,
    NoTriggerSince,
    RunbookStepDone,
    SourceHealthy,
)
from warroom.core.checklists.record import Coverage
from warroom.core.checklists.state import ItemState, Judgement
from warroom.core.dashboard import Dashboard
from warroom.core.format import format_age
from warroom.core.model import Alert, SourceHealth, SourceState
from warroom.core.plan import Stage

BACKUP_SOURCE = "atlas_backups"
HOUR = 3600.0


def backup_metric(cluster: str) -> str:
    """The reading that carries a cluster's newest completed snapshot time (epoch seconds)."""
    return f"atlas_backup:{cluster}"


class RolloutSource(Protocol):
    """Where the flags' rollout percentage comes from: today the dashboard (fed by the
    simulated launch's `rollout_pct`), later the feature-flag source."""

    def rollout_pct(self) -> float | None: ...


def utc(ts: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(ts))


def _span(seconds: float) -> str:
    hours, rest = divmod(max(0.0, seconds), HOUR)
    return f"{hours:.0f} h {rest // 60:.0f} min" if hours else f"{rest // 60:.0f} min"


def metrics_within_targets(
    rule: MetricsWithinTargets, dashboard: Dashboard, now: float
) -> Judgement:
    """Judged exactly as `warroom check` judges, with its deciding metrics as evidence: ok is
    done, warn is open (not yet on target), crit or a fired trigger failed, a blind trigger,
    a failed source or no data unknown."""
    verdict = check(dashboard, now, rule.tabs or None)
    where = f" on {', '.join(rule.tabs)}" if rule.tabs else ""
    state = _CHECK_STATE[verdict.code]
    if verdict.code is CheckCode.OK:
        return Judgement(state, f"check: ok — {verdict.judged} metrics{where} within targets")
    names = [e.label for e in verdict.evidence]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    if not shown:
        shown = "no metric had data to judge"
    if verdict.code is CheckCode.ROLLBACK:  # triggers count whatever the tabs
        return Judgement(state, f"check: rollback trigger fired — {shown}")
    return Judgement(state, f"check: {verdict.code.name.lower()}{where} — {shown}")


_CHECK_STATE = {
    CheckCode.OK: ItemState.DONE,
    CheckCode.WARN: ItemState.OPEN,
    CheckCode.CRIT: ItemState.FAILED,
    CheckCode.ROLLBACK: ItemState.FAILED,
    CheckCode.UNKNOWN: ItemState.UNKNOWN,
}


def source_healthy(rule: SourceHealthy, health: Sequence[SourceHealth]) -> Judgement:
    by_name = {h.name: h for h in health}
    if rule.sources:
        missing = [n for n in rule.sources if n not in by_name]
        if missing:
            return Judgement(ItemState.UNKNOWN, f"not polled in this run: {', '.join(missing)}")
        watched = [by_name[n] for n in rule.sources]
    else:
        watched = [h for h in health if h.state is not SourceState.DISABLED]
        if not watched:
            return Judgement(ItemState.UNKNOWN, "no source is configured")
    down = [h for h in watched if h.state is SourceState.DOWN]
    if down:
        why = "; ".join(f"{h.name} down: {h.error or '?'}" for h in down)
        return Judgement(ItemState.FAILED, why)
    off = [h for h in watched if h.state is SourceState.DISABLED]
    if off:
        why = "; ".join(f"{h.name} not configured: {h.error or '?'}" for h in off)
        return Judgement(ItemState.UNKNOWN, why)
    waiting = [h.name for h in watched if h.state is SourceState.STARTING]
    if waiting:
        return Judgement(ItemState.UNKNOWN, f"waiting for the first poll of {', '.join(waiting)}")
    names = ", ".join(h.name for h in watched)
    return Judgement(ItemState.DONE, f"answering: {names}")


def flags_at_stage(
    rule: FlagsAtStage, rollout: RolloutSource, stages: Sequence[Stage]
) -> Judgement:
    pct = rollout.rollout_pct()
    if pct is None:
        return Judgement(ItemState.UNKNOWN, "no rollout percentage reported by a flag source")
    reached = [s for s in stages if s.pct <= pct + 1e-9]
    label = f" ({reached[-1].label})" if reached else ""
    state = ItemState.DONE if pct + 1e-9 >= rule.pct else ItemState.OPEN
    return Judgement(state, f"rollout at {pct:g}%{label}; needs ≥ {rule.pct:g}%")


def monitored_for(rule: MonitoredFor, coverage: Coverage | str, now: float) -> Judgement:
    """`coverage` is the recorded coverage, or why it could not be read."""
    if isinstance(coverage, str):
        return Judgement(ItemState.UNKNOWN, coverage)
    need = rule.hours * HOUR
    gap = rule.max_gap_minutes * 60
    since = coverage.continuous_since(gap, now)
    if since is None:
        if coverage.last is None:
            return Judgement(
                ItemState.OPEN, f"no successful poll recorded in the last {rule.hours:g} h"
            )
        quiet = format_age(now - coverage.last)
        return Judgement(ItemState.OPEN, f"no successful poll for {quiet}: monitoring stopped?")
    limit = f"no gap over {rule.max_gap_minutes:g} min"
    if now - since >= need - 1e-6:
        return Judgement(ItemState.DONE, f"{rule.hours:g} h monitored, {limit}")
    return Judgement(
        ItemState.OPEN,
        f"{_span(now - since)} of {rule.hours:g} h monitored ({limit}, since {utc(since)})",
    )


def no_trigger_since(
    rule: NoTriggerSince,
    coverage: Coverage | str,
    trigger_times: Mapping[str, float] | str,
    firing: Sequence[Alert],
    now: float,
) -> Judgement:
    """`firing` are the triggers holding now; the record says what held before."""
    watched = set(rule.triggers)
    live = [a for a in firing if not watched or a.rule in watched]
    if live:
        return Judgement(ItemState.FAILED, f"firing now: {', '.join(a.message for a in live)}")
    if isinstance(coverage, str):
        return Judgement(ItemState.UNKNOWN, coverage)
    if isinstance(trigger_times, str):
        return Judgement(ItemState.UNKNOWN, trigger_times)
    start = now - rule.hours * HOUR
    since = coverage.continuous_since(rule.max_gap_minutes * 60, now)
    if since is None or since > start + 1e-6:
        known = "nothing recorded" if since is None else f"recorded only since {utc(since)}"
        return Judgement(ItemState.UNKNOWN, f"{known}: a trigger before would not be known")
    held = {k: t for k, t in trigger_times.items() if t >= start and (not watched or k in watched)}
    if held:
        rule_id, last = max(held.items(), key=lambda kv: kv[1])
        clear_in = _span(last + rule.hours * HOUR - now)
        return Judgement(
            ItemState.OPEN, f"{rule_id} held at {utc(last)}; {clear_in} more without one"
        )
    return Judgement(ItemState.DONE, f"no rollback trigger in the last {rule.hours:g} h")


def runbook_step_done(
    rule: RunbookStepDone, records: Sequence[Mapping[str, Any]] | str, demo: bool
) -> Judgement:
    """The step's latest attempt in the audit log (records of this kind of session only)."""
    if isinstance(records, str):
        return Judgement(ItemState.UNKNOWN, records)
    latest: Mapping[str, Any] | None = None
    for record in records:
        if record.get("step") != rule.step or bool(record.get("demo")) != demo:
            continue
        if record.get("event") in ("started", "finished", "dry_run"):
            latest = record
    if latest is None:
        return Judgement(ItemState.OPEN, f"runbook step {rule.step} not run yet")
    who = f"{latest.get('user', '?')}@{latest.get('host', '?')} {latest.get('ts', '?')}"
    event, outcome = latest.get("event"), latest.get("outcome")
    if event == "started":
        return Judgement(ItemState.UNKNOWN, f"started by {who}, no outcome recorded")
    if event == "dry_run":
        return Judgement(ItemState.OPEN, f"only a dry run, by {who}")
    if outcome == "done":
        return Judgement(ItemState.DONE, f"runbook: done by {who}")
    state = ItemState.FAILED if outcome == "failed" else ItemState.OPEN
    return Judgement(state, f"runbook: {outcome} by {who}: {latest.get('detail', '')}".rstrip(": "))


def atlas_backup_recent(rule: AtlasBackupRecent, dashboard: Dashboard, now: float) -> Judgement:
    """From the `atlas_backups` source's reading: the newest completed snapshot's time."""
    health = next((h for h in dashboard.health() if h.name == BACKUP_SOURCE), None)
    if health is None:
        return Judgement(ItemState.UNKNOWN, "no Atlas backup source: Atlas is not configured")
    latest = dashboard.store.latest(backup_metric(rule.cluster))
    if latest is None:
        if health.state in (SourceState.DOWN, SourceState.DISABLED):
            return Judgement(ItemState.UNKNOWN, f"{BACKUP_SOURCE}: {health.error or 'down'}")
        return Judgement(ItemState.UNKNOWN, f"waiting for the first backup poll of {rule.cluster}")
    checked, snapshot = latest
    stale = "" if health.state is SourceState.OK else f" (checked {format_age(now - checked)} ago)"
    if snapshot is None:
        return Judgement(ItemState.OPEN, f"{rule.cluster}: no completed snapshot{stale}")
    age = now - snapshot
    state = ItemState.DONE if age < rule.hours * HOUR else ItemState.OPEN
    return Judgement(
        state,
        f"{rule.cluster}: newest snapshot {utc(snapshot)}, {format_age(age)} old; "
        f"needs < {rule.hours:g} h{stale}",
    )

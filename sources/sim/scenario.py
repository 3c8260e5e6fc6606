"""The simulated launch's script, as pure functions of elapsed simulated seconds.

Timeline at speed 1 (seconds since start):
    0   rollout 5 % (internal beta)      30  rollout 15 % (closed beta)
    60  rollout 50 % (open beta)         75  incident begins and ramps for 35 s
    ~84 high-priority alert: error rate > 0.5 %
    ~94 rollback trigger: error rate > 1 %, then API response > 2 s, DB failures > 5 %,
        page load > 5 s as the incident peaks; it lasts until a revert is applied.
A revert (or disabling the feature flags) fades the incident out over RECOVERY seconds and
takes the rollout back to 0 %. Switching traffic to backup servers halves it. The stage flag's
percentage follows the script until the operator sets one through the flag interface.
"""

from __future__ import annotations

import functools
import math
import random
from dataclasses import dataclass

STAGES = ((0.0, 5.0), (30.0, 15.0), (60.0, 50.0))
INCIDENT_START = 75.0
INCIDENT_RAMP = 35.0
RECOVERY = 20.0


@dataclass(frozen=True, slots=True)
class Interventions:
    """Elapsed simulated seconds at which each runbook operation was applied (None: never)."""

    reverted_at: float | None = None
    flags_off_at: float | None = None
    traffic_switched_at: float | None = None
    rollout_set: tuple[float, float] | None = None
    """(elapsed, pct) of the last rollout the operator set through the flag interface."""


def flag_on(elapsed: float, done: Interventions) -> bool:
    return done.flags_off_at is None or elapsed < done.flags_off_at


def stored_pct(elapsed: float, done: Interventions) -> float:
    """The stage flag's percentage, kept while it is off; a revert resets it to 0."""
    if done.reverted_at is not None and elapsed >= done.reverted_at:
        return 0.0
    if done.rollout_set is not None and elapsed >= done.rollout_set[0]:
        return done.rollout_set[1]
    pct = 0.0
    for start, stage_pct in STAGES:
        if elapsed >= start:
            pct = stage_pct
    return pct


def rollout_pct(elapsed: float, done: Interventions) -> float:
    """The share of users served the new version."""
    return stored_pct(elapsed, done) if flag_on(elapsed, done) else 0.0


def value_since(elapsed: float, done: Interventions) -> float:
    """Elapsed seconds at which the stage flag's current value took effect."""
    if done.rollout_set is not None and done.rollout_set[0] <= elapsed:
        moments = [done.rollout_set[0]]  # the operator took over from the script
    else:
        moments = [start for start, _ in STAGES if start <= elapsed]
    moments += [t for t in (done.reverted_at, done.flags_off_at) if t is not None]
    return max([0.0, *(m for m in moments if m <= elapsed)])


def incident(elapsed: float, done: Interventions) -> float:
    """Incident intensity from 0 (healthy) to 1 (full outage of the new feature)."""
    level = min(1.0, max(0.0, (elapsed - INCIDENT_START) / INCIDENT_RAMP))
    stopped = _first(done.reverted_at, done.flags_off_at)
    if stopped is not None and elapsed >= stopped:
        level = min(level, _level_at(stopped)) * max(0.0, 1 - (elapsed - stopped) / RECOVERY)
    if done.traffic_switched_at is not None and elapsed >= done.traffic_switched_at:
        level *= 0.5
    return level


def _level_at(elapsed: float) -> float:
    return min(1.0, max(0.0, (elapsed - INCIDENT_START) / INCIDENT_RAMP))


def _first(*times: float | None) -> float | None:
    given = [t for t in times if t is not None]
    return min(given) if given else None


def noise(seed: int, metric: str, tick: int, scale: float) -> float:
    """Deterministic jitter: the same seed, metric and second always give the same value."""
    return random.Random(f"{seed}:{metric}:{tick}").gauss(0.0, scale)


# Engineering metrics: (healthy value, added at full incident, noise scale).
ENGINEERING = {
    "error_rate": (0.05, 1.75, 0.01),
    "api_response": (320.0, 3200.0, 15.0),
    "page_load": (1.3, 4.5, 0.03),
    "failed_requests": (0.2, 2.3, 0.02),
    "db_conn_failures": (0.4, 6.6, 0.05),
    "component_render": (60.0, 80.0, 2.0),
}


# Context metrics of the vendor adapters (no thresholds in the plan): same shape.
CONTEXT = {
    "mongo_conn_used": (22.0, 60.0, 1.0),
    "mongo_connections": (180.0, 450.0, 5.0),
    "mongo_reads": (850.0, 400.0, 30.0),
    "mongo_writes": (120.0, 60.0, 8.0),
    "mongo_commands": (300.0, 200.0, 15.0),
    "mongo_read_latency": (1.2, 40.0, 0.1),
    "mongo_write_latency": (2.5, 60.0, 0.2),
    "mongo_command_latency": (0.8, 25.0, 0.05),
    "mongo_net_in": (900.0, 500.0, 30.0),
    "mongo_net_out": (4200.0, 2500.0, 100.0),
    "mongo_cache_fill": (62.0, 25.0, 0.5),
    "mongo_repl_lag": (0.4, 6.0, 0.1),
    "sentry_errors": (3.0, 180.0, 0.5),
    "crash_free_sessions": (99.7, -4.0, 0.02),
    "crash_free_sessions_current": (99.7, -4.0, 0.02),
    "crash_free_users": (99.8, -3.0, 0.02),
    "crash_free_users_current": (99.8, -3.0, 0.02),
    # The New Relic plan's two extra tiles (`config init --apm newrelic`).
    "api_response_p95": (650.0, 5200.0, 30.0),
    "largest_contentful_paint": (1.9, 4.0, 0.05),
}


@functools.cache  # pure, and asked for every second per KPI: seeding a generator is the cost
def kpi_final(seed: int, metric: str, target: float) -> float:
    """Where an adoption KPI settles: within 85-115 % of its target, fixed per seed."""
    return target * random.Random(f"{seed}:{metric}:final").uniform(0.85, 1.15)


def kpi_value(start: float, final: float, elapsed: float) -> float:
    """Adoption climbs from `start` towards `final`, most of the way within ten minutes (and
    stays at `start` before the launch)."""
    progress = 1.0 - math.exp(-max(0.0, elapsed) / 200.0)
    return start + (final - start) * progress

"""The simulated launch: a real source behind the same interface as the vendor adapters.

Deterministic: the same seed and the same clock readings give the same data. The clock is
injectable and `speed` compresses simulated time, so tests can run the whole launch in seconds.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from warroom.core.chart.buckets import SPARK_STEP
from warroom.core.model import FetchResult, Issue, Reading
from warroom.core.plan import MetricDef
from warroom.core.rollout.config import RolloutConfig
from warroom.core.rollout.model import FlagState
from warroom.core.rollout.source import FlagSource
from warroom.core.settings.simulated import SimulatedSettings
from warroom.core.source import SourceBase
from warroom.sources.sim import scenario as scenario
from warroom.sources.sim.flags import SimFlagProvider
from warroom.sources.sim.issues import SupportDesk

Noise = Callable[[str, int, float], float]
"""Jitter for (metric, second, scale)."""

OPERATIONS = ("revert_deployment", "disable_feature_flags", "switch_traffic")


class SimulatedSource(SourceBase):
    simulated = True

    def __init__(
        self,
        metrics: Sequence[MetricDef],
        settings: SimulatedSettings | None = None,
        clock: Callable[[], float] = time.time,
        name: str = "sim",
        start_at: float = 0.0,
        rollout: RolloutConfig | None = None,
        baseline: float = 0.0,
    ) -> None:
        settings = settings or SimulatedSettings(enabled=True)
        self.name = name
        self.interval = settings.interval
        self.timeout = settings.timeout
        self.seed = settings.seed
        self.speed = settings.speed
        self._metrics = list(metrics)
        self._clock = clock
        # `start_at` skips ahead in the scenario (simulated seconds), e.g. straight to the incident.
        self._t0 = clock() - start_at / self.speed
        self._done = scenario.Interventions()
        self._desk = SupportDesk(self.seed)
        self._downtime = 0.0
        self._last_elapsed = self.elapsed()
        # The first poll also returns this many seconds from before the launch (see
        # `before_launch`); 0 for none, as tests that count columns want.
        self._baseline = baseline
        rollout = rollout or RolloutConfig()
        self.flags = SimFlagProvider(self, rollout.demo_flags(), rollout.environment)
        """The launch's flag service, behind the interface real ones implement."""
        self._flag_source = FlagSource(
            self.flags, rollout, self.flags.flags, name=name, clock=clock
        )

    # ------------------------------------------------------------------ operations

    def elapsed(self) -> float:
        """Simulated seconds since the launch started."""
        return max(0.0, (self._clock() - self._t0) * self.speed)

    def apply(self, operation: str) -> str:
        """Applies a runbook operation to the launch. Returns what it did.

        Raises:
            ValueError: for an operation the simulation does not know.
        """
        now = self.elapsed()
        if operation == "revert_deployment":
            self._done = replace(self._done, reverted_at=self._done.reverted_at or now)
            return "deployment reverted to the previous version (simulated)"
        if operation == "disable_feature_flags":
            self._done = replace(self._done, flags_off_at=self._done.flags_off_at or now)
            return "profile-enhancement feature flags disabled (simulated)"
        if operation == "switch_traffic":
            switched = self._done.traffic_switched_at or now
            self._done = replace(self._done, traffic_switched_at=switched)
            return "traffic switched to backup servers (simulated)"
        raise ValueError(
            f"unknown simulated operation {operation!r}; known: {', '.join(OPERATIONS)}"
        )

    def set_rollout(self, pct: float) -> str:
        """Sets the stage flag's percentage (the operator takes over from the script)."""
        self._done = replace(self._done, rollout_set=(self.elapsed(), pct))
        return f"rollout set to {pct:g}% (simulated)"

    def flag_state(self, key: str, environment: str) -> FlagState:
        """A launch flag now: every flag shares the simulation's switch and percentage."""
        elapsed = self.elapsed()
        since = self._t0 + scenario.value_since(elapsed, self._done) / self.speed
        return FlagState(
            key,
            environment,
            on=scenario.flag_on(elapsed, self._done),
            pct=scenario.stored_pct(elapsed, self._done),
            version=f"{since:.3f}",
            changed_at=since,
            changed_by="simulation",
        )

    # ------------------------------------------------------------------ polling

    async def fetch(self) -> FetchResult:
        # The rollout comes through the flag interface, as from a real flag service.
        flags = await self._flag_source.fetch()
        elapsed = self.elapsed()
        ts = self._clock()
        level = scenario.incident(elapsed, self._done)
        self._accumulate_downtime(elapsed, level)
        tick = int(elapsed)
        issues = self._desk.issues(elapsed, level, ts)
        readings = self._baseline_readings()
        readings += flags.readings
        readings += [
            Reading(m.id, ts, self._value(m, elapsed, level, tick, issues)) for m in self._metrics
        ]
        info = {"scenario": f"t+{elapsed:.0f}s", "speed": f"x{self.speed:g}"}
        return FetchResult(
            readings=tuple(readings), issues=tuple(issues), info=info, rollout=flags.rollout
        )

    def _baseline_readings(self) -> list[Reading]:
        """The baseline, on the first poll only."""
        seconds, self._baseline = self._baseline, 0.0
        if seconds <= 0:
            return []
        points = self.before_launch(seconds, SPARK_STEP)
        return [Reading(m, ts, value) for m, series in points.items() for ts, value in series]

    def before_launch(self, seconds: float, step: float) -> dict[str, list[tuple[float, float]]]:
        """The `seconds` of wall clock before the launch opened, one point per `step`: the
        flag at 0 %, no incident, no support issues yet. The demo draws them as its
        sparklines' first columns, as a war room opened ahead of the launch would show.

        Returns:
            (ts, value) oldest first, per metric; no state of the scenario is changed.
        """
        count = int(seconds // step)
        points: dict[str, list[tuple[float, float]]] = {m.id: [] for m in self._metrics}
        # One generator for the whole baseline: seeding one per value (as `scenario.noise`
        # does, so that a second's values never depend on the ones before) costs ~60 ms here.
        rng = random.Random(f"{self.seed}:before-launch")

        def noise(metric: str, tick: int, scale: float) -> float:
            return rng.gauss(0.0, scale)

        for k in range(count, 0, -1):
            elapsed = -k * step * self.speed
            tick = math.floor(elapsed)
            for m in self._metrics:
                value = self._value(m, elapsed, 0.0, tick, [], noise)
                points[m.id].append((self._t0 - k * step, value))
        return points

    def _noise(self, metric: str, tick: int, scale: float) -> float:
        return scenario.noise(self.seed, metric, tick, scale)

    def _accumulate_downtime(self, elapsed: float, level: float) -> None:
        # Uptime is cumulative, so it is integrated poll by poll rather than recomputed.
        step = max(0.0, elapsed - self._last_elapsed)
        self._downtime += step * level * 0.02
        self._last_elapsed = elapsed

    def _value(
        self,
        metric: MetricDef,
        elapsed: float,
        level: float,
        tick: int,
        issues: list[Issue],
        noise: Noise | None = None,
    ) -> float:
        noise = noise or self._noise
        jitter = noise(metric.id, tick, 1.0)
        shape = scenario.ENGINEERING.get(metric.id) or scenario.CONTEXT.get(metric.id)
        if shape is not None:
            healthy, added, scale = shape
            value = max(0.0, healthy + added * level + jitter * scale)
            return min(value, 100.0) if metric.unit == "%" else value
        special = self._special(metric.id, elapsed, level, tick, issues, noise)
        if special is not None:
            return special
        return self._generic(metric, elapsed, level, jitter)

    def _special(
        self,
        metric_id: str,
        elapsed: float,
        level: float,
        tick: int,
        issues: list[Issue],
        noise: Noise,
    ) -> float | None:
        if metric_id == "uptime":
            return round(100.0 - 0.01 - 100.0 * self._downtime / max(elapsed, 60.0), 3)
        if metric_id == "request_rate":
            pct = scenario.rollout_pct(elapsed, self._done)
            return 1000.0 + 40.0 * pct + noise(metric_id, tick, 25.0)
        if metric_id == "open_issues":
            return float(len(issues))
        if metric_id == "new_issues":
            return float(sum(1 for i in issues if i.is_new))
        if metric_id == "release_adoption":  # the new release's share follows the rollout
            return scenario.rollout_pct(elapsed, self._done) * 0.97
        if metric_id == "ticket_volume":
            return float(self._desk.tickets_last_hour(elapsed))
        if metric_id == "profile_tickets":
            return float(self._desk.tickets_last_hour(elapsed, profile_only=True))
        if metric_id == "satisfaction":
            return 92.0 - 9.0 * level + noise(metric_id, tick, 0.3)
        return None

    def _generic(self, metric: MetricDef, elapsed: float, level: float, jitter: float) -> float:
        """KPIs head towards a seeded share of their target; others hover below their limits."""
        if metric.bad == "below" and metric.target is not None:
            # Launch day opens a little above the baseline; no baseline: well short of target.
            start = metric.baseline + 1.0 if metric.baseline is not None else metric.target * 0.6
            final = scenario.kpi_final(self.seed, metric.id, metric.target)
            value = scenario.kpi_value(start, final, elapsed) - 3.0 * level
            return value + jitter * abs(metric.target) * 0.005
        if metric.bad == "above" and metric.target is not None and metric.baseline is not None:
            # A change that should fall (support tickets): heads to its target, rises in incident.
            final = scenario.kpi_final(self.seed, metric.id, metric.target)
            start = metric.baseline - 2.0  # launch day opens a little better than the baseline
            return scenario.kpi_value(start, final, elapsed) + 25.0 * level + jitter * 0.3
        limit = metric.warn if metric.warn is not None else metric.crit
        if limit is not None:
            return max(0.0, limit * (0.5 + 0.6 * level) + jitter * abs(limit) * 0.02)
        return 100.0 + jitter * 2.0

"""The live state of the war room: poll outcomes in, metric views, alerts and triggers out.

It is the one place that combines the store, the sources' health and the plan's rules, so the
TUI, `snapshot`, `check` and the collector all judge the data the same way. Views draw from
`frame`: one frozen `DashboardFrame` per moment, computed once however often it is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import TypeVar

from warroom.core.chart.buckets import SPARK_COLUMNS, ColumnMemo
from warroom.core.config import Config
from warroom.core.frame import DashboardFrame, FrameRequest, MetricView, Records
from warroom.core.model import (
    Alert,
    ExternalAlert,
    Issue,
    Monitor,
    Reading,
    SlowOp,
    SourceHealth,
    SourceState,
    Status,
)
from warroom.core.plan import MetricDef
from warroom.core.poller import PollOutcome
from warroom.core.rollout.model import RolloutState
from warroom.core.rollout.view import RolloutView, rollout_view
from warroom.core.rules import (
    BlindTrigger,
    blind_triggers,
    fired_triggers,
    metric_status,
    room_status,
    threshold_alerts,
    trend_alerts,
    undersampled,
)
from warroom.core.store import MetricStore

_T = TypeVar("_T")
ROLLOUT_METRIC = "rollout_pct"
STALE_POLLS = 3.0  # a value is stale after this many missed polls of its source
FEW_SAMPLES = "too few samples yet"
SHARE_SLACK = 1.0  # percentage points a share may overshoot 0–100 and still be clamped


@dataclass(frozen=True, slots=True)
class SourceInfo:
    interval: float
    simulated: bool = False
    disabled_reason: str | None = None


class Dashboard:
    def __init__(
        self,
        config: Config,
        sources: Mapping[str, SourceInfo],
        metric_sources: Mapping[str, str],
        clock: Callable[[], float],
    ) -> None:
        self.config = config
        self.store = MetricStore()
        self._columns = ColumnMemo(SPARK_COLUMNS)
        self._clock = clock
        self._sources = dict(sources)
        self._metric_sources = dict(metric_sources)
        self._metrics = {m.id: m for m in config.metrics}
        self._health = {
            name: SourceHealth(
                name,
                SourceState.DISABLED if info.disabled_reason else SourceState.STARTING,
                error=info.disabled_reason,
                simulated=info.simulated,
            )
            for name, info in sources.items()
        }
        self._issues: dict[str, tuple[Issue, ...]] = {}
        self._monitors: dict[str, tuple[Monitor, ...]] = {}
        self._slow_ops: dict[str, tuple[SlowOp, ...]] = {}
        self._external: dict[str, tuple[ExternalAlert, ...]] = {}
        self._problems: dict[str, Mapping[str, str]] = {}
        """Per source: the metric problems of its last successful poll."""
        self._out_of_range: dict[str, str] = {}
        self._since: dict[str, float] = {}
        self._rollout: tuple[str, RolloutState] | None = None
        """The latest launch flags, and the name of the flag source that read them."""
        self.generation = 0
        """Counts ingested outcomes, so views can skip work when nothing arrived."""
        self._latest_cache: tuple[int, dict[str, float | None]] | None = None
        self._trend_cache: tuple[int, list[Alert]] | None = None
        self._frames: dict[FrameRequest, DashboardFrame] = {}
        self._frames_moment: tuple[int, int] | None = None

    # ------------------------------------------------------------------ ingest

    def ingest(self, outcome: PollOutcome) -> set[str]:
        """Applies one poll outcome. Returns the ids of metrics that got new readings."""
        self.generation += 1
        name = outcome.source
        old = self._health.get(name, SourceHealth(name, SourceState.STARTING))
        if outcome.error is not None:
            self._health[name] = replace(
                old,
                state=SourceState.DOWN,
                latency=outcome.latency,
                error=outcome.error.reason,
                # The last good poll's facts (a rate-limit budget of "59/60 left") would be
                # stale beside the error: they go until the next good poll.
                info=MappingProxyType({}),
                retry_at=outcome.started + outcome.latency + outcome.next_in,
            )
            return self._store_readings(outcome.error.readings)
        result = outcome.result
        assert result is not None
        slowed = outcome.next_in > self._sources.get(name, SourceInfo(0)).interval * 1.5
        self._health[name] = replace(
            old,
            state=SourceState.SLOWED if slowed else SourceState.OK,
            latency=outcome.latency,
            last_ok=outcome.started + outcome.latency,
            error=None,
            info=result.info,
            retry_at=None,
        )
        changed = self._store_readings(result.readings)
        if result.issues is not None:
            self._issues[name] = result.issues
        if result.monitors is not None:
            self._monitors[name] = result.monitors
        if result.slow_ops is not None:
            self._slow_ops[name] = result.slow_ops
        self._external[name] = result.alerts
        if result.rollout is not None:
            self._rollout = (name, result.rollout)
        self._problems[name] = result.problems
        return changed

    def _store_readings(self, readings: Iterable[Reading]) -> set[str]:
        changed = set()
        for reading in readings:
            metric = self._metrics.get(reading.metric)
            value = reading.value
            if metric is not None and value is not None and metric.is_share:
                value = self._share(reading.metric, value)
            self.store.add(reading.metric, reading.ts, value, reading.samples)
            changed.add(reading.metric)
        return changed

    def _share(self, metric_id: str, value: float) -> float | None:
        """A percentage of a whole as stored: a rounding slip (100.4, -0.2) is clamped into
        0–100; a value further out is a gap, and the tile says why instead of drawing it."""
        if -SHARE_SLACK <= value <= 100.0 + SHARE_SLACK:
            self._out_of_range.pop(metric_id, None)
            return min(100.0, max(0.0, value))
        self._out_of_range[metric_id] = f"reported {value:g} % of a whole, outside 0–100"
        return None

    def problem(self, metric_id: str) -> str | None:
        """Why the metric's source has no usable value for it now, None when it has one."""
        found = self._problems.get(self.source_of(metric_id), {}).get(metric_id)
        return found or self._out_of_range.get(metric_id)

    # ------------------------------------------------------------------ metrics

    def source_of(self, metric_id: str) -> str:
        return self._metric_sources.get(metric_id, self._metrics[metric_id].source)

    def stale_after(self, metric: MetricDef) -> float:
        if metric.stale_after is not None:
            return metric.stale_after
        info = self._sources.get(self.source_of(metric.id))
        return STALE_POLLS * (info.interval if info else 30.0)

    def status(self, metric_id: str, now: float) -> Status:
        """The status of one metric at `now` (cheaper than a full view)."""
        metric = self._metrics[metric_id]
        last = self.store.last_value(metric_id)
        value, age = (None, None) if last is None else (last[1], max(0.0, now - last[0]))
        return metric_status(metric, value, age, self.stale_after(metric))

    def view(self, metric_id: str, now: float | None = None) -> MetricView:
        """The tile view of one metric at `now`. Raises KeyError for an unknown id."""
        now = self._clock() if now is None else now
        metric = self._metrics[metric_id]
        last = self.store.last_value(metric_id)
        value, age = (None, None) if last is None else (last[1], max(0.0, now - last[0]))
        source = self.source_of(metric_id)
        info = self._sources.get(source)
        return MetricView(
            metric=metric,
            value=value,
            age=age,
            status=metric_status(metric, value, age, self.stale_after(metric)),
            history=self._columns.columns(metric_id, self.store.points(metric_id), now),
            source=source,
            simulated=bool(info and info.simulated),
            problem=self.problem(metric_id),
        )

    def frame(self, request: FrameRequest, now: float | None = None) -> DashboardFrame:
        """The frozen view at `now` of what `request` asks for. It is computed once per
        (generation, clock second, request): every view of the same moment gets the same
        frame, as the screen only changes when a poll arrives or the clock ticks a second.

        Raises:
            KeyError: the request's detail metric is not in the plan.
        """
        now = self._clock() if now is None else now
        moment = (self.generation, int(now))
        if moment != self._frames_moment:
            self._frames = {}
            self._frames_moment = moment
        cached = self._frames.get(request)
        if cached is None:
            cached = self._frames[request] = self._build_frame(now, request)
        return cached

    def _build_frame(self, now: float, request: FrameRequest) -> DashboardFrame:
        on_tab = {tab: self.config.metrics_on(tab) for tab in request.tabs}
        wanted = {m.id for metrics in on_tab.values() for m in metrics}
        wanted.update(m for m in request.metrics if m in self._metrics)
        if request.detail is not None:
            if request.detail not in self._metrics:
                raise KeyError(request.detail)
            wanted.add(request.detail)
        views = {m: self.view(m, now) for m in self._metrics if m in wanted}
        # The tiles' statuses are already judged: only the other metrics are judged again.
        statuses = {
            m: views[m].status if m in views else self.status(m, now) for m in self._metrics
        }
        triggers = tuple(self.triggers(now))
        blind = tuple(self.blind(statuses, triggers))
        return DashboardFrame(
            now=now,
            generation=self.generation,
            request=request,
            launch=self.config.launch.name,
            rollout_pct=self.rollout_pct(),
            overall=room_status(statuses.values(), bool(blind)),
            triggers=triggers,
            alerts=tuple(self.alerts(now)),
            blind=blind,
            metrics=MappingProxyType(views),
            tiles=MappingProxyType(
                {tab: tuple(views[m.id] for m in metrics) for tab, metrics in on_tab.items()}
            ),
            records=self._records(),
            sources=tuple(self._health.values()),
            detail_series=tuple(self.store.series(request.detail)) if request.detail else (),
            rollout=self.rollout(now),
        )

    def latest_values(self) -> dict[str, float | None]:
        """The newest non-gap value of every plan metric (None when it never reported)."""
        if self._latest_cache is not None and self._latest_cache[0] == self.generation:
            return dict(self._latest_cache[1])
        out: dict[str, float | None] = {}
        for metric_id in self._metrics:
            last = self.store.last_value(metric_id)
            out[metric_id] = None if last is None else last[1]
        self._latest_cache = (self.generation, out)
        return dict(out)

    def rollout_pct(self) -> float | None:
        last = self.store.last_value(ROLLOUT_METRIC)
        return None if last is None else last[1]

    def rollout(self, now: float) -> RolloutView | None:
        """The launch flags at `now` among the plan's stages; None before a flag source read."""
        if self._rollout is None:
            return None
        name, state = self._rollout
        info = self._sources.get(name)
        stale_after = STALE_POLLS * (info.interval if info else 30.0)
        health = self._health.get(name, SourceHealth(name, SourceState.OK))
        return rollout_view(self.config.stages, state, health, now, stale_after)

    # ------------------------------------------------------------------ rules

    def alerts(self, now: float | None = None) -> list[Alert]:
        """Active alerts of the plan and the vendors, highest priority first.

        Rules judge the last known value even when it is stale: a trigger must not vanish just
        because its source went down mid-incident.
        """
        now = self._clock() if now is None else now
        latest = self.latest_values()
        raised = threshold_alerts(self.config.alerts, latest)
        # Trends look at minutes of history; evaluating them once per ingest is plenty.
        raised += self._trends(now)
        raised += [
            Alert(f"{a.source}:{a.key}", a.priority, "", a.message)
            for alerts in self._external.values()
            for a in alerts
        ]
        return self._stamp(sorted(raised, key=lambda a: a.priority.rank), now, "alert")

    def _trends(self, now: float) -> list[Alert]:
        cached = self._trend_cache
        if cached is not None and cached[0] == self.generation:
            return cached[1]
        series = {m: self.store.series(m) for t in self.config.trends for m in t.metrics}
        found = trend_alerts(self.config.trends, series, self._metrics, now)
        self._trend_cache = (self.generation, found)
        return found

    def triggers(self, now: float | None = None) -> list[Alert]:
        now = self._clock() if now is None else now
        return self._stamp(
            fired_triggers(self.config.triggers, self.latest_values(), self.undersampled()),
            now,
            "trigger",
        )

    def undersampled(self) -> frozenset[str]:
        """Metrics whose newest value rests on fewer samples than their `min_samples`."""
        return undersampled(self.config.metrics, self.store.samples())

    def blind(
        self, statuses: Mapping[str, Status], fired: Iterable[Alert] = ()
    ) -> list[BlindTrigger]:
        """Triggers that have not fired and cannot see their input (see `blind_triggers`); a
        trigger whose input rests on too few samples cannot see enough to fire, so it is blind
        too."""
        inputs = {t.metric for t in self.config.triggers}
        few = self.undersampled()
        problems = {
            m: self.problem(m) or (FEW_SAMPLES if m in few else None)
            for m in inputs
            if m in self._metrics
        }
        labels = {m: self._metrics[m].label for m in problems}
        fired_ids = [a.rule for a in fired]
        return blind_triggers(self.config.triggers, statuses, problems, fired_ids, labels)

    def _stamp(self, alerts: list[Alert], now: float, kind: str) -> list[Alert]:
        keys = {f"{kind}:{a.rule}" for a in alerts}
        for key in [k for k in self._since if k.startswith(f"{kind}:") and k not in keys]:
            del self._since[key]
        return [replace(a, since=self._since.setdefault(f"{kind}:{a.rule}", now)) for a in alerts]

    def overall(self, now: float | None = None) -> Status:
        """The room's status: the worst metric, never better than BLIND while a rollback
        trigger cannot see its input (stale and no-data tiles alone rank below warn)."""
        now = self._clock() if now is None else now
        statuses = {m: self.status(m, now) for m in self._metrics}
        return room_status(statuses.values(), bool(self.blind(statuses, self.triggers(now))))

    # ------------------------------------------------------------------ records

    def health(self) -> list[SourceHealth]:
        return list(self._health.values())

    def issues(self) -> list[Issue]:
        return sorted(_flatten(self._issues.values()), key=lambda i: (-i.count, i.key))

    def monitors(self) -> list[Monitor]:
        return list(_flatten(self._monitors.values()))

    def slow_ops(self) -> list[SlowOp]:
        return sorted(_flatten(self._slow_ops.values()), key=lambda o: -o.seconds)

    def _records(self) -> Records:
        """Every kind of record, None for a kind no source reports (see `Records`)."""
        return Records(
            issues=tuple(self.issues()) if self._issues else None,
            monitors=tuple(self.monitors()) if self._monitors else None,
            slow_ops=tuple(self.slow_ops()) if self._slow_ops else None,
        )


def _flatten(groups: Iterable[tuple[_T, ...]]) -> Iterable[_T]:
    for group in groups:
        yield from group

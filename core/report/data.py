"""What the daily review says, computed from the history: KPI statistics per tab, the success
criteria judged on the day, the event timeline and the series for the charts.

How a criterion is judged over a day: a rate or a latency (high values are bad, no baseline:
error rate, page load) on its time-weighted mean over the window, with its worst value as
evidence; everything else (uptime, adoption and business KPIs, changes against a baseline) on
its last value, because those are cumulative or settle over the day.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from warroom.core.checklists.state import PhaseView
from warroom.core.config import Config
from warroom.core.history.events import Event
from warroom.core.history.reader import HistoryReader
from warroom.core.plan import TABS, Comparison, MetricDef, Tab
from warroom.core.rules import CriterionResult, Verdict, compare, evaluate_criteria, metric_status

Series = list[tuple[float, float]]
CHART_POINTS = 240


@dataclass(frozen=True, slots=True)
class MetricStats:
    metric: MetricDef
    samples: int
    last: float | None = None
    mean: float | None = None
    low: float | None = None
    high: float | None = None
    peak_at: float | None = None
    """When the worst value (high for bad-above, low for bad-below) was seen."""

    @property
    def judged(self) -> float | None:
        """The value a criterion on this metric is judged on (see the module docstring)."""
        return self.mean if self.averaged else self.last

    @property
    def averaged(self) -> bool:
        """True for rates and latencies, judged on the day's mean rather than the last value."""
        return self.metric.bad == "above" and self.metric.baseline is None

    @property
    def status(self) -> str:
        """The plan's status of the last value: ok, warn, crit or no-data."""
        return metric_status(self.metric, self.last, 0.0, 1.0).value

    @property
    def on_target(self) -> str:
        """met / not met against the tile's target, "—" without target or data."""
        value, target = self.judged, self.metric.target
        if value is None or target is None:
            return "—"
        op: Comparison = "<=" if self.metric.bad == "above" else ">="
        return "met" if compare(op, value, target) else "not met"


@dataclass(frozen=True, slots=True)
class Review:
    launch: str
    start: float
    end: float
    tabs: dict[Tab, list[MetricStats]]
    criteria: list[CriterionResult]
    timeline: list[Event]
    charts: list[tuple[MetricDef, Series]]
    polls: int
    checklists: tuple[PhaseView, ...] = field(default=())
    """Each phase as it stood at the end of the window, with its evidence."""
    simulated: bool = False
    """The window is the simulated launch (`warroom demo`): every page says so."""


def stats_of(metric: MetricDef, points: Series, end: float) -> MetricStats:
    """Statistics of one metric's points; the mean is weighted by how long each value held."""
    if not points:
        return MetricStats(metric, 0)
    values = [v for _, v in points]
    spans = [b[0] - a[0] for a, b in itertools.pairwise(points)]
    spans.append(max(0.0, end - points[-1][0]) if len(points) > 1 else 1.0)
    total = sum(spans)
    mean = sum(v * s for v, s in zip(values, spans, strict=True)) / total if total else values[-1]
    worst = max if metric.bad == "above" else min
    peak_ts, _ = worst(points, key=lambda p: p[1])
    return MetricStats(
        metric, len(points), values[-1], mean, min(values), max(values), peak_at=peak_ts
    )


def build_review(
    config: Config,
    reader: HistoryReader,
    start: float,
    end: float,
    checklists: Sequence[PhaseView] = (),
) -> Review:
    """`checklists` are the phases at `end` (see core.checklists.review). Raises
    HistoryUnavailable when the file cannot be read."""
    series = reader.series(start, end)
    stats = {m.id: stats_of(m, series.get(m.id, []), end) for m in config.metrics}
    tabs = {tab: [stats[m.id] for m in config.metrics_on(tab)] for tab in TABS}
    judged = {mid: s.judged for mid, s in stats.items()}
    criteria = [_with_evidence(r, stats) for r in evaluate_criteria(config.criteria, judged)]
    charted = _chart_metrics(config)
    charts = [
        (config.metric(mid), downsample(series[mid], CHART_POINTS))
        for mid in charted
        if series.get(mid)
    ]
    polls = len(reader.times(start, end))
    return Review(
        config.launch.name,
        start,
        end,
        tabs,
        criteria,
        reader.events(start, end),
        charts,
        polls,
        tuple(checklists),
        simulated=reader.simulated,
    )


def _with_evidence(result: CriterionResult, stats: dict[str, MetricStats]) -> CriterionResult:
    metric_id = result.criterion.metric
    if result.verdict is Verdict.UNKNOWN or metric_id is None:
        return result
    s = stats[metric_id]
    how = "mean" if s.averaged else "last"
    worst = s.high if s.metric.bad == "above" else s.low
    crit = result.criterion
    evidence = (
        f"{how} {_num(s.judged)}{s.metric.unit} (needs {crit.op} {crit.threshold:g}); "
        f"worst {_num(worst)}{s.metric.unit}; {s.samples} samples"
    )
    return replace(result, evidence=evidence)


def _chart_metrics(config: Config) -> list[str]:
    """Rollout, then what the criteria and the rollback triggers watch, each once."""
    wanted = ["rollout_pct"]
    wanted += [c.metric for c in config.criteria if c.metric and c.group == "technical"]
    wanted += [t.metric for t in config.triggers]
    known = {m.id for m in config.metrics}
    return [m for i, m in enumerate(wanted) if m in known and m not in wanted[:i]]


def downsample(points: Series, limit: int) -> Series:
    """At most `limit` points. Each bucket keeps its most extreme value (farthest from the
    bucket's mean), so a short spike or dip stays visible on a day-long chart."""
    if len(points) <= limit:
        return list(points)
    size = len(points) / limit
    out = []
    for i in range(limit):
        bucket = points[int(i * size) : max(int((i + 1) * size), int(i * size) + 1)]
        mean = sum(v for _, v in bucket) / len(bucket)
        out.append((bucket[0][0], max((v for _, v in bucket), key=lambda v: abs(v - mean))))
    return out


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.4g}"

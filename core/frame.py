"""One frozen view of the dashboard per moment: everything a redraw, `snapshot` or `check` shows.

A screen used to pull triggers, the overall status, alerts, tiles and records one by one, each
pull recomputing. Now `Dashboard.frame` computes all of it once per (generation, clock second,
request) and the screen hands each widget its part: data down as frozen snapshots.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from warroom.core.model import Alert, Issue, Monitor, SlowOp, SourceHealth, Status
from warroom.core.plan import MetricDef, Tab
from warroom.core.rollout.view import RolloutView
from warroom.core.rules import BlindTrigger

RecordKind = Literal["issues", "monitors", "slow_ops"]


@dataclass(frozen=True, slots=True)
class MetricView:
    """Everything a tile needs to draw one metric."""

    metric: MetricDef
    value: float | None
    age: float | None
    status: Status
    history: tuple[float, ...]
    source: str
    simulated: bool
    problem: str | None = None
    """Why the source has no usable value for this metric right now (None when it has)."""


@dataclass(frozen=True, slots=True)
class FrameRequest:
    """What a view will draw, so the frame computes only that: a hidden tab costs nothing."""

    tabs: tuple[Tab, ...] = ()
    """The tabs whose tiles are wanted, in this order."""
    detail: str | None = None
    """A metric whose whole recorded series is wanted too (the detail chart)."""
    metrics: tuple[str, ...] = ()
    """Metrics whose views are wanted besides the tabs' tiles (the wall's trigger inputs);
    ids not in the plan are ignored."""


@dataclass(frozen=True, slots=True)
class Records:
    """The record panels' rows. Each kind is None when no source reports it (its panel stays
    hidden) and () when some source does but has nothing to report right now."""

    issues: tuple[Issue, ...] | None = None
    monitors: tuple[Monitor, ...] | None = None
    slow_ops: tuple[SlowOp, ...] | None = None

    def reported(self, kind: RecordKind) -> bool:
        """True when some source reports records of `kind`."""
        rows: Sequence[object] | None = getattr(self, kind)
        return rows is not None


@dataclass(frozen=True, slots=True)
class DashboardFrame:
    """The dashboard as it stood at `now`. Build it with `Dashboard.frame`, never by hand."""

    now: float
    generation: int
    request: FrameRequest
    launch: str
    rollout_pct: float | None
    overall: Status
    triggers: tuple[Alert, ...]
    alerts: tuple[Alert, ...]
    blind: tuple[BlindTrigger, ...]
    """Rollback triggers that have not fired and cannot see their input."""
    metrics: Mapping[str, MetricView]
    """Every metric view computed for the request (its tabs and detail), in plan order."""
    tiles: Mapping[Tab, tuple[MetricView, ...]]
    """The tiles of each requested tab, most important first (see `Config.metrics_on`)."""
    records: Records
    sources: tuple[SourceHealth, ...]
    detail_series: tuple[tuple[float, float], ...] = ()
    """(ts, value) of every stored point of the requested detail metric, oldest first."""
    rollout: RolloutView | None = None
    """The launch flags placed among the plan's stages; None without a flag source."""

    @property
    def rollback(self) -> bool:
        """True when a rollback trigger fired: the header and banner say ROLLBACK."""
        return bool(self.triggers)

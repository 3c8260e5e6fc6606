"""The launch plan as typed models: metrics, alert rules, rollback triggers, success criteria.

Every number in the built-in plan comes from the seed deployment plan; see `default_plan.toml`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from warroom.core.model import Priority
from warroom.core.settings import SourcesConfig
from warroom.core.settings.common import Seconds, StrictModel, Text

Tab = Literal["executive", "engineering", "product", "support"]
TABS: tuple[Tab, ...] = ("executive", "engineering", "product", "support")
Bad = Literal["above", "below"]
Comparison = Literal[">", "<", ">=", "<="]
IDENT = r"^[a-z][a-z0-9_]*$"
Phase = Literal["testing", "pre", "day", "post"]
PHASES: tuple[Phase, ...] = ("testing", "pre", "day", "post")
"""The plan's checklist phases, in the order a launch goes through them."""
THEME_NAME = r"^[a-z0-9][a-z0-9-]{0,39}$"
DEFAULT_MIN_SAMPLES = 10
"""Samples a share needs before a rollback trigger on it may fire. A source that does not say
how many samples are behind a value (most vendors) is taken to have enough."""


class PlanEntry(StrictModel):
    """An entry of a plan list that a user's file merges with the built-in one by `id`
    (core/config_overlay.py)."""

    id: str = Field(pattern=IDENT)
    enabled: bool = Field(
        default=True,
        description="false takes the entry with this id (a built-in one too) out of the plan",
    )


class MetricDef(PlanEntry):
    """One number on a dashboard tile."""

    label: Text
    tab: Tab
    unit: Text = ""
    bad: Bad = Field(default="above", description="which side of a threshold is bad")
    target: float | None = None
    baseline: float | None = None
    warn: float | None = Field(default=None, description="value past which status is warn")
    crit: float | None = Field(default=None, description="value past which status is crit")
    also_on: list[Tab] = Field(default_factory=list, description="further tabs showing it")
    source: str = Field(
        default="datadog",
        description="name of the source that reports it",
        json_schema_extra={"enum": list(SourcesConfig.model_fields)},
    )
    query: str | None = Field(default=None, description="source-specific query; see README")
    stale_after: Seconds | None = Field(default=None, description="seconds; default 3 polls")
    query_unit: str | None = Field(
        default=None,
        description="the unit the query answers in when the vendor does not say (e.g. ns)",
    )
    share: bool | None = Field(
        default=None,
        description="a percentage of a whole (0-100); default: true when unit is %",
    )
    min_samples: int = Field(
        default=DEFAULT_MIN_SAMPLES,
        ge=1,
        le=10_000,
        description="samples (e.g. probes) a share needs before a trigger on it can fire",
    )
    note: Text = ""

    @field_validator("source")
    @classmethod
    def _known_source(cls, value: str) -> str:
        known = tuple(SourcesConfig.model_fields)
        if value not in known:
            raise ValueError(f"unknown source {value!r}; one of {', '.join(known)}")
        return value

    @property
    def is_share(self) -> bool:
        """True for a percentage of a whole (uptime, error rate), false for a change (+15 %)."""
        return self.share if self.share is not None else self.unit == "%"

    @model_validator(mode="after")
    def _warn_before_crit(self) -> MetricDef:
        if self.warn is not None and self.crit is not None:
            ordered = self.warn <= self.crit if self.bad == "above" else self.warn >= self.crit
            if not ordered:
                side = "below" if self.bad == "above" else "above"
                raise ValueError(f"warn must be {side} or equal to crit when bad = {self.bad!r}")
        return self


class ThresholdRule(PlanEntry):
    """An alert: `metric op threshold` raises an alert of `priority`."""

    priority: Literal["high", "medium", "low"]
    metric: str
    op: Comparison
    threshold: float
    message: Text

    @property
    def level(self) -> Priority:
        return Priority(self.priority)


class TrendRule(PlanEntry):
    """A low-priority alert for a degradation trend: the mean of the last `window` seconds is
    `rise_pct` percent worse than the mean of the window before it."""

    metrics: list[str]
    window: Seconds = 600.0
    rise_pct: float = Field(default=20.0, gt=0)
    message: Text = "performance degradation trend"


class Trigger(PlanEntry):
    """An automated rollback trigger from the plan."""

    metric: str
    op: Comparison
    threshold: float
    message: Text


class Criterion(PlanEntry):
    """A success criterion. Without a metric it can only be judged by people (unknown here)."""

    group: Literal["technical", "adoption", "business", "no-critical-issues"]
    label: Text
    metric: str | None = None
    op: Comparison | None = None
    threshold: float | None = None

    @model_validator(mode="after")
    def _complete(self) -> Criterion:
        given = [self.metric is not None, self.op is not None, self.threshold is not None]
        if any(given) and not all(given):
            raise ValueError("metric, op and threshold go together")
        return self


class Stage(StrictModel):
    pct: float = Field(ge=0, le=100)
    label: Text
    note: Text = ""
    min_minutes: float | None = Field(
        default=None, ge=0, description="minimum dwell time before `warroom advance` moves on"
    )


class Launch(StrictModel):
    name: Text = "Profile Enhancement launch"
    description: Text = ""
    phase: Phase | None = Field(
        default=None, description="checklist phase the header shows; default the first open one"
    )


class UiConfig(StrictModel):
    theme: str = Field(default="war-room", pattern=THEME_NAME, description="a theme's name")
    # At least one refresh every 5 s: a tiny cap would freeze the screen on stale numbers.
    max_fps: float = Field(default=2.0, ge=0.2, le=30, description="cap on screen refreshes")
    bell: bool | None = Field(
        default=None,
        description="ring the terminal bell as a rollback trigger or a high alert starts: "
        "true on every screen, false never, unset only in the wall view",
    )

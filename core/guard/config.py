"""`[autorollback]`: the opt-in guard that acts on the plan's automated rollback triggers."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from warroom.core.settings.common import StrictModel

Mode = Literal["off", "advise", "act"]


class TriggerOverride(StrictModel):
    """Per-trigger settings, in `[autorollback.triggers.<trigger id>]`."""

    consecutive: int | None = Field(default=None, ge=1, le=100)
    trip_at: float | None = Field(
        default=None,
        gt=1,
        description="a multiple of the threshold that trips on a single reading (e.g. 3)",
    )
    min_samples: int | None = Field(default=None, ge=1)


class GuardConfig(StrictModel):
    mode: Mode = Field(
        default="off", description="off; advise (decide and count down, never act); act"
    )
    group: str = Field(default="immediate", description="the runbook group the guard runs")
    steps: list[str] = Field(
        default_factory=list, description="only these steps of the group (default: all)"
    )
    consecutive: int = Field(default=3, ge=1, le=100, description="failing evaluations in a row")
    countdown: float = Field(default=30.0, ge=0, le=3600, description="seconds before acting")
    error_limit: int = Field(default=4, ge=1, le=100, description="errors in a row that freeze")
    triggers: dict[str, TriggerOverride] = Field(default_factory=dict)

"""Rollout views and stage records built by hand, at a fixed moment."""

from __future__ import annotations

from warroom.core.config import default_config
from warroom.core.model import SourceHealth, SourceState
from warroom.core.plan import Stage
from warroom.core.rollout.model import FlagState, RolloutState
from warroom.core.rollout.view import RolloutView, rollout_view

NOW = 1_800_000_000.0
STAGES = default_config().stages
"""5 % Internal beta, 15 % Closed beta, 50 % Open beta (each min 7 days), 100 % Full release."""
WEEK = 7 * 86400.0


def stages(minutes: float | None = 0.0) -> list[Stage]:
    """The default stages with another dwell time."""
    return [s.model_copy(update={"min_minutes": minutes}) for s in STAGES]


def view(
    pct: float | None = 15.0,
    *,
    on: bool = True,
    since: float | None = NOW - WEEK - 60,
    state: SourceState = SourceState.OK,
    error: str | None = None,
    last_ok: float | None = NOW - 5,
    plan: list[Stage] | None = None,
) -> RolloutView:
    flag = FlagState("profile-v2", "production", on=on, pct=pct)
    rollout = RolloutState("unleash", "production", (flag,), since)
    health = SourceHealth("unleash", state, last_ok=last_ok, error=error)
    return rollout_view(plan if plan is not None else STAGES, rollout, health, NOW, 45.0)

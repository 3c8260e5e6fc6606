"""The live rollout as the header, `snapshot` and the gate show it: one frozen record per frame."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from warroom.core.format import format_age, iso_time
from warroom.core.model import SourceHealth, SourceState
from warroom.core.plan import Stage
from warroom.core.rollout.model import RolloutState
from warroom.core.rollout.stages import StagePosition, position


@dataclass(frozen=True, slots=True)
class RolloutView:
    """The stage flag placed among the plan's stages, with the flag source's health."""

    state: RolloutState
    position: StagePosition | None
    """None when the stage flag has no percentage rollout."""
    stage_count: int
    source: SourceHealth
    now: float
    stale: bool
    """The last good read is older than three polls of the flag source."""

    @property
    def pct(self) -> float | None:
        flag = self.state.stage_flag
        return None if flag is None else flag.pct

    @property
    def flag_on(self) -> bool:
        flag = self.state.stage_flag
        return flag is not None and flag.on

    @property
    def in_stage(self) -> float | None:
        """Seconds since the stage flag's current value took effect."""
        since = self.state.since
        return None if since is None else max(0.0, self.now - since)

    @property
    def age(self) -> float | None:
        """Seconds since the last good read of the flags."""
        last = self.source.last_ok
        return None if last is None else max(0.0, self.now - last)

    @property
    def failed(self) -> bool:
        return self.source.state is SourceState.DOWN


def rollout_view(
    stages: Sequence[Stage],
    state: RolloutState,
    health: SourceHealth,
    now: float,
    stale_after: float,
) -> RolloutView:
    flag = state.stage_flag
    where = None if flag is None or flag.pct is None else position(stages, flag.pct)
    age = None if health.last_ok is None else now - health.last_ok
    stale = age is not None and age > stale_after
    return RolloutView(state, where, len(stages), health, now, stale)


def describe(view: RolloutView) -> list[str]:
    """The header's parts: `Rollout 15%`, `Closed beta (2/4)`, `3h in stage`, `flag on`, and
    the source's trouble when there is any."""
    pct = view.pct
    where = view.position
    parts = ["Rollout —" if pct is None else f"Rollout {pct:g}%"]
    if where is not None and where.stage is not None:
        parts.append(f"{where.stage.label} ({where.number}/{view.stage_count})")
    elif where is not None and pct is not None and pct <= 0:
        parts.append("no users on the new version")
    elif where is not None:
        parts.append(f"between stages{_between(where)}")
    if view.in_stage is not None:
        parts.append(f"{format_age(view.in_stage)} in stage")
    parts.append("flag on" if view.flag_on else "flag OFF")
    trouble = _trouble(view)
    if trouble:
        parts.append(trouble)
    return parts


def _between(where: StagePosition) -> str:
    ends = [f"{s.label} {s.pct:g}%" for s in (where.below, where.above) if s is not None]
    return f" ({' → '.join(ends)})" if ends else ""


def _trouble(view: RolloutView) -> str:
    name = view.source.name
    if view.failed:
        return f"{name} FAILED, last read {format_age(view.age)} ago"
    if view.stale:
        return f"{name} stale {format_age(view.age)}"
    return ""


def _when(ts: float | None) -> str | None:
    return None if ts is None else iso_time(ts)


def as_json(view: RolloutView) -> dict[str, Any]:
    """The `rollout` object of `snapshot --format json` (docs/snapshot.md): times ISO 8601 in
    UTC, durations in seconds."""
    where = view.position
    state = view.state
    return {
        "pct": view.pct,
        "flag_on": view.flag_on,
        "stage": where.stage.label if where is not None and where.stage is not None else None,
        "stage_number": where.number if where is not None else None,
        "between_stages": bool(where is not None and where.between),
        "since": _when(state.since),
        "in_stage": view.in_stage,
        "source": {
            "name": view.source.name,
            "provider": state.provider,
            "environment": state.environment,
            "state": "stale" if view.stale and not view.failed else view.source.state.value,
            "error": view.source.error,
            "updated": _when(view.source.last_ok),
            "simulated": state.simulated,
        },
        "flags": {
            f.key: {
                "on": f.on,
                "pct": f.pct,
                "served": f.served,
                "strategies": f.strategies,
                "changed_at": _when(f.changed_at),
                "changed_by": f.changed_by or None,
            }
            for f in state.flags
        },
    }

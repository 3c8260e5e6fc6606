"""Where a rollout percentage stands among the plan's `[[stages]]`, and the stage next to it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from warroom.core.plan import Stage

TOLERANCE = 1e-6
Target = float | Literal["next", "prev"]


@dataclass(frozen=True, slots=True)
class StagePosition:
    """`stage` when the percentage is exactly one of the plan's stages; otherwise it is
    between `below` and `above` (either None past the ends)."""

    stage: Stage | None
    number: int | None
    """1-based position of `stage` in the plan."""
    below: Stage | None = None
    above: Stage | None = None

    @property
    def between(self) -> bool:
        return self.stage is None


def ordered(stages: Sequence[Stage]) -> list[Stage]:
    return sorted(stages, key=lambda s: s.pct)


def position(stages: Sequence[Stage], pct: float) -> StagePosition:
    """The stage `pct` is at, or the stages it lies between."""
    plan = ordered(stages)
    for number, stage in enumerate(plan, start=1):
        if abs(stage.pct - pct) <= TOLERANCE:
            return StagePosition(stage, number)
    below = [s for s in plan if s.pct < pct]
    above = [s for s in plan if s.pct > pct]
    return StagePosition(None, None, below[-1] if below else None, above[0] if above else None)


def next_stage(stages: Sequence[Stage], pct: float) -> Stage | None:
    """The first stage above `pct`, None at or past the last."""
    return next((s for s in ordered(stages) if s.pct > pct + TOLERANCE), None)


def prev_stage(stages: Sequence[Stage], pct: float) -> Stage | None:
    """The last stage below `pct`, None at or before the first."""
    lower = [s for s in ordered(stages) if s.pct < pct - TOLERANCE]
    return lower[-1] if lower else None


def resolve(stages: Sequence[Stage], pct: float, target: Target) -> tuple[float, Stage | None]:
    """The percentage `target` means from `pct`, and the plan stage it lands on.

    Raises:
        ValueError: the percentage is outside 0-100, or there is no next / previous stage.
    """
    if target == "next":
        stage = next_stage(stages, pct)
        if stage is None:
            raise ValueError(f"no stage after {pct:g}%: the rollout is at its last stage")
        return stage.pct, stage
    if target == "prev":
        stage = prev_stage(stages, pct)
        if stage is None:
            raise ValueError(f"no stage before {pct:g}% (to stop the rollout, set 0 or turn off)")
        return stage.pct, stage
    check_range(target)
    return float(target), position(stages, float(target)).stage


def check_range(pct: float) -> None:
    """Raises ValueError unless 0 <= pct <= 100 (Unleash itself accepts "150")."""
    if not 0.0 <= pct <= 100.0:
        raise ValueError(f"rollout {pct:g}% is outside 0-100%: refused")

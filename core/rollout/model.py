"""Frozen records of what a flag service reported, shared by every provider.

Imports nothing else from core, so `core.model` can carry a `RolloutState` in a poll result.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FlagState:
    """One flag in one environment, as its service reported it."""

    key: str
    environment: str
    on: bool
    pct: float | None
    """The rollout percentage of the new variation in the default rule (LaunchDarkly) or the
    first enabled flexibleRollout strategy (Unleash), kept while the flag is off; None when the
    flag has no percentage rollout."""
    strategies: int = 1
    """Unleash: enabled flexibleRollout strategies (they OR together when more than one)."""
    version: str = ""
    """The service's token for "the flag as read": LaunchDarkly's `_version`, Unleash's
    strategy id. A change sends it back, so it applies to exactly what was read."""
    changed_at: float | None = None
    """Epoch seconds of the service's last recorded change of the flag in this environment."""
    changed_by: str = ""

    @property
    def served(self) -> float | None:
        """Percentage of users served the new variation: 0 while the flag is off."""
        if not self.on:
            return 0.0
        return self.pct

    def same_value(self, other: FlagState) -> bool:
        """True when on/off and the percentage are the same (what the operator was shown)."""
        return self.on == other.on and _close(self.pct, other.pct)

    def describe(self) -> str:
        """`on, 15%` / `off (15% kept)` / `on, no % rollout`."""
        pct = "no % rollout" if self.pct is None else f"{self.pct:g}%"
        if self.strategies > 1:
            pct += f" ({self.strategies} strategies)"
        return f"on, {pct}" if self.on else f"off ({pct} kept)"


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) < 1e-6


@dataclass(frozen=True, slots=True)
class RolloutState:
    """The launch flags as one poll of the flag service saw them."""

    provider: str
    environment: str
    flags: tuple[FlagState, ...]
    """In `[rollout].flags` order: the first is the stage flag."""
    since: float | None = None
    """When the stage flag's current value took effect: the service's last change, else when
    warroom first saw it (epoch seconds)."""
    simulated: bool = False

    @property
    def stage_flag(self) -> FlagState | None:
        return self.flags[0] if self.flags else None

"""The simulated launch's flag service: the same `FlagProvider` interface as Unleash and
LaunchDarkly, so the demo's stage changes, the runbook's "disable feature flags" and
`advance` go through the code a real service does.

All launch flags share the simulation's one on/off switch and stage percentage.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from warroom.core.rollout.model import FlagState
from warroom.core.rollout.provider import FlagConflict, FlagNotFound

if TYPE_CHECKING:
    from warroom.sources.sim.source import SimulatedSource


class SimFlagProvider:
    name = "sim"
    label = "simulated launch"
    simulated = True
    read_steps = 1
    project = "demo"

    def __init__(
        self, launch: SimulatedSource, flags: Sequence[str], environment: str = "production"
    ) -> None:
        self._launch = launch
        self.flags = tuple(flags)
        self.environment = environment
        self.changes: list[str] = []
        """Every change applied, oldest first (what the demo's operator did)."""

    def __repr__(self) -> str:
        return f"SimFlagProvider(flags={list(self.flags)!r})"

    def _check(self, flags: Sequence[str], environment: str) -> None:
        unknown = [f for f in flags if f not in self.flags]
        if unknown:
            raise FlagNotFound(f"simulated launch: unknown flag {unknown[0]!r}")
        if environment != self.environment:
            raise FlagNotFound(f"simulated launch: unknown environment {environment!r}")

    async def read(self, flags: Sequence[str], environment: str) -> tuple[FlagState, ...]:
        self._check(flags, environment)
        return tuple(self._launch.flag_state(f, environment) for f in flags)

    async def turn_off(self, flags: Sequence[str], environment: str, comment: str) -> None:
        self._check(flags, environment)
        self.changes.append(self._launch.apply("disable_feature_flags"))

    async def set_rollout(self, current: FlagState, pct: float, comment: str) -> None:
        self._check([current.key], current.environment)
        now = self._launch.flag_state(current.key, current.environment)
        if not now.same_value(current):
            raise FlagConflict(f"simulated launch {current.key}: changed since it was read")
        self.changes.append(self._launch.set_rollout(pct))

    def pacing(self) -> float:
        return 0.0

    def info(self) -> dict[str, str]:
        return {}

    async def close(self) -> None:
        return None

"""The dashboard's flag source: any `FlagProvider` behind the poller's `Source` contract.

One poll reads every launch flag; the result carries the `rollout_pct` reading (the share of
users served, so history, replay and reports keep their series) and the `RolloutState` the
header, `snapshot` and the gate show.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from warroom.core.dashboard import ROLLOUT_METRIC
from warroom.core.model import FetchResult, Reading
from warroom.core.rollout.config import RolloutConfig
from warroom.core.rollout.model import FlagState, RolloutState
from warroom.core.rollout.provider import FlagProvider
from warroom.core.source import SourceBase

READ_SLACK = 1.0
"""Seconds a poll allows beyond its requests' own timeouts: a request that hangs is reported by
the provider, naming the flag, and not as the poll's bare "no answer"."""


class FlagSource(SourceBase):
    def __init__(
        self,
        provider: FlagProvider,
        config: RolloutConfig,
        flags: tuple[str, ...] | None = None,
        *,
        name: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.provider = provider
        self.name = name or provider.name
        self.interval = config.interval
        # `[rollout].timeout` is one request's; a read may make several in a row.
        self.timeout = config.timeout * provider.read_steps + READ_SLACK
        self.simulated = provider.simulated
        self.environment = config.environment
        self.flags = flags if flags is not None else tuple(config.flags)
        self._clock = clock
        self._seen: tuple[float, FlagState] | None = None
        """When the stage flag's current value was first seen, and that value."""

    def __repr__(self) -> str:
        return f"FlagSource(name={self.name!r}, flags={list(self.flags)!r})"

    async def fetch(self) -> FetchResult:
        """Reads every launch flag once.

        Returns:
            The served percentage of the stage flag as `rollout_pct`, the state of every flag,
            and status-bar facts.
        Raises:
            SourceError: as `FlagProvider.read` (an unknown flag or environment included).
        """
        states = await self.provider.read(self.flags, self.environment)
        now = self._clock()
        state = RolloutState(
            self.provider.name,
            self.environment,
            states,
            self._since(states[0], now) if states else None,
            self.provider.simulated,
        )
        readings: tuple[Reading, ...] = ()
        if states and states[0].served is not None:
            readings = (Reading(ROLLOUT_METRIC, now, states[0].served),)
        info = {"environment": self.environment}
        if states:
            info[states[0].key] = states[0].describe()
        if len(states) > 1:
            info["flags on"] = f"{sum(s.on for s in states)}/{len(states)}"
        info.update(self.provider.info())
        return FetchResult(readings=readings, info=info, rollout=state)

    def _since(self, flag: FlagState, now: float) -> float:
        """The service's last change of the flag when it reports one, else the moment this
        source first saw the current value (conservative for a dwell time: a restart resets it)."""
        if self._seen is None or not self._seen[1].same_value(flag):
            self._seen = (now, flag)
        if flag.changed_at is not None:
            return min(flag.changed_at, now)
        return self._seen[0]

    def pacing(self) -> float:
        return self.provider.pacing()

    async def close(self) -> None:
        await self.provider.close()

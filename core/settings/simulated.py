"""Settings of the simulated launch (`warroom demo`)."""

from __future__ import annotations

from pydantic import Field

from warroom.core.settings.common import PollSettings


class SimulatedSettings(PollSettings):
    enabled: bool = False
    interval: float = Field(default=1.0, gt=0)
    timeout: float = Field(default=2.0, gt=0)
    seed: int = 7
    speed: float = Field(default=1.0, gt=0, description="simulated seconds per real second")

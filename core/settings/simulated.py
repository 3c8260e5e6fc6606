"""Settings of the simulated launch (`warroom demo`)."""

from __future__ import annotations

from pydantic import Field

from warroom.core.settings.common import PollSettings, Seconds

MAX_SPEED = 1000.0
"""Fastest simulated time: the simulation steps through every simulated second it skips, so
faster (or `1e308`) makes each poll take longer than its interval and the app stops answering."""
MAX_START_AT = 86400.0
"""Furthest `--start-at` (simulated seconds, one day): the launch and its incident are over in
minutes, and skipping further ahead builds the skipped hours of support tickets in memory."""


class SimulatedSettings(PollSettings):
    enabled: bool = False
    interval: Seconds = 1.0
    timeout: Seconds = 2.0
    seed: int = 7
    speed: float = Field(
        default=1.0, gt=0, le=MAX_SPEED, description="simulated seconds per real second"
    )

"""The `[rollout]` section: which flag service holds the launch's flags, and where.

Credentials never go here: the Unleash URL and admin token, and LaunchDarkly's access token,
come from the environment (see docs/rollout.md).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, model_validator

from warroom.core.settings.common import StrictModel

Provider = Literal["unleash", "launchdarkly", "sim"]
FLAG_KEY = r"^[A-Za-z0-9][A-Za-z0-9._~-]*$"
"""Flag keys as both services allow them (Unleash names are URL-friendly; LaunchDarkly keys are
letters, digits, `.`, `_`, `-`); anything else would need escaping in a URL path."""
DEMO_FLAG = "profile-enhancement"


class RolloutConfig(StrictModel):
    provider: Provider | None = Field(
        default=None, description="unleash, launchdarkly, or sim (the demo); unset: no flags"
    )
    project: str = Field(default="default", pattern=FLAG_KEY, description="project key")
    environment: str = Field(
        default="production", pattern=FLAG_KEY, description="environment key the launch is in"
    )
    flags: list[str] = Field(
        default_factory=list, description="the launch flags; the first one's % is the stage"
    )
    interval: float = Field(default=15.0, gt=0, description="seconds between reads")
    timeout: float = Field(default=10.0, gt=0, description="seconds one request may take")

    @model_validator(mode="after")
    def _flags(self) -> RolloutConfig:
        bad = [f for f in self.flags if not re.match(FLAG_KEY, f)]
        if bad:
            raise ValueError(f"flag keys may hold letters, digits and . _ ~ - only: {bad}")
        if len(set(self.flags)) != len(self.flags):
            raise ValueError("flags must be unique")
        if self.provider in ("unleash", "launchdarkly") and not self.flags:
            raise ValueError(f"provider {self.provider!r} needs the launch `flags`")
        return self

    @property
    def stage_flag(self) -> str | None:
        """The flag whose rollout percentage is the launch's stage."""
        return self.flags[0] if self.flags else None

    def demo_flags(self) -> tuple[str, ...]:
        """The flags of the simulated launch: the configured ones, else one example flag."""
        return tuple(self.flags) or (DEMO_FLAG,)

"""The base every config model derives from, and the value types config fields share.

Models are frozen, unknown keys are mistakes, and types are strict: `enabled = "yes"`,
`interval = "30"` and `pct = true` are errors, not silently converted values. NaN and ±inf
(`1e400` parses as inf) are rejected everywhere a number is expected, because a threshold that
is NaN never compares true and a trigger on it could never fire.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from warroom.core.textsafe import inert

MIN_SECONDS = 0.1
"""Shortest interval or timeout accepted: below it a poll loop would spin and freeze the app."""
MAX_SECONDS = 86400.0
"""Longest interval or timeout accepted: a day. Longer is a typo, and it overflows some timers."""

Seconds = Annotated[float, Field(ge=MIN_SECONDS, le=MAX_SECONDS)]
"""An interval, timeout or window in seconds, within [MIN_SECONDS, MAX_SECONDS]."""


def _inert(text: str) -> str:
    return inert(text, None)


Text = Annotated[str, AfterValidator(_inert)]
"""Text from config that is drawn (labels, messages, titles). Control characters, ESC and bidi
overrides become visible escapes, as for vendor text, so a label cannot break a tile border."""


class StrictModel(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, allow_inf_nan=False, defer_build=True
    )


class PollSettings(StrictModel):
    """Fields every polled source has."""

    enabled: bool = True
    interval: Seconds = Field(default=30.0, description="seconds between polls")
    timeout: Seconds = Field(default=10.0, description="seconds one poll may take")

"""The base every config model derives from: frozen, and unknown keys are mistakes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PollSettings(StrictModel):
    """Fields every polled source has."""

    enabled: bool = True
    interval: float = Field(default=30.0, gt=0, description="seconds between polls")
    timeout: float = Field(default=10.0, gt=0, description="seconds one poll may take")

"""Settings of the MongoDB adapter. The URI comes from MONGODB_URI or here (no password here)."""

from __future__ import annotations

from pydantic import Field

from core.settings.common import PollSettings


class MongoSettings(PollSettings):
    interval: float = Field(default=15.0, gt=0)
    uri: str | None = None
    database: str = "app"
    slow_op_seconds: float = Field(default=5.0, gt=0)

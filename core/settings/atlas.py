"""Settings of the Atlas Admin API adapter. Keys come from MONGODB_ATLAS_* variables."""

from __future__ import annotations

from pydantic import Field

from core.settings.common import PollSettings


class AtlasSettings(PollSettings):
    interval: float = Field(default=60.0, gt=0)
    url: str = "https://cloud.mongodb.com"
    project_id: str | None = None

"""Settings of the Atlas Admin API adapter. Keys come from MONGODB_ATLAS_* variables.

Plan metrics with `source = "atlas"` name a process measurement in `query`, optionally with
how to combine processes: `query = "CONNECTIONS"` (max over processes) or
`query = "sum:OPCOUNTER_QUERY"` (`max`, `sum` or `avg`).
"""

from __future__ import annotations

from pydantic import Field

from warroom.core.settings.common import PollSettings, Seconds

ISO_DURATION = r"^P(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?$"


class AtlasSettings(PollSettings):
    interval: Seconds = 60.0
    url: str = Field(default="https://cloud.mongodb.com", description="or MONGODB_ATLAS_BASE_URL")
    project_id: str | None = Field(default=None, description="or MONGODB_ATLAS_PROJECT_ID")
    api_version: str = Field(default="2025-03-12", pattern=r"^\d{4}-\d{2}-\d{2}$")
    granularity: str = Field(default="PT1M", pattern=ISO_DURATION)
    period: str = Field(default="PT10M", pattern=ISO_DURATION)
    processes: list[str] = Field(
        default_factory=list, description="process ids (host:port); empty = primaries"
    )
    process_refresh: Seconds = Field(
        default=60.0,
        description="seconds between lists of the processes (a failover moves the primary)",
    )
    alerts: bool = Field(default=True, description="show open Atlas alerts in the banner")

"""Settings of the Datadog adapter. Keys come from DD_API_KEY / DD_APP_KEY, never from here."""

from __future__ import annotations

from pydantic import Field

from core.settings.common import PollSettings


class DatadogSettings(PollSettings):
    interval: float = Field(default=30.0, gt=0)
    site: str | None = Field(default=None, description="datadoghq.com, datadoghq.eu, ...")
    url: str | None = Field(default=None, description="full API base URL; overrides site")
    batch_size: int = Field(default=20, ge=1, le=100)
    monitor_tags: list[str] = Field(default_factory=list)

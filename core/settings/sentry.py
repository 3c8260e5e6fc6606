"""Settings of the Sentry adapter. The token comes from SENTRY_AUTH_TOKEN, never from here."""

from __future__ import annotations

from pydantic import Field

from core.settings.common import PollSettings


class SentrySettings(PollSettings):
    interval: float = Field(default=60.0, gt=0)
    url: str | None = None
    org: str | None = None
    projects: list[str] = Field(default_factory=list)
    environment: str | None = None
    max_pages: int = Field(default=3, ge=1)

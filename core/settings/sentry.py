"""Settings of the Sentry adapter. The token comes from SENTRY_AUTH_TOKEN, never from here."""

from __future__ import annotations

from pydantic import Field

from warroom.core.settings.common import PollSettings, Seconds


class SentrySettings(PollSettings):
    interval: Seconds = Field(default=60.0, description="seconds between issue/error polls")
    url: str | None = Field(default=None, description="server root; SENTRY_URL overrides it")
    org: str | None = Field(default=None, description="organization slug; SENTRY_ORG overrides it")
    projects: list[str] = Field(default_factory=list, description="slugs or ids; empty = all")
    environment: str | None = None
    max_pages: int = Field(default=3, ge=1, description="cap on issue pages (100 each) per poll")
    issue_query: str = Field(default="is:unresolved", description="Sentry issue search")
    issue_period: str = Field(default="24h", description="statsPeriod of the issue list")
    release_lookups: int = Field(
        default=5, ge=0, le=20, description="most issue details fetched per poll for releases"
    )
    request_budget: int = Field(
        default=300,
        ge=10,
        description="requests per hour the adapter stays within; issue details (for their "
        "release) use only what the polls leave of it",
    )
    health_interval: float = Field(
        default=600.0,
        ge=300,
        le=86400,
        description="seconds between release-health polls (1 h buckets)",
    )
    current_release: str | None = Field(
        default=None, description="release compared with the newest; default: most sessions"
    )
    max_concurrency: int = Field(
        default=4, ge=1, le=25, description="requests in flight; lowered to Sentry's limit"
    )

"""Settings of the Datadog adapter. Keys come from DD_API_KEY / DD_APP_KEY, never from here."""

from __future__ import annotations

from pydantic import Field, field_validator

from warroom.core.settings.common import PollSettings, Seconds

# The `site` values datadog-api-client accepts (its server enum); anything else fails in the
# client at the first request, so it is rejected here with the list instead.
SITES = (
    "datadoghq.com",
    "us3.datadoghq.com",
    "us5.datadoghq.com",
    "datadoghq.eu",
    "ap1.datadoghq.com",
    "ap2.datadoghq.com",
    "ddog-gov.com",
    "us2.ddog-gov.com",
    "uk1.datadoghq.com",
)


class DatadogSettings(PollSettings):
    interval: Seconds = 30.0
    site: str | None = Field(default=None, description="datadoghq.com, datadoghq.eu, ...")
    url: str | None = Field(default=None, description="full API base URL; overrides site")
    batch_size: int = Field(default=20, ge=1, le=100, description="metric queries per request")
    monitor_tags: list[str] = Field(
        default_factory=list, description="only monitors carrying all these tags"
    )
    monitors: bool = Field(default=True, description="poll monitor states")
    monitor_interval: Seconds | None = Field(
        default=None, description="seconds between monitor polls; default every poll"
    )
    request_timeout: Seconds = Field(
        default=5.0, description="seconds per HTTP request (capped at timeout)"
    )
    lookback: float = Field(
        default=300.0, ge=60, le=86400, description="seconds of history per query"
    )
    rollup: float = Field(default=60.0, ge=1, le=86400, description="seconds per point")
    budget_reserve: float = Field(
        default=0.05, ge=0, lt=1, description="share of each rate limit left for people"
    )

    @field_validator("site")
    @classmethod
    def _known_site(cls, value: str | None) -> str | None:
        if value is not None and value not in SITES:
            raise ValueError(f"unknown Datadog site {value!r}; one of {', '.join(SITES)}")
        return value

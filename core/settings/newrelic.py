"""Settings of the New Relic (NerdGraph) adapter. The user key comes from NEW_RELIC_API_KEY,
never from here; the account, region and URL may be set here or in the environment, and the
environment wins (as it does for New Relic's own CLI)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from warroom.core.settings.common import MAX_SECONDS, PollSettings

Region = Literal["US", "EU", "JP", "GOV"]


class NewRelicSettings(PollSettings):
    # Off unless the plan uses it (the New Relic plan turns it on): with the Datadog plan a
    # New Relic row on every status bar would only say "not set".
    enabled: bool = False
    interval: float = Field(default=30.0, ge=1, le=MAX_SECONDS, description="seconds between polls")
    region: Region | None = Field(default=None, description="or NEW_RELIC_REGION; default US")
    url: str | None = Field(
        default=None, description="full NerdGraph URL; NEW_RELIC_NERDGRAPH_BASE_URL overrides it"
    )
    account_id: int | None = Field(default=None, gt=0, description="or NEW_RELIC_ACCOUNT_ID")
    nrql_timeout: int = Field(
        default=5, ge=1, le=120, description="seconds NerdGraph may spend on each NRQL query"
    )
    issues: bool = Field(default=True, description="show open alert issues (aiIssues)")
    issue_window: float = Field(
        default=7 * 86400.0, ge=3600, description="seconds back an open issue may have started"
    )
    query_budget: int = Field(
        default=3000, ge=1, description="NRQL queries per account per minute (New Relic's limit)"
    )
    budget_share: float = Field(
        default=0.1, gt=0, le=1, description="share of query_budget this dashboard may spend"
    )
    attribute_units: dict[str, str] = Field(
        default_factory=dict,
        description="`EventType.attribute` -> unit of its values, over the built-in table",
    )
    entity_guid: str | None = Field(
        default=None, description="APM entity that deployment markers annotate by default"
    )

"""Deployment markers (`changeTrackingCreateDeployment`): New Relic's charts show when a
rollback, or a flag change, happened.

A mutation must land at most once. NerdGraph has no idempotency key, and a timeout, a 5xx or
a dropped connection does not say whether the marker was stored, so only refusals that store
nothing (HTTP 429, `TOO_MANY_REQUESTS`) are retried; anything ambiguous fails with a reason
that says to look in New Relic before recording it again.

`post_marker(config, env, version=...)` is the one call for other features (feature-flag
changes); `MarkerPoster` keeps its client for several markers.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from warroom.core.config import Config
from warroom.core.errors import AuthError, NotConfigured, RateLimited, SourceError
from warroom.core.runbook_config import DeploymentType
from warroom.core.settings.newrelic import NewRelicSettings
from warroom.sources.newrelic.api import NerdGraph, Refused
from warroom.sources.newrelic.credentials import Credentials, resolve
from warroom.sources.newrelic.limits import NerdGraphPacing

if TYPE_CHECKING:
    import httpx

MUTATION = (
    "mutation Marker($deployment: ChangeTrackingDeploymentInput!) { "
    "changeTrackingCreateDeployment(deployment: $deployment) "
    "{ deploymentId entityGuid version timestamp } }"
)
FIELD = "changeTrackingCreateDeployment"
MAX_RATE_WAIT = 10.0  # seconds; a longer wait fails the marker instead of blocking the step
RETRY_WAIT = 1.0  # seconds after a first 429: concurrent requests finish within moments
ATTEMPTS = 3
LABEL = "New Relic marker"
_AMBIGUOUS = LABEL + ": not confirmed ({reason}); it may have been recorded: check New Relic first"


@dataclass(frozen=True, slots=True)
class Marker:
    """One deployment marker. Only `version` and `entity_guid` are required by New Relic."""

    version: str
    entity_guid: str
    description: str = ""
    user: str = ""
    changelog: str = ""
    commit: str = ""
    deployment_type: DeploymentType = "BASIC"
    group_id: str = ""
    timestamp: float | None = None
    """Epoch seconds; default: when it is posted."""

    def variables(self, now: float) -> dict[str, Any]:
        deployment: dict[str, Any] = {
            "entityGuid": self.entity_guid,
            "version": self.version,
            "deploymentType": self.deployment_type,
            # Whole milliseconds: the Go client trims sub-millisecond precision too.
            "timestamp": int((self.timestamp if self.timestamp is not None else now) * 1000),
        }
        optional = {
            "description": self.description,
            "user": self.user,
            "changelog": self.changelog,
            "commit": self.commit,
            "groupId": self.group_id,
        }
        deployment.update({k: v for k, v in optional.items() if v})
        return {"deployment": deployment}


class MarkerPoster:
    """Posts markers through NerdGraph. Build with `from_config`; constructing does no I/O."""

    def __init__(
        self,
        settings: NewRelicSettings,
        creds: Credentials,
        *,
        clock: Callable[[], float] = time.time,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.default_entity = settings.entity_guid
        self._clock = clock
        pacing = NerdGraphPacing(settings.query_budget, settings.budget_share)
        pacing.base_wait = RETRY_WAIT
        self._graph = NerdGraph(creds, settings.timeout, pacing, transport)

    @classmethod
    def from_config(cls, config: Config, env: Mapping[str, str]) -> MarkerPoster:
        """Raises NotConfigured without NEW_RELIC_API_KEY (see `credentials.resolve`)."""
        settings = config.sources.newrelic
        return cls(settings, resolve(settings, env))

    def __repr__(self) -> str:
        return f"MarkerPoster({self._graph!r})"

    async def close(self) -> None:
        await self._graph.close()

    async def post(self, marker: Marker) -> str:
        """Records `marker` at most once.

        Returns:
            The deployment id New Relic gave it.
        Raises:
            SourceError: it was refused, or its fate is unknown (the reason says which).
        """
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return await self._create(marker)
            except RateLimited as exc:  # refused before anything was stored
                if attempt == ATTEMPTS or exc.retry_after > MAX_RATE_WAIT:
                    raise
                await asyncio.sleep(exc.retry_after)
            except SourceError as exc:
                if _refused(exc):
                    raise
                reason = exc.reason.removeprefix(f"{LABEL}: ")
                raise type(exc)(_AMBIGUOUS.format(reason=reason), status=exc.status) from None
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _create(self, marker: Marker) -> str:
        result = await self._graph.execute(MUTATION, marker.variables(self._clock()), "marker")
        if result.throttled:
            raise self._graph.rate_limited(LABEL)
        created = result.data.get(FIELD)
        if not isinstance(created, dict) or not created.get("deploymentId"):
            failed = result.errors_at().get(FIELD)
            why = failed.message if failed else "answer without a deployment id"
            raise Refused(f"{LABEL}: {why}", status=200)
        return str(created["deploymentId"])


async def post_marker(
    config: Config,
    env: Mapping[str, str],
    *,
    version: str,
    description: str = "",
    entity_guid: str | None = None,
    deployment_type: DeploymentType = "BASIC",
    user: str = "",
    changelog: str = "",
    commit: str = "",
    group_id: str = "",
) -> str:
    """Records one deployment marker with the plan's New Relic settings and credentials.

    Returns:
        The deployment id.
    Raises:
        NotConfigured: no credentials, or no entity GUID here or in [sources.newrelic].
        SourceError: New Relic refused it, or its fate is unknown.
    """
    poster = MarkerPoster.from_config(config, env)
    try:
        guid = entity_or_default(entity_guid, poster.default_entity)
        marker = Marker(
            version, guid, description, user, changelog, commit, deployment_type, group_id
        )
        return await poster.post(marker)
    finally:
        await poster.close()


def _refused(exc: SourceError) -> bool:
    """True when the error proves nothing was stored (a malformed answer or a timeout
    proves nothing: the mutation may have run)."""
    if isinstance(exc, AuthError | Refused):
        return True
    return exc.status is not None and 400 <= exc.status < 500 and exc.status != 408


def entity_or_default(entity_guid: str | None, default: str | None) -> str:
    """The entity to annotate. Raises NotConfigured when neither is given."""
    guid = (entity_guid or default or "").strip()
    if not guid:
        raise NotConfigured("no entity GUID: set entity_guid on the step or [sources.newrelic]")
    return guid

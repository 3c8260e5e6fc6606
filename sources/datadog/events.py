"""Posts runbook annotations (rollback started / finished) to Datadog's event stream.

A POST must land exactly once. The client's automatic retry would repeat it blindly, and a
500 or a dropped connection does not say whether the event was stored. So every event
carries a unique `warroom_event:<id>` tag; after an ambiguous failure the poster looks for
that tag and only posts again when Datadog has no such event.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from warroom.core.config import Config
from warroom.core.errors import AuthError, BadResponse, RateLimited, SourceError
from warroom.core.settings.datadog import DatadogSettings
from warroom.sources.datadog.client import (
    Credentials,
    make_client,
    request_timeout,
    resolve,
    sdk,
)
from warroom.sources.datadog.errors import ensure_parsed, translate

ALERT_TYPES = ("error", "warning", "info", "success", "user_update", "recommendation", "snapshot")
MARKER = "warroom_event"
MAX_RATE_WAIT = 10.0  # seconds; a longer 429 wait fails the post instead of blocking
LOOKBACK = 300  # seconds searched for an event that may have been stored despite an error


class DatadogEventPoster:
    """Posts v1 events. Build with `from_config`; constructing does no I/O."""

    def __init__(
        self,
        settings: DatadogSettings,
        creds: Credentials,
        attempts: int = 3,
        pause: float = 1.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._settings = settings
        self._creds = creds
        self._attempts = max(1, attempts)
        self._pause = pause
        self._clock = clock
        self._client: Any = None

    @classmethod
    def from_config(cls, config: Config, env: Any) -> DatadogEventPoster:
        """Raises NotConfigured without DD_API_KEY. DD_APP_KEY is optional but, without it,
        an ambiguous failure cannot be checked and the event is not posted again."""
        settings = config.sources.datadog
        return cls(settings, resolve(settings, env, need_app_key=False))

    def __repr__(self) -> str:
        return f"DatadogEventPoster(endpoint={self._creds.endpoint!r})"

    async def post(
        self, title: str, text: str, tags: Sequence[str] = (), alert_type: str = "info"
    ) -> str:
        """Posts one event, exactly once.

        Returns:
            The event id (`id_str`).
        Raises:
            ValueError: an alert_type Datadog does not know.
            SourceError: the event could not be posted (reason safe to show and log).
        """
        if alert_type not in ALERT_TYPES:
            raise ValueError(f"alert_type must be one of {', '.join(ALERT_TYPES)}")
        marker = f"{MARKER}:{uuid.uuid4().hex}"
        return await asyncio.to_thread(self._post_sync, title, text, [*tags, marker], alert_type)

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await asyncio.to_thread(client.close)

    # ------------------------------------------------------------------ internals

    def _post_sync(self, title: str, text: str, tags: list[str], alert_type: str) -> str:
        if self._client is None:
            self._client = make_client(self._creds, request_timeout(self._settings))
        since = int(self._clock()) - 5
        for attempt in range(1, self._attempts + 1):
            try:
                return self._create(title, text, tags, alert_type)
            except SourceError as exc:
                error = exc
            last = attempt == self._attempts
            if last or isinstance(error, AuthError) or _refused(error):
                raise error  # refused outright (not stored), or out of attempts
            if isinstance(error, RateLimited):
                if error.retry_after > MAX_RATE_WAIT:
                    raise error
                time.sleep(error.retry_after)  # a 429 is never stored: just post again
                continue
            if not self._creds.app_key:
                raise error  # cannot check whether it was stored: never risk a duplicate
            time.sleep(self._pause * attempt)  # give the event time to become searchable
            found = self._find(tags[-1], since)
            if found is not None:
                return found  # stored despite the error: posting again would duplicate
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _create(self, title: str, text: str, tags: list[str], alert_type: str) -> str:
        alert = sdk("v1.model.event_alert_type", "EventAlertType")(alert_type)
        body = sdk("v1.model.event_create_request", "EventCreateRequest")(
            title=title[:100], text=text[:4000], tags=tags, alert_type=alert
        )
        try:
            data, _status, _headers = self._events().create_event(body)
        except Exception as exc:
            raise translate(exc, "event") from None
        ensure_parsed(data, "event")
        event = data.get("event") if hasattr(data, "get") else None
        event_id = event.get("id_str") if event is not None and hasattr(event, "get") else None
        if not event_id:
            raise BadResponse("Datadog event: answer without an event id")
        return str(event_id)

    def _events(self) -> Any:
        return sdk("v1.api.events_api", "EventsApi")(self._client)

    def _find(self, marker: str, since: int) -> str | None:
        """The id of an event tagged `marker`, None when there is none.

        Raises:
            SourceError: the search failed, so whether the event exists is unknown.
        """
        start = min(since, int(self._clock()) - LOOKBACK)
        try:
            data, _status, _headers = self._events().list_events(
                start=start, end=int(self._clock()) + 60, tags=marker
            )
        except Exception as exc:
            raise translate(exc, "event lookup") from None
        for event in data.get("events") or []:
            if marker in list(event.get("tags") or []):
                return str(event.get("id_str") or event.get("id"))
        return None


def _refused(error: SourceError) -> bool:
    """A 4xx other than 408/429 means Datadog refused the event: it was not stored."""
    status = error.status
    return status is not None and 400 <= status < 500 and status not in (408, 429)

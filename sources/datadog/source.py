"""Datadog adapter: the plan's metrics in one batched formula query, plus monitor states.

Built on the synchronous `datadog-api-client` run in a worker thread (its async client needs
the optional aiosonic). One client is reused for the life of the source.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from warroom.core.config import Config
from warroom.core.errors import BadResponse, SourceError
from warroom.core.model import FetchResult, Monitor, Reading
from warroom.core.settings.datadog import DatadogSettings
from warroom.core.source import SourceBase
from warroom.sources.datadog import metrics as dm
from warroom.sources.datadog.client import (
    Credentials,
    make_client,
    request_timeout,
    resolve,
    sdk,
)
from warroom.sources.datadog.errors import REJECTED, ensure_parsed, status_of, translate
from warroom.sources.datadog.monitors import to_alerts, to_monitors
from warroom.sources.datadog.ratelimit import RateBudget

QUERY_BUCKET = "timeseries_query"
MONITOR_BUCKET = "monitors"
MONITOR_PAGE_SIZE = 100
MONITOR_PAGES = 10
"""Pages of monitors read per refresh at most: 1,000 monitors, 10 of the 1,000 requests an
hour Datadog allows for the list (a `monitor_tags` filter keeps it to one page)."""


def create(config: Config, env: Mapping[str, str]) -> DatadogSource:
    """Builds the source from the plan's `source = "datadog"` metrics.

    Raises:
        NotConfigured: DD_API_KEY or DD_APP_KEY missing, or an unknown DD_SITE.
    """
    settings = config.sources.datadog
    creds = resolve(settings, env)
    metrics = [m for m in config.metrics if m.source == "datadog"]
    return DatadogSource(settings, creds, [dm.parse_query(m) for m in metrics])


class DatadogSource(SourceBase):
    """Polls Datadog. Constructing it does no I/O and imports no SDK."""

    def __init__(
        self,
        settings: DatadogSettings,
        creds: Credentials,
        metrics: Sequence[dm.MetricQuery],
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        name: str = "datadog",
    ) -> None:
        self.name = name
        self.interval = settings.interval
        self.timeout = settings.timeout
        self.settings = settings
        self._creds = creds
        self._metrics = list(metrics)
        self._clock = clock
        self._monotonic = monotonic
        self._budget = RateBudget(settings.budget_reserve, monotonic)
        self._client: Any = None
        self._batch_size = settings.batch_size
        self._rejected: dict[str, str] = {}
        self._unit_problems: dict[str, str] = {}
        self._monitors: tuple[Monitor, ...] = ()
        self._monitors_at: float | None = None
        self._monitors_capped = False

    def __repr__(self) -> str:
        return f"DatadogSource(endpoint={self._creds.endpoint!r}, metrics={len(self._metrics)})"

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Opens the client and checks both keys with one cheap call each.

        Raises:
            SourceError: a rejected key (AuthError) or an unreachable Datadog.
        """
        await asyncio.to_thread(self._start_sync)

    def _start_sync(self) -> None:
        if self._client is None:
            self._client = make_client(self._creds, request_timeout(self.settings))
        auth = sdk("v1.api.authentication_api", "AuthenticationApi")(self._client)
        self._call(auth.validate, "key check", "validate")
        if not self.settings.monitors:
            return  # the first metrics query proves the app key
        # The API key alone passes /validate; a tiny monitor page also proves the app key.
        monitors = sdk("v1.api.monitors_api", "MonitorsApi")(self._client)
        self._call(
            lambda: monitors.list_monitors(page=0, page_size=1),
            "app key check",
            MONITOR_BUCKET,
        )

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                await asyncio.to_thread(client.close)
            except Exception:  # closing must never fail shutdown
                return

    def pacing(self) -> float:
        return self._budget.pacing(self.interval)

    # ------------------------------------------------------------------ polling

    async def fetch(self) -> FetchResult:
        """Runs one poll: all metrics in as few requests as the batch size allows, then the
        monitors when due.

        Returns:
            Readings per metric, monitor states, monitor alerts and the rate-limit budget.
        Raises:
            SourceError: every failure, translated; no key ever appears in its reason.
        """
        return await asyncio.to_thread(self._fetch_sync)

    def _fetch_sync(self) -> FetchResult:
        if self._client is None:
            self._start_sync()
        self._budget.begin_poll()
        self._unit_problems = {}
        readings = self._fetch_metrics()
        monitors = self._fetch_monitors()
        self._budget.end_poll()
        info = self._budget.info(self.interval)
        if self._rejected:
            info["rejected"] = ", ".join(sorted(self._rejected))
        if self._monitors_capped:
            info["monitors"] = f"first {MONITOR_PAGES * MONITOR_PAGE_SIZE:,} only"
        return FetchResult(
            readings=tuple(readings),
            monitors=monitors if self.settings.monitors else None,
            alerts=to_alerts(monitors),
            info=info,
            # A rejected query is set aside for the run: its tile says why, as does a unit
            # that does not convert.
            problems={**self._rejected, **self._unit_problems},
        )

    def _fetch_metrics(self) -> list[Reading]:
        wanted = [m for m in self._metrics if m.metric not in self._rejected]
        if not wanted:
            return []
        to_ms = int(self._clock() * 1000)
        window = (to_ms - int(self.settings.lookback * 1000), to_ms)
        out: list[Reading] = []
        for chunk in dm.chunks(wanted, self._batch_size):
            out += self._query_split(chunk, window)
        return out

    def _query_split(self, chunk: list[dm.MetricQuery], window: tuple[int, int]) -> list[Reading]:
        """Queries `chunk`; when Datadog rejects it, halves it until the culprit stands alone.

        A lone rejected metric is set aside for the rest of the run (its query is wrong and
        will not fix itself); halves that pass teach a smaller batch size for later polls.
        """
        try:
            return self._query(chunk, window)
        except SourceError as exc:
            if exc.status not in REJECTED:
                raise
            if len(chunk) == 1:
                self._rejected[chunk[0].metric] = exc.reason
                return []
        half = math.ceil(len(chunk) / 2)
        before = len(self._rejected)
        out = self._query_split(chunk[:half], window) + self._query_split(chunk[half:], window)
        if len(self._rejected) == before:
            self._batch_size = min(self._batch_size, half)
        return out

    def _query(self, chunk: list[dm.MetricQuery], window: tuple[int, int]) -> list[Reading]:
        batch = dm.build_batch(chunk)
        rollup_ms = int(self.settings.rollup * 1000)
        body = dm.request_body(batch, window[0], window[1], rollup_ms)
        api = sdk("v2.api.metrics_api", "MetricsApi")(self._client)
        data = self._call(lambda: api.query_timeseries_data(body), "metrics query", QUERY_BUCKET)
        ensure_parsed(data, "metrics query")
        try:
            found, problems = dm.readings(batch, data, rollup_ms, window[1])
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            raise BadResponse(f"Datadog metrics query: unreadable series ({exc})") from None
        self._unit_problems.update(problems)
        return found

    def _fetch_monitors(self) -> tuple[Monitor, ...]:
        if not self.settings.monitors:
            return ()
        every = self.settings.monitor_interval
        now = self._monotonic()
        if every and self._monitors_at is not None and now - self._monitors_at < every:
            return self._monitors  # not due: the banner keeps the last known states
        tags = ",".join(self.settings.monitor_tags)
        api = sdk("v1.api.monitors_api", "MonitorsApi")(self._client)
        found: list[Any] = []
        # Pages until a short one: the list is in id order, so a launch's new monitors are
        # on the last page.
        for page in range(MONITOR_PAGES):
            kwargs: dict[str, Any] = {"page": page, "page_size": MONITOR_PAGE_SIZE}
            if tags:
                kwargs["monitor_tags"] = tags
            data = self._call(partial(api.list_monitors, **kwargs), "monitors", MONITOR_BUCKET)
            ensure_parsed(data, "monitors")
            found += list(data)
            if len(data) < MONITOR_PAGE_SIZE:
                break
        self._monitors_capped = len(found) >= MONITOR_PAGES * MONITOR_PAGE_SIZE
        self._monitors = to_monitors(found, self.settings.monitor_tags)
        self._monitors_at = now
        return self._monitors

    def _call(self, fn: Callable[[], Any], what: str, bucket: str) -> Any:
        """Runs one client call and returns its data; reads rate-limit headers either way.

        Raises:
            SourceError: the translated failure; its `status` tells a rejection from a fault.
        """
        try:
            data, _status, headers = fn()
        except Exception as exc:
            headers = getattr(exc, "headers", None) or {}
            if status_of(exc) == 429:
                self._budget.exhausted(headers, bucket)
            elif headers:
                self._budget.observe(headers, bucket)
            raise translate(exc, what) from None
        self._budget.observe(headers or {}, bucket)
        return data

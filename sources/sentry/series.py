"""The error series for the Engineering tiles: error events per minute.

Chosen endpoint: `events-stats` (reference notes 3.4) with `dataset=errors`, `yAxis=count()`
and 1-minute buckets over the last hour. It is the only endpoint that returns a zero-filled
time series, so the first poll fills the whole sparkline and a missed poll leaves no hole.
It is not in the public API schema, so when a server answers 404 we fall back for good to the
documented `/events/` table (3.3), which gives one total per poll instead of a series.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from warroom.core.errors import BadResponse
from warroom.core.model import Reading
from warroom.sources.sentry.api import NotFound, SentryHttp

BUCKET = 60.0
FALLBACK_WINDOW = "5m"
FALLBACK_MINUTES = 5.0


class ErrorSeries:
    """Polls the error count; remembers whether events-stats is served."""

    def __init__(self, http: SentryHttp, org: str, scope: Mapping[str, str | list[str]]) -> None:
        self._http = http
        self._org = quote(org, safe="")
        self._scope = dict(scope)
        self.endpoint = "events-stats"

    async def poll(self, metric: str, now: float) -> list[Reading]:
        """Readings of errors per minute for `metric`: every complete bucket of the last hour,
        each stamped at the end of its minute.

        Raises:
            SourceError: the request failed or the answer had an unexpected shape.
        """
        if self.endpoint == "events-stats":
            try:
                return await self._stats(metric, now)
            except NotFound:
                self.endpoint = "events"
        return await self._table(metric, now)

    async def _stats(self, metric: str, now: float) -> list[Reading]:
        params = {
            **self._scope,
            "dataset": "errors",
            "yAxis": "count()",
            "interval": "1m",
            "statsPeriod": "1h",
            "partial": "1",
        }
        path = f"/organizations/{self._org}/events-stats/"
        page = await self._http.get("events-stats", path, params)
        # Stamped at the end of the minute counted, as Datadog's points are: when the count
        # was true. (At its start the newest count would already look a minute old.)
        return [
            Reading(metric, ts + BUCKET, v)
            for ts, v in parse_stats(page.data)
            if ts + BUCKET <= now
        ]

    async def _table(self, metric: str, now: float) -> list[Reading]:
        params = {
            **self._scope,
            "dataset": "errors",
            "field": "count()",
            "statsPeriod": FALLBACK_WINDOW,
        }
        page = await self._http.get("events", f"/organizations/{self._org}/events/", params)
        return [Reading(metric, now, parse_table_count(page.data) / FALLBACK_MINUTES)]


def parse_stats(body: Any) -> list[tuple[float, float]]:
    """(bucket start, count) pairs from a single-yAxis events-stats answer.

    Raises:
        BadResponse: the body is not `{"data": [[ts, [{"count": n}]], ...]}`.
    """
    try:
        return [
            (float(ts), float(sum(float(c.get("count") or 0) for c in counts)))
            for ts, counts in body["data"]
        ]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BadResponse(f"events-stats: unexpected shape ({type(exc).__name__})") from None


def parse_table_count(body: Any) -> float:
    """The `count()` of the first row of an `/events/` answer (0 when there are no rows).

    Raises:
        BadResponse: the body is not `{"data": [{"count()": n}]}`.
    """
    try:
        rows = body["data"]
        return float(rows[0]["count()"]) if rows else 0.0
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise BadResponse(f"events: unexpected shape ({type(exc).__name__})") from None

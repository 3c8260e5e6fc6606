"""HTTP to Sentry on the shared base: the bearer token, Sentry's rate limits, Link pagination.

Every failure leaves as a `SourceError` whose reason starts with the endpoint's short name and
never holds the token or more than a short, inert bit of the body.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from warroom.core.errors import BadResponse
from warroom.sources.http import Answer, JsonApi, NotFound, Vendor
from warroom.sources.sentry.limits import RateLimits

log = logging.getLogger("warroom.sources.sentry")
Params = Mapping[str, str | int | Sequence[str]]


@dataclass(frozen=True, slots=True)
class Page:
    data: Any
    next_cursor: str | None
    hits: int | None


def drf_detail(body: Any) -> str:
    """Sentry's errors are Django REST framework bodies: `{"detail": ...}` or a bare string."""
    text = body.get("detail") if isinstance(body, dict) else body
    return text if isinstance(text, str) else ""


class SentryHttp:
    """Gets JSON from `<base>/api/0/...` with the bearer token, inside Sentry's budgets."""

    def __init__(
        self,
        base_url: str,
        token: str,
        timeout: float,
        max_concurrency: int,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.base_url = base_url.rstrip("/") + "/api/0"
        self.limits = RateLimits(max_concurrency, clock)
        self._api = JsonApi(
            self.base_url,
            Vendor("", credential="token", detail=drf_detail),
            timeout=timeout,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
            policy=self.limits,
        )

    def __repr__(self) -> str:
        return f"SentryHttp(base_url={self.base_url!r})"

    @property
    def requests(self) -> int:
        return self._api.requests

    async def close(self) -> None:
        await self._api.close()

    async def get(self, endpoint: str, path: str, params: Params) -> Page:
        """GETs one page. `endpoint` is the short name used in reasons and rate budgets.

        Returns:
            The decoded JSON, the next cursor (None when Sentry says no more results) and X-Hits.
        Raises:
            SourceError: every failure, translated (NotFound for a 404).
        """
        await self.limits.spend(endpoint)
        # The answer is observed inside the gate, so waiters wake up to the concurrency that
        # this response allows.
        async with self.limits.gate:
            answer = await self._api.get(path, what=endpoint, params=params)
        log.debug("sentry %s -> %s", endpoint, answer.status)
        return Page(answer.body, _next_cursor(answer), _hits(answer))

    async def get_pages(
        self, endpoint: str, path: str, params: Params, max_pages: int
    ) -> tuple[list[Any], int | None]:
        """Follows the Link header's `next` cursor until `results="false"` or `max_pages`.

        The cursor is sent to our own base URL rather than following the link's URL, so the
        token never goes to a host the configuration did not name.

        Returns:
            All items of the pages read, and X-Hits of the first page (None if not sent).
        Raises:
            SourceError: as `get`, or BadResponse when a page is not a JSON array.
        """
        items: list[Any] = []
        cursor: str | None = None
        hits: int | None = None
        for number in range(max_pages):
            paged = {**params, "cursor": cursor} if cursor else params
            page = await self.get(endpoint, path, paged)
            if not isinstance(page.data, list):
                raise BadResponse(f"{endpoint}: expected a list")
            items.extend(page.data)
            hits = page.hits if number == 0 else hits
            cursor = page.next_cursor
            if cursor is None:
                break
        return items, hits


def _next_cursor(answer: Answer) -> str | None:
    link = answer.links.get("next") or {}
    if link.get("results") != "true":
        return None
    return link.get("cursor") or None


def _hits(answer: Answer) -> int | None:
    try:
        return int(answer.headers["x-hits"])
    except (KeyError, ValueError):
        return None


__all__ = ["NotFound", "Page", "SentryHttp"]

"""HTTP to Sentry: one reused httpx client, rate limits, Link pagination and error mapping.

Every httpx exception and every non-2xx answer leaves this module as a `SourceError` whose
reason names the endpoint, never the token and never more than a short, inert bit of the body.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from warroom.core.errors import (
    AuthError,
    BadResponse,
    RateLimited,
    SourceError,
    SourceTimeout,
    Unavailable,
)
from warroom.core.textsafe import inert
from warroom.sources.sentry.limits import RateLimits

log = logging.getLogger("warroom.sources.sentry.source")
Params = Mapping[str, str | int | Sequence[str]]


class NotFound(BadResponse):
    """404: a wrong org slug or issue id, or an endpoint this Sentry does not serve."""


@dataclass(frozen=True, slots=True)
class Page:
    data: Any
    next_cursor: str | None
    hits: int | None


class SentryHttp:
    """Gets JSON from `<base>/api/0/...` with the bearer token; owns the one AsyncClient."""

    def __init__(
        self,
        base_url: str,
        token: str,
        timeout: float,
        max_concurrency: int,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.base_url = base_url.rstrip("/") + "/api/0"
        self._token = token
        self._timeout = timeout
        self.limits = RateLimits(max_concurrency, clock)
        self.requests = 0
        self._client: httpx.AsyncClient | None = None

    def __repr__(self) -> str:
        return f"SentryHttp(base_url={self.base_url!r})"

    def open(self) -> None:
        """Creates the client once; later polls reuse its connections."""
        if self._client is None:
            self._client = httpx.AsyncClient(
                base_url=self.base_url,
                headers={"Authorization": f"Bearer {self._token}", "Accept": "application/json"},
                timeout=httpx.Timeout(self._timeout),
                follow_redirects=False,  # a redirect could carry the token to another host
            )

    async def close(self) -> None:
        if self._client is not None:
            client, self._client = self._client, None
            try:
                await client.aclose()
            except Exception:  # closing must never raise into shutdown
                log.debug("sentry: error while closing the client", exc_info=False)

    async def get(self, endpoint: str, path: str, params: Params) -> Page:
        """GETs one page. `endpoint` is the short name used in reasons and rate budgets.

        Returns:
            The decoded JSON, the next cursor (None when Sentry says no more results) and X-Hits.
        Raises:
            SourceError: every failure, translated.
        """
        self.open()
        assert self._client is not None
        await self.limits.spend(endpoint)
        async with self.limits.gate:
            self.requests += 1
            try:
                response = await self._client.get(path, params=_query(params))
            except httpx.TimeoutException:
                raise SourceTimeout(f"{endpoint}: no answer in {self._timeout:g}s") from None
            except httpx.HTTPError as exc:
                raise Unavailable(f"{endpoint}: {_transport_reason(exc)}") from None
            # Inside the gate, so waiters wake up to the concurrency this response allows.
            self.limits.observe(endpoint, response.headers)
        log.debug("sentry %s -> %s", endpoint, response.status_code)
        self._raise_for_status(endpoint, response)
        try:
            data = json.loads(response.content)
        except ValueError:
            raise BadResponse(f"{endpoint}: malformed JSON") from None
        return Page(data, _next_cursor(response), _hits(response))

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

    def _raise_for_status(self, endpoint: str, response: httpx.Response) -> None:
        status = response.status_code
        if status < 300:
            return
        detail = _detail(response)
        if status == 429:
            wait = self.limits.refused(endpoint, response.headers)
            raise RateLimited(f"{endpoint}: rate limited (429), waiting {wait:.0f}s", wait)
        if status == 401:
            raise AuthError(f"{endpoint}: token rejected (401)")
        if status == 403:
            raise AuthError(f"{endpoint}: token lacks a scope (403){detail}")
        if status >= 500:
            raise Unavailable(f"{endpoint}: server error {status}{detail}")
        if status == 404:
            raise NotFound(f"{endpoint}: not found (404){detail}")
        raise BadResponse(f"{endpoint}: HTTP {status}{detail}")


def _query(params: Params) -> list[tuple[str, str | int | float | bool | None]]:
    """Flattens list values into repeated parameters (`project=1&project=2`)."""
    out: list[tuple[str, str | int | float | bool | None]] = []
    for key, value in params.items():
        if isinstance(value, (str, int)):
            out.append((key, str(value)))
        else:
            out.extend((key, str(v)) for v in value)
    return out


def _next_cursor(response: httpx.Response) -> str | None:
    link = response.links.get("next") or {}
    if link.get("results") != "true":
        return None
    return link.get("cursor") or None


def _hits(response: httpx.Response) -> int | None:
    try:
        return int(response.headers["x-hits"])
    except (KeyError, ValueError):
        return None


def _detail(response: httpx.Response) -> str:
    """`: <detail>` from a DRF error body (either `{"detail": ...}` or a bare string), inert."""
    try:
        body = json.loads(response.content)
    except ValueError:
        return ""
    text = body.get("detail") if isinstance(body, dict) else body
    return f": {inert(text, 80)}" if isinstance(text, str) and text else ""


def _transport_reason(exc: httpx.HTTPError) -> str:
    if isinstance(exc, httpx.ConnectError):
        return "cannot connect"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "connection dropped"
    return f"network error ({type(exc).__name__})"


__all__ = ["NotFound", "Page", "SentryHttp", "SourceError"]

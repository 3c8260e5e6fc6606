"""GET against the Atlas Admin API v2 with Digest auth, turning every failure into a
SourceError and remembering the rate-limit headers of the last answer.

The private key lives only inside `httpx.DigestAuth`; reasons name the host and the HTTP
status, never a key.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
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

DEFAULT_RETRY_AFTER = 60.0


def accept_header(version: str) -> str:
    return f"application/vnd.atlas.{version}+json"


class AtlasHttp:
    """One AsyncClient per source; `remaining` / `limit` are the latest RateLimit-* values."""

    def __init__(self, base_url: str, auth: httpx.Auth, version: str, timeout: float) -> None:
        self.host = httpx.URL(base_url).host or base_url
        self.remaining: int | None = None
        self.limit: int | None = None
        self.requests = 0
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/") + "/api/atlas/v2",
            auth=auth,
            headers={"Accept": accept_header(version), "User-Agent": "warroom"},
            timeout=timeout,
        )

    def __repr__(self) -> str:
        return f"AtlasHttp(host={self.host!r})"

    async def get(self, path: str, params: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
        """Returns the decoded JSON object at `path`.

        Raises:
            AuthError, RateLimited, SourceTimeout, Unavailable, BadResponse.
        """
        self.requests += 1
        try:
            response = await self._client.get(path, params=tuple(params))
        except httpx.TimeoutException:
            raise SourceTimeout(f"Atlas ({self.host}) did not answer in time") from None
        except httpx.TransportError as exc:
            raise Unavailable(f"cannot reach Atlas at {self.host}: {type(exc).__name__}") from None
        self._note_limits(response)
        if response.status_code >= 400:
            raise self._status_error(response)
        try:
            body = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise BadResponse(f"Atlas {path.split('/')[-1]}: response is not JSON") from None
        if not isinstance(body, dict):
            raise BadResponse(f"Atlas {path.split('/')[-1]}: expected a JSON object")
        return body

    def _note_limits(self, response: httpx.Response) -> None:
        self.remaining = _int_header(response, "RateLimit-Remaining", self.remaining)
        self.limit = _int_header(response, "RateLimit-Limit", self.limit)

    def _status_error(self, response: httpx.Response) -> SourceError:
        code = response.status_code
        error_code = _error_code(response)
        if code == 429:
            retry = _float_header(response, "Retry-After")
            wait = DEFAULT_RETRY_AFTER if retry is None else retry
            return RateLimited(f"Atlas rate limit ({error_code or 429}); retry in {wait:g}s", wait)
        if code == 401:
            return AuthError("Atlas rejected the API key (401)")
        if code == 403:
            return AuthError(f"Atlas refused access (403 {error_code or 'FORBIDDEN'})")
        if code >= 500:
            return Unavailable(f"Atlas server error {code}")
        return BadResponse(f"Atlas answered {code} {error_code}".rstrip())

    async def close(self) -> None:
        await self._client.aclose()


def _error_code(response: httpx.Response) -> str:
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return ""
    code = body.get("errorCode") if isinstance(body, dict) else None
    return str(code)[:60] if isinstance(code, str) else ""


def _float_header(response: httpx.Response, name: str) -> float | None:
    try:
        return max(0.0, float(response.headers[name]))
    except (KeyError, ValueError):
        return None


def _int_header(response: httpx.Response, name: str, default: int | None) -> int | None:
    value = _float_header(response, name)
    return default if value is None else int(value)

"""GET against the Atlas Admin API v2 with Digest auth, on the shared HTTP base.

The private key lives only inside `httpx.DigestAuth`; reasons name the HTTP status and Atlas's
`errorCode`, never a key. Atlas reports its token bucket in `RateLimit-*` headers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from warroom.core.errors import BadResponse
from warroom.sources.http import JsonApi, Vendor, header_number, retry_after

if TYPE_CHECKING:
    import httpx


def accept_header(version: str) -> str:
    return f"application/vnd.atlas.{version}+json"


def error_code(body: Any) -> str:
    """Atlas errors are `{"error": 404, "errorCode": "GROUP_NOT_FOUND", "detail": "..."}`."""
    code = body.get("errorCode")
    return str(code)[:60] if isinstance(code, str) else ""


class AtlasLimits:
    """The latest `RateLimit-Remaining` / `RateLimit-Limit`; a 429 waits its Retry-After."""

    def __init__(self) -> None:
        self.remaining: int | None = None
        self.limit: int | None = None

    def observe(self, what: str, headers: Mapping[str, str]) -> None:
        remaining = header_number(headers, "RateLimit-Remaining")
        limit = header_number(headers, "RateLimit-Limit")
        self.remaining = self.remaining if remaining is None else int(remaining)
        self.limit = self.limit if limit is None else int(limit)

    def refused(self, what: str, headers: Mapping[str, str]) -> float | None:
        self.observe(what, headers)
        return retry_after(headers)


class AtlasHttp:
    """One client per source; `limits` holds the latest token-bucket figures."""

    def __init__(self, base_url: str, auth: httpx.Auth, version: str, timeout: float) -> None:
        self.limits = AtlasLimits()
        self._api = JsonApi(
            base_url.rstrip("/") + "/api/atlas/v2",
            Vendor("Atlas", credential="API key", detail=error_code),
            timeout=timeout,
            headers={"Accept": accept_header(version)},
            auth=auth,
            policy=self.limits,
        )

    def __repr__(self) -> str:
        return f"AtlasHttp(base_url={self._api.base_url!r})"

    @property
    def host(self) -> str:
        return self._api.host

    @property
    def requests(self) -> int:
        return self._api.requests

    async def get(self, path: str, params: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
        """Returns the decoded JSON object at `path`.

        Raises:
            SourceError: AuthError, RateLimited, SourceTimeout, Unavailable, BadResponse.
        """
        grouped: dict[str, list[str]] = {}
        for key, value in params:
            grouped.setdefault(key, []).append(value)
        answer = await self._api.get(path, what=path.split("/")[-1], params=grouped)
        if not isinstance(answer.body, dict):
            raise BadResponse(f"Atlas {path.split('/')[-1]}: expected a JSON object")
        return answer.body

    async def close(self) -> None:
        await self._api.close()

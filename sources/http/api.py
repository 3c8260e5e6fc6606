"""`JsonApi`: the steps every vendor request takes, written once.

One AsyncClient per source, opened on first use and reused; every request counted; rate-limit
headers handed to the vendor's pacing policy on every answer; no answer, a failing status and
a body that is not JSON each become the one SourceError that says so.
"""

from __future__ import annotations

import contextlib
import json as jsonlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from warroom.core.errors import BadResponse, SourceError
from warroom.sources.http.client import new_client
from warroom.sources.http.errors import Detail, no_detail, response_error, transport_error
from warroom.sources.http.limits import retry_after

if TYPE_CHECKING:
    import httpx

Params = Mapping[str, str | int | Sequence[str]]


class RatePolicy(Protocol):
    """A vendor's pacing: reads every answer's headers, and says how long a 429 means."""

    def observe(self, what: str, headers: Mapping[str, str]) -> None:
        """Records the rate-limit headers of an answer (any status but 429)."""

    def refused(self, what: str, headers: Mapping[str, str]) -> float | None:
        """Records a 429. Returns the seconds to wait, None when the answer does not say."""


class RetryAfterOnly:
    """The policy of a vendor that reports nothing but `Retry-After` on a 429."""

    def observe(self, what: str, headers: Mapping[str, str]) -> None:
        return None

    def refused(self, what: str, headers: Mapping[str, str]) -> float | None:
        return retry_after(headers)


@dataclass(frozen=True, slots=True)
class Answer:
    """A successful answer: status, headers, decoded JSON (None for an empty body), links."""

    status: int
    headers: Mapping[str, str]
    body: Any
    links: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


@dataclass(slots=True)
class Vendor:
    """What differs between vendors in how their failures read."""

    where: str
    """Names the vendor at the start of every reason, e.g. "Atlas"."""
    credential: str = "credentials"
    """What a 401 rejected, e.g. "API key" or "token"."""
    detail: Detail = no_detail
    """Finds the message in the vendor's error body."""


class JsonApi:
    """Requests against one base URL with fixed headers. Constructing it does no I/O."""

    def __init__(
        self,
        base_url: str,
        vendor: Vendor,
        *,
        timeout: float,
        headers: Mapping[str, str] | None = None,
        auth: httpx.Auth | None = None,
        policy: RatePolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.vendor = vendor
        self.timeout = timeout
        self.policy: RatePolicy = policy or RetryAfterOnly()
        self.requests = 0
        self._headers = dict(headers or {})
        self._auth = auth
        self._transport = transport
        self._client: httpx.AsyncClient | None = None

    def __repr__(self) -> str:
        return f"JsonApi(base_url={self.base_url!r})"

    @property
    def host(self) -> str:
        """The host name of the base URL (safe to show: no path, no query, no user info)."""
        return urlsplit(self.base_url).hostname or ""

    async def request(
        self,
        method: str,
        path: str,
        *,
        what: str = "",
        params: Params | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> Answer:
        """Sends one request. `what` names it in reasons and in the pacing policy.

        Returns:
            The answer of a 2xx status, its body decoded.
        Raises:
            SourceError: no answer, a failing status, or a body that is not JSON.
        """
        import httpx

        label = f"{self.vendor.where} {what}".strip()
        client = self._open()
        self.requests += 1
        try:
            response = await client.request(
                method, path, params=_query(params or {}), json=json, headers=headers
            )
        except httpx.HTTPError as exc:
            raise transport_error(exc, label, self.timeout) from None
        if response.status_code == 429:
            wait = self.policy.refused(what, response.headers)
            raise self._error(response, label, wait)
        self.policy.observe(what, response.headers)
        if response.status_code >= 300:
            raise self._error(response, label, None)
        links = {str(k): v for k, v in response.links.items()}
        return Answer(response.status_code, response.headers, _body(response, label), links)

    async def get(self, path: str, *, what: str = "", params: Params | None = None) -> Answer:
        """A GET; see `request`."""
        return await self.request("GET", path, what=what, params=params)

    async def close(self) -> None:
        """Closes the client. Never raises: closing must not fail shutdown."""
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(Exception):  # nothing useful to do with a failed close
                await client.aclose()

    def _open(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = new_client(
                self.base_url,
                timeout=self.timeout,
                headers=self._headers,
                auth=self._auth,
                transport=self._transport,
            )
        return self._client

    def _error(self, response: httpx.Response, label: str, wait: float | None) -> SourceError:
        return response_error(
            response,
            label,
            detail=self.vendor.detail,
            credential=self.vendor.credential,
            retry_after=wait,
        )


def _body(response: httpx.Response, label: str) -> Any:
    if not response.content.strip():
        return None
    try:
        return jsonlib.loads(response.content)
    except ValueError:
        raise BadResponse(f"{label}: malformed JSON", status=response.status_code) from None


def _query(params: Params) -> list[tuple[str, str | int | float | bool | None]]:
    """Flattens list values into repeated parameters (`project=1&project=2`)."""
    out: list[tuple[str, str | int | float | bool | None]] = []
    for key, value in params.items():
        if isinstance(value, str | int):
            out.append((key, str(value)))
        else:
            out.extend((key, str(v)) for v in value)
    return out

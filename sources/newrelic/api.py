"""NerdGraph over the shared HTTP base: one POST of a GraphQL document and its variables.

A GraphQL server answers most failures with HTTP 200 and an `errors` list beside whatever
`data` it could compute, so an answer is read in two steps: `execute` raises for what fails
the whole request (a rejected key, no `data` at all, a body that is not GraphQL) and returns
the rest, each error with its `path`, for the caller to match to the field that failed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from warroom.core.errors import (
    AuthError,
    BadResponse,
    RateLimited,
    SourceError,
    SourceTimeout,
    Unavailable,
)
from warroom.sources.http import JsonApi, Vendor
from warroom.sources.newrelic.credentials import Credentials
from warroom.sources.newrelic.limits import NerdGraphPacing

if TYPE_CHECKING:
    import httpx

WHERE = "New Relic"
AUTH_CODES = ("BAD_API_KEY",)
"""Error classes that mean the key itself was refused (New Relic answers them with a 401)."""
_NOT_ALLOWED = ("UNAUTHORIZED", "FORBIDDEN", "ACCESS_DENIED")
THROTTLED = "TOO_MANY_REQUESTS"
_TRANSIENT = {"TIMEOUT": SourceTimeout, "INTERNAL_SERVER_ERROR": Unavailable}
_DEPRECATED = "This field is deprecated!"


class Refused(BadResponse):
    """NerdGraph read the request and said no (a validation error, a bad argument): nothing
    was done, and sending it again will not help."""


@dataclass(frozen=True, slots=True)
class FieldError:
    """One entry of `errors`: New Relic's message (untrusted), where, and its class."""

    message: str
    path: tuple[str, ...]
    error_class: str


@dataclass(frozen=True, slots=True)
class GraphQLResult:
    data: Mapping[str, Any]
    errors: tuple[FieldError, ...]

    @property
    def throttled(self) -> bool:
        """True when any part was refused for the per-account query budget."""
        return any(e.error_class == THROTTLED for e in self.errors)

    def errors_at(self, *prefix: str) -> dict[str, FieldError]:
        """The errors under `prefix` (e.g. "actor", "account"), by the next path element:
        the alias of the field that failed. The first error of each field wins."""
        out: dict[str, FieldError] = {}
        depth = len(prefix)
        for error in self.errors:
            if len(error.path) > depth and error.path[:depth] == prefix:
                out.setdefault(error.path[depth], error)
        return out


def graphql_detail(body: Any) -> str:
    """The first error message of a GraphQL error body (a 401 carries one too)."""
    errors = body.get("errors") if isinstance(body, dict) else None
    first = errors[0] if isinstance(errors, list) and errors else None
    message = first.get("message") if isinstance(first, dict) else None
    return message if isinstance(message, str) else ""


class NerdGraph:
    """POSTs GraphQL to NerdGraph with the user key. Constructing it does no I/O."""

    def __init__(
        self,
        creds: Credentials,
        timeout: float,
        pacing: NerdGraphPacing,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.pacing = pacing
        self._path = creds.path
        self._api = JsonApi(
            creds.origin,
            Vendor(WHERE, credential="API key", detail=graphql_detail),
            timeout=timeout,
            headers={"API-Key": creds.api_key, "Accept": "application/json"},
            policy=pacing,
            transport=transport,
        )

    def __repr__(self) -> str:
        return f"NerdGraph(url={self._api.base_url + self._path!r})"

    @property
    def requests(self) -> int:
        return self._api.requests

    async def close(self) -> None:
        await self._api.close()

    async def execute(
        self, document: str, variables: Mapping[str, Any], what: str
    ) -> GraphQLResult:
        """Sends one document. `what` names it in reasons ("query", "marker").

        Returns:
            The `data` and every error except deprecation notices.
        Raises:
            SourceError: no usable answer, a rejected key (AuthError, also inside an HTTP
                200), or an answer without `data` (classified by its first error).
        """
        answer = await self._api.request(
            "POST", self._path, what=what, json={"query": document, "variables": dict(variables)}
        )
        body = answer.body
        label = f"{WHERE} {what}"
        if not isinstance(body, dict):
            raise BadResponse(f"{label}: not a GraphQL answer", status=answer.status)
        errors = tuple(
            e for e in _errors(body.get("errors")) if not e.message.startswith(_DEPRECATED)
        )
        rejected = next((e for e in errors if e.error_class in AUTH_CODES), None)
        if rejected is not None:
            raise AuthError(
                f"{label}: API key rejected ({rejected.error_class})", status=answer.status
            )
        data = body.get("data")
        if not isinstance(data, dict):
            raise self.failure(errors, label, answer.status)
        result = GraphQLResult(data, errors)
        if not result.throttled:
            self.pacing.succeeded()
        return result

    def failure(self, errors: tuple[FieldError, ...], label: str, status: int) -> SourceError:
        """The one error for a request that produced nothing: its first error, classified."""
        if not errors:
            return BadResponse(f"{label}: answer without data", status=status)
        if any(e.error_class == THROTTLED for e in errors):
            return self.rate_limited(label, status)
        first = errors[0]
        if first.error_class in _NOT_ALLOWED:
            return AuthError(f"{label}: {first.message}", status=status)
        kind = _TRANSIENT.get(first.error_class)
        if kind is None:
            kind = Unavailable if first.error_class.endswith("SERVER_ERROR") else Refused
        return kind(f"{label}: {first.message}", status=status)

    def rate_limited(self, label: str, status: int = 200) -> RateLimited:
        """The error for a `TOO_MANY_REQUESTS`: waits as the pacing says."""
        wait = self.pacing.throttled()
        return RateLimited(
            f"{label}: rate limited ({THROTTLED}), waiting {wait:.0f}s", wait, status=status
        )


def _errors(raw: Any) -> list[FieldError]:
    if not isinstance(raw, list):
        return []
    out = []
    for item in raw:
        if not isinstance(item, dict):
            continue
        ext: dict[str, Any] = _of(item.get("extensions"), dict) or {}
        kind = ext.get("errorClass") or ext.get("error_code") or ext.get("code") or ""
        path: list[Any] = _of(item.get("path"), list) or []
        message = item.get("message")
        out.append(
            FieldError(
                message if isinstance(message, str) else "error without a message",
                tuple(str(p) for p in path),
                str(kind),
            )
        )
    return out


def _of(value: Any, kind: type[Any]) -> Any:
    """`value` when it is an instance of `kind`, else None."""
    return value if isinstance(value, kind) else None

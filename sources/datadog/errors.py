"""Turns datadog-api-client and urllib3 failures into warroom's SourceError tree.

The client raises three unrelated kinds of thing: `ApiException` (and subclasses) for HTTP
errors, urllib3's own exceptions for transport failures (it never wraps those), and
`ApiTypeError` / `ApiValueError` when a body cannot be read as the expected model. Unknown
enum values raise nothing at all: the model is kept with `_unparsed=True`, so callers must
check it with `ensure_parsed`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from warroom.core.errors import (
    AuthError,
    BadResponse,
    RateLimited,
    SourceError,
    SourceTimeout,
    Unavailable,
)
from warroom.core.textsafe import inert
from warroom.sources.datadog.ratelimit import header

DEFAULT_RETRY_AFTER = 60.0
_REASON_LIMIT = 120
_HTTP_NAMES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    408: "Request Timeout",
    413: "Payload Too Large",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}
# Statuses with which Datadog refuses a request it does not like (rather than failing).
REJECTED = frozenset({400, 413, 422})


class Scrubber:
    """Removes secrets from text before it can reach a reason, a log or the screen."""

    def __init__(self, secrets: Iterable[str]) -> None:
        # Longest first, so a key that contains another is removed whole.
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text

    def __repr__(self) -> str:
        return f"Scrubber({len(self._secrets)} secrets)"


def api_error_message(body: Any) -> str:
    """Returns the first string of a Datadog `{"errors": [...]}` body, or "" for anything else
    (an HTML page from a gateway, an empty 429 body)."""
    if isinstance(body, Mapping):
        errors = body.get("errors")
        if isinstance(errors, list) and errors:
            return str(errors[0])
        if isinstance(errors, str):
            return errors
    return ""


def status_of(exc: BaseException) -> int | None:
    """The HTTP status of an ApiException, None for anything else."""
    status = getattr(exc, "status", None)
    return status if isinstance(status, int) and status > 0 else None


def translate(exc: BaseException, what: str, scrub: Scrubber) -> SourceError:
    """Maps one failure of the call described by `what` ("metrics query", "monitors"...).

    Returns:
        The SourceError to raise; its reason is one short line without any secret.
    """
    if isinstance(exc, SourceError):
        return exc
    status = status_of(exc)
    if status is not None:
        return _from_status(exc, status, what, scrub)
    return _from_transport(exc, what, scrub)


def _from_status(exc: BaseException, status: int, what: str, scrub: Scrubber) -> SourceError:
    detail = api_error_message(getattr(exc, "body", None))
    name = _HTTP_NAMES.get(status, "HTTP error")
    suffix = f": {detail}" if detail else ""
    reason = _line(f"Datadog {what}: {status} {name}{suffix}", scrub)
    headers = getattr(exc, "headers", None) or {}
    if status == 429:
        wait = _seconds(header(headers, "X-RateLimit-Reset"), DEFAULT_RETRY_AFTER)
        bucket = header(headers, "X-RateLimit-Name")
        label = f" ({bucket})" if bucket else ""
        return RateLimited(_line(f"Datadog rate limit{label}: waiting {wait:g}s", scrub), wait)
    if status in (401, 403):
        key = "API key" if what == "key check" else "keys"
        return AuthError(_line(f"Datadog rejected the {key} ({status} {name}{suffix})", scrub))
    if status in (408, 504):
        return SourceTimeout(reason)
    if status >= 500:
        return Unavailable(reason)
    return BadResponse(reason)


def _from_transport(exc: BaseException, what: str, scrub: Scrubber) -> SourceError:
    import urllib3.exceptions as u3  # already loaded by the client; kept out of app start-up

    inner = exc.reason if isinstance(exc, u3.MaxRetryError) and exc.reason else exc
    # NewConnectionError subclasses urllib3's ConnectTimeoutError: test it first.
    if isinstance(inner, u3.NewConnectionError | ConnectionRefusedError):
        return Unavailable(f"Datadog {what}: cannot connect")
    if isinstance(inner, u3.TimeoutError | TimeoutError):
        return SourceTimeout(f"Datadog {what}: no answer in time")
    if isinstance(inner, u3.ProtocolError | ConnectionError | u3.HTTPError | OSError):
        return Unavailable(f"Datadog {what}: connection dropped")
    if isinstance(inner, ValueError | TypeError | KeyError | AttributeError):
        # ApiTypeError / ApiValueError / JSON problems: the body did not fit the model.
        return BadResponse(f"Datadog {what}: unreadable answer ({type(inner).__name__})")
    return Unavailable(_line(f"Datadog {what}: {type(inner).__name__}", scrub))


def ensure_parsed(model: Any, what: str) -> None:
    """Raises BadResponse when the client kept `model` (or any item of it) as `_unparsed`.

    Raises:
        BadResponse: an unknown enum value or a field of the wrong type.
    """
    items = model if isinstance(model, list) else [model]
    for item in items:
        if getattr(item, "_unparsed", False):
            raise BadResponse(f"Datadog {what}: answer did not match the API schema")


def _seconds(raw: str | None, default: float) -> float:
    try:
        value = float(raw) if raw is not None else default
    except ValueError:
        return default
    return value if value >= 0 else default


def _line(text: str, scrub: Scrubber) -> str:
    return inert(" ".join(scrub(text).split()), _REASON_LIMIT)

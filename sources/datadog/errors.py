"""Turns datadog-api-client and urllib3 failures into warroom's SourceError tree.

The client raises three unrelated kinds of thing: `ApiException` (and subclasses) for HTTP
errors, urllib3's own exceptions for transport failures (it never wraps those), and
`ApiTypeError` / `ApiValueError` when a body cannot be read as the expected model. Unknown
enum values raise nothing at all: the model is kept with `_unparsed=True`, so callers must
check it with `ensure_parsed`.

HTTP statuses go through the shared mapping (`sources.http.status_error`); only the urllib3
ladder and Datadog's error-body shape live here, because the SDK does not use httpx.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warroom.core.errors import BadResponse, SourceError, SourceTimeout, Unavailable
from warroom.sources.http import DEFAULT_RETRY_AFTER, header, header_number, status_error

# Statuses with which Datadog refuses a request it does not like (rather than failing).
REJECTED = frozenset({400, 413, 422})
# What a 401/403 rejected: the two start-up checks each prove one key.
_CREDENTIAL = {"key check": "API key", "app key check": "application key"}


def api_error_message(body: Any) -> str:
    """Returns the first string of a Datadog `{"errors": [...]}` body, or "" for anything else
    (an HTML page from a gateway, an empty 429 body)."""
    if isinstance(body, str | bytes):
        import json

        try:
            body = json.loads(body)
        except ValueError:
            return ""
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


def translate(exc: BaseException, what: str) -> SourceError:
    """Maps one failure of the call described by `what` ("metrics query", "monitors"...).

    Returns:
        The SourceError to raise; its reason is one short line without any secret, and its
        `status` the HTTP status when there was an answer.
    """
    if isinstance(exc, SourceError):
        return exc
    status = status_of(exc)
    if status is None:
        return _from_transport(exc, what)
    headers = getattr(exc, "headers", None) or {}
    wait = header_number(headers, "X-RateLimit-Reset")  # seconds until, not an epoch
    return status_error(
        status,
        f"Datadog {what}",
        detail=api_error_message(getattr(exc, "body", None)),
        credential=_CREDENTIAL.get(what, "keys"),
        retry_after=DEFAULT_RETRY_AFTER if wait is None or wait < 0 else wait,
        limit_name=header(headers, "X-RateLimit-Name") or "",
    )


def _from_transport(exc: BaseException, what: str) -> SourceError:
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
    return Unavailable(f"Datadog {what}: {type(inner).__name__}")


def ensure_parsed(model: Any, what: str) -> None:
    """Raises BadResponse when the client kept `model` (or any item of it) as `_unparsed`.

    Raises:
        BadResponse: an unknown enum value or a field of the wrong type.
    """
    items = model if isinstance(model, list) else [model]
    for item in items:
        if getattr(item, "_unparsed", False):
            raise BadResponse(f"Datadog {what}: answer did not match the API schema")

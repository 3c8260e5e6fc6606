"""Every failed HTTP request of every vendor becomes a `SourceError` here, and reads alike.

Two ladders, both shared:

- `transport_error`: httpx's exception tree (no answer at all) → SourceTimeout / Unavailable;
- `status_error`: an answer with a failing status → the class the status means::

      401        AuthError      "<where>: <credential> rejected (401 Unauthorized)"
      403        AuthError      "<where>: <credential> not allowed (403 Forbidden: …)"
      404        NotFound       "<where>: not found (404 Not Found: …)"
      408, 504   SourceTimeout
      429        RateLimited    "<where>: rate limited (<limit name or 429>), waiting Ns"
      other 4xx  BadResponse    (the request itself was refused: retrying will not help)
      5xx        Unavailable

Each vendor brings only what differs: the words for its credential, where to find the message
in its error body (`detail`), and how long a 429 asks to wait (its pacing policy).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from warroom.core.errors import (
    AuthError,
    BadResponse,
    RateLimited,
    SourceError,
    SourceTimeout,
    Unavailable,
)
from warroom.core.textsafe import inert
from warroom.sources.http.limits import DEFAULT_RETRY_AFTER

if TYPE_CHECKING:
    import httpx

DETAIL_LIMIT = 60
RATE_NOTE_LIMIT = 40
Detail = Callable[[Any], str]
"""Finds the vendor's message in a decoded JSON error body ("" when there is none)."""


class NotFound(BadResponse):
    """404: a wrong id or slug, or an endpoint this server does not serve."""


def no_detail(body: Any) -> str:
    return ""


def transport_error(exc: httpx.HTTPError, where: str, timeout: float | None = None) -> SourceError:
    """The error for a request that got no usable answer. Never quotes the URL: httpx puts
    it in its messages, and a URL may carry a secret."""
    import httpx

    if isinstance(exc, httpx.TimeoutException):
        wait = f" in {timeout:g}s" if timeout else " in time"
        return SourceTimeout(f"{where}: no answer{wait}")
    if isinstance(exc, httpx.ConnectError):
        return Unavailable(f"{where}: cannot connect{_to_host(exc)}")
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return Unavailable(f"{where}: connection dropped")
    return Unavailable(f"{where}: network error ({type(exc).__name__})")


def _to_host(exc: httpx.HTTPError) -> str:
    """` to HOST:PORT` of the failed request: the host is safe to show, the rest of the URL
    (its query, its user info) is not."""
    try:
        url = exc.request.url
    except RuntimeError:  # an exception raised without a request
        return ""
    port = f":{url.port}" if url.port else ""
    return f" to {url.host}{port}" if url.host else ""


def status_error(
    status: int,
    where: str,
    *,
    detail: str = "",
    credential: str = "credentials",
    retry_after: float | None = None,
    limit_name: str = "",
) -> SourceError:
    """The error for an answer with failing `status` (see the module docstring).

    `detail` is the vendor's own message (made one inert line here); `retry_after` the seconds
    a 429 asks to wait (default DEFAULT_RETRY_AFTER); `limit_name` names the exhausted budget.
    """
    phrase = _phrase(status)
    note = _note(detail, phrase)
    if status == 429:
        wait = DEFAULT_RETRY_AFTER if retry_after is None else max(0.0, retry_after)
        # A short code names the exhausted bucket; a long apology would hide the wait.
        label = f"{limit_name or 429}{note if len(note) <= RATE_NOTE_LIMIT else ''}"
        return RateLimited(
            f"{where}: rate limited ({label}), waiting {wait:.0f}s", wait, status=429
        )
    if status == 401:
        return AuthError(f"{where}: {credential} rejected ({status} {phrase}{note})", status=status)
    if status == 403:
        return AuthError(
            f"{where}: {credential} not allowed ({status} {phrase}{note})", status=status
        )
    if status == 404:
        return NotFound(f"{where}: not found ({status} {phrase}{note})", status=status)
    text = f"{where}: {status} {phrase}{note}"
    if status in (408, 504):
        return SourceTimeout(text, status=status)
    if status >= 500:
        return Unavailable(text, status=status)
    return BadResponse(text, status=status)


def response_error(
    response: httpx.Response,
    where: str,
    *,
    detail: Detail = no_detail,
    credential: str = "credentials",
    retry_after: float | None = None,
    limit_name: str = "",
) -> SourceError:
    """`status_error` for an httpx answer, with `detail` looked up in its JSON body."""
    return status_error(
        response.status_code,
        where,
        detail=_detail_of(response.content, detail),
        credential=credential,
        retry_after=retry_after,
        limit_name=limit_name,
    )


def _detail_of(content: bytes, detail: Detail) -> str:
    """An HTML page from a gateway, an empty body or a body of the wrong shape give ""."""
    try:
        body = json.loads(content)
    except ValueError:
        return ""
    try:
        text = detail(body)
    except (AttributeError, KeyError, IndexError, TypeError):
        return ""
    return text if isinstance(text, str) else ""


def _note(detail: str, phrase: str) -> str:
    """`: <detail>` as one inert line; nothing when it only repeats the status phrase
    (Atlas answers 401 with `"errorCode": "UNAUTHORIZED"`)."""
    text = " ".join(detail.split())
    if not text or _squash(text) == _squash(phrase):
        return ""
    return f": {inert(text, DETAIL_LIMIT)}"


def _squash(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "HTTP error"

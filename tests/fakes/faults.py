"""One fault vocabulary for every HTTP fake, and the answers all vendors give alike.

The modes (`FAULTS`), as a vendor or the network between shows them:

    timeout    no answer: the request is held until the fault changes (or `hang` s pass), then
               the connection closes without a status line
    slow       the normal answer, `slow_seconds` late (set it past the client's timeout)
    500        500 with the vendor's JSON error body
    502        a gateway's HTML page, as nginx sends when the vendor behind it is down
    429        the vendor's own 429 (its headers and body), allowing again `fault_reset` s later
    malformed  200 whose JSON body stops mid-object
    auth       the vendor's answer to credentials it rejects
    drop       the connection closes before any status line

A fake's state derives from `Faults` (the switch: which mode, on which paths, how many times)
and asks `answer` first for every request. The vendor brings only what differs, as a `Vendor`:
the shape of its JSON errors, its 429 and its auth failure. With `echo` on, every error body
also repeats the request's credential (and tracing) headers, as a misbehaving gateway does;
the secret tests check that none of it reaches the user.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any, ClassVar, Protocol

FAULTS = ("timeout", "slow", "500", "502", "429", "malformed", "auth", "drop")
HTML_502 = "<html><head><title>502 Bad Gateway</title></head><body>nginx{echo}</body></html>"
MALFORMED = b'{"data": [[1700000000, [{"count": '
_TICK = 0.05  # how often a held request looks whether its fault was cleared
# Tracing headers an SDK may add to every request; an echoing gateway repeats them too.
TRACE_HEADERS = ("sentry-trace", "baggage", "traceparent")


@dataclass(frozen=True, slots=True)
class Asked:
    """The request a fault applies to: method, path and lower-case header names."""

    method: str
    path: str
    headers: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Reply:
    """One answer to write. `DROP` (status 0) closes the connection without any."""

    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: Mapping[str, str] = field(default_factory=dict)


DROP = Reply(0)


def json_reply(status: int, body: Any, headers: Mapping[str, str] | None = None) -> Reply:
    return Reply(status, json.dumps(body).encode(), headers=dict(headers or {}))


class Vendor(Protocol):
    """What one vendor's fake brings to the shared faults."""

    @property
    def credential_headers(self) -> tuple[str, ...]:
        """Lower-case names of the request headers that carry credentials (echo repeats them)."""

    def error_body(self, status: int, echo: str) -> Any:
        """The vendor's JSON error body for `status`, with `echo` where its message goes."""

    def rate_limited(self, asked: Asked, reset: float, echo: str) -> Reply:
        """The vendor's 429, saying the request may be made again in `reset` seconds."""

    def auth_failed(self, asked: Asked, echo: str) -> Reply:
        """The vendor's answer to credentials it rejects (401 or 403)."""


@dataclass
class Faults:
    """The fault switch a fake's state derives from. Tests set the fields between requests."""

    fault: str | None = None
    """One of FAULTS, a vendor's own mode, or an alias (`aliases`); None: no fault."""
    fault_on: str | None = None
    """Only requests whose `METHOD path` contains this text fail ("/monitor", "PATCH");
    None or "": every request."""
    fault_method: str | None = None
    fault_times: int | None = None
    """Fail this many matching requests, then clear (None: until cleared)."""
    fault_skip: int = 0
    """Let this many matching requests through before the fault starts (the read, then)."""
    hang: float = 5.0
    slow_seconds: float = 1.5
    fault_reset: float = 1.0
    delay: float = 0.0
    """Every answer this many seconds late: a slow but healthy vendor, not a fault."""
    echo: bool = False
    allowed_at: float | None = None
    """Epoch seconds at which the last 429 said the vendor allows requests again."""
    _fault_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _stopped: threading.Event = field(default_factory=threading.Event, repr=False)

    aliases: ClassVar[Mapping[str, str]] = {}
    """A fake's older names for shared modes, e.g. {"401": "auth"}."""

    def take(self, method: str, path: str) -> str | None:
        """The mode that applies to this request (using up one of `fault_times`), or None.
        `path` is what tells the fake's requests apart: its URL path, or for NerdGraph (one
        path for everything) the GraphQL document."""
        with self._fault_lock:
            if self.fault is None or (self.fault_on or "") not in f"{method} {path}":
                return None
            if self.fault_method is not None and method != self.fault_method:
                return None
            if self.fault_skip > 0:
                self.fault_skip -= 1
                return None
            mode = self.fault
            if self.fault_times is not None:
                self.fault_times -= 1
                if self.fault_times <= 0:
                    self.fault, self.fault_times = None, None
            return self.aliases.get(mode, mode)

    def answer(self, mode: str | None, asked: Asked, vendor: Vendor) -> Reply | None:
        """The reply of a shared `mode`; None when the request is to be served as usual (no
        fault, `slow` once its wait is over, or a mode the fake handles itself). Call it for
        every request: it also applies `delay`."""
        self.wait(self.delay)
        if mode in ("drop", "timeout"):
            if mode == "timeout":
                self._hold(self.fault)
            return DROP
        if mode == "slow":
            self.wait(self.slow_seconds)
            return None
        names = (*vendor.credential_headers, *TRACE_HEADERS)
        echo = echo_text(asked.headers, names) if self.echo else ""
        if mode == "500":
            return json_reply(500, vendor.error_body(500, echo))
        if mode == "502":
            return Reply(502, HTML_502.format(echo=echo).encode(), "text/html")
        if mode == "malformed":
            return Reply(200, MALFORMED)
        if mode == "429":
            self.allowed_at = time.time() + self.fault_reset
            return vendor.rate_limited(asked, self.fault_reset, echo)
        if mode == "auth":
            return vendor.auth_failed(asked, echo)
        return None

    def wait(self, seconds: float) -> None:
        """Sleeps, cut short when the fake stops."""
        if seconds > 0:
            self._stopped.wait(seconds)

    def stop(self) -> None:
        """Lets every held or sleeping request go (the fake is shutting down)."""
        self._stopped.set()

    def _hold(self, held_by: str | None) -> None:
        deadline = time.monotonic() + self.hang
        while self.fault == held_by and time.monotonic() < deadline:
            if self._stopped.wait(_TICK):
                return


def echo_text(headers: Mapping[str, str], names: tuple[str, ...]) -> str:
    """What a gateway that echoes the request puts in its error: the credential values bare
    (first, so they survive a message cut short), then as headers."""
    sent = [(name, headers[name]) for name in names if headers.get(name)]
    if not sent:
        return ""
    bare = " ".join(value.split(" ", 1)[-1] for _, value in sent)
    shaped = "; ".join(f"{name}: {value}" for name, value in sent)
    return f" (sent {bare}; {shaped})"


def send(handler: BaseHTTPRequestHandler, reply: Reply) -> None:
    """Writes `reply`, or closes the connection for DROP. A client that already gave up (a
    timeout test) is not an error."""
    if reply.status == 0:
        handler.close_connection = True
        return
    try:
        handler.send_response(reply.status)
        handler.send_header("Content-Type", reply.content_type)
        handler.send_header("Content-Length", str(len(reply.body)))
        for key, value in reply.headers.items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(reply.body)
    except OSError:
        handler.close_connection = True

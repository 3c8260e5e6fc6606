"""A fake Datadog API on 127.0.0.1 speaking the wire format of `reference/datadog.md`.

Real HTTP (ThreadingHTTPServer in a thread). It checks the DD-API-KEY / DD-APPLICATION-KEY
headers, answers v1 (`/api/v1/query`: seconds in, milliseconds out) and v2
(`/api/v2/query/timeseries`: milliseconds) shapes, sends X-RateLimit-* headers (lower case on
v2 as over HTTP/2, canonical case on v1), logs every request, and has the shared fault modes
of `tests.fakes.faults` (with the older names "403" for auth and "truncated" for malformed)
plus its own "bad_enum" (an enum value the client does not know).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any, ClassVar

from tests.fakes import faults
from tests.fakes.datadog_fake_handler import Handler, Logged

API_KEY = "fake-api-key-5f1d2c3b4a5968778695a4b3c2d1e0f9"
APP_KEY = "fake-app-key-0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b"
FAULTS = (*faults.FAULTS, "403", "truncated", "bad_enum")
# Endpoint -> (rate-limit bucket, limit, period seconds). Numbers are illustrative.
BUCKETS = {
    "/api/v2/query/timeseries": ("timeseries_query", 1600, 3600),
    "/api/v1/query": ("metrics_query", 1600, 3600),
    "/api/v1/monitor": ("monitors_list", 1000, 3600),
    "/api/v1/events": ("events", 5000, 60),
}


@dataclass
class Limit:
    name: str
    limit: int
    remaining: int
    reset_at: float


@dataclass
class FakeState(faults.Faults):
    """Everything the fake serves; tests change it between polls."""

    aliases: ClassVar[Mapping[str, str]] = {"403": "auth", "truncated": "malformed"}

    api_key: str = API_KEY
    app_key: str = APP_KEY
    values: dict[str, Any] = field(default_factory=dict)
    """query text -> a number, None (gap) or a list aligned to the newest points."""
    groups: dict[str, dict[str, float]] = field(default_factory=dict)
    """query text -> {group tag: value}: answers with one series per group."""
    default_value: float = 1.0
    units: dict[str, tuple[str, str | None] | None] = field(default_factory=dict)
    """metric name -> (unit, per unit) reported in series metadata; overrides the defaults
    Datadog uses for the plan's metrics (see datadog_routes.METRIC_UNITS); None: no unit."""
    points: int = 5
    max_queries: int | None = None
    reject_queries: set[str] = field(default_factory=set)
    monitors: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    limits: dict[str, Limit] = field(default_factory=dict)
    fault_after: bool = False
    """Apply a 500/502 fault after the request took effect (an event stored, then a 500)."""
    echo_keys: bool = False
    """Put the received key into 403 bodies, as some gateways do (tests secret scrubbing)."""
    log: list[Logged] = field(default_factory=list)


class FakeDatadog:
    """Start with `with FakeDatadog() as dd:`; point the adapter at `dd.url`."""

    def __init__(self) -> None:
        self.state = FakeState()
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._server.fake = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> FakeDatadog:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.state.stop()
        self._server.shutdown()
        self._server.server_close()

    # ------------------------------------------------------------------ test controls

    def set_fault(
        self,
        mode: str | None,
        times: int | None = None,
        path: str | None = None,
        method: str | None = None,
    ) -> None:
        """Turns a fault on for `times` matching requests (None: until cleared)."""
        if mode is not None and mode not in FAULTS:
            raise ValueError(f"unknown fault {mode!r}")
        with self.state._fault_lock:
            self.state.fault, self.state.fault_times = mode, times
            self.state.fault_on, self.state.fault_method = path or "", method

    def set_limit(self, path: str, limit: int, remaining: int, reset: float) -> None:
        name = BUCKETS[path][0]
        with self.lock:
            self.state.limits[name] = Limit(name, limit, remaining, time.monotonic() + reset)

    def requests(self, path: str | None = None, method: str | None = None) -> list[Logged]:
        with self.lock:
            return [
                r
                for r in self.state.log
                if (path is None or r.path == path) and (method is None or r.method == method)
            ]

    def count(self, path: str | None = None, method: str | None = None) -> int:
        return len(self.requests(path, method))

    def clear_log(self) -> None:
        with self.lock:
            self.state.log.clear()

    # ------------------------------------------------------------------ used by the handler

    def rate_headers(self, path: str, lower: bool) -> dict[str, str]:
        """Spends one request of the endpoint's bucket; returns its X-RateLimit-* headers."""
        bucket = BUCKETS.get(path)
        if bucket is None:
            return {}
        name, limit, period = bucket
        now = time.monotonic()
        with self.lock:
            lim = self.state.limits.get(name)
            if lim is None or lim.reset_at <= now:
                lim = self.state.limits[name] = Limit(name, limit, limit, now + period)
            lim.remaining = max(0, lim.remaining - 1)
            values = {
                "Limit": str(lim.limit),
                "Period": str(period),
                "Remaining": str(lim.remaining),
                "Reset": str(max(0, round(lim.reset_at - now))),
                "Name": name,
            }
        prefix = "x-ratelimit-" if lower else "X-RateLimit-"
        return {prefix + (k.lower() if lower else k): v for k, v in values.items()}

    def record(self, entry: Logged) -> None:
        with self.lock:
            self.state.log.append(entry)


@contextmanager
def running() -> Iterator[FakeDatadog]:
    with FakeDatadog() as dd:
        yield dd

"""The contract every adapter in `sources/` fulfils. The poller only knows this interface."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from warroom.core.model import FetchResult


@runtime_checkable
class Source(Protocol):
    """A backend that can be polled.

    Constructors do no I/O. `start` is called once before the first poll (validate keys, open
    a client), `fetch` once per poll, `close` once at shutdown.
    """

    name: str
    """Unique, short name shown on the status bar (`datadog`, `sentry`, `sim`...)."""

    interval: float
    """Seconds between the end of one poll and the start of the next."""

    timeout: float
    """Seconds one `fetch` may take before the poller abandons it."""

    simulated: bool
    """True when the data is not real; the UI labels it SIMULATED."""

    async def start(self) -> None:
        """Prepare for polling.

        Raises:
            SourceError: credentials are missing or rejected; the poller shows the reason and
                retries with backoff rather than hammering the vendor.
        """

    async def fetch(self) -> FetchResult:
        """Poll once.

        Returns:
            The readings and records of this poll.
        Raises:
            SourceError: every failure, already translated from the vendor's own exceptions.
        """

    def pacing(self) -> float:
        """Extra seconds to wait before the next poll, to stay under a rate limit (0 if none)."""

    async def close(self) -> None:
        """Release clients and connections. Never raises."""


class SourceBase:
    """Defaults for the optional parts of `Source`, so adapters implement only what they use."""

    name: str = "source"
    interval: float = 10.0
    timeout: float = 5.0
    simulated: bool = False

    async def start(self) -> None:
        return None

    def pacing(self) -> float:
        return 0.0

    async def close(self) -> None:
        return None

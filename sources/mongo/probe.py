"""The DB connection failure rate behind the plan's "> 5 %" rollback trigger.

Every poll opens one brand-new connection (TCP, handshake, authentication: what an app server
does when its pool grows) and runs `ping`; the reading is the share of failed probes over a
sliding window of `probe_window` seconds. Pooled connections are not a fair probe: they stay up
while new ones are being refused (for example when mongod hits its connection limit).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Mapping
from typing import Any

from pymongo import AsyncMongoClient
from pymongo.errors import PyMongoError

from warroom.core.model import Reading
from warroom.sources.mongo.errors import rejected_login

CONN_FAILURES = "db_conn_failures"
PROBE_QUERY = "connection_probe"


class ProbeWindow:
    """Outcomes of recent probes; the failure share of those newer than `window` seconds."""

    def __init__(self, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.window = window
        self._clock = clock
        self._outcomes: deque[tuple[float, bool]] = deque()

    def record(self, ok: bool) -> None:
        self._outcomes.append((self._clock(), ok))
        self._trim()

    def _trim(self) -> None:
        horizon = self._clock() - self.window
        while self._outcomes and self._outcomes[0][0] < horizon:
            self._outcomes.popleft()

    @property
    def count(self) -> int:
        self._trim()
        return len(self._outcomes)

    def failure_pct(self) -> float | None:
        """Returns the failed share in percent, or None before the first probe."""
        self._trim()
        if not self._outcomes:
            return None
        failed = sum(1 for _, ok in self._outcomes if not ok)
        return 100.0 * failed / len(self._outcomes)

    def reading(self, ts: float, metric: str = CONN_FAILURES) -> Reading:
        """The failure share, with the number of probes it rests on as its sample count."""
        return Reading(metric, ts, self.failure_pct(), samples=self.count)


async def probe(uri: str, options: Mapping[str, Any]) -> bool | None:
    """Opens a fresh single-connection client, pings, closes. Returns True when it worked,
    False when the connection failed, None when the server refused warroom's own login.

    Never raises for a database failure: a failed probe is data, not an error. A refused
    login is not: it says nothing about the connections the application opens, and counted
    as failures it would fire the "> 5 %" rollback trigger on a healthy launch. The poll
    reports it (AuthError), and the trigger is blind meanwhile.
    """
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
        uri, maxPoolSize=1, minPoolSize=0, **options
    )
    try:
        await client.admin.command("ping")
    except PyMongoError as exc:
        return None if rejected_login(exc) else False
    finally:
        await client.close()
    return True

"""The fault matrix's table of vendors: what each HTTP vendor brings so that every shared
fault (tests/fakes/faults.py) can be run against it through the real Poller and Dashboard.

A row is a `Harness`: the plan metric to watch and `open`, which starts the vendor's fake in an
ExitStack and returns a `Rig`: the source built against the fake by the adapter's own
`create`, the plan it polls, the fake's fault switch, a count of the requests the fake saw,
and `change`, which makes the fake serve a new value for the watched metric (so the matrix can
tell a fresh value from the kept one). Adding a vendor is one module with a `HARNESS` and one
line in `tests/faults/table.py`.

The watched metric is a plan metric's tile, or `rollout_pct` for a flag service: then what the
room sees is the header's rollout (its percentage and the age of the last good read).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field

from tests.fakes.faults import FAULTS, Faults
from warroom.core.config import Config
from warroom.core.source import Source

INTERVAL = 0.3
"""Seconds between polls in every cell (the poll timeouts are a little longer)."""
RESET = 3.0
"""Seconds a 429 asks to wait: long enough that waiting it twice cannot pass unseen."""

# What the status bar must say for each fault: the shared HTTP ladder's words
# (sources/http/errors.py), so they read alike for every vendor.
REASONS: Mapping[str, str] = {
    "timeout": "no answer",
    "slow": "no answer",
    "500": "500 Internal Server Error",
    "502": "502 Bad Gateway",
    "429": "rate limited",
    "malformed": "malformed JSON",
    "auth": "rejected (401 Unauthorized",
    "drop": "connection dropped",
}
RATE_LIMITS = ("429",)
"""The shared faults a vendor asks to be waited out (a vendor may add its own)."""


def nothing_missing() -> str | None:
    return None


def no_setup() -> float:
    return 0.0


@dataclass
class Rig:
    """One vendor's fake and the source polling it, for one cell."""

    source: Source
    config: Config
    faults: Faults
    """The fake's fault switch (its state derives from `Faults`)."""
    requests: Callable[[], int]
    """How many requests the fake has seen so far."""
    change: Callable[[], float]
    """Serves a different value for the watched metric; returns it as the room will show it.
    It may block (a real server's admin call): the cell runs it in a thread."""
    client_timeout: float
    """Seconds the adapter waits for one answer (a `slow` answer comes later than this)."""
    secrets: tuple[str, ...]
    """The credentials the source was given: every cell runs with the fake echoing them in
    its error bodies, and none may reach what the room sees."""

    def set_fault(self, mode: str | None) -> None:
        """Every path fails with `mode` until it is set to None."""
        with self.faults._fault_lock:
            self.faults.fault_on, self.faults.fault_method, self.faults.fault_times = "", None, None
            self.faults.fault = mode


@dataclass(frozen=True)
class Harness:
    vendor: str
    metric: str
    """The plan metric whose tile the cell watches."""
    open: Callable[[ExitStack], Rig]
    reasons: Mapping[str, str] = field(default_factory=dict)
    """This vendor's words where they differ from REASONS (and for its own faults)."""
    faults: tuple[str, ...] = FAULTS
    rate_limits: tuple[str, ...] = RATE_LIMITS
    """The faults that are rate limits: one failed poll, then the wait it asked for."""
    shared: AbstractContextManager[object] | None = None
    """What every cell of the vendor uses, entered once before its first cell and left after
    the last (a real server that takes seconds to start)."""
    missing: Callable[[], str | None] = nothing_missing
    """Why the vendor's cells cannot run on this machine (None: they can)."""
    setup_seconds: Callable[[], float] = no_setup
    """Seconds entering `shared` may take on this machine beyond its usual start (an install
    still to be made), which the matrix's time limit allows for."""
    mark: str | None = None
    """The pytest marker its cells carry (to select or deselect them)."""

    def reason(self, fault: str) -> str:
        return self.reasons[fault] if fault in self.reasons else REASONS[fault]

    def failures(self, fault: str) -> int:
        """Failed polls before the fault clears: enough for a growing backoff to show. A rate
        limit is waited out by the poller (RESET seconds), and one is enough to see that wait."""
        return 1 if fault in self.rate_limits else 3

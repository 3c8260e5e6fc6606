"""The flag-provider interface: read the launch flags, turn some off, set a rollout percentage.

Unleash, LaunchDarkly and the simulated launch implement it (`sources/unleash`,
`sources/launchdarkly`, `sources/sim/flags.py`); the dashboard's flag source, the runbook's
flag actions and `warroom advance` use nothing else, so the demo goes through the same code as
a real service.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from warroom.core.errors import BadResponse
from warroom.core.rollout.model import FlagState


class FlagNotFound(BadResponse):
    """The service knows no such flag, project or environment."""


class FlagConflict(BadResponse):
    """The flag changed between the read a change was based on and the change: nothing was
    applied (LaunchDarkly's optimistic concurrency answered 409)."""


@runtime_checkable
class FlagProvider(Protocol):
    """One flag service, one project. Constructing it does no I/O."""

    name: str
    """`unleash`, `launchdarkly` or `sim`: recorded in the audit log and markers."""
    label: str
    """How reasons name the service: "Unleash", "LaunchDarkly", "simulated launch"."""
    project: str
    simulated: bool
    read_steps: int
    """Requests one `read` makes one after another (the flags of a read side by side), each
    within `[rollout].timeout`: the dashboard's poll allows for all of them."""

    async def read(self, flags: Sequence[str], environment: str) -> tuple[FlagState, ...]:
        """Reads each flag in `environment`.

        Returns:
            One state per flag, in the order asked.
        Raises:
            FlagNotFound: an unknown flag, project or environment.
            SourceError: any other failure (auth, timeout, rate limit, service down).
        """
        ...

    async def turn_off(self, flags: Sequence[str], environment: str, comment: str) -> None:
        """Turns the flags off, in one bulk request where the service has one.

        Raises:
            SourceError: the service refused or did not answer; some flags may be off already
                (read them again to know).
        """
        ...

    async def set_rollout(self, current: FlagState, pct: float, comment: str) -> None:
        """Sets the flag's rollout to `pct` (0-100), based on `current`, a fresh read.

        Raises:
            FlagConflict: the flag changed since `current` was read; nothing changed.
            SourceError: the service refused or did not answer.
        """
        ...

    def pacing(self) -> float:
        """Extra seconds before the next read, to stay inside a rate limit (0 if none)."""
        ...

    def info(self) -> dict[str, str]:
        """Short facts for the status bar (a rate-limit budget); no secrets."""
        ...

    async def close(self) -> None:
        """Releases the client. Never raises."""
        ...

"""Where a viewer reads the polls it did not make: the shared MongoDB store, or the hub of a
`warroom serve`. `ViewerSource` (collector/viewer.py) replays either through the same code."""

from __future__ import annotations

from typing import Any, Protocol

Doc = dict[str, Any]
"""A poll document (`core.history.codec.outcome_doc`) with an `_id` that orders it."""


class PollFeed(Protocol):
    async def check(self) -> tuple[str, float]:
        """Returns (who polls, seconds since it was last heard from).

        Raises:
            SourceError: the poller is stale, absent or unreachable.
        """
        ...

    async def latest(self, source: str, limit: int) -> list[Doc]:
        """The newest `limit` polls of `source`, oldest first."""
        ...

    async def after(self, source: str, last: Any) -> list[Doc]:
        """The polls of `source` after the one whose `_id` is `last`, oldest first."""
        ...

    async def close(self) -> None:
        """Releases the connection. Safe to call more than once."""
        ...

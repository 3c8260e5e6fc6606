"""A viewer's poll that times out while the store's driver loses the cancel keeps its read
position: the polls it read for nobody are read again by the next poll, not skipped."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from warroom.collector.viewer import ViewerSource
from warroom.core.errors import SourceTimeout
from warroom.core.history.codec import outcome_doc
from warroom.core.model import FetchResult, Reading
from warroom.core.poller import PollOutcome, poll_once


def doc(n: int) -> dict[str, Any]:
    result = FetchResult(readings=(Reading("error_rate", time.time(), float(n)),))
    return {"_id": n, **outcome_doc(PollOutcome("datadog", time.time(), 0.01, result=result))}


class Feed:
    """The store as a viewer reads it; the first tail read loses its cancel, as pymongo's
    driver can (core.aio), and finishes its read anyway."""

    def __init__(self) -> None:
        self.polls = [doc(1), doc(2), doc(3)]
        self.lose_a_cancel = True

    async def check(self) -> tuple[str, float]:
        return "collector here", 0.0

    async def latest(self, source: str, limit: int) -> list[dict[str, Any]]:
        return self.polls[:1]

    async def after(self, source: str, last: Any) -> list[dict[str, Any]]:
        found = [d for d in self.polls if d["_id"] > last]
        if self.lose_a_cancel:
            self.lose_a_cancel = False
            try:
                await asyncio.sleep(3600)
            except asyncio.CancelledError:
                await asyncio.sleep(0.01)
        return found

    async def close(self) -> None:
        return None


def values(outcome: PollOutcome) -> list[float | None]:
    assert outcome.result is not None
    return [r.value for r in outcome.result.readings]


async def test_a_timed_out_tail_read_is_read_again() -> None:
    feed = Feed()
    source = ViewerSource("datadog", feed)
    source.timeout = 0.2
    assert values(await poll_once(source)) == [1.0]
    timed_out = await poll_once(source)
    assert isinstance(timed_out.error, SourceTimeout)
    await asyncio.sleep(0.1)  # the read that lost its cancel has finished by now
    assert values(await poll_once(source)) == [2.0, 3.0]  # not skipped

"""Waiting in asyncio without losing a cancel.

On Python 3.11, `asyncio.wait_for` returns the awaited result when that finished in the same
moment as the caller was cancelled, and the caller carries on as if it had never been
cancelled. pymongo's async driver awaits every socket write through `wait_for`, so about one
cancel in three that lands mid-operation was lost (measured on a local mongod). A lost
cancel is a task that never ends: Textual's timers and `Poller.stop` then wait for it
forever, and the app hangs on quit.

- `within` is `wait_for` on top of `asyncio.timeout`, which never swallows a cancel.
- `detached` guards against a library that swallows one: the call runs in a task of its
  own, awaited through a shield, so a cancel always ends the caller at once.
- `waited` sleeps until an event is set or the time is up.
- `raise_if_cancelled` lets code after a driver call notice a cancel the driver lost.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, TypeVar

T = TypeVar("T")

_orphans: set[asyncio.Future[Any]] = set()
"""Detached calls whose caller was cancelled, kept until they end: the event loop holds
only weak references to tasks."""


async def within(aw: Awaitable[T], seconds: float) -> T:
    """Awaits `aw` for at most `seconds`.

    Raises:
        TimeoutError: `aw` did not finish in time (it is cancelled).
    """
    async with asyncio.timeout(seconds):
        return await aw


async def waited(event: asyncio.Event, seconds: float) -> bool:
    """Waits until `event` is set or `seconds` have passed. Returns whether it was set."""
    try:
        await within(event.wait(), seconds)
    except TimeoutError:
        return event.is_set()
    return True


async def detached(aw: Awaitable[T]) -> T:
    """Awaits `aw` run as a task of its own. A cancel of the caller ends the caller at once
    and cancels that task; if the task swallows the cancel, it finishes its one call alone
    (its result or error is dropped). Use it around a call into a library that may lose a
    cancel, so that the loop around it still stops."""
    inner = asyncio.ensure_future(aw)
    try:
        return await asyncio.shield(inner)
    except asyncio.CancelledError:
        inner.cancel()
        if not inner.done():
            _orphans.add(inner)
            inner.add_done_callback(_forget)
        raise


def raise_if_cancelled() -> None:
    """Raises CancelledError when the running task was cancelled and the cancel was lost on
    the way (a driver swallowed it). Call it before committing what a caller that is gone
    would never receive (a viewer's read position), and before opening a new client."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


def _forget(task: asyncio.Future[Any]) -> None:
    _orphans.discard(task)
    if not task.cancelled():
        task.exception()  # retrieved, so asyncio does not log it as never retrieved

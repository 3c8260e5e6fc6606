"""core.aio: a cancel is never lost, whether the awaited call finished in the same moment or
a library swallowed it."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Callable, Coroutine
from typing import Any

import pytest

from warroom.core.aio import detached, raise_if_cancelled, waited, within


async def _swallows(started: asyncio.Event, release: asyncio.Event) -> int:
    """Like a driver that loses a cancel: catches it and finishes its call anyway."""
    started.set()
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        await release.wait()
    return 1


async def test_a_swallowed_cancel_still_ends_a_detached_caller() -> None:
    started, release = asyncio.Event(), asyncio.Event()
    caller = asyncio.create_task(detached(_swallows(started, release)))
    await started.wait()
    caller.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(caller, 2)  # the caller ends although the call has not
    release.set()  # the orphan finishes alone, with nobody waiting for its result
    await asyncio.sleep(0.01)


async def test_without_detached_the_same_cancel_is_lost() -> None:
    """The premise of the test above: awaited directly, the swallowed cancel is gone."""
    started, release = asyncio.Event(), asyncio.Event()
    caller = asyncio.create_task(_swallows(started, release))
    await started.wait()
    caller.cancel()
    release.set()
    assert await caller == 1


Wait = Callable[[asyncio.Future[int], float], Coroutine[Any, Any, int]]


async def _cancel_as_it_finishes(wait: Wait) -> asyncio.Task[int]:
    loop = asyncio.get_running_loop()
    done: asyncio.Future[int] = loop.create_future()
    caller = asyncio.create_task(wait(done, 10))
    await asyncio.sleep(0)  # the caller waits on `done`
    done.set_result(1)
    caller.cancel()  # in the same moment as the result
    await asyncio.wait({caller})
    return caller


async def test_within_keeps_a_cancel_that_comes_as_the_call_finishes() -> None:
    caller = await _cancel_as_it_finishes(within)
    assert caller.cancelled()


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="3.12 rebuilt wait_for on timeouts")
async def test_python_3_11_wait_for_loses_that_cancel() -> None:
    """Why `within` exists: 3.11's wait_for returns the result and drops the cancel."""
    caller = await _cancel_as_it_finishes(asyncio.wait_for)
    assert not caller.cancelled() and caller.result() == 1


async def test_within_times_out_and_cancels_the_call() -> None:
    call = asyncio.ensure_future(asyncio.sleep(3600))
    with pytest.raises(TimeoutError):
        await within(call, 0.05)
    await asyncio.sleep(0)
    assert call.cancelled()


async def test_waited_says_whether_the_event_came() -> None:
    event = asyncio.Event()
    assert not await waited(event, 0.05)
    asyncio.get_running_loop().call_later(0.02, event.set)
    assert await waited(event, 5)


async def test_code_after_a_lost_cancel_can_notice_it() -> None:
    reached: list[str] = []

    async def after_a_driver_call() -> None:
        with contextlib.suppress(asyncio.CancelledError):  # the driver lost it
            await asyncio.sleep(3600)
        reached.append("carried on")
        raise_if_cancelled()
        reached.append("committed")

    task = asyncio.create_task(after_a_driver_call())
    await asyncio.sleep(0)
    task.cancel()
    await asyncio.wait({task}, timeout=2)
    assert task.cancelled() and reached == ["carried on"]
    raise_if_cancelled()  # a task nobody cancelled goes on

"""`command` actions: an argv run without a shell, in its own process group.

The child gets only the allowlisted environment plus its named secrets. On timeout or cancel
the whole group gets SIGTERM, then SIGKILL after a grace period, so a grandchild (kubectl's
plugins, a helm hook) cannot outlive the step.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from collections.abc import Coroutine
from typing import Any

from warroom.core.aio import within
from warroom.core.runbook.executors import RunContext
from warroom.core.runbook.state import Outcome, StepState
from warroom.core.runbook_config import Action, CommandAction
from warroom.core.textsafe import inert

LINE_LIMIT = 500  # characters of one output line kept for the pane
DRAIN = 1.0  # seconds to collect output after the child exits (a grandchild may hold the pipe)
DEFAULT_TIMEOUT = 300.0
POLL = 0.05  # seconds between checks that a killed process group is gone


class CommandExecutor:
    def __init__(self, grace: float = 3.0) -> None:
        self._grace = grace

    async def run(self, action: Action, ctx: RunContext) -> Outcome:
        if not isinstance(action, CommandAction):
            raise TypeError(f"CommandExecutor cannot run a {action.kind} action")
        missing = [name for name in action.secrets if name not in ctx.env]
        if missing:
            return Outcome(StepState.FAILED, f"secret not set: {', '.join(missing)}")
        env = {k: ctx.env[k] for k in (*action.env_allow, *action.secrets) if k in ctx.env}
        try:
            proc = await asyncio.create_subprocess_exec(
                *action.argv,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                env=env,
                cwd=action.cwd,
                start_new_session=True,  # its own process group, killable as a whole
            )
        except OSError as exc:
            return Outcome(StepState.FAILED, ctx.mask(f"cannot start {action.argv[0]}: {exc}"))
        return await self._supervise(proc, ctx)

    async def _supervise(self, proc: asyncio.subprocess.Process, ctx: RunContext) -> Outcome:
        pumps = [
            asyncio.create_task(_pump(stream, prefix, ctx))
            for stream, prefix in ((proc.stdout, ""), (proc.stderr, "stderr: "))
            if stream is not None
        ]
        timeout = ctx.timeout or DEFAULT_TIMEOUT
        try:
            code = await within(proc.wait(), timeout)
        except TimeoutError:
            await _to_the_end(self._end(proc, pumps))
            return Outcome(StepState.FAILED, f"timed out after {timeout:g} s; process group killed")
        except asyncio.CancelledError:
            await _to_the_end(self._end(proc, pumps))
            raise
        await _finish(pumps)
        state = StepState.DONE if code == 0 else StepState.FAILED
        return Outcome(state, f"exit code {code}", exit_code=code)

    async def _end(self, proc: asyncio.subprocess.Process, pumps: list[asyncio.Task[None]]) -> None:
        await self._kill_group(proc)
        await _finish(pumps)

    async def _kill_group(self, proc: asyncio.subprocess.Process) -> None:
        """SIGTERM to the group, SIGKILL after the grace period; returns once the child is
        reaped. The SIGKILL always goes out: a grandchild may ignore SIGTERM."""
        _signal_group(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + self._grace
        with contextlib.suppress(TimeoutError):
            await within(asyncio.shield(proc.wait()), self._grace)
        # Polling: a process group has no exit event. Grandchildren that honour SIGTERM get
        # the rest of the grace period to finish.
        for _ in range(int(self._grace / POLL) + 1):
            if not _group_alive(proc.pid) or time.monotonic() >= deadline:
                break
            await asyncio.sleep(POLL)
        _signal_group(proc.pid, signal.SIGKILL)
        await proc.wait()


async def _to_the_end(work: Coroutine[Any, Any, None]) -> None:
    """Runs `work` to its end even when this task is cancelled again meanwhile: a second
    cancel (x pressed twice, or x then quit) must not stop the SIGKILL after the grace. A
    cancel that came meanwhile is raised once the work is done."""
    task = asyncio.ensure_future(work)
    cancelled = False
    while not task.done():
        try:
            await asyncio.shield(task)
        except asyncio.CancelledError:
            cancelled = True
    task.result()
    if cancelled:
        raise asyncio.CancelledError


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


async def _pump(stream: asyncio.StreamReader, prefix: str, ctx: RunContext) -> None:
    """Forwards output line by line, masked and made inert; a very long line is cut."""
    pending = b""
    while chunk := await stream.read(4096):
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            _emit(line, prefix, ctx)
        if len(pending) > 4 * LINE_LIMIT:
            _emit(pending, prefix, ctx)
            pending = b""
    if pending:
        _emit(pending, prefix, ctx)


def _emit(line: bytes, prefix: str, ctx: RunContext) -> None:
    text = ctx.mask(line.decode("utf-8", errors="replace").rstrip("\r"))
    ctx.output(prefix + inert(text, LINE_LIMIT))


async def _finish(pumps: list[asyncio.Task[None]]) -> None:
    """Waits briefly for the output to drain, then stops reading (an orphan may keep the
    pipe open forever)."""
    if not pumps:
        return
    _done, pending = await asyncio.wait(pumps, timeout=DRAIN)
    for task in pending:
        task.cancel()
    for task in pending:
        with contextlib.suppress(asyncio.CancelledError):
            await task

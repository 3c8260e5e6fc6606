"""Runs one cell of the fault matrix: a vendor's fake, the real Poller and Dashboard, a fault.

The script, driven by the poller's own outcomes (so every switch happens between polls):
two good polls; the fault on every path; after the first failure the fake starts serving a
new value (off the loop), which can only show once the fault is gone; after
`Harness.failures(fault)` failed polls, and that value served, the fault clears; the cell
ends when the tile shows the new value. Everything seen on the way is kept in a `CellRun`
for the assertions (tests/faults/test_matrix.py) and the figures (bench/fault_matrix.py).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field

from tests.faults.harness import INTERVAL, RESET, Harness, Rig
from warroom.core.dashboard import ROLLOUT_METRIC, Dashboard, SourceInfo
from warroom.core.model import SourceHealth
from warroom.core.poller import Poller, PollOutcome, poll_once
from warroom.core.rollout.view import describe as describe_rollout
from warroom.widgets.source_bar import describe

WARM_POLLS = 2
CELL_LIMIT = 30.0  # seconds before a cell that never recovers is given up
WARM_UP_LIMIT = 60.0  # seconds the untimed first poll may keep failing on a starved machine


@dataclass(frozen=True)
class Shown:
    """The watched value as the room sees it: a tile, or the header's rollout."""

    value: float | None
    age: float | None
    """Seconds since the value was true (a tile) or since the last good read (the rollout)."""
    header: str = ""
    """The header's rollout line, for a flag service ("" for a tile)."""


def shown(dash: Dashboard, metric: str, now: float) -> Shown:
    if metric != ROLLOUT_METRIC:
        tile = dash.view(metric, now)
        return Shown(tile.value, tile.age)
    rollout = dash.rollout(now)
    if rollout is None:
        return Shown(None, None, "no rollout read yet")
    return Shown(rollout.pct, rollout.age, " · ".join(describe_rollout(rollout)))


@dataclass(frozen=True)
class Seen:
    """What the room saw right after one poll."""

    at: float
    outcome: PollOutcome
    health: SourceHealth
    view: Shown
    bar: str
    """The source's status-bar line, as the TUI draws it."""
    requests: int
    """Requests the fake had seen by then."""


@dataclass
class CellRun:
    vendor: str
    fault: str
    warm: list[Seen] = field(default_factory=list)
    failed: list[Seen] = field(default_factory=list)
    recovered: list[Seen] = field(default_factory=list)
    good: float | None = None
    fresh: float | None = None
    set_at: float = 0.0
    cleared_at: float = 0.0
    allowed_at: float | None = None
    alive: bool = False
    """Every poller task was still running when the cell ended."""
    crash: BaseException | None = None
    wall: float = 0.0
    secrets: tuple[str, ...] = ()
    """The credentials the source was given (`Rig.secrets`)."""
    base_requests: int = 0
    """Requests the fake had seen when the timed polls began (the warm-up's)."""
    first_requests: int = 0
    """Requests of the warm-up poll that answered: a source's first read may ask more (a
    handshake, a baseline) than the next ones."""

    @property
    def ok_from(self) -> float:
        """When the vendor answered again: the fault cleared and any 429 wait was over."""
        return max(self.cleared_at, self.allowed_at or 0.0)

    @property
    def recovery(self) -> float:
        """Seconds from `ok_from` until the tile showed the fresh value."""
        return self.recovered[-1].at - self.ok_from

    @property
    def retry_start(self) -> float:
        """Seconds from `ok_from` until the poll that brought the fresh value began."""
        return self.recovered[-1].outcome.started - self.ok_from

    @property
    def per_poll(self) -> int:
        """The most requests one good poll made (the warm-up's too)."""
        counts = [s.requests for s in self.warm]
        later = [b - a for a, b in zip([self.base_requests, *counts], counts, strict=False)]
        return max(self.first_requests, *later)

    @property
    def fault_requests(self) -> int:
        """Requests from the fault's start until the fresh value came."""
        return self.recovered[-1].requests - self.warm[-1].requests

    def is_fresh(self, value: float | None) -> bool:
        return value is not None and self.fresh is not None and math.isclose(value, self.fresh)


class Script:
    """The poller's `on_outcome`: ingests, records, and moves the cell to its next phase."""

    def __init__(self, rig: Rig, harness: Harness, run: CellRun) -> None:
        self.rig, self.harness, self.run = rig, harness, run
        info = {rig.source.name: SourceInfo(INTERVAL)}
        self.dash = Dashboard(rig.config, info, {harness.metric: rig.source.name}, time.time)
        self.phase = self.run.warm
        self.done = asyncio.Event()
        self.changed: asyncio.Future[float] | None = None
        self.clearing: asyncio.Task[None] | None = None

    def __call__(self, outcome: PollOutcome) -> None:
        try:
            self._step(outcome)
        except BaseException as exc:  # kept for the test to show, never left to kill the poller
            self.run.crash = exc
            self.done.set()

    def _step(self, outcome: PollOutcome) -> None:
        self.dash.ingest(outcome)
        now = time.time()
        health = next(h for h in self.dash.health() if h.name == self.rig.source.name)
        seen = Seen(
            now,
            outcome,
            health,
            shown(self.dash, self.harness.metric, now),
            describe(health, now).plain,
            self.rig.requests(),
        )
        self.phase.append(seen)
        run = self.run
        if self.phase is run.warm and len(run.warm) >= WARM_POLLS and outcome.error is None:
            run.good = seen.view.value
            self.rig.set_fault(run.fault)
            run.set_at, self.phase = time.time(), run.failed
        elif self.phase is run.failed:
            if len(run.failed) == 1:
                # Off the loop: a real server's change is an HTTP call, and the cells beside
                # this one time their polls on this loop.
                self.changed = asyncio.ensure_future(asyncio.to_thread(self.rig.change))
            if len(run.failed) == self.harness.failures(run.fault):
                self.clearing = asyncio.ensure_future(self._clear())
        elif self.phase is run.recovered and run.is_fresh(seen.view.value):
            self.done.set()

    async def _clear(self) -> None:
        """Clears the fault once the new value is served: at once, but for a change that
        takes longer than a poll (then the cell sees a failed poll too many, and says so)."""
        run = self.run
        assert self.changed is not None  # started at the first failure, this at the last
        try:
            run.fresh = await self.changed
        except Exception as exc:  # kept for the test to show
            run.crash = exc
            self.done.set()
            return
        self.rig.set_fault(None)
        run.cleared_at, run.allowed_at = time.time(), self.rig.faults.allowed_at
        self.phase = run.recovered


async def warm_up(rig: Rig) -> int:
    """One untimed poll first, repeated until it answers (or WARM_UP_LIMIT): a source's first
    poll pays one-off costs (imports, connections, a cold server) that a starved machine can
    stretch past a request's timeout, and the timed polls are not about them.

    Returns:
        The requests the poll that answered made (0 if none did: the timed polls then fail).
    """
    deadline = time.monotonic() + WARM_UP_LIMIT
    while True:
        before = rig.requests()
        if (await poll_once(rig.source)).error is None:
            return rig.requests() - before
        if time.monotonic() > deadline:
            return 0
        await asyncio.sleep(INTERVAL)


async def run_cell(harness: Harness, fault: str) -> CellRun:
    """Runs one cell to its end (or CELL_LIMIT) and returns what was seen."""
    run = CellRun(harness.vendor, fault)
    t0 = time.monotonic()
    stack = ExitStack()
    try:
        # Off the loop: starting a fake, or setting up a real server's data, blocks, and the
        # cells already running side by side are timing their polls on this loop.
        rig = await asyncio.to_thread(harness.open, stack)
        rig.faults.slow_seconds = rig.client_timeout + 0.5
        rig.faults.fault_reset = RESET
        rig.faults.echo = True  # every error body repeats the credentials, as a bad gateway's
        run.secrets = rig.secrets
        run.first_requests = await warm_up(rig)
        run.base_requests = rig.requests()
        script = Script(rig, harness, run)
        poller = Poller([rig.source], script)
        poller.start()
        try:
            await asyncio.wait_for(script.done.wait(), CELL_LIMIT)
        except TimeoutError:
            pass  # the assertions say what never happened
        finally:
            run.alive = all(not task.done() for task in poller._tasks)
            rig.set_fault(None)
            await poller.stop()
    finally:
        # Stopping a fake blocks for a moment: not on the loop the other cells are timing.
        await asyncio.to_thread(stack.close)
    run.wall = time.monotonic() - t0
    return run


async def run_cells(cells: Sequence[tuple[Harness, str]]) -> dict[tuple[str, str], CellRun]:
    """Runs the cells one fault at a time (a vendor's own rate limits with the shared 429),
    that fault's vendors side by side: each waits on its own fake, so together they take
    about as long as the slowest alone. What a vendor's cells share (`Harness.shared`) is set
    up once, before the first. Returns the runs by (vendor, fault)."""
    groups: dict[str, list[tuple[Harness, str]]] = {}
    for harness, fault in cells:
        key = "429" if fault in harness.rate_limits else fault
        groups.setdefault(key, []).append((harness, fault))
    runs: dict[tuple[str, str], CellRun] = {}
    stack = ExitStack()
    try:
        for context in {id(h.shared): h.shared for h, _ in cells if h.shared}.values():
            await asyncio.to_thread(stack.enter_context, context)
        for group in groups.values():
            for run in await asyncio.gather(*(run_cell(h, fault) for h, fault in group)):
                runs[(run.vendor, run.fault)] = run
    finally:
        await asyncio.to_thread(stack.close)
    return runs

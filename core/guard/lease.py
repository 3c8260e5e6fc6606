"""One actor per war room, as the guard host sees it: the lease interface and a process's
seat at it.

The lease itself lives in the shared store (`collector.lease.GuardLease`, MongoDB); core only
knows this protocol. Every process that runs the guard contends for the lease each second;
only the holder evaluates and acts, and it publishes its state in the lease. The others
show that state and pass aborts and re-arms to it through the lease. A new holder starts
armed, without the countdown the last one saw; but when the last holder had already run
the group (or was running it when it died) the new one stands down instead: one incident,
one rollback, whichever process ran it.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol, TypeVar

from warroom.core.aio import detached, within
from warroom.core.errors import SourceError
from warroom.core.guard.config import GuardConfig
from warroom.core.guard.view import GuardStatus

Doc = dict[str, Any]
Request = tuple[str, str, str]
"""(kind, who, why): "abort" or "rearm", asked by someone through the lease."""
T = TypeVar("T")
CLOSE_WITHIN = 1.0
"""Seconds closing the store's client may take, whatever came before it."""


class Lease(Protocol):
    """The shared lease. Every method raises SourceError when the store cannot be reached."""

    holder: str
    """This process's name in the lease (`host:pid:random`)."""
    ttl: float
    """Seconds a take or a renewal holds the lease for, on the store's clock."""
    previous: Doc | None
    """`{holder, state}` of the lease as this process's last hold that held found it, read in
    the same atomic step as the take; None before any."""

    async def hold(self) -> bool:
        """Takes or renews the lease. Returns True when this process holds it now."""
        ...

    async def publish(self, state: Mapping[str, Any]) -> None: ...

    async def request_abort(self, who: str, why: str) -> bool:
        """Writes an abort for the holder; False when no process holds the lease now."""
        ...

    async def take_abort(self) -> Doc | None: ...

    async def request_rearm(self, who: str) -> bool:
        """Writes a re-arm for the holder; False when no process holds the lease now."""
        ...

    async def take_rearm(self) -> Doc | None: ...

    async def read(self) -> Doc | None: ...

    async def release(self) -> None: ...

    async def close(self) -> None: ...


class LeaseSeat:
    """A process's place at the lease. Never raises: a store it cannot reach is a `problem`
    (shown on the banner), and a process that cannot reach it never assumes it holds it."""

    def __init__(self, lease: Lease, clock: Callable[[], float] = time.monotonic) -> None:
        self.lease = lease
        self.problem: str | None = None
        self._remote: Doc | None = None
        self._clock = clock
        self._renewed: float | None = None
        """When the last renewal that held was sent (monotonic), None while not holding."""
        self._in_flight: set[asyncio.Future[Any]] = set()
        """Store calls under way, including those whose caller was cancelled (see `_call`)."""

    async def _call(self, aw: Awaitable[T]) -> T:
        """Every store call goes through here. The driver (pymongo's async client) can lose
        a cancel (see `core.aio`), and a lost cancel in a Textual timer hangs the app's quit;
        detached, the cancel always ends the caller. The call itself is awaited by `close`,
        so a renewal still on its way cannot land after the release."""
        task = asyncio.ensure_future(aw)
        self._in_flight.add(task)
        task.add_done_callback(self._in_flight.discard)
        return await detached(task)

    @property
    def remote_holder(self) -> str | None:
        """Who held the lease when this process last read it."""
        holder = (self._remote or {}).get("holder")
        return str(holder) if holder else None

    async def look(self) -> None:
        """Reads the lease without taking it (who holds it, what it published)."""
        try:
            self._remote = await self._call(self.lease.read())
        except SourceError as exc:
            self.problem = f"shared store: {exc.reason}"

    async def contend(self, holding: bool) -> bool:
        """Renews (or tries to take) the lease; when not holding, reads it first, for what the
        holder publishes. Returns True when this process holds it now."""
        try:
            if not holding:
                self._remote = await self._call(self.lease.read())
            sent = self._clock()  # before the hold: the store's expiry counts from later
            held = await self._call(self.lease.hold())
        except SourceError as exc:
            self.problem = f"shared store: {exc.reason}"
            self._renewed = None
            return False
        self.problem = None
        self._renewed = sent if held else None
        return held

    def fresh(self) -> bool:
        """The lease is surely still this process's: its last renewal that held was sent
        less than half a TTL ago. A holder acts only then; slow store calls after a renewal
        (requests, publish) must not leave it acting on a lease another process has taken."""
        renewed = self._renewed
        return renewed is not None and self._clock() - renewed < self.lease.ttl / 2

    def inherited_stand_down(self) -> str | None:
        """What the last holder did, when it had run the group or was running it: then the
        new holder stands down rather than act twice. None otherwise. The last holder may be
        this process: a renewal that failed (a store blip) drops its guard, and taking its
        own lease back must not re-arm a guard that stood down."""
        found = self.lease.previous or {}
        state = found.get("state") or {}
        holder = found.get("holder")
        if not holder:
            return None
        if state.get("phase") == "stood-down":
            return str(state.get("outcome") or f"stood down by {holder}")
        if state.get("phase") == "acting":
            return f"{holder} stopped while running the group: check the runbook by hand"
        return None

    async def requests(self) -> list[Request]:
        """The holder: aborts and re-arms someone asked for, each taken once."""
        try:
            abort = await self._call(self.lease.take_abort())
            rearm = await self._call(self.lease.take_rearm())
        except SourceError as exc:
            self.problem = f"shared store: {exc.reason}"
            return []
        out: list[Request] = []
        for kind, doc in (("abort", abort), ("rearm", rearm)):
            if doc:
                out.append((kind, str(doc.get("who") or "?"), str(doc.get("why") or "")))
        return out

    async def publish(self, status: GuardStatus) -> None:
        try:
            await self._call(self.lease.publish(status.as_json()))
        except SourceError as exc:
            self.problem = f"shared store: {exc.reason}"

    async def ask(self, kind: str, who: str, why: str) -> str:
        """Passes an abort or a re-arm to the holder. Returns what happened, for the screen."""
        if self.remote_holder is None:
            return f"{kind} not delivered: no process holds the lease"
        try:
            if kind == "abort":
                delivered = await self._call(self.lease.request_abort(who, why))
            else:
                delivered = await self._call(self.lease.request_rearm(who))
        except SourceError as exc:
            return f"{kind} not delivered: shared store: {exc.reason}"
        if not delivered:
            return f"{kind} not delivered: {self.remote_holder} no longer holds the lease"
        return f"{kind} passed to {self.remote_holder or 'the lease holder'} through the store"

    def remote_status(self, config: GuardConfig, group: str) -> GuardStatus:
        """The holder's state as it published it; "waiting" before it published any."""
        state = (self._remote or {}).get("state")
        if state:
            return GuardStatus.from_json(state, self.remote_holder or "?")
        return GuardStatus(config.mode, "waiting", group, holder=self.remote_holder)

    async def close(self, *, release: bool = True) -> None:
        """Gives the lease up at once when `release` (this process holds it), so another
        process takes over now; a viewer skips that round trip, which only matters to a
        holder and costs seconds on quit when the store is unreachable."""
        try:
            if self._in_flight:
                await asyncio.wait(set(self._in_flight))
            if release:
                await self._call(self.lease.release())
        except SourceError:
            pass  # it expires by itself after its TTL
        finally:
            # Bounded on its own: a timeout around all of `close` cancels once, and closing
            # a client whose server went away waits out its server selection (it ends its
            # sessions there).
            with contextlib.suppress(TimeoutError):
                await within(self._call(self.lease.close()), CLOSE_WITHIN)

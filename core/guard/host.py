"""Hosting the guard in a process: the TUI, `warroom guard` and `warroom collect` all do it
the same way, through this class.

The host feeds the guard after every ingested poll (`observe`), ticks it every second
(`tick`: the countdown, the lease, aborts asked for through the store), runs the group when
the guard says act, and audits every decision that matters. With a shared store only the
lease holder evaluates and acts; the others show the holder's published state and pass
aborts and re-arms to it through the lease (see `core.guard.lease`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from warroom.core.aio import waited
from warroom.core.guard.act import AUDITED, ActResult, GuardActor
from warroom.core.guard.config import GuardConfig
from warroom.core.guard.engine import Decision, Guard, Phase
from warroom.core.guard.lease import Lease, LeaseSeat
from warroom.core.guard.observe import observations
from warroom.core.guard.rule import Evidence, Observation
from warroom.core.guard.steps import GuardPlan
from warroom.core.guard.view import GuardStatus
from warroom.core.model import SourceState
from warroom.core.plan import Trigger
from warroom.core.poller import PollOutcome

if TYPE_CHECKING:
    from warroom.core.dashboard import Dashboard

log = logging.getLogger(__name__)
LEAVE_WITHIN = 5.0
"""Seconds a closing host waits for the shared store (its last publish and the release)."""


class GuardHost:
    """One process's guard. Construction does no I/O."""

    def __init__(
        self,
        config: GuardConfig,
        triggers: Sequence[Trigger],
        dashboard: Dashboard,
        actor: GuardActor,
        *,
        group_title: str = "",
        lease: Lease | None = None,
        clock: Callable[[], float] = time.time,
        emit: Callable[[Decision], None] | None = None,
        on_trip: Callable[[], None] | None = None,
        dry_run: bool = False,
    ) -> None:
        self.config = config
        self._triggers = list(triggers)
        self._messages = {t.id: t.message for t in triggers}
        self._dashboard = dashboard
        self._actor = actor
        self._group_title = group_title or config.group
        self._clock = clock
        self._emit = emit or (lambda decision: None)
        self._on_trip = on_trip or (lambda: None)
        self._dry_run = dry_run
        self.seat = LeaseSeat(lease) if lease is not None else None
        self._guard: Guard | None = None
        """Only while this process evaluates: it holds the lease, or needs none (then it
        is made by `resume`, on first use)."""
        self._plan: GuardPlan | None = None
        self._trigger: str | None = None
        self._evidence: tuple[Evidence, ...] = ()
        self._outcome: str | None = None
        self._blind: dict[str, tuple[str, str]] = {}
        self._seen: set[str] = set()
        """Triggers observed at least once (the others are blind: nothing came yet)."""
        self._acting: asyncio.Task[None] | None = None
        self._problem: str | None = None
        self.results: list[ActResult] = []
        """How each run of the group (or advice) ended, oldest first."""
        self.on_close: list[Callable[[], None]] = []
        """Called at the end of `close`: what the process built for this host alone (the
        runbook of `warroom collect`, with its audit copies to the store)."""

    # ------------------------------------------------------------------ inputs

    def resume(self) -> str | None:
        """Without a shared store: starts the guard, stood down when the audit log says the
        guard ran the group and nobody re-armed it since (reads the log once). Returns what
        that last run was, None when it starts armed (or holds no guard here)."""
        if self.seat is not None or self._guard is not None:
            return None
        inherited = self._actor.previous_run()
        self._guard = self._new_guard(stood_down=inherited is not None)
        self._outcome = inherited
        if inherited:
            text = f"stood down until someone re-arms it ({inherited})"
            self._emit(Decision("resumed", self._clock(), text))
        return inherited

    def observe(self, outcome: PollOutcome) -> None:
        """After the dashboard ingested `outcome`: evaluates the triggers that source reports.
        A process that does not hold the lease evaluates nothing, nor one whose lease is
        not surely fresh (see `LeaseSeat.fresh`)."""
        self.resume()
        guard = self._guard
        if guard is None or not self._lease_fresh():
            return
        carried = outcome.result.readings if outcome.result else ()
        if outcome.error is not None:
            carried = outcome.error.readings
        changed = {r.metric for r in carried}
        seen = observations(self._dashboard, self._clock(), outcome.source, changed)
        self._note_blind(guard, seen)
        self._handle(guard, guard.observe(seen))

    async def tick(self) -> None:
        """Every second: the lease (take, renew, lose), aborts and re-arms asked for through
        it, the end of a countdown, and the state published for the other processes."""
        self.resume()
        if self.seat is not None:
            await self._contend()
        guard = self._guard
        if guard is None:
            return
        if self.seat is not None:
            for request in await self.seat.requests():
                self._apply(guard, request)
        if self._lease_fresh():  # else the countdown ends at the next tick that renewed in time
            self._handle(guard, guard.tick())
        if self.seat is not None:
            await self.seat.publish(self._status(guard))

    async def abort(self, who: str, why: str) -> str:
        """Calls off the countdown here, or asks the holder to. Returns what happened."""
        self.resume()
        guard = self._guard
        if guard is not None:
            decision = guard.abort(who, why)
            if decision is None:
                return "nothing to abort: no countdown is running"
            self._handle(guard, [decision], who=who, why=why)
            return decision.message
        if self.seat is None:
            return "the guard is not running"
        return await self.seat.ask("abort", who, why)

    async def rearm(self, who: str) -> str:
        """Re-arms a guard that stood down, here or through the holder. Returns what happened."""
        self.resume()
        guard = self._guard
        if guard is not None:
            if guard.phase is not Phase.STOOD_DOWN:
                return f"the guard is {guard.phase.value}, not stood down"
            self._handle(guard, [guard.rearm(who)], who=who)
            return "re-armed"
        if self.seat is None:
            return "the guard is not running"
        return await self.seat.ask("rearm", who, "")

    async def idle(self) -> None:
        """Returns once no group is running (each step has its timeout)."""
        if self._acting is not None and not self._acting.done():
            await asyncio.wait({self._acting})

    async def close(self) -> None:
        """Lets a running group finish, then publishes and gives the lease up. The store gets
        at most `LEAVE_WITHIN` seconds for that: a lease that is not given up expires by
        itself, and a process that quits must not hang on an unreachable store."""
        while self._acting is not None and not self._acting.done():
            guard = self._guard
            # Nobody ticks any more: renew the lease each second while the group runs, or
            # another process would take it over mid-run.
            if self.seat is not None and guard is not None and await self.seat.contend(True):
                await self.seat.publish(self._status(guard))
            await asyncio.wait({self._acting}, timeout=1.0)
        try:
            if self.seat is not None:
                async with asyncio.timeout(LEAVE_WITHIN):
                    if self._guard is not None:
                        await self.seat.publish(self._status(self._guard))
                    await self.seat.close(release=self._guard is not None)
        except TimeoutError:
            log.warning("autorollback: the shared store did not answer on close")
        finally:
            closers, self.on_close = self.on_close, []
            for close in closers:
                close()

    # ------------------------------------------------------------------ outputs

    @property
    def holding(self) -> bool:
        """This process evaluates and acts (it holds the lease, or needs none)."""
        return self._guard is not None

    @property
    def stood_down(self) -> bool:
        """The guard handled an incident and waits to be re-armed."""
        guard = self._guard
        idle = self._acting is None or self._acting.done()
        return guard is not None and guard.phase is Phase.STOOD_DOWN and idle

    def status(self) -> GuardStatus:
        """What the banner shows: this guard, or the holder's as published."""
        self.resume()
        problem = self._problem or (self.seat.problem if self.seat else None)
        holder = self.seat.lease.holder if self.seat else None
        if self._guard is not None:
            return self._status(self._guard).seen_by(holder, True, problem)
        assert self.seat is not None
        return self.seat.remote_status(self.config, self._group_title).seen_by(
            self.seat.remote_holder, False, problem
        )

    # ------------------------------------------------------------------ internals

    def _new_guard(self, stood_down: bool = False) -> Guard:
        phase = Phase.STOOD_DOWN if stood_down else Phase.ARMED
        needed = {m.id: m.min_samples for m in self._dashboard.config.metrics}
        return Guard(self.config, self._triggers, self._clock, phase, needed)

    def _handle(self, guard: Guard, decisions: Sequence[Decision], **extra: str) -> None:
        for decision in decisions:
            self._emit(decision)
            if decision.kind == "tripped":
                self._tripped(decision)
            elif decision.kind == "act":
                self._acting = asyncio.get_running_loop().create_task(self._act(guard, decision))
            elif decision.kind == "advise":
                self._outcome = f"advise mode: nothing run (would run {', '.join(self._runs())})"
                self.results.append(ActResult(True, self._outcome))
            if decision.kind in AUDITED:
                self._audit(guard, decision, **extra)

    def _audit(self, guard: Guard, decision: Decision, **extra: str) -> None:
        plan = self._plan if decision.kind in ("tripped", "act", "advise") else None
        trigger = decision.trigger
        if decision.kind == "finished":  # the run's outcome, for the trigger that tripped
            trigger = self._trigger
            extra["outcome"] = "done" if self.results and self.results[-1].ok else "failed"
        rule = guard.parameters(trigger)
        self._problem = self._actor.record(decision, rule, plan, trigger, **extra)

    def _tripped(self, decision: Decision) -> None:
        self._trigger, self._evidence, self._outcome = decision.trigger, decision.evidence, None
        try:
            self._plan = self._actor.plan()
        except ValueError as exc:
            self._plan, self._problem = None, str(exc)
        self._on_trip()

    async def _act(self, guard: Guard, decision: Decision) -> None:
        try:
            result = await self._actor.act(decision, guard.parameters(decision.trigger))
        except Exception as exc:  # the guard must stand down and say so whatever happened
            log.exception("autorollback: the group failed unexpectedly")
            result = ActResult(False, f"internal error: {type(exc).__name__}")
        self.results.append(result)
        self._outcome = result.text
        self._handle(guard, [guard.finished(result.text)])

    def _apply(self, guard: Guard, request: tuple[str, str, str]) -> None:
        kind, who, why = request
        if kind == "abort":
            decision = guard.abort(who, why)
            if decision is not None:
                self._handle(guard, [decision], who=who, why=why)
        elif kind == "rearm" and guard.phase is Phase.STOOD_DOWN:
            self._handle(guard, [guard.rearm(who)], who=who)

    async def _contend(self) -> None:
        assert self.seat is not None
        held = await self.seat.contend(self._guard is not None)
        if held and self._guard is None:
            inherited = self.seat.inherited_stand_down()
            self._guard = self._new_guard(stood_down=inherited is not None)
            self._outcome = inherited
            now = self._clock()
            text = f"{self.seat.lease.holder} holds the lease: evaluating from now"
            if inherited:
                text += f"; stood down as the last holder left it ({inherited})"
            self._handle(self._guard, [Decision("holding", now, text)])
        elif not held and self._guard is not None and self._acting_done():
            guard, self._guard = self._guard, None
            text = "lost the lease: another process evaluates and acts now"
            if guard.phase is Phase.COUNTDOWN:
                text += "; the countdown is called off"
            self._handle(guard, [Decision("lost-lease", self._clock(), text)])

    def _lease_fresh(self) -> bool:
        return self.seat is None or self.seat.fresh()

    def _acting_done(self) -> bool:
        return self._acting is None or self._acting.done()

    def _note_blind(self, guard: Guard, seen: Sequence[Observation]) -> None:
        for obs in seen:
            self._seen.add(obs.trigger)
            rule = guard.rule(obs.trigger)
            why = rule.blind_why(obs) if rule is not None else None
            if why:
                self._blind[obs.trigger] = (self._messages.get(obs.trigger, obs.trigger), why)
            else:
                self._blind.pop(obs.trigger, None)

    def _runs(self) -> list[str]:
        return list(self._plan.titled(self._plan.run)) if self._plan else []

    def _status(self, guard: Guard) -> GuardStatus:
        view = guard.view()
        trigger = view.tripped_by or self._trigger
        plan = self._plan
        runs = plan.titled(plan.run) if plan else ()
        people = plan.titled(plan.needs_person) if plan else ()
        return GuardStatus(
            mode=self.config.mode, phase=view.phase.value, group=self._group_title,
            frozen=view.frozen, trigger=trigger,
            message=self._messages.get(trigger) if trigger else None,
            evidence=view.evidence or self._evidence, deadline=view.deadline,
            runs=runs, needs_person=people, outcome=self._outcome,
            failed=bool(self.results) and not self.results[-1].ok,
            blind=(*self._unseen(), *self._blind.values()), dry_run=self._dry_run,
        )  # fmt: skip

    def _unseen(self) -> list[tuple[str, str]]:
        """(message, why) of the triggers no poll has brought anything for yet: a disabled
        source never will, and says why."""
        health = {h.name: h for h in self._dashboard.health()}
        out = []
        for trigger in self._triggers:
            if trigger.id in self._seen:
                continue
            source = self._dashboard.source_of(trigger.metric)
            found = health.get(source)
            why = "no reading yet"
            if found is not None and found.state is SourceState.DISABLED:
                why = f"{source} is off: {found.error or 'disabled'}"
            out.append((trigger.message, why))
        return out


async def tick_until(
    host: GuardHost,
    stop: asyncio.Event,
    *,
    done: Callable[[], bool] = lambda: False,
    every: float = 1.0,
) -> None:
    """Ticks `host` every `every` seconds until `stop` is set or `done()` is true."""
    while not stop.is_set() and not done():
        await host.tick()
        await waited(stop, every)

"""Keeps the app's checklists current: ticks every second (so every viewer of a shared store
sees a tick within one poll), the slower record every half minute, both read in a thread;
judges on the live dashboard (at once when a read changed something or the checklist screen
is open, else every `JUDGE_EVERY` seconds); feeds the header's phase progress; records ticks.

Composition only: judging is core.checklists, reading is the readers of checklist_readers.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from warroom.core.checklists.board import ChecklistBoard, Gathered
from warroom.core.checklists.state import PhaseView, Tick, current_phase

if TYPE_CHECKING:
    from warroom.core.checklists.gather import Readers
    from warroom.tui.app import WarroomApp

log = logging.getLogger(__name__)
TICKS_EVERY = 1.0  # the shared store's tail interval: a viewer sees a tick within one poll
RECORD_EVERY = 30.0  # coverage of a day changes slowly; one SQLite or MongoDB query per half minute
FIRST_READ = 1.0  # after the first frame, like the runbook's recovery
JUDGE_EVERY = 5.0
"""Seconds between judgements on the dashboard alone while no checklist screen is open:
only the header's phase progress shows them then, and a full `check` every second was a
tenth of the Executive tab's steady CPU. A read that changes what was gathered, a tick
and an open checklist screen are judged at once."""


class ChecklistWatch:
    """Construction does no I/O; `install` starts the refreshes on the app's loop."""

    def __init__(self, app: WarroomApp) -> None:
        self.app = app
        self.board = ChecklistBoard(app.config, demo=app.sources.simulated)
        self.gathered = Gathered()
        self.phases: list[PhaseView] = []
        self.changed: list[Callable[[], None]] = []
        """Called after every refresh (the checklist screen redraws)."""
        self._readers: Readers | None = None
        self.who = "?"
        """user@host that ticks are recorded as (known once the readers are built)."""
        self._record_due = 0.0
        self._judge_due = 0.0
        """time.monotonic() after which a refresh judges even if nothing gathered changed."""
        self._busy = False
        self._installed = False

    @property
    def enabled(self) -> bool:
        return bool(self.app.config.checklists)

    @property
    def installed(self) -> bool:
        """False where the app never installed it (a replay shows no live checklists)."""
        return self._installed

    def install(self) -> None:
        """Judges at once on what the dashboard has (the header's first frame shows the
        phase), then reads the ticks and the record after the first frame."""
        if self.enabled:
            self._installed = True
            self.app.on_exit.append(self.close)
            self.judge()
            self.app.set_timer(FIRST_READ, self.refresh)
            self.app.set_interval(TICKS_EVERY, self.refresh)

    def close(self) -> None:
        """Closes the store clients, if any were opened. Never raises."""
        readers, self._readers = self._readers, None
        if readers is None:
            return
        for part in (readers.ticks, readers.record, readers.steps):
            closer = getattr(part, "close", None)
            if callable(closer):
                try:
                    closer()
                except Exception:  # closing at exit must not hide the real outcome
                    log.exception("closing %r failed", part)

    def readers(self) -> Readers:
        """Built on first use: it needs the runbook's audit log (and its sinks)."""
        if self._readers is None:
            from warroom.tui.checklist_readers import readers_for

            app = self.app
            audit = app.runbook.get().audit
            self.who = f"{audit.user}@{audit.host}"
            self._readers = readers_for(
                app.config, app.sources, store=app.options.store, demo=self.board.demo, audit=audit
            )
        return self._readers

    async def refresh(self) -> None:
        """Reads (ticks always, the record when due) and judges. Never raises."""
        if self._busy:
            return  # a slow store must not pile reads up
        self._busy = True
        before = self.gathered
        try:
            await self._read()
        except Exception:  # reading is secondary: the dashboard must carry on
            log.exception("checklist refresh failed")
        finally:
            self._busy = False
        if self.changed or self.gathered != before or time.monotonic() >= self._judge_due:
            self.judge()

    async def _read(self) -> None:
        from warroom.core.checklists.gather import gather, needs_of

        config = self.app.config
        now = self.app.clock()
        ticks_only = now < self._record_due
        readers = self.readers()
        found = await asyncio.to_thread(
            gather,
            readers,
            needs_of(config.checklists),
            config.triggers,
            now,
            ticks_only=ticks_only,
        )
        if ticks_only:
            found = replace(self.gathered, ticks=found.ticks, ticks_problem=found.ticks_problem)
        else:
            self._record_due = now + RECORD_EVERY
        self.gathered = found

    def judge(self) -> None:
        """Judges on the live dashboard now and tells the header and the listeners."""
        self._judge_due = time.monotonic() + JUDGE_EVERY
        app = self.app
        self.phases = self.board.phases(app.dashboard, self.gathered, app.clock())
        current = current_phase(self.phases, app.config.launch.phase)
        from warroom.tui.screens.main import MainScreen

        progress = current.progress if current is not None else ""
        for screen in app.screen_stack:
            if isinstance(screen, MainScreen) and screen.phase_progress != progress:
                screen.phase_progress = progress
                app.call_after_refresh(app.redraw)  # the clock may not move (frozen, replay)
        for listener in list(self.changed):
            listener()

    def refusal(self, item_id: str, tick: bool) -> str | None:
        """Why the item cannot be ticked or un-ticked now, or None."""
        if self.app.options.read_only:
            return "read-only mode (--read-only): nothing can be ticked"
        return self.board.refusal(self.phases, item_id, tick)

    async def tick(self, item_id: str, tick: bool, note: str) -> Tick:
        """Records the tick (in a thread) and re-judges. Raises TickError."""
        checklist, item = self.board.item(item_id)
        readers = self.readers()
        done = await asyncio.to_thread(
            readers.ticks.tick, checklist.id, item.id, item.text, tick, note
        )
        self.gathered = replace(self.gathered, ticks={**self.gathered.ticks, item.id: done})
        self.judge()
        return done

"""The app's automatic rollback: hosts the guard (core.guard) in the TUI, feeds it every
poll, ticks it every second, draws its banner and header mark, tells the bell (tui.bell)
when a countdown starts, and carries out the abort and re-arm keys.

Nothing is built and nothing is shown while `[autorollback]` (or `--autorollback`) is off.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from warroom.core.guard import Decision
from warroom.core.textsafe import inert_markup
from warroom.tui.options import guard_settings
from warroom.tui.screens.main import MainScreen
from warroom.tui.screens.wall import WallScreen
from warroom.widgets.guard_banner import ABORT_KEY, header_mark

if TYPE_CHECKING:
    from warroom.core.guard.host import GuardHost
    from warroom.core.guard.view import GuardStatus
    from warroom.tui.app import WarroomApp

TOASTED = (
    "finished", "aborted", "frozen", "thawed", "called-off", "holding", "lost-lease", "resumed",
)  # fmt: skip
"""Decisions that also get a toast: they change what people should expect."""
ABORT_WHY = f"key {ABORT_KEY} on the dashboard"
STAYS = 600.0  # seconds a toast about the guard stays up


class AppGuard:
    """The guard of one app, started on mount. With a shared store (`--store`: a viewer) it
    contends for the war room's one lease there."""

    def __init__(self, app: WarroomApp) -> None:
        self._app = app
        self.host: GuardHost | None = None
        """None while the guard is off in this app."""
        self.mark = ""
        """The header's word for the guard (`AUTO-ROLLBACK IN 27s`), empty while off."""
        self._closed = False
        self._ticking = asyncio.Lock()
        """Held by a tick and by `close`: the lease is given up only after a tick in flight."""
        self.bell_keys: tuple[str, ...] = ()
        """What of the guard rings the bell (tui.bell) as it starts: its countdown, and its
        freezing (a high alert: it will not act), here or the lease holder's seen from a
        viewer."""

    def start(self) -> None:
        """Builds the host when the guard is on, and starts its one-second tick."""
        app = self._app
        settings = guard_settings(app.config, app.options)
        if settings.mode == "off":
            return
        # The runbook and its executors load only when the guard is on: not on the way to
        # the first frame of everyone else's dashboard.
        from warroom.core.guard.steps import config_problems
        from warroom.tui.guard_setup import build_host

        problems = config_problems(settings, app.config.runbook)
        if problems:
            app.notify(inert_markup(problems[0]), title="automatic rollback is off",
                       severity="error", timeout=STAYS)  # fmt: skip
            return
        self.host = build_host(
            app.config, settings, app.dashboard, app.runbook.get,
            dry_run=app.options.dry_run, store=app.options.store, emit=self._decided,
            on_trip=self._tripped, clock=app.clock,
        )  # fmt: skip
        app.observers.append(self.host.observe)
        app.set_interval(1.0, self._tick, name="autorollback")
        self.show()

    async def _tick(self) -> None:
        async with self._ticking:
            if self.host is not None and not self._closed:
                await self.host.tick()
                self.show()

    async def close(self) -> None:
        """On quit: lets a running group finish, then gives a held lease up, so another
        process takes over at once rather than after the TTL, and closes the store's client.
        No tick runs after this starts: a tick would take the lease again."""
        self._closed = True
        # Textual has stopped the tick's timer by now (unmount); the lock is for a tick
        # that runs anyway. The host bounds its wait for the store.
        async with self._ticking:
            if self.host is not None:
                await self.host.close()

    def show(self) -> None:
        """Draws the banner and the header mark from the guard's status now."""
        status = self.host.status() if self.host is not None else None
        now = self._app.clock()
        mark = header_mark(status, now) if status is not None else ""
        self.bell_keys = bell_keys(status, now)
        if mark != self.mark:  # the header says it in the same moment as the banner
            self.mark = mark
            self._app.call_after_refresh(self._app.redraw)
        for screen in self._app.screen_stack:
            if isinstance(screen, MainScreen | WallScreen) and screen.guard_banner.is_attached:
                screen.guard_banner.show_guard(status, now)

    async def abort(self) -> None:
        """The abort key: calls the countdown off here, or asks the lease holder to."""
        if self.host is None:
            self._app.notify("The automatic rollback is off.", timeout=5)
            return
        said = await self.host.abort(self._who(), ABORT_WHY)
        self._app.notify(inert_markup(said), title="automatic rollback", timeout=30)
        self.show()

    async def rearm(self) -> None:
        """The re-arm key: the guard evaluates again after it stood down."""
        if self.host is None:
            self._app.notify("The automatic rollback is off.", timeout=5)
            return
        said = await self.host.rearm(self._who())
        self._app.notify(inert_markup(said), title="automatic rollback", timeout=30)
        self.show()

    def _who(self) -> str:
        audit = self._app.runbook.get().audit
        return f"{audit.user}@{audit.host}"

    def _tripped(self) -> None:
        self._app.call_later(self.show)

    def _decided(self, decision: Decision) -> None:
        if decision.kind == "tripped":
            text = f"{decision.message}. Press {ABORT_KEY} on the dashboard to abort."
            self._app.notify(inert_markup(text), title="AUTOMATIC ROLLBACK", severity="error",
                             timeout=max(10.0, self._countdown()))  # fmt: skip
        elif decision.kind in TOASTED:
            loud = decision.kind in ("frozen", "lost-lease")
            self._app.notify(inert_markup(decision.message), title="automatic rollback",
                             severity="error" if loud else "warning", timeout=STAYS)  # fmt: skip
        if decision.kind != "evaluated":
            self._app.call_later(self.show)

    def _countdown(self) -> float:
        return self.host.config.countdown if self.host is not None else 0.0


def bell_keys(status: GuardStatus | None, now: float) -> tuple[str, ...]:
    """The bell policy's keys (tui.bell) for the guard at `now`: `autorollback:countdown`
    while one runs, `autorollback:frozen` while frozen; none while off."""
    if status is None:
        return ()
    counting = ("autorollback:countdown",) if status.remaining(now) is not None else ()
    return counting + (("autorollback:frozen",) if status.frozen else ())

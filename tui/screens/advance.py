"""Advancing the rollout from the dashboard: the stage gate with its evidence, and, only when
it passes, `yes` + Enter to move the stage flag to the next stage. The logic is
core.rollout.advance; this screen shows it and asks."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from warroom.core.dashboard import Dashboard
from warroom.core.rollout.advance import Advanced, Advancer, AdvanceResult, assess
from warroom.core.rollout.gate import Gate
from warroom.core.rollout.view import RolloutView
from warroom.core.runbook import AuditError
from warroom.core.textsafe import inert
from warroom.tui.screens.confirm import CONFIRM_WORD


@dataclass(frozen=True)
class AdvanceSetup:
    """What the screen works with; `advancer` None when no flag service is usable (`reason`)."""

    dashboard: Dashboard
    clock: Callable[[], float]
    history: Path | None
    source: str
    """The name of the flag source in the dashboard."""
    advancer: Advancer | None
    reason: str = ""
    read_only: bool = False
    running: Callable[[str], AbstractContextManager[None]] = lambda title: nullcontext()
    """Marks the change as running while it is on its way: quitting then asks first."""


class AdvanceScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]
    DEFAULT_CSS = """
    AdvanceScreen { align: center middle; }
    AdvanceScreen > Vertical { width: 100; max-width: 100%; height: auto; max-height: 90%;
                               border: thick $primary; background: $surface; padding: 0 1; }
    AdvanceScreen #heading { text-style: bold; }
    AdvanceScreen #evidence { height: auto; }
    AdvanceScreen #result { height: auto; text-style: bold; }
    AdvanceScreen #result.-refused { color: $error; }
    AdvanceScreen Input { display: none; }
    AdvanceScreen Input.-asking { display: block; }
    """

    def __init__(self, setup: AdvanceSetup) -> None:
        super().__init__()
        self._setup = setup
        self._view: RolloutView | None = None
        self._gate: Gate | None = None
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Advance the rollout to the next stage", id="heading")
            yield Static("Judging the gate: reading the flags and the stage's history…",
                         id="evidence")  # fmt: skip
            yield Static("", id="result")
            yield Input(placeholder=f"type {CONFIRM_WORD} and press Enter · Escape cancels")

    def on_mount(self) -> None:
        self._busy = True
        self.run_worker(self._judge(), exclusive=True)

    async def _assess(self) -> Gate:
        """Judges the gate now, and shows its evidence."""
        setup = self._setup
        self._view, self._gate = await assess(
            setup.dashboard, setup.history, setup.clock(), setup.source
        )
        text = Text()
        for line in self._gate.lines():
            text.append(f"{inert(line, 200)}\n")
        self.query_one("#evidence", Static).update(text)
        return self._gate

    async def _judge(self) -> None:
        setup = self._setup
        gate = await self._assess()
        self._busy = False
        if setup.advancer is None:
            self._say(f"Cannot advance: {setup.reason}", refused=True)
        elif setup.read_only:
            self._say("Read-only (--read-only): nothing can change.", refused=not gate.passed)
        elif gate.passed and gate.target is not None:
            flag = self._view.state.stage_flag if self._view else None
            key = flag.key if flag else "the stage flag"
            self._say(f"Gate passed: set {key} to {gate.target.pct:g}% ({gate.target.label})?")
            asking = self.query_one(Input)
            asking.add_class("-asking")
            asking.focus()
        else:
            await self._act()  # records the refusal with its evidence

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._busy or event.value.strip() != CONFIRM_WORD:
            event.input.clear()
            return
        event.input.remove_class("-asking")
        self.run_worker(self._confirmed(), exclusive=True)

    async def _confirmed(self) -> None:
        """`yes`: the gate is judged again first. The dialog may have stood open for minutes,
        and a trigger that fired meanwhile must stop the advance it was shown without."""
        shown = self._gate
        self._busy = True
        try:
            gate = await self._assess()
        finally:
            self._busy = False
        was = shown.target.pct if shown is not None and shown.target is not None else None
        now = gate.target.pct if gate.target is not None else None
        if gate.passed and now != was:  # someone moved the stage meanwhile
            moved = f"The rollout moved since this was shown (next stage now {now:g}%)"
            self._say(f"{moved}: nothing changed. Press Escape and judge it again.", refused=True)
            return
        await self._act()  # a gate that no longer passes is recorded as refused

    async def _act(self) -> None:
        advancer, gate = self._setup.advancer, self._gate
        if advancer is None or gate is None:
            return
        self._busy = True
        try:
            with self._setup.running("Advance the rollout (flag change)"):
                result = await advancer.advance(self._view, gate)
        finally:
            self._busy = False
        self._show(result)
        if result.change is not None:
            await self.app.run_action("poll_now")  # the header shows the new stage at once

    def _show(self, result: AdvanceResult) -> None:
        done = result.state in (Advanced.DONE, Advanced.DRY_RUN)
        markers = result.change.markers if result.change else ()
        note = "" if done else " (recorded in the audit log)"
        self._say(result.detail + note, *(f"marker {m}" for m in markers), refused=not done)

    def _say(self, *lines: str, refused: bool = False) -> None:
        text = Text()
        for number, line in enumerate(lines):
            text.append(("\n" if number else "") + inert(line, 400))
        result = self.query_one("#result", Static)
        result.update(text)
        result.set_class(refused, "-refused")

    def action_close(self) -> None:
        if self._busy:
            self.notify("Changing the flag: wait for the outcome.", severity="warning")
            return
        asking = self.query_one(Input).has_class("-asking")
        if asking and self._setup.advancer is not None and self._gate is not None:
            try:
                self._setup.advancer.declined(self._view, self._gate)
            except AuditError as exc:
                self.notify(inert(str(exc), 200), title="Audit log", severity="error")
        self.dismiss(None)

"""The top line: launch name, rollout stage, overall status, clock, SIMULATED / REPLAY marks."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal

from warroom.core.format import format_clock
from warroom.core.model import Status
from warroom.core.textsafe import inert
from warroom.widgets.line import Line
from warroom.widgets.status import CSS_CLASS, badge


@dataclass(frozen=True, slots=True)
class HeaderView:
    launch: str
    stage: str
    status: Status
    rollback: bool
    clock: float
    mode: str = ""
    """"SIMULATED", "REPLAY" or "" for live data."""
    blind: tuple[str, ...] = ()
    """Labels of the rollback-trigger inputs that have no fresh data."""


class LaunchHeader(Horizontal):
    """Three parts, so the clock ticking every second re-sends eight characters rather than
    the whole line: status and stage, the clock, then mode and launch name (cut first)."""

    DEFAULT_CSS = """
    LaunchHeader { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    LaunchHeader.-crit { background: $error-muted; }
    LaunchHeader.-warn { background: $warning-muted; }
    LaunchHeader.-blind { background: $warning-muted; text-style: bold; }
    LaunchHeader > Line { width: auto; text-wrap: nowrap; }
    LaunchHeader > #header-rest { width: 1fr; text-overflow: ellipsis; }
    """

    def compose(self) -> ComposeResult:
        self._state = Line(id="header-state")
        self._clock = Line(id="header-clock")
        self._rest = Line(id="header-rest")
        yield self._state
        yield self._clock
        yield self._rest

    def show(self, view: HeaderView) -> None:
        if not self._state.is_mounted:
            return
        status = "✖ ROLLBACK" if view.rollback else badge(view.status)
        state = Text()
        state.append(status, style="bold reverse" if view.rollback else "bold")
        if view.blind and not view.rollback:
            names = ", ".join(view.blind) if len(view.blind) <= 2 else f"{len(view.blind)} inputs"
            state.append(f": triggers cannot see {inert(names, 40)}")
        state.append(f" │ {view.stage} │ ")
        rest = Text()
        if view.mode:
            rest.append(" │ ")
            rest.append(view.mode, style="bold reverse")
        rest.append(" │ ")
        rest.append("warroom ", style="bold")
        rest.append(inert(view.launch, 60))
        if self._state.set_text(state):
            for status_class in CSS_CLASS.values():
                self.remove_class(status_class)
            self.add_class("-crit" if view.rollback else CSS_CLASS[view.status])
        self._clock.set_text(format_clock(view.clock))
        self._rest.set_text(rest)

    @property
    def text(self) -> str:
        """The whole line as plain text."""
        return self._state.text + self._clock.text + self._rest.text

"""The top line: launch name, live rollout (stage, time in stage, flag on/off, the flag
source's trouble), overall status, clock, the automatic rollback's word, SIMULATED / REPLAY
marks."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal

from warroom.core.format import format_clock
from warroom.core.model import Status
from warroom.core.rollout.view import RolloutView, describe
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
    rollout: RolloutView | None = None
    """The live rollout from the flag service; when given it replaces `stage`."""
    phase: str = ""
    """The current checklist phase's progress, e.g. "Day 7/8"; "" without checklists."""
    guard: str = ""
    """The automatic rollback's word (`AUTO-ROLLBACK IN 27s`); "" while it is off. Right
    after the clock: a countdown must not be the part a narrow terminal cuts first."""

    @property
    def stage_text(self) -> str:
        """`Rollout 15% · Closed beta (2/4)` from the flag service, else `stage`."""
        if self.rollout is None:
            return self.stage
        return " · ".join(describe(self.rollout)[:2])

    @property
    def rollout_detail(self) -> str:
        """`3h in stage · flag on` and the flag source's trouble: after the clock, where a
        narrow terminal cuts it last-first rather than pushing the clock off the line."""
        if self.rollout is None:
            return ""
        return " · ".join(describe(self.rollout)[2:])


def _alarming(view: HeaderView) -> bool:
    """The flag is off or its source is failing or stale: worth the bold."""
    rollout = view.rollout
    return rollout is not None and (not rollout.flag_on or rollout.failed or rollout.stale)


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
        state.append(f" │ {inert(view.stage_text, 160)} │ ")
        if view.phase:
            state.append(f"{view.phase} │ ")
        rest = Text()
        if view.guard:
            rest.append(" │ ")
            rest.append(view.guard, style="bold reverse")
        if view.rollout_detail:
            rest.append(" │ ")
            rest.append(inert(view.rollout_detail, 120), style="bold" if _alarming(view) else "")
        if view.mode:
            rest.append(" │ ")
            rest.append(view.mode, style="bold reverse")
        rest.append(" │ ")
        rest.append("warroom ", style="bold")
        rest.append(inert(view.launch, 60))
        if self._state.set_text(state):
            # One restyle, not one per class: each class change restyles the header at once.
            self.remove_class(*CSS_CLASS.values(), update=False)
            self.add_class("-crit" if view.rollback else CSS_CLASS[view.status])
        self._clock.set_text(format_clock(view.clock))
        self._rest.set_text(rest)

    @property
    def text(self) -> str:
        """The whole line as plain text."""
        return self._state.text + self._clock.text + self._rest.text

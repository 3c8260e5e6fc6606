"""The top line: launch name, rollout stage, overall status, clock, SIMULATED / REPLAY marks."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from core.format import format_clock
from core.model import Status
from core.textsafe import inert
from widgets.status import CSS_CLASS, badge


@dataclass(frozen=True, slots=True)
class HeaderView:
    launch: str
    stage: str
    status: Status
    rollback: bool
    clock: float
    mode: str = ""
    """"SIMULATED", "REPLAY" or "" for live data."""


class LaunchHeader(Static):
    DEFAULT_CSS = """
    LaunchHeader { height: 1; background: $panel; color: $foreground; padding: 0 1;
                   text-wrap: nowrap; text-overflow: ellipsis; }
    LaunchHeader.-crit { background: $error-muted; }
    LaunchHeader.-warn { background: $warning-muted; }
    """

    def show(self, view: HeaderView) -> None:
        status = "✖ ROLLBACK" if view.rollback else badge(view.status)
        # Most important first: on a narrow terminal the launch name is what gets cut.
        text = Text()
        text.append(status, style="bold reverse" if view.rollback else "bold")
        text.append(f" │ {view.stage} │ {format_clock(view.clock)}")
        if view.mode:
            text.append(" │ ")
            text.append(view.mode, style="bold reverse")
        text.append(" │ ")
        text.append("warroom ", style="bold")
        text.append(inert(view.launch, 60))
        if text.plain == getattr(self, "_shown", None):
            return
        self._shown = text.plain
        for status_class in CSS_CLASS.values():
            self.remove_class(status_class)
        self.add_class("-crit" if view.rollback else CSS_CLASS[view.status])
        self.update(text, layout=False)  # always one line: no relayout needed

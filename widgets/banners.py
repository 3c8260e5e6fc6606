"""The alert banner (by priority) and the separate, unmissable rollback-trigger banner."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from warroom.core.format import format_clock
from warroom.core.model import Alert, Priority
from warroom.core.textsafe import inert
from warroom.widgets.status import PRIORITY_WORD

PRIORITY_SYMBOL = {Priority.HIGH: "✖", Priority.MEDIUM: "▲", Priority.LOW: "▽"}


class AlertBanner(Static):
    """Active alerts, highest priority first. Hidden when there are none."""

    DEFAULT_CSS = """
    AlertBanner { height: 1; padding: 0 1; display: none; text-wrap: nowrap;
                  text-overflow: ellipsis; background: $warning-muted; color: $foreground; }
    AlertBanner.-high { background: $error-muted; text-style: bold; }
    AlertBanner.-shown { display: block; }
    """

    def show_alerts(self, alerts: Sequence[Alert]) -> None:
        text = Text()
        for priority in Priority:
            group = [a for a in alerts if a.priority is priority]
            if not group:
                continue
            if text:
                text.append(" │ ")
            text.append(f"{PRIORITY_SYMBOL[priority]} {PRIORITY_WORD[priority]} ", style="bold")
            text.append(" · ".join(inert(a.message, 120) for a in group))
        rendered = text.plain
        if rendered == getattr(self, "_shown", None):
            return
        self._shown = rendered
        self.set_class(bool(alerts), "-shown")
        self.set_class(any(a.priority is Priority.HIGH for a in alerts), "-high")
        self.update(text, layout=False)  # one line; showing or hiding relayouts through CSS


class TriggerBanner(Static):
    """Rollback triggers that fired. Says how to open the runbook."""

    DEFAULT_CSS = """
    TriggerBanner { height: auto; max-height: 2; padding: 0 1; display: none;
                    text-overflow: ellipsis;
                    background: $error; color: $text; text-style: bold; }
    TriggerBanner.-shown { display: block; }
    """

    def show_triggers(self, triggers: Sequence[Alert]) -> None:
        if not triggers:
            text = Text()
        else:
            names = " · ".join(inert(t.message, 80) for t in triggers)
            since = (
                min(t.since for t in triggers if t.since is not None)
                if any(t.since is not None for t in triggers)
                else None
            )
            when = f" since {format_clock(since)}" if since else ""
            # The key comes first so that a narrow terminal never cuts it off.
            text = Text(f"⚠ ROLLBACK TRIGGER{when} — press r for the runbook: {names}")
        before = getattr(self, "_shown", None)
        if text.plain == before:
            return
        self._shown = text.plain
        self.set_class(bool(triggers), "-shown")
        self.update(text, layout=before is None or len(before) != len(text.plain))

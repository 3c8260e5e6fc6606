"""The alert banner (by priority) and the separate, unmissable rollback-trigger banner."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.widgets import Static

from warroom.core.format import format_clock, format_value
from warroom.core.model import Alert, Priority
from warroom.core.textsafe import inert
from warroom.widgets.status import PRIORITY_WORD

PRIORITY_SYMBOL = {Priority.HIGH: "✖", Priority.MEDIUM: "▲", Priority.LOW: "▽"}


class AlertBanner(Static):
    """Active alerts, highest priority first. Hidden when there are none (unless a screen
    keeps it shown: then it says `idle`)."""

    DEFAULT_CSS = """
    AlertBanner { height: 1; padding: 0 1; display: none; text-wrap: nowrap;
                  text-overflow: ellipsis; background: $warning-muted; color: $foreground; }
    AlertBanner.-high { background: $error-muted; text-style: bold; }
    AlertBanner.-shown { display: block; }
    """

    def __init__(self, *, idle: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self._idle = idle

    def show_alerts(self, alerts: Sequence[Alert]) -> None:
        text = Text() if alerts else Text(self._idle)
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
    """Rollback triggers that fired, every one with its threshold and the value now. Says how
    to open the runbook where a key does (not in a replay). Grows a line at a time rather than
    cut a trigger off on a narrow terminal."""

    DEFAULT_CSS = """
    TriggerBanner { height: auto; padding: 0 1; display: none;
                    background: $error; color: $text; text-style: bold; }
    TriggerBanner.-shown { display: block; }
    """

    def __init__(
        self,
        *,
        units: Mapping[str, str] | None = None,
        runbook_key: str | None = "r",
        idle: str = "",
        id: str | None = None,
    ) -> None:
        """`units`: metric id -> unit, to show each trigger's value; `runbook_key`: the key
        that opens the runbook, or None where no key does; `idle`: the text while none fired
        (for a banner kept on screen)."""
        super().__init__(id=id)
        self._units = dict(units or {})
        self._key = runbook_key
        self._idle = idle

    def show_triggers(self, triggers: Sequence[Alert]) -> None:
        text = trigger_text(triggers, self._units, self._key) if triggers else Text(self._idle)
        before = getattr(self, "_shown", None)
        if text.plain == before:
            return
        self._shown = text.plain
        self.set_class(bool(triggers), "-shown")
        # The values change every poll; a relayout (which repaints the whole screen) is only
        # needed when the banner sizes itself to its text and that takes more or fewer lines.
        lines = self._lines(text)
        self.update(text, layout=lines != getattr(self, "_line_count", None))
        self._line_count = lines

    def _lines(self, text: Text) -> int:
        height = self.styles.height
        if height is not None and not height.is_auto:
            return 0  # a fixed height: the text never moves anything
        width = max(1, self.size.width - 2)  # its padding
        return len(text.wrap(self.app.console, width))


def trigger_text(
    triggers: Sequence[Alert], units: Mapping[str, str], runbook_key: str | None
) -> Text:
    """`⚠ ROLLBACK TRIGGER since 14:02:11 — press r for the runbook │ Error rate above 1%
    (now 1.31%) · …`,
    or empty Text when no trigger fired."""
    if not triggers:
        return Text()
    times = [t.since for t in triggers if t.since is not None]
    when = f" since {format_clock(min(times))}" if times else ""
    # The key comes first so that a narrow terminal never pushes it out of sight.
    hint = f" — press {runbook_key} for the runbook" if runbook_key else ""
    names = " · ".join(_trigger(t, units.get(t.metric, "")) for t in triggers)
    return Text(f"⚠ ROLLBACK TRIGGER{when}{hint} │ {names}")


def _trigger(trigger: Alert, unit: str) -> str:
    now = f" (now {format_value(trigger.value, unit)})" if trigger.value is not None else ""
    return inert(trigger.message, 80) + now

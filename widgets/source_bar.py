"""One line per source: state, last poll latency, data age and the last error, in place."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from warroom.core.format import format_age
from warroom.core.model import SourceHealth, SourceState
from warroom.core.textsafe import inert
from warroom.widgets.status import SOURCE_SYMBOL

# Ages below this many seconds are shown as "fresh" so the bar does not repaint every second.
FRESH_SECONDS = 10.0


def describe(health: SourceHealth, now: float) -> Text:
    """`sim ● ok 3ms fresh · scenario t+90s` or
    `datadog ✖ down 41s old: 403 bad key · retrying in 12s`."""
    text = Text()
    text.append(f"{health.name} {SOURCE_SYMBOL[health.state]} ", style="bold")
    text.append(health.state.value)
    if health.simulated:
        text.append(" SIMULATED", style="reverse")
    if health.latency is not None and health.state is not SourceState.DISABLED:
        text.append(f" {health.latency * 1000:.0f}ms")
    if health.last_ok is not None:
        age = now - health.last_ok
        text.append(" fresh" if age < FRESH_SECONDS else f" {format_age(age)} old")
    if health.error:
        text.append(f": {inert(health.error, 100)}", style="bold")
    if health.state is SourceState.DOWN and health.retry_at is not None:
        text.append(f" · retrying in {max(0, round(health.retry_at - now))}s")
    for key, value in health.info.items():
        text.append(f" · {inert(key, 20)} {inert(value, 40)}")
    return text


class SourceBar(Static):
    DEFAULT_CSS = """
    SourceBar { height: auto; max-height: 5; background: $panel; color: $foreground-darken-1;
                padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def show(self, healths: Sequence[SourceHealth], now: float) -> None:
        text = Text("\n").join(describe(h, now) for h in healths) if healths else Text("no sources")
        before = getattr(self, "_shown", None)
        if text.plain == before:
            return
        self._shown = text.plain
        # One line per source (no wrapping): the height only changes with the number of lines.
        lines_changed = before is None or before.count("\n") != text.plain.count("\n")
        self.update(text, layout=lines_changed)

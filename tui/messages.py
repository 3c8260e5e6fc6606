"""Messages that carry data up to the app."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from textual.message import Message

from warroom.core.dashboard import Dashboard
from warroom.core.poller import PollOutcome


@runtime_checkable
class DashboardView(Protocol):
    """A screen drawn from the dashboard on each refresh (the main screen, a detail view)."""

    def show_dashboard(self, dashboard: Dashboard, now: float, mode: str) -> None:
        """Draws what changed. `mode` is "SIMULATED", "REPLAY" or "" for live data."""


class NeedsRedraw(Message):
    """A screen was mounted, came back into view or grew new widgets: draw it fully now,
    even if no poll arrived since the last draw."""


class PollDone(Message):
    """One source finished one poll."""

    def __init__(self, outcome: PollOutcome) -> None:
        super().__init__()
        self.outcome = outcome

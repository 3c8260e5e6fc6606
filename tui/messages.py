"""Messages that carry data up to the app."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from textual.message import Message

from warroom.core.frame import DashboardFrame, FrameRequest
from warroom.core.poller import PollOutcome


@runtime_checkable
class DashboardView(Protocol):
    """A screen drawn from one dashboard frame on each refresh (the main screen, a detail view)."""

    @property
    def frame_request(self) -> FrameRequest:
        """What the next draw shows (the visible tab, the charted metric): only that is computed."""

    def show_dashboard(self, frame: DashboardFrame, mode: str, guard: str = "") -> None:
        """Draws what changed. `mode` is "SIMULATED", "REPLAY" or "" for live data; `guard`
        the automatic rollback's header word ("" while it is off)."""


class NeedsRedraw(Message):
    """A screen was mounted, came back into view or grew new widgets: draw it fully now,
    even if no poll arrived since the last draw."""


class PollDone(Message):
    """One source finished one poll."""

    def __init__(self, outcome: PollOutcome) -> None:
        super().__init__()
        self.outcome = outcome

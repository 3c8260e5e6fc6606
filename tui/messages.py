"""Messages that carry data up to the app."""

from __future__ import annotations

from textual.message import Message

from core.poller import PollOutcome


class NeedsRedraw(Message):
    """A screen was mounted, came back into view or grew new widgets: draw it fully now,
    even if no poll arrived since the last draw."""


class PollDone(Message):
    """One source finished one poll."""

    def __init__(self, outcome: PollOutcome) -> None:
        super().__init__()
        self.outcome = outcome

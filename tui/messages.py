"""Messages that carry data up to the app."""

from __future__ import annotations

from textual.message import Message

from core.poller import PollOutcome


class PollDone(Message):
    """One source finished one poll."""

    def __init__(self, outcome: PollOutcome) -> None:
        super().__init__()
        self.outcome = outcome

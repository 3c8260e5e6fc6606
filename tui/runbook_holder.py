"""The app's one runbook, built on first use.

Building it imports httpx and the action executors and reads the audit log; none of that
belongs on the way to the first frame, so this module imports the runbook only when asked.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from warroom.core.runbook import Runbook
    from warroom.tui.screens.runbook_setup import RunbookHost


class RunbookHolder:
    """Builds the runbook once and keeps it; hands out the audit log's problems once."""

    def __init__(self, host: RunbookHost) -> None:
        """`host` (the app) is only read on first use: its config, sources and options."""
        self._host = host
        self._runbook: Runbook | None = None
        self._problems: list[str] = []
        self._also: list[str] = []
        """Titles of actions on production running outside the runbook (a rollout advance)."""

    @property
    def built(self) -> Runbook | None:
        """The runbook if something has used it, else None (and nothing is built)."""
        return self._runbook

    def get(self) -> Runbook:
        """The runbook, built and recovered from the audit log on first use."""
        if self._runbook is None:
            from warroom.tui.screens.runbook_setup import build

            self._runbook, self._problems = build(self._host)
        return self._runbook

    def take_problems(self) -> list[str]:
        """Problems met reading the audit log (skipped lines), given to the first caller only:
        whoever takes them shows them, so they are not repeated on every opening."""
        self.get()
        problems, self._problems = self._problems, []
        return problems

    def running_titles(self) -> list[str]:
        """Titles of the steps and other actions running now (quitting asks first)."""
        book = self._runbook
        steps = [book.step(s).title for s in book.running()] if book is not None else []
        return steps + self._also

    @contextmanager
    def running(self, title: str) -> Iterator[None]:
        """Counts an action outside the runbook as running while the block runs."""
        self._also.append(title)
        try:
            yield
        finally:
            self._also.remove(title)

    def unknown_titles(self) -> list[str]:
        """Titles of the steps a crashed session started and never finished."""
        from warroom.core.runbook import StepState

        book = self.get()
        unknown = [s for s, status in book.status.items() if status.state is StepState.UNKNOWN]
        return [book.step(s).title for s in unknown]

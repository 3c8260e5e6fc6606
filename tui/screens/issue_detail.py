"""One issue in full: culprit, counts, first and last seen, release, permalink as text."""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from warroom.core.format import format_moment
from warroom.core.model import Issue
from warroom.core.textsafe import inert


def issue_text(issue: Issue, now: float) -> Text:
    """The detail body as of `now`. Every vendor string passes through `inert` and is plain
    Text."""
    rows = (
        ("Issue", inert(issue.key, 40)),
        ("Title", inert(issue.title, 2000)),
        ("Level", inert(issue.level, 20)),
        ("Culprit", inert(issue.culprit, 500)),
        ("Events", f"{issue.count:,}"),
        ("Users", f"{issue.users:,}"),
        ("First seen", format_moment(issue.first_seen, now)),
        ("Last seen", format_moment(issue.last_seen, now)),
        ("Release", inert(issue.release, 100) or "—"),
        ("Link", inert(issue.permalink, 500) or "—"),
    )
    text = Text()
    for label, value in rows:
        text.append(f"{label:>11}  ", style="bold")
        text.append(value)
        text.append("\n")
    return text


class IssueDetailScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, issue: Issue, now: float | None = None) -> None:
        """`now`: the moment ages are measured from (the app's clock; default the time now)."""
        super().__init__()
        self.issue = issue
        self._now = time.time() if now is None else now

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(issue_text(self.issue, self._now), id="issue-body")
        yield Footer()

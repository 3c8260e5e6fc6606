"""One issue in full: culprit, counts, first and last seen, release, permalink as text."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from warroom.core.format import format_clock
from warroom.core.model import Issue
from warroom.core.textsafe import inert


def issue_text(issue: Issue) -> Text:
    """The detail body. Every vendor string passes through `inert` and is plain Text."""
    rows = (
        ("Issue", inert(issue.key, 40)),
        ("Title", inert(issue.title, 2000)),
        ("Level", inert(issue.level, 20)),
        ("Culprit", inert(issue.culprit, 500)),
        ("Events", f"{issue.count:,}"),
        ("Users", f"{issue.users:,}"),
        ("First seen", format_clock(issue.first_seen)),
        ("Last seen", format_clock(issue.last_seen)),
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

    def __init__(self, issue: Issue) -> None:
        super().__init__()
        self.issue = issue

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(issue_text(self.issue), id="issue-body")
        yield Footer()

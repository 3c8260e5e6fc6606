"""User issues (Sentry issues, support tickets) as a table updated by row key."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from warroom.core.format import format_clock
from warroom.core.model import Issue
from warroom.core.textsafe import inert
from warroom.widgets.keyed_table import Cell, KeyedTable
from warroom.widgets.sparkline import spark

LEVEL_SYMBOL = {"fatal": "✖", "error": "✖", "warning": "▲", "info": "·", "debug": "·"}


def issue_cells(issue: Issue) -> tuple[Cell, ...]:
    """The row of one issue. It depends on the issue alone (last seen is a clock time, not an
    age), so unchanged issues cost nothing on the next update."""
    level = inert(issue.level, 10)
    symbol = LEVEL_SYMBOL.get(issue.level, "?")
    # One line, cut with an ellipsis at the column's width (see KeyedTable.FLEX).
    title = Text(
        ("NEW " if issue.is_new else "") + inert(issue.title, 120),
        no_wrap=True,
        overflow="ellipsis",
    )
    return (
        Text(f"{symbol} {level}"),
        title,
        f"{issue.count:,}",
        f"{issue.users:,}",
        format_clock(issue.last_seen),
        spark([float(v) for v in issue.trend], 12),
    )


class IssueTable(KeyedTable):
    COLUMNS = (
        ("level", "Level"),
        ("title", "Issue"),
        ("count", "Events"),
        ("users", "Users"),
        ("seen", "Last seen"),
        ("trend", "Trend"),
    )
    FLEX = "title"
    BINDINGS = [Binding("enter", "open_issue", "Issue details", show=False)]

    class Opened(Message):
        def __init__(self, issue: Issue) -> None:
            super().__init__()
            self.issue = issue

    def __init__(
        self, *, limit: int | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._limit = limit
        self._issues: dict[str, Issue] = {}

    def show_issues(self, issues: Sequence[Issue]) -> None:
        """Shows `issues` (in order, up to the limit); only changed rows are rebuilt."""
        chosen = list(issues)[: self._limit] if self._limit else list(issues)
        rows: dict[str, tuple[Cell, ...]] = {}
        for issue in chosen:
            cached = self._issues.get(issue.key)
            same = cached is issue or cached == issue
            rows[issue.key] = self.row_cells(issue.key) if same else issue_cells(issue)
        self._issues = {i.key: i for i in chosen}
        self.sync(rows)

    def action_open_issue(self) -> None:
        key = self.key_at_cursor()
        if key is not None and key in self._issues:
            self.post_message(self.Opened(self._issues[key]))

    def on_data_table_row_selected(self, event: KeyedTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        if key is not None and key in self._issues:
            self.post_message(self.Opened(self._issues[key]))

"""The hostile corpus through the real IssueTable and IssueDetailScreen (Textual Pilot)."""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import App, ComposeResult

from tests.hostile.corpus import CORPUS
from tests.hostile.screen import assert_inert, drawn, hostile_issues, packed_issues, screen_text
from warroom.core.textsafe import inert
from warroom.tui.screens.issue_detail import IssueDetailScreen
from warroom.widgets.issue_table import IssueTable

LITERAL_MARKUP = ["[bold red]ALERT[/bold red]", "[@click=app.quit]Click to fix[/]", "[/]"]


class TableApp(App[None]):
    # Tall enough to draw every row of the corpus (the widget itself has a fixed height).
    CSS = "IssueTable { height: auto; max-height: 200; }"

    def compose(self) -> ComposeResult:
        yield IssueTable(id="issues")


async def test_issue_table_draws_the_corpus_inert() -> None:
    now = time.time()
    app = TableApp()
    async with app.run_test(size=(220, 80)) as pilot:
        table = app.query_one(IssueTable)
        table.show_issues(hostile_issues(now))
        await pilot.pause()
        assert table.row_count == len(CORPUS)
        for name, text in CORPUS.items():
            title = table.get_row(name)[1]
            assert isinstance(title, Text) and not title.spans  # no style from the data
            assert title.plain == "NEW " + inert(text, 120)
        strips = drawn(app)
        assert_inert(strips)
        shown = screen_text(strips)
        for literal in LITERAL_MARKUP:
            assert literal in shown  # markup shows as text, it is not interpreted
        assert "\\x1b[31mRED\\x1b[0m" in shown


async def test_detail_screen_draws_the_corpus_inert() -> None:
    now = time.time()
    app = TableApp()
    async with app.run_test(size=(160, 60)) as pilot:
        for issue in packed_issues(now):
            await app.push_screen(IssueDetailScreen(issue))
            await pilot.pause()
            strips = drawn(app)
            assert_inert(strips)
            shown = screen_text(strips)
            for text in (issue.title, issue.culprit, issue.release):
                assert inert(text, 2000)[:40] in shown, issue.key
            app.pop_screen()


async def test_enter_opens_the_detail_of_the_hostile_row() -> None:
    now = time.time()
    opened: list[str] = []

    class OpeningApp(TableApp):
        def on_issue_table_opened(self, event: IssueTable.Opened) -> None:
            opened.append(event.issue.key)
            self.push_screen(IssueDetailScreen(event.issue))

    app = OpeningApp()
    async with app.run_test(size=(160, 60)) as pilot:
        app.query_one(IssueTable).show_issues(hostile_issues(now))
        app.query_one(IssueTable).focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert opened and isinstance(app.screen, IssueDetailScreen)
        assert_inert(drawn(app))

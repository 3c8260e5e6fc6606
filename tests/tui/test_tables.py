"""The table column rules: the flex column (an issue's title) takes what the others leave,
so Level, Events, Users, Last seen and Trend always show; Top 5 shows five full rows; the issue
detail has dates; wide characters keep every column and border in place."""

from __future__ import annotations

from typing import Any

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult

from tests.hostile.screen import drawn
from tests.tui.test_snapshots import T0, incident_app
from warroom.core.model import FetchResult, Issue
from warroom.core.poller import PollOutcome
from warroom.tui.app import WarroomApp
from warroom.tui.screens.issue_detail import issue_text
from warroom.widgets.issue_table import IssueTable
from warroom.widgets.tile import MetricTile

WIDE = (
    "漢字テスト漢字テスト漢字",
    "⚠️ Fehler 🔥🔥 in 👨‍👩‍👧 Profil",
    "🇫🇷🇩🇪 flags ❤️",
    "Ｆｕｌｌ ＡＢＣ",
)
LONG = "TypeError: cannot read properties of undefined (reading 'avatar') in ProfileCard " * 3


def issue(key: str, title: str, *, first_seen: float = T0, trend: int = 12) -> Issue:
    return Issue(
        key=key,
        title=title,
        level="error",
        count=1234,
        users=567,
        first_seen=first_seen,
        last_seen=T0 + 90,
        trend=tuple(range(trend)),
    )


@pytest.fixture
def long_titles() -> WarroomApp:
    """Mid-incident, plus a ticket source whose issues have very long titles."""
    app = incident_app()
    tickets = FetchResult(issues=tuple(issue(f"t{i}", f"{i} {LONG}") for i in range(3)))
    app.dashboard.ingest(PollOutcome("tickets", T0 + 99, 0.0, result=tickets, next_in=1))
    return app


def header_and_rows(app: App[Any], table: IssueTable) -> list[str]:
    region = table.region
    return [line.text for line in drawn(app)[region.y : region.y + table.row_count + 1]]


async def test_support_issue_table_keeps_every_column_at_120x40(long_titles: WarroomApp) -> None:
    async with long_titles.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause(0.5)
        table = long_titles.screen.query_one("#issues", IssueTable)
        lines = header_and_rows(long_titles, table)
        header = lines[0]
        for label in ("Level", "Issue", "Events", "Users", "Last seen", "Trend"):
            assert label in header, header
        assert header.rstrip().endswith("Trend")
        row = next(line for line in lines if LONG[:30] in line)
        assert "…" in row and "1,234" in row and "567" in row and "08:01:30" in row
        trend = row.rstrip()[-12:]
        assert trend[0] == "▁" and trend[-1] == "█" and " " not in trend  # the whole trend
        # The Issue column takes exactly the width the others leave: nothing scrolls sideways.
        assert table.virtual_size.width <= table.scrollable_content_region.width


async def test_engineering_top_5_shows_five_rows_with_the_whole_trend(
    incident: WarroomApp,
) -> None:
    async with incident.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause(0.5)
        table = incident.screen.query_one("#top-issues", IssueTable)
        table.scroll_visible(animate=False)
        await pilot.pause(0.2)
        assert table.row_count == 5
        assert table.virtual_size.width <= table.scrollable_content_region.width
        lines = header_and_rows(incident, table)
        assert len(lines) == 6 and lines[0].rstrip().endswith("Trend")
        for line in lines[1:]:
            trend = line.rstrip()[-12:]
            assert len(trend) == 12 and all(c in "▁▂▃▄▅▆▇█" for c in trend), line


def test_issue_detail_shows_dates_and_ages() -> None:
    weeks_ago = T0 - 21 * 86400
    text = issue_text(issue("k", "t", first_seen=weeks_ago), now=T0 + 100).plain
    assert "First seen  2026-12-25 08:00:00 (21d ago)" in text  # T0 is 2027-01-15 08:00 UTC
    assert "Last seen  2027-01-15 08:01:30 (10s ago)" in text


class WideApp(App[None]):
    CSS = "MetricTile { width: 23; } IssueTable { height: auto; }"

    def compose(self) -> ComposeResult:
        for n, label in enumerate(WIDE):
            yield MetricTile(f"m{n}", label)
        yield IssueTable(id="t")


async def test_wide_characters_leave_no_stray_border_glyph_and_keep_columns_aligned() -> None:
    app = WideApp()
    async with app.run_test(size=(80, 30)) as pilot:
        table = app.query_one(IssueTable)
        table.show_issues([issue(f"w{n}", label * 3) for n, label in enumerate(WIDE)])
        await pilot.pause(0.3)
        lines = drawn(app)
        for tile in app.query(MetricTile):
            top, bottom = tile.region.y, tile.region.bottom - 1
            for y in range(top, bottom + 1):
                text = lines[y].crop(0, tile.region.width).text
                assert cell_len(text) == tile.region.width
                assert text[-1] in "╮│╯┐┘╗║╝", (y, text)  # the right border, exactly there
        rows = [line.text for line in lines[table.region.y + 1 : table.region.y + 5]]
        events = {cell_len(row[: row.index("1,234")]) for row in rows}
        assert len(events) == 1, rows  # every row's Events starts in the same column
        assert all(cell_len(row) == 80 for row in rows)

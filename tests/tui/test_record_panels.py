"""The record panels follow the PANELS table; a kind no source reports keeps its panel hidden."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import App, ComposeResult
from textual.widgets import Label

from warroom.core.frame import Records
from warroom.core.model import Issue, Monitor
from warroom.core.plan import TABS, Tab
from warroom.widgets.dashboard_tab import DashboardTab
from warroom.widgets.issue_table import IssueTable
from warroom.widgets.keyed_table import KeyedTable
from warroom.widgets.record_panels import HIDDEN, PANELS, TOP_ISSUES, PanelSpec
from warroom.widgets.record_tables import MonitorTable, SlowOpsTable

ISSUES = tuple(Issue(f"i{n}", f"issue {n}", "error", 10 - n, 1, 0.0, 0.0) for n in range(7))


class TabApp(App[None]):
    def __init__(self, tab: Tab, panels: Sequence[PanelSpec] | None = None) -> None:
        super().__init__()
        self.pane = DashboardTab(tab, [], panels=panels)

    def compose(self) -> ComposeResult:
        yield self.pane


def panels_of(pane: DashboardTab) -> list[tuple[str, str, bool]]:
    """(title, table id, shown) of each panel, top to bottom."""
    titles = list(pane.query(".panel-title").results(Label))
    tables = list(pane.query(KeyedTable))
    assert len(titles) == len(tables)
    return [
        (str(t.render()), table.id or "", not table.has_class(HIDDEN) and not t.has_class(HIDDEN))
        for t, table in zip(titles, tables, strict=True)
    ]


def test_the_table_names_each_tabs_panels() -> None:
    assert [(p.kind, p.widget_id, p.limit) for p in PANELS["engineering"]] == [
        ("monitors", "monitors", None),
        ("slow_ops", "slow-ops", None),
        ("issues", "top-issues", TOP_ISSUES),
    ]
    assert [(p.kind, p.widget_id, p.limit) for p in PANELS["support"]] == [
        ("issues", "issues", None)
    ]
    assert {t for t in TABS if t not in PANELS} == {"executive", "product"}


async def test_engineering_composes_its_row_hidden_until_reported() -> None:
    app = TabApp("engineering")
    async with app.run_test():
        assert panels_of(app.pane) == [
            ("Monitors", "monitors", False),
            ("Slow database operations", "slow-ops", False),
            (f"Top {TOP_ISSUES} issues", "top-issues", False),
        ]
        assert isinstance(app.pane.query_one("#monitors"), MonitorTable)
        assert isinstance(app.pane.query_one("#slow-ops"), SlowOpsTable)
        app.pane.show_records(Records(issues=ISSUES, monitors=(), slow_ops=None))
        assert [shown for _, _, shown in panels_of(app.pane)] == [True, False, True]
        assert app.pane.query_one("#top-issues", IssueTable).row_count == TOP_ISSUES
        assert app.pane.query_one("#monitors", MonitorTable).row_count == 0


async def test_support_shows_every_issue_and_tabs_without_panels_have_none() -> None:
    app = TabApp("support")
    async with app.run_test():
        app.pane.show_records(Records(issues=ISSUES))
        assert panels_of(app.pane) == [("User issues", "issues", True)]
        assert app.pane.query_one("#issues", IssueTable).row_count == len(ISSUES)
    app = TabApp("executive")
    async with app.run_test():
        app.pane.show_records(Records(issues=ISSUES, monitors=(), slow_ops=()))
        assert panels_of(app.pane) == []


async def test_a_tab_can_be_given_its_own_row() -> None:
    row = (PanelSpec("monitors", "Watched", None, "watched"),)
    app = TabApp("product", panels=row)
    async with app.run_test():
        app.pane.show_records(Records(monitors=(Monitor("m1", "disk", "Alert"),)))
        assert panels_of(app.pane) == [("Watched", "watched", True)]
        assert app.pane.query_one("#watched", MonitorTable).row_count == 1

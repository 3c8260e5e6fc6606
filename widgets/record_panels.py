"""Which tab shows which record panel, as data, and the table widget behind each kind of record.

A panel is a title over a table. It stays hidden while no source reports its kind of record,
so a war room without Sentry shows no empty "User issues" table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from textual.widgets import Label

from warroom.core.frame import RecordKind, Records
from warroom.core.plan import Tab
from warroom.widgets.issue_table import IssueTable
from warroom.widgets.keyed_table import KeyedTable
from warroom.widgets.record_tables import MonitorTable, SlowOpsTable

TOP_ISSUES = 5
HIDDEN = "-empty"
"""The CSS class of a panel (title and table) whose kind no source reports."""


@dataclass(frozen=True, slots=True)
class PanelSpec:
    kind: RecordKind
    title: str
    limit: int | None
    """Issues shown at most, busiest first (None: all). Monitor and slow-op tables show all."""
    widget_id: str
    """The table's id; its title carries it as a class."""


PANELS: Mapping[Tab, tuple[PanelSpec, ...]] = MappingProxyType(
    {
        "engineering": (
            PanelSpec("monitors", "Monitors", None, "monitors"),
            PanelSpec("slow_ops", "Slow database operations", None, "slow-ops"),
            PanelSpec("issues", f"Top {TOP_ISSUES} issues", TOP_ISSUES, "top-issues"),
        ),
        "support": (PanelSpec("issues", "User issues", None, "issues"),),
    }
)
"""The record panels of each tab, top to bottom, under its tiles. A tab not listed has none."""

_TABLES: Mapping[RecordKind, Callable[[PanelSpec], KeyedTable]] = {
    "issues": lambda spec: IssueTable(limit=spec.limit, id=spec.widget_id, classes=HIDDEN),
    "monitors": lambda spec: MonitorTable(id=spec.widget_id, classes=HIDDEN),
    "slow_ops": lambda spec: SlowOpsTable(id=spec.widget_id, classes=HIDDEN),
}


def make_title(spec: PanelSpec) -> Label:
    """The panel's title, hidden with its table. It carries the table's id as a class."""
    return Label(spec.title, classes=f"panel-title {spec.widget_id} {HIDDEN}")


def make_table(spec: PanelSpec) -> KeyedTable:
    """A new table for the panel's kind of record, hidden until a source reports that kind."""
    return _TABLES[spec.kind](spec)


def fill(table: KeyedTable, records: Records) -> None:
    """Shows the frame's rows of the table's kind. A kind no source reports (None) leaves the
    table as it was: its panel is hidden then."""
    match table:
        case IssueTable() if records.issues is not None:
            table.show_issues(records.issues)
        case MonitorTable() if records.monitors is not None:
            table.show_monitors(records.monitors)
        case SlowOpsTable() if records.slow_ops is not None:
            table.show_ops(records.slow_ops)

"""Compact tables for vendor monitors and slow database operations."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from warroom.core.model import Monitor, SlowOp
from warroom.core.textsafe import inert
from warroom.widgets.keyed_table import KeyedTable

MONITOR_SYMBOL = {"Alert": "✖", "Warn": "▲", "No Data": "·", "OK": "✓"}


class MonitorTable(KeyedTable):
    COLUMNS = (("state", "State"), ("name", "Monitor"))
    FLEX = "name"

    def show_monitors(self, monitors: Sequence[Monitor]) -> None:
        order = {"Alert": 0, "Warn": 1, "No Data": 2, "OK": 3}
        ranked = sorted(monitors, key=lambda m: (order.get(m.state, 4), m.name))
        self.sync(
            {
                m.key: (
                    Text(f"{MONITOR_SYMBOL.get(m.state, '?')} {inert(m.state, 10)}"),
                    Text(inert(m.name, 80), no_wrap=True, overflow="ellipsis"),
                )
                for m in ranked
            }
        )


class SlowOpsTable(KeyedTable):
    COLUMNS = (("secs", "Running"), ("op", "Op"), ("ns", "Namespace"), ("desc", "Description"))
    FLEX = "desc"

    def show_ops(self, ops: Sequence[SlowOp]) -> None:
        self.sync(
            {
                o.key: (
                    f"{o.seconds:.0f}s",
                    Text(inert(o.op, 12)),
                    Text(inert(o.namespace, 40)),
                    Text(inert(o.description, 80), no_wrap=True, overflow="ellipsis"),
                )
                for o in ops
            }
        )

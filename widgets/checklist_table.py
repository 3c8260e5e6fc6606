"""The checklists by phase: a heading row per phase with its progress, one per list, one per
item with its state (symbol and word, never colour alone) and its evidence or who ticked it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from warroom.core.checklists.state import ItemState, ItemView, PhaseView
from warroom.core.textsafe import inert
from warroom.widgets.keyed_table import Cell, KeyedTable

STATE_LABEL = {
    ItemState.DONE: "✓ done",
    ItemState.OPEN: "○ open",
    ItemState.UNKNOWN: "? UNKNOWN",
    ItemState.FAILED: "✖ FAILED",
}


def item_cells(view: ItemView) -> tuple[Cell, ...]:
    text = Text(f"    {inert(view.item.text, 100)}")
    # Text cells: a DataTable reads str cells as markup, and notes and evidence are untrusted.
    return (STATE_LABEL[view.state], text, Text(inert(view.evidence, 200)))


def describe(view: ItemView) -> str:
    """The whole story of one item, for the line under the table (a narrow screen cuts the
    evidence column): how it is judged, and its evidence or who ticked it."""
    auto = view.item.auto
    how = f"automatic ({auto.kind}): " if auto is not None else ""
    evidence = view.evidence or ("no evidence yet" if auto else "not ticked yet")
    return inert(f"{view.symbol} {view.item.text} — {how}{evidence}", 400)


def rows(phases: Sequence[PhaseView]) -> dict[str, tuple[Cell, ...]]:
    """Keys `phase:<id>`, `list:<id>` and `item:<id>`, in plan order."""
    out: dict[str, tuple[Cell, ...]] = {}
    for phase in phases:
        mark = "✓ complete" if phase.complete else f"{phase.done}/{phase.total} done"
        out[f"phase:{phase.phase}"] = (mark, Text(f"▸ {phase.title}", style="bold"), Text())
        for checklist, items in phase.checklists():
            done = sum(1 for v in items if v.state is ItemState.DONE)
            name = Text(f"  {inert(checklist.title, 80)}", style="bold")
            out[f"list:{checklist.id}"] = (f"{done}/{len(items)}", name, Text())
            for view in items:
                out[f"item:{view.item.id}"] = item_cells(view)
    return out


class ChecklistTable(KeyedTable):
    """Selecting a manual item asks to tick or un-tick it."""

    DEFAULT_CSS = """
    ChecklistTable { height: 1fr; max-height: 100%; }
    """
    COLUMNS = (("state", "State"), ("item", "Item"), ("evidence", "Evidence / ticked by"))
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Tick / un-tick", show=True)
    ]

    def show_phases(self, phases: Sequence[PhaseView]) -> None:
        self.sync(rows(phases))

    def go_to(self, key: str) -> None:
        """Puts the cursor on the row `key` (the current phase, when the screen opens)."""
        keys = list(self._rows)
        if key in keys:
            self.move_cursor(row=keys.index(key), animate=False)

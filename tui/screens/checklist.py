"""The checklist screen (`c`): phases as sections with their progress, every item with its
state and evidence or who ticked it. Enter on a manual item ticks or un-ticks it after a
typed confirmation; automatic items are judged from data and cannot be ticked."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from warroom.core.checklists.state import ItemState, current_phase
from warroom.core.checklists.ticks import TickError
from warroom.core.textsafe import inert, inert_markup
from warroom.tui.checklist_watch import ChecklistWatch
from warroom.tui.screens.tick_confirm import TickConfirmScreen
from warroom.widgets.checklist_table import ChecklistTable, describe


class ChecklistScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]
    HELP_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "noop", "Tick or un-tick the manual item under the cursor (type yes)"),
        Binding("escape", "noop", "Back to the dashboard"),
    ]
    DEFAULT_CSS = """
    ChecklistScreen #mode { height: auto; padding: 0 1; background: $panel; text-style: bold; }
    ChecklistScreen #mode.-read-only { background: $warning; color: $text; }
    ChecklistScreen #detail { height: auto; max-height: 3; padding: 0 1;
                              border-top: solid $primary; }
    """

    def __init__(self, checklists: ChecklistWatch) -> None:
        super().__init__()
        self.checklists = checklists

    def compose(self) -> ComposeResult:
        yield Static(Text(self._mode_text()), id="mode")
        yield ChecklistTable(id="checklists")
        yield Static("", id="detail")
        yield Footer()

    def _mode_text(self) -> str:
        options = self.checklists.app.options
        current = current_phase(self.checklists.phases, self.checklists.app.config.launch.phase)
        now = f" · now {current.title} {current.done}/{current.total}" if current else ""
        if options.read_only:
            return f"CHECKLISTS{now} · READ-ONLY (--read-only): nothing can be ticked"
        where = "shared store" if options.store else "audit log"
        return f"CHECKLISTS{now} · to tick: Enter, type yes · {where}"

    def on_mount(self) -> None:
        self.query_one("#mode", Static).set_class(
            self.checklists.app.options.read_only, "-read-only"
        )
        self.checklists.changed.append(self._redraw)
        self._redraw()
        table = self.query_one(ChecklistTable)
        current = current_phase(self.checklists.phases, self.checklists.app.config.launch.phase)
        if current is not None:
            table.go_to(f"phase:{current.phase}")
        table.focus()

    def on_unmount(self) -> None:
        self.checklists.changed.remove(self._redraw)

    def _redraw(self) -> None:
        if not self.is_attached:
            return
        try:
            table = self.query_one(ChecklistTable)
            table.show_phases(self.checklists.phases)
            self.query_one("#mode", Static).update(Text(inert(self._mode_text(), 300)))
            self._show_detail(table.key_at_cursor() or "")
        except NoMatches:
            # A refresh can land while the screen is being dismissed: still attached, but its
            # children already gone. Nothing is left to draw on.
            return

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.row_key.value or "")

    def _show_detail(self, key: str) -> None:
        kind, _, item_id = key.partition(":")
        views = {v.item.id: v for p in self.checklists.phases for v in p.items}
        view = views.get(item_id) if kind == "item" else None
        text = describe(view) if view is not None else "Enter on an item ticks or un-ticks it."
        self.query_one("#detail", Static).update(Text(text))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        kind, _, item_id = (event.row_key.value or "").partition(":")
        if kind == "item":
            self.choose(item_id)

    def choose(self, item_id: str) -> None:
        """Asks to tick (or, when ticked, un-tick) the item; says why not when it cannot."""
        views = {v.item.id: v for p in self.checklists.phases for v in p.items}
        view = views.get(item_id)
        if view is None:
            return
        tick = view.state is not ItemState.DONE
        refusal = self.checklists.refusal(item_id, tick)
        if refusal:
            self.notify(inert_markup(refusal, 200), title="Cannot tick", severity="warning")
            return
        verb = "Tick" if tick else "Un-tick"
        self.checklists.readers()
        where = (
            "the shared store and the audit log"
            if self.checklists.app.options.store
            else "the audit log"
        )
        lines = [
            f"checklist: {view.checklist.title} ({view.checklist.phase})",
            f"recorded in {where} as {self.checklists.who}, with the time and your note",
        ]
        self.app.push_screen(
            confirm := TickConfirmScreen(f"{verb}: {view.item.text}?", lines),
            callback=lambda ok: self._confirmed(item_id, tick, bool(ok), confirm.note),
        )

    def _confirmed(self, item_id: str, tick: bool, confirmed: bool, note: str) -> None:
        if not confirmed:
            self.notify("Cancelled; nothing was ticked.")
            return
        self.run_worker(self._record(item_id, tick, note), group="tick")

    async def _record(self, item_id: str, tick: bool, note: str) -> None:
        try:
            done = await self.checklists.tick(item_id, tick, note)
        except TickError as exc:
            self.notify(inert_markup(str(exc), 200), title="Not ticked", severity="error")
            return
        self.notify(inert_markup(done.describe(), 200), title="Ticked" if tick else "Un-ticked")

    def action_noop(self) -> None:
        """Help entries only."""

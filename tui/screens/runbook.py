"""The runbook console: steps by group with their state, run under confirmation, stopwatch,
and the output of running commands. The logic lives in core.runbook.Runbook."""

from __future__ import annotations

import string
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, RichLog, Static

from warroom.core.runbook import AuditError, Runbook, StepState
from warroom.core.runbook.executors import Preview
from warroom.core.runbook.steps import STEP_KEYS, Group
from warroom.core.runbook_config import FLAG_KINDS, RESERVED_KEYS
from warroom.core.textsafe import inert
from warroom.tui.screens.audit_view import AuditViewScreen
from warroom.tui.screens.confirm import ConfirmScreen
from warroom.tui.screens.runbook_rows import earlier_done, rows
from warroom.widgets.runbook_stopwatch import RunbookStopwatch
from warroom.widgets.runbook_table import GroupRow, RunbookTable, StepRow

LOG_LINES = 500
# Lower-case letters a config may give a step (RESERVED_KEYS belong to the app).
LETTERS = "".join(c for c in string.ascii_lowercase if c not in RESERVED_KEYS)


class RunbookScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("x", "cancel_step", "Cancel step"),
        Binding("a", "audit", "Audit"),
        *[Binding(k, f"step_key('{k}')", show=False) for k in STEP_KEYS + LETTERS],
        *[Binding(k, f"group_key('{k}')", show=False) for k in string.ascii_uppercase],
    ]
    HELP_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1-9,0", "noop", "Run the step with that key (after confirmation)"),
        Binding("I,D,C", "noop", "Run the whole group with that key (one confirmation)"),
        Binding("enter", "noop", "Run the step or group under the cursor"),
        Binding("x", "noop", "Cancel the running step under the cursor"),
        Binding("a", "noop", "Show the audit log"),
    ]
    DEFAULT_CSS = """
    RunbookScreen #mode { height: auto; padding: 0 1; background: $panel; text-style: bold; }
    RunbookScreen #mode.-read-only { background: $warning; color: $text; }
    RunbookScreen #mode.-dry-run { background: $warning-muted; }
    RunbookScreen RunbookTable { height: 2fr; }
    RunbookScreen #row-detail { height: auto; max-height: 4; padding: 0 1; background: $panel; }
    RunbookScreen RichLog { height: 1fr; min-height: 3; max-height: 10;
                            border-top: solid $primary; }
    """

    def __init__(self, runbook: Runbook, problems: list[str] | None = None) -> None:
        super().__init__()
        self.runbook = runbook
        self._problems = problems or []

    def compose(self) -> ComposeResult:
        yield Static(self._mode_text(), id="mode")
        yield RunbookStopwatch(id="stopwatch")
        yield RunbookTable(id="steps")
        yield Static("", id="row-detail")
        # Wrapped: a command's output line is often longer than a small terminal is wide.
        yield RichLog(max_lines=LOG_LINES, wrap=True, id="output")
        yield Footer()

    def _mode_text(self) -> str:
        book = self.runbook
        where = f"audit log {book.audit.path}"
        if book.read_only:
            return f"READ-ONLY (--read-only): no step can run · {where}"
        if book.dry_run:
            return f"DRY RUN (--dry-run): confirmed and recorded, nothing runs · {where}"
        sim = "SIMULATED (demo) · " if book.demo else ""
        return f"RUNBOOK · {sim}you confirm each run by typing yes · {where}"

    def on_mount(self) -> None:
        mode = self.query_one("#mode", Static)
        mode.set_class(self.runbook.read_only, "-read-only")
        mode.set_class(self.runbook.dry_run, "-dry-run")
        self.runbook.changed.append(self._step_changed)
        self.runbook.printed.append(self._printed)
        log = self.query_one(RichLog)
        for step_id, line in self.runbook.output:
            log.write(Text(f"[{step_id}] {line}"))
        self.call_after_refresh(self._redraw)
        self.set_interval(0.5, self._tick)
        self.query_one(RunbookTable).focus()
        for problem in self._problems:
            self.notify(inert(problem, 200), title="Audit log", severity="warning", timeout=10)
        self._problems = []

    def on_unmount(self) -> None:
        self.runbook.changed.remove(self._step_changed)
        self.runbook.printed.remove(self._printed)

    # ------------------------------------------------------------------ drawing

    def _redraw(self) -> None:
        self.query_one(RunbookTable).show_rows(rows(self.runbook))
        self._show_row_detail()
        self._tick()

    def on_data_table_row_highlighted(self) -> None:
        self._show_row_detail()

    def _show_row_detail(self) -> None:
        """The row under the cursor in full, wrapped: on a small terminal the table cuts the
        action / result column to a few words."""
        table = self.query_one(RunbookTable)
        key = table.key_at_cursor()
        if key is None:
            return
        _, title, state, detail = table.row_cells(key)
        name = title.plain if isinstance(title, Text) else title
        text = Text(f"{name.strip()} · {state}: ", style="bold")
        text.append(detail.plain if isinstance(detail, Text) else detail)
        self.query_one("#row-detail", Static).update(text)

    def _tick(self) -> None:
        view = self.runbook.stopwatch.view()
        group = self.runbook.target_group
        label = group.title if group else "rollback"
        self.query_one(RunbookStopwatch).show_time(
            view.elapsed, view.target, view.finished, label, dry_run=self.runbook.dry_run
        )

    def _step_changed(self, step_id: str) -> None:
        self._redraw()
        finished = self.runbook.status[step_id].state is not StepState.RUNNING
        if finished and self.runbook.step(step_id).action.kind in FLAG_KINDS:
            # A flag changed: read it now, so the header does not lag by a poll interval.
            self.app.call_next(self.app.run_action, "poll_now")

    def _printed(self, step_id: str, line: str) -> None:
        self.query_one(RichLog).write(Text(f"[{step_id}] {line}"))

    # ------------------------------------------------------------------ choosing

    def on_runbook_table_chosen(self, event: RunbookTable.Chosen) -> None:
        match event.row:
            case GroupRow(group_id):
                self._choose_group(group_id)
            case StepRow(step_id):
                self._choose_steps([step_id], f"Run step: {self.runbook.step(step_id).title}?")

    def action_step_key(self, key: str) -> None:
        step = next((s for s in self.runbook.steps if s.key == key), None)
        if step is not None:
            self._choose_steps([step.id], f"Run step: {step.title}?")

    def action_group_key(self, key: str) -> None:
        group = next((g for g in self.runbook.groups if g.key == key), None)
        if group is not None:
            self._choose_group(group.id)

    def _choose_group(self, group_id: str) -> None:
        group: Group = next(g for g in self.runbook.groups if g.id == group_id)
        plan = self.runbook.group_plan(group_id)
        if not plan:
            self.notify(f"{group.title}: nothing left to run", severity="information")
            return
        heading = f"Run {len(plan)} step(s) of {group.title}, in order? A failure stops the rest."
        self._choose_steps(plan, heading)

    def _choose_steps(self, step_ids: list[str], heading: str) -> None:
        problem = self.runbook.check_plan(step_ids)
        if problem:
            self.notify(inert(problem, 200), title="Cannot run", severity="warning")
            return
        steps = [(self.runbook.step(s).title, self._lines(s)) for s in step_ids]
        mode = (
            "DRY RUN: this is recorded in the audit log, nothing is executed."
            if (self.runbook.dry_run)
            else ""
        )
        shown: dict[str, Preview] = {}

        async def current() -> list[list[str]]:
            # The flag steps show the flags as they are now; they check them again at run time.
            shown.update(await self.runbook.preview(step_ids))
            return [list(shown[s].lines) if s in shown else [] for s in step_ids]

        self.app.push_screen(
            ConfirmScreen(
                heading, steps, mode, current if self.runbook.previews(step_ids) else None
            ),
            callback=lambda confirmed: self._confirmed(step_ids, bool(confirmed), shown),
        )

    def _lines(self, step_id: str) -> tuple[str, ...]:
        """What the confirmation says a step does, and that an earlier session did it."""
        lines = tuple(self.runbook.step(step_id).lines())
        if step_id in self.runbook.done_before:
            return (*lines, f"⚠ {earlier_done(self.runbook, step_id)}")
        return lines

    def _confirmed(self, step_ids: list[str], confirmed: bool, shown: dict[str, Preview]) -> None:
        try:
            if not confirmed:
                self.runbook.declined(step_ids)
                self.notify("Cancelled; nothing ran (recorded in the audit log).")
                return
            self.runbook.start(step_ids, shown)
        except (AuditError, ValueError) as exc:
            self.notify(inert(str(exc), 200), title="Not run", severity="error")
        self._redraw()

    # ------------------------------------------------------------------ other actions

    def action_cancel_step(self) -> None:
        match self.query_one(RunbookTable).id_at_cursor():
            case StepRow(step_id):
                running = [step_id]
            case GroupRow(group_id):
                running = self.runbook.running_in(group_id)
            case None:
                running = []
        if not any(self.runbook.cancel(s) for s in running):
            self.notify("Nothing is running there.", severity="information")

    def action_audit(self) -> None:
        self.app.push_screen(AuditViewScreen(self.runbook.audit))

    def action_noop(self) -> None:
        """Help entries only."""

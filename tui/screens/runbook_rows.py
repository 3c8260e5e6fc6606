"""The runbook table's rows: one per group (its key runs the whole group), one per step."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from warroom.core.runbook import Group, Runbook, StepState
from warroom.core.textsafe import inert
from warroom.widgets.keyed_table import Cell
from warroom.widgets.runbook_table import GroupRow, RowId, StepRow, state_label


def group_hint(book: Runbook, group: Group) -> str:
    """What the group's row offers: only a key that would do something now."""
    if book.read_only:
        return "read-only: nothing can run"
    if not book.group_plan(group.id):
        return "nothing left to run"
    return f"press {group.key} to run the group" if group.key else "Enter runs the group"


def rows(book: Runbook) -> dict[RowId, Sequence[Cell]]:
    """Each group's row, then its steps' rows, in group order."""
    out: dict[RowId, Sequence[Cell]] = {}
    # A dry run carries nothing out, so its steps are never called "done".
    finished = "dry run" if book.dry_run else "done"
    for group in book.groups:
        done = sum(book.status[s].state in (StepState.DONE, StepState.DRY_RUN) for s in group.steps)
        target = f" (target < {group.target_seconds / 60:g} min)" if group.target_seconds else ""
        title = Text(f"▸ {inert(group.title, 80)}{target}", style="bold")
        progress = f"{done}/{len(group.steps)} {finished}"
        out[GroupRow(group.id)] = (group.key or "", title, progress, group_hint(book, group))
        for step_id in group.steps:
            step, status = book.step(step_id), book.status[step_id]
            detail = status.detail if status.state is not StepState.PENDING else ""
            if status.duration is not None and status.state is not StepState.RUNNING:
                detail = f"{detail} ({status.duration:.1f} s)"
            waiting = f"after {', '.join(step.requires)} · " if step.requires else ""
            shown = detail or waiting + " ".join(line.strip() for line in step.lines())
            if status.state is StepState.PENDING and step_id in book.done_before:
                shown = f"⚠ {earlier_done(book, step_id)} · {shown}"
            out[StepRow(step_id)] = (
                step.key or "",
                f"  {inert(step.title, 80)}",
                state_label(status.state.value),
                inert(shown, 160),
            )
    return out


def earlier_done(book: Runbook, step_id: str) -> str:
    """The warning for a step an earlier session finished: running it again may undo it."""
    return f"done {book.done_before[step_id]} in an earlier session: check before running again"

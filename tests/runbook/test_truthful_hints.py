"""The runbook tells the truth about its keys: no "press I" once the group is done or under
--read-only, and --dry-run never says a group was done; the row under the cursor is shown in
full on a small terminal."""

from __future__ import annotations

from textual.widgets import Static

from tests.runbook.test_pilot import IMMEDIATE, demo
from warroom.core.runbook import StepState
from warroom.tui.options import AppOptions
from warroom.widgets.runbook_stopwatch import RunbookStopwatch
from warroom.widgets.runbook_table import GroupRow, RunbookTable


def group_row(app: object, group: str) -> tuple[str, ...]:
    table = app.screen.query_one(RunbookTable)  # type: ignore[attr-defined]
    cells = table.row_cells(GroupRow(group).key)
    return tuple(c.plain if hasattr(c, "plain") else c for c in cells)


async def test_a_done_group_offers_nothing_to_run() -> None:
    app, _ = demo()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        assert group_row(app, "immediate")[3] == "press I to run the group"
        await pilot.press("I", "y", "e", "s", "enter")
        await pilot.pause()
        assert [app.runbook.get().status[s].state for s in IMMEDIATE] == [StepState.DONE] * 3
        await pilot.pause()
        hint = group_row(app, "immediate")[3]
        assert hint == "nothing left to run" and "press" not in hint
        stopwatch = str(app.screen.query_one(RunbookStopwatch).render())
        assert "Immediate rollback done" in stopwatch


async def test_read_only_offers_no_key() -> None:
    app, _ = demo(AppOptions(read_only=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        for group in ("immediate", "database", "communication"):
            assert group_row(app, group)[3] == "read-only: nothing can run"


async def test_dry_run_never_says_done() -> None:
    app, _ = demo(AppOptions(dry_run=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r", "I", "y", "e", "s", "enter")
        await pilot.pause()
        await pilot.pause()
        row = group_row(app, "immediate")
        assert row[2] == "3/3 dry run" and "done" not in row[2]
        stopwatch = str(app.screen.query_one(RunbookStopwatch).render())
        assert "Immediate rollback rehearsed (dry run: nothing ran)" in stopwatch
        assert "done" not in stopwatch


async def test_the_row_under_the_cursor_is_shown_in_full_at_80x24() -> None:
    app, _ = demo()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("down")  # the first step
        await pilot.pause()
        detail = str(app.screen.query_one("#row-detail", Static).render())
        assert detail.startswith("Revert to previous deployment · ○ pending: ")
        table = app.screen.query_one(RunbookTable)
        full = table.row_cells(table.key_at_cursor() or "")[3]
        assert str(full) in detail and len(str(full)) > 20  # wider than its column at 80x24

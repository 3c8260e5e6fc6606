"""The runbook table's rows are named by typed values (GroupRow, StepRow), so a group and a
step may share an id and choosing a row never depends on parsing its key."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.runbook.conftest import make_book, runbook_config
from warroom.core.config import Config, default_config
from warroom.sources.registry import SourceSet
from warroom.tui.app import WarroomApp
from warroom.tui.screens.confirm import ConfirmScreen
from warroom.tui.screens.runbook_rows import rows
from warroom.widgets.runbook_table import GroupRow, RunbookTable, StepRow

# Step "g" sits in group "g": the same id for a group and a step.
STEPS = (
    {"id": "g", "action": {"kind": "manual"}},
    {"id": "later", "group": "h", "action": {"kind": "manual"}},
)


def config() -> Config:
    return default_config().model_copy(update={"runbook": runbook_config(*STEPS)})


def test_rows_are_each_group_then_its_steps(audit_path: Path) -> None:
    book = make_book(audit_path, *STEPS)
    assert list(rows(book)) == [GroupRow("g"), StepRow("g"), GroupRow("h"), StepRow("later")]


def test_a_group_and_a_step_with_one_id_get_different_table_keys() -> None:
    assert GroupRow("g").key != StepRow("g").key


def heading(app: WarroomApp) -> str:
    assert isinstance(app.screen, ConfirmScreen)
    return str(app.screen.query_one("#heading", Static).render())


async def test_choosing_a_row_runs_what_that_row_names() -> None:
    app = WarroomApp(config(), SourceSet(), poll=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("r")
        table = app.screen.query_one(RunbookTable)
        assert table.id_at_cursor() == GroupRow("g")
        await pilot.press("enter")
        assert heading(app).startswith("Run 1 step(s) of Immediate")
        await pilot.press("escape", "down")
        assert table.id_at_cursor() == StepRow("g")
        await pilot.press("enter")
        assert heading(app) == "Run step: g?"


async def test_a_key_the_table_does_not_show_names_no_row() -> None:
    app = WarroomApp(config(), SourceSet(), poll=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("r")
        table = app.screen.query_one(RunbookTable)
        assert table.row_id(StepRow("later").key) == StepRow("later")
        assert table.row_id("step:nowhere") is None
        assert table.row_id(None) is None

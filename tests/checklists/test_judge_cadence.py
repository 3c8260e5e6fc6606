"""How often the checklists are judged: at once when what was read changes or while the
checklist screen is open; on the dashboard alone at most every JUDGE_EVERY seconds."""

from __future__ import annotations

from typing import Any

from tests.checklists.test_pilot import launch_app
from tests.tui.helpers import wait_for
from warroom.tui.screens.checklist import ChecklistScreen


async def test_an_unchanged_read_is_not_judged_again_until_the_screen_is_open() -> None:
    app = launch_app()
    async with app.run_test(size=(120, 40)) as pilot:
        watch = app.checklists
        judged: list[int] = []
        phases = watch.board.phases

        def counted(*args: Any) -> Any:
            judged.append(1)
            return phases(*args)

        setattr(watch.board, "phases", counted)  # noqa: B010 (the real judging still runs)
        # The first full read (after FIRST_READ) changes what was gathered: judged at once.
        await wait_for(lambda: bool(judged))
        settled = len(judged)
        for _ in range(3):
            await watch.refresh()  # ticks only, and none changed
        assert len(judged) == settled
        await pilot.press("c")
        await wait_for(lambda: isinstance(app.screen, ChecklistScreen))
        open_at = len(judged)
        for _ in range(3):
            await watch.refresh()
        assert len(judged) >= open_at + 3

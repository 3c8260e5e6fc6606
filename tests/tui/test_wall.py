"""The wall view: `w` opens it, it shows the room's status, the stage and the four trigger
inputs against their thresholds, escape goes back; the bell rings once per new trigger."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Digits

from tests.tui.helpers import FrozenClock, feed, prefill
from tests.tui.test_snapshots import T0
from warroom.core.config import Config, default_config, load_config
from warroom.core.format import format_value
from warroom.sources.registry import SourceSet, build_demo
from warroom.tui.app import WarroomApp
from warroom.tui.options import AppOptions
from warroom.tui.screens.main import MainScreen
from warroom.tui.screens.wall import WallScreen
from warroom.widgets.big_number import BigNumber
from warroom.widgets.trigger_input import TriggerInput


class CountingBell(WarroomApp):
    """The real app; it counts its bells instead of only writing BEL to the terminal."""

    rung = 0

    def bell(self) -> None:
        self.rung += 1
        super().bell()


def wall_app(
    seconds: int, options: AppOptions | None = None, config: Config | None = None
) -> tuple[CountingBell, SourceSet, FrozenClock]:
    clock = FrozenClock(T0)
    plan = config or default_config()
    sources = build_demo(plan, clock=clock)
    app = CountingBell(plan, sources, clock=clock, poll=False, options=options)
    prefill(app, sources, clock, range(int(T0), int(T0) + seconds))
    return app, sources, clock


def inputs(app: WarroomApp) -> dict[str, TriggerInput]:
    return {i.trigger.metric: i for i in app.screen.query(TriggerInput)}


async def test_w_opens_the_wall_and_escape_goes_back(incident: WarroomApp) -> None:
    async with incident.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await pilot.pause(0.3)
        wall = incident.screen
        assert isinstance(wall, WallScreen)
        assert wall.status_word == "✖ ROLLBACK"
        cells = inputs(incident)
        assert list(cells) == ["error_rate", "page_load", "api_response", "db_conn_failures"]
        error = cells["error_rate"]
        assert error.number == format_value(incident.dashboard.latest_values()["error_rate"])
        assert error.verdict_text == "✖ FIRING · trigger > 1%"
        assert error.has_class("-firing")
        page = cells["page_load"]
        assert page.verdict_text == "▲ WARN · trigger > 5 s" and not page.has_class("-firing")
        stage = str(wall.query_one("#wall-stage").render())
        assert stage == "Rollout 50% · Open beta (3/4)"
        await pilot.press("escape")
        assert isinstance(incident.screen, MainScreen)


async def test_the_wall_fits_80x24_with_every_verdict_visible(incident: WarroomApp) -> None:
    async with incident.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause(0.3)
        for cell in inputs(incident).values():
            verdict = cell.query_one(".verdict")
            assert verdict.region.height == 1 and cell.region.contains_region(verdict.region)
            assert incident.screen.region.contains_region(cell.region)


Early = tuple[CountingBell, SourceSet, FrozenClock]


@pytest.fixture
def early_wall() -> Early:
    """`warroom wall` 60 s into the demo, before the incident."""
    return wall_app(60, AppOptions(wall=True))


@pytest.fixture
def early_dashboards(tmp_path: Path) -> tuple[Early, Early]:
    """The dashboard (no wall) 60 s in: `[ui] bell` unset, then `bell = true`."""
    path = tmp_path / "bell.toml"
    path.write_text("[ui]\nbell = true\n")
    return wall_app(60), wall_app(60, config=load_config(path))


async def test_the_bell_rings_once_as_the_triggers_start_on_the_wall(early_wall: Early) -> None:
    app, sources, clock = early_wall
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        assert isinstance(app.screen, WallScreen)
        assert app.rung == 0, "nothing fired yet"
        # The wall keeps the banner's rows (a banner appearing would repaint the screen).
        banner = app.screen.query_one("#triggers")
        assert banner.region.height == 3
        assert "✓ no rollback trigger has fired" in str(banner.render())
        for second in range(int(clock.now) + 1, int(clock.now) + 41):
            await feed(app, sources, clock, range(second, second + 1))
            app.flush()
        assert app.dashboard.triggers(), "the incident fired its triggers by t+100 s"
        # Once per trigger or high alert as it starts (a handful), never once per redraw.
        rung = app.rung
        assert 1 <= rung <= 6
        for _ in range(5):
            clock.now += 1
            app.redraw()
            await pilot.pause(0.05)
        assert app.rung == rung


async def test_off_the_wall_the_bell_rings_only_when_configured(
    early_dashboards: tuple[Early, Early],
) -> None:
    for app, src, clk in early_dashboards:
        async with app.run_test(size=(120, 40)) as pilot:
            for second in range(int(clk.now) + 1, int(clk.now) + 41):
                await feed(app, src, clk, range(second, second + 1))
                app.flush()
            await pilot.pause(0.05)
    quiet, loud = (app for app, _, _ in early_dashboards)
    assert quiet.rung == 0  # unset: only the wall view rings
    assert loud.rung >= 1


async def test_big_numbers_repaint_only_the_digits_that_changed(incident: WarroomApp) -> None:
    async with incident.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await pilot.pause(0.3)
        number = incident.screen.query_one("#input-error_rate").query_one(BigNumber)
        cells = list(number.query(Digits))
        number.show("1.31")
        updated: list[int] = []

        def recorded(index: int, cell: Digits) -> Callable[[str], None]:
            original = cell.update

            def update(value: str) -> None:
                updated.append(index)
                original(value)

            return update

        # One Digits per character: a changed last digit repaints that 3x3 cell only.
        for index, cell in enumerate(cells):
            cell.update = recorded(index, cell)  # type: ignore[method-assign,assignment]
        number.show("1.39")
        await pilot.pause()
        assert updated == [3]
        assert [c.value for c in cells if c.value] == list("1.39")

"""The detail chart driven with Pilot: range keys, wall-clock ticks, marks, gaps, replay."""

from __future__ import annotations

import re
import time
from pathlib import Path

from textual.widgets._footer import FooterKey

from tests.history.conftest import PLAN, T0, record_launch
from tests.tui.helpers import demo_app, fast_config, wait_for
from warroom.core.history.reader import HistoryReader
from warroom.core.history.recorder import HistoryRecorder
from warroom.core.history.replay import ReplayCursor
from warroom.core.runbook.audit import AuditLog
from warroom.tui.app import WarroomApp
from warroom.tui.screens.detail import DetailScreen
from warroom.tui.screens.detail_plot import LEGEND_MARKS
from warroom.tui.screens.replay import ReplayApp
from warroom.widgets.line import Line
from warroom.widgets.tile import MetricTile

CLOCK = re.compile(r"^(\d\d-\d\d )?\d\d:\d\d(:\d\d)?$")
STEP = 10.0


def recorded_incident(
    path: Path, start: float, hours: float = 3.0, user: str = "ana", late: bool = False
) -> float:
    """Records `hours` of the launch from `start` (revert after two thirds of it) with the
    revert's audit record (at the last poll when `late`). Returns the time of the last poll."""
    revert = hours * 3600 * 2 / 3
    clock, _ = record_launch(
        path, polls=int(hours * 3600 / STEP), step=STEP, start=start, revert_after=revert
    )
    recorder = HistoryRecorder(path, clock=clock, simulated=True)  # the launch recorded above
    assert recorder.open()
    moment = clock.now if late else start + revert
    audit = AuditLog(path.parent / "audit.jsonl", user=user, host="b", clock=lambda: moment)
    audit.add_sink(recorder)
    audit.append("finished", step="revert_deployment", outcome="done")
    recorder.close()
    return clock.now


async def open_detail(app: WarroomApp, metric_id: str) -> DetailScreen:
    app.post_message(MetricTile.Selected(metric_id))
    await wait_for(lambda: isinstance(app.screen, DetailScreen))
    screen = app.screen
    assert isinstance(screen, DetailScreen)
    await wait_for(lambda: screen.chart is not None and not screen.reading)
    return screen


def span_of(app: WarroomApp, metric_id: str) -> float:
    series = app.dashboard.store.series(metric_id)
    return series[-1][0] - series[0][0] if series else 0.0


def range_line(screen: DetailScreen) -> str:
    return screen.query_one("#range", Line).text


async def test_range_keys_pick_the_window_and_ticks_read_clock_times(tmp_path: Path) -> None:
    app = demo_app(fast_config(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        # Two seconds of data hold a whole second, where the finest tick falls (at 0.1 s polls
        # the keys below can all be pressed within the first second).
        await wait_for(lambda: span_of(app, "error_rate") >= 2.0)
        screen = await open_detail(app, "error_rate")
        assert screen.span == 900 and "last 15 min" in range_line(screen)
        assert "no history file" in range_line(screen)
        for key, seconds, label in (
            ("h", 3600, "1 h"),
            ("6", 21600, "6 h"),
            ("d", 86400, "24 h"),
            ("m", 900, "15 min"),
        ):
            await pilot.press(key)
            assert screen.span == seconds
            await wait_for(lambda label=label: f"last {label}" in range_line(screen))  # type: ignore[misc]
        chart = screen.chart
        assert chart is not None and chart.ticks
        assert all(CLOCK.match(t.label) for t in chart.ticks)
        drawn = screen.query_one("PlotextPlot").render()
        assert all(t.label in str(drawn) for t in chart.ticks)  # on the axis, as clock times
        assert "local time" in str(drawn)
        await pilot.press("escape")
        assert not isinstance(app.screen, DetailScreen)


async def test_at_80x24_the_footer_keeps_r_and_q(tmp_path: Path) -> None:
    app = demo_app(fast_config(tmp_path), poll=False)
    async with app.run_test(size=(80, 24)):
        screen = await open_detail(app, "error_rate")

        def shown() -> set[str]:
            return {key.key for key in screen.query(FooterKey) if 0 < key.region.right <= 80}

        # The footer lays its keys out after the screen's first refresh; under load that
        # can be a moment after the chart is up.
        await wait_for(lambda: {"r", "q", "escape"} <= shown())
        assert "range keys m h 6 d" in range_line(screen)  # the range keys are named above


async def test_history_brings_marks_for_triggers_runbook_steps_and_flags(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    now = time.time()
    recorded_incident(path, now - 3 * 3600)
    app = demo_app(fast_config(tmp_path), poll=False)
    app.history_path = path
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, "error_rate")
        await pilot.press("6")
        await wait_for(lambda: screen.chart is not None and len(screen.chart.marks) > 0)
        chart = screen.chart
        assert chart is not None
        assert chart.start < now - 2.9 * 3600  # three hours, more than memory holds
        assert {m.kind for m in chart.marks} == {"trigger", "runbook", "flag"}
        assert "runbook finished revert_deployment by ana@b (done)" in [m.text for m in chart.marks]
        legend = screen.query_one("#legend", Line).text
        assert all(m.text in legend for m in chart.marks[-LEGEND_MARKS:])  # the newest, in full
        hidden = len(chart.marks) - LEGEND_MARKS
        assert hidden <= 0 or f"… and {hidden} earlier marks on the chart" in legend
        assert re.search(r"^T \d\d:\d\d:\d\d  trigger rollback_", legend, re.M)
        drawn = str(screen.query_one("PlotextPlot").render())
        assert "rollback > 1%" in drawn and "target 0.10% · warn 0.10%" in drawn
        for symbol in ("T", "R", "F"):
            assert symbol in drawn.splitlines()[2]  # on the top row, over each moment


async def test_a_gap_in_the_history_stays_a_gap(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    now = time.time()
    record_launch(path, polls=90, step=STEP, start=now - 3500)  # 15 minutes
    record_launch(path, polls=90, step=STEP, start=now - 900)  # a 25-minute gap, then 15 more
    app = demo_app(fast_config(tmp_path), poll=False)
    app.history_path = path
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, "error_rate")
        await pilot.press("h")
        await wait_for(lambda: screen.chart is not None and screen.chart.points == 180)
        assert screen.chart is not None and [len(r) for r in screen.chart.runs] == [90, 90]


async def test_an_unreadable_history_is_said_in_place(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    app = demo_app(fast_config(tmp_path))
    app.history_path = path
    async with app.run_test(size=(120, 40)):
        screen = await open_detail(app, "error_rate")
        await wait_for(lambda: "file corrupt" in range_line(screen))
        assert "showing what is held in memory" in range_line(screen)


async def test_in_a_replay_the_chart_ends_at_the_replayed_moment(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    last = recorded_incident(path, T0, hours=1.0)
    with HistoryReader(path) as reader:
        app = ReplayApp(PLAN, ReplayCursor(reader, PLAN, T0, last))
        async with app.run_test(size=(120, 40)) as pilot:
            app.cursor.seek(T0 + 1800)
            screen = await open_detail(app, "error_rate")
            await pilot.press("h")
            await wait_for(lambda: screen.chart is not None and screen.chart.points >= 170)
            chart = screen.chart
            assert chart is not None
            assert chart.start == T0 and abs(chart.end - (T0 + 1800)) < 60
            assert max(p[0] for run in chart.runs for p in run) <= T0 + 1800


async def test_recorded_text_in_the_legend_is_shown_never_interpreted(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    hostile = "[@click=app.quit]mallory[/]\x1b[2J"
    recorded_incident(path, time.time() - 1800, hours=0.5, user=hostile, late=True)
    app = demo_app(fast_config(tmp_path), poll=False)
    app.history_path = path
    async with app.run_test(size=(120, 60)) as pilot:
        screen = await open_detail(app, "error_rate")
        await pilot.press("h")
        await wait_for(lambda: "mallory" in screen.query_one("#legend", Line).text)
        shown = str(screen.query_one("#legend", Line).render())
        assert "by [@click=app.quit]mallory[/]\\x1b[2J@b" in shown  # literal, escape made visible
        assert app.is_running

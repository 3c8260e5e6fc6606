"""Simulated data never mixes with real data: `warroom demo` records to its own file, live
pre-fill, replay and reports leave simulated polls out, and a report or replay over simulated
data says so on every page."""

from __future__ import annotations

import re
import time
from pathlib import Path

from tests.history.conftest import PLAN, T0, live_app, plan, record_launch, record_real
from tests.tui.helpers import demo_app
from warroom.core.history.reader import HistoryReader
from warroom.core.history.recorder import HistoryRecorder
from warroom.core.history.replay import ReplayCursor
from warroom.core.history.schema import demo_file
from warroom.core.model import FetchResult, Reading
from warroom.core.poller import PollOutcome
from warroom.core.report import html, markdown
from warroom.core.report.common import SIMULATED_NOTICE
from warroom.core.report.data import build_review
from warroom.tui.history_setup import recording
from warroom.tui.screens.replay import ReplayApp
from warroom.widgets.header import LaunchHeader
from warroom.widgets.tile import MetricTile


def legacy_mixed(path: Path, start: float) -> None:
    """A file from before demo kept its own: real polls and demo polls side by side."""
    recorder = HistoryRecorder(path, commit_seconds=0)
    assert recorder.open()
    for n in range(10):
        ts = start + n * 10
        for source, value in (("datadog", 0.2), ("sim", 9.0)):
            result = FetchResult(readings=(Reading("error_rate", ts, value),))
            recorder.observe(PollOutcome(source, ts, 0.1, result=result, next_in=10.0))
    recorder.close()


def test_demo_records_to_its_own_file_and_starts_empty(tmp_path: Path) -> None:
    live = tmp_path / "h.sqlite3"
    record_real(live, polls=30, step=10.0, start=time.time() - 600)
    record_launch(demo_file(live), polls=30, step=10.0, start=time.time() - 600)  # an old demo
    config = plan(tmp_path, str(live))
    app = demo_app(config, poll=False)
    with recording(app, config) as recorder:
        assert recorder is not None and recorder.active
        assert recorder.path == tmp_path / "h.demo.sqlite3"
        assert app.dashboard.store.values("error_rate") == []  # no other run's polls
    with HistoryReader(live) as reader:
        assert reader.simulated is False and len(reader.times(0, time.time())) == 30


def test_a_live_run_never_records_into_the_demo_file(tmp_path: Path) -> None:
    path = tmp_path / "h.demo.sqlite3"
    record_launch(path, polls=3, step=1.0)
    recorder = HistoryRecorder(path)
    assert recorder.open() is False
    assert recorder.warning == f"history off (it records simulated polls, not live): {path}"


def test_live_prefill_leaves_out_simulated_polls(tmp_path: Path) -> None:
    history = tmp_path / "h.sqlite3"
    legacy_mixed(history, time.time() - 300)
    config = plan(tmp_path, str(history))
    app = live_app(config)
    with recording(app, config):
        assert app.dashboard.store.values("error_rate") == [0.2] * 10


def test_reports_and_replays_read_one_kind_only(tmp_path: Path) -> None:
    history = tmp_path / "h.sqlite3"
    legacy_mixed(history, T0)
    with HistoryReader(history) as real:
        assert real.simulated is False
        assert {v for _, v in real.series(T0, T0 + 100)["error_rate"]} == {0.2}
        assert not markdown.render(build_review(PLAN, real, T0, T0 + 100)).count("SIMULATED")
        assert {o.source for o in real.outcomes(T0, T0 + 100)} == {"datadog"}  # what replay plays
    with HistoryReader(history, simulated=True) as sim:
        assert {v for _, v in sim.series(T0, T0 + 100)["error_rate"]} == {9.0}


def test_a_simulated_report_says_so_on_every_page(tmp_path: Path) -> None:
    path = demo_file(tmp_path / "h.sqlite3")
    clock, _ = record_launch(path, polls=60, step=5.0)
    with HistoryReader(path) as reader:
        review = build_review(PLAN, reader, T0, clock.now)
    text = markdown.render(review)
    lines = text.splitlines()
    headings = [i for i, line in enumerate(lines) if line.startswith(("# ", "## "))]
    assert len(headings) >= 7
    assert all(SIMULATED_NOTICE in lines[i + 2] for i in headings), headings
    assert SIMULATED_NOTICE in lines[-1] and "(SIMULATED)" in lines[0]
    page = html.render(review)
    sections = re.findall(r"</h[12]>(.{0,80})", page)
    assert sections and all(SIMULATED_NOTICE.split(" —")[0] in s for s in sections)
    assert 'id="simulated-page"' in page and "position: fixed" in page  # every printed page


async def test_a_simulated_replay_says_so_on_every_tab(tmp_path: Path) -> None:
    path = demo_file(tmp_path / "h.sqlite3")
    clock, _ = record_launch(path, polls=30, step=5.0)
    with HistoryReader(path) as reader:
        app = ReplayApp(PLAN, ReplayCursor(reader, PLAN, T0, clock.now))
        async with app.run_test(size=(120, 40)) as pilot:
            for tab in "1234":
                await pilot.press(tab)
                await pilot.pause()
                assert app.screen.query_one(LaunchHeader).text.count("SIMULATED REPLAY") == 1
                # Said once, in the header every tab shows (issue 16: one mark, not per tile).
                tiles = [t for t in app.screen.query(MetricTile) if t.display]
                assert tiles and all("SIMULATED" not in str(t.border_subtitle) for t in tiles)

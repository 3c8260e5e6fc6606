"""The stage's record read from a real history file, written by the real recorder with a
dashboard attached (so trigger events are in it, as in the app)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tests.history.conftest import Clock
from warroom.core.config import default_config
from warroom.core.dashboard import Dashboard, SourceInfo
from warroom.core.history.recorder import HistoryRecorder
from warroom.core.model import FetchResult, Reading, Status
from warroom.core.poller import PollOutcome
from warroom.core.rollout.evidence import COVERAGE_SLACK, read_stage_record

PLAN = default_config()
T0 = 1_700_000_000.0


def record(path: Path, values: Sequence[tuple[float, float]]) -> None:
    """Polls of a `datadog` source reporting error_rate at each (offset s, value)."""
    clock = Clock(T0)
    dashboard = Dashboard(PLAN, {"datadog": SourceInfo(30)}, {}, clock)
    recorder = HistoryRecorder(path, clock=clock)
    assert recorder.open()
    recorder.attach(dashboard)
    for offset, value in values:
        clock.now = T0 + offset
        result = FetchResult(readings=(Reading("error_rate", clock.now, value),))
        outcome = PollOutcome("datadog", clock.now, 0.01, result=result, next_in=30)
        dashboard.ingest(outcome)
        recorder.observe(outcome)
    recorder.close()


def test_clean_stage(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    record(path, [(t, 0.05) for t in range(0, 3600, 30)])
    found = read_stage_record(path, PLAN.metrics, T0, T0 + 3600)
    assert (found.polls, found.worst, found.triggers, found.hole, found.error) == (
        120, {}, (), None, ""
    )  # fmt: skip


def test_worst_status_and_trigger_in_the_window_only(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    spikes = [(t, 1.5 if 600 <= t < 660 else 0.05) for t in range(0, 3600, 30)]
    record(path, spikes)
    found = read_stage_record(path, PLAN.metrics, T0, T0 + 3600)
    assert found.worst == {"error_rate": Status.CRIT}
    assert [(ts - T0, rule) for ts, rule, _ in found.triggers] == [(600, "rollback_error_rate")]
    later = read_stage_record(path, PLAN.metrics, T0 + 700, T0 + 3600)
    assert later.worst == {} and later.triggers == ()


def test_holes_and_missing_history(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    record(path, [(t, 0.05) for t in [*range(0, 600, 30), *range(2400, 3600, 30)]])
    found = read_stage_record(path, PLAN.metrics, T0, T0 + 3600)
    assert found.hole == (T0 + 570, T0 + 2400)
    tail = read_stage_record(path, PLAN.metrics, T0 + 2400, T0 + 3570 + COVERAGE_SLACK + 1)
    assert tail.hole == (T0 + 3570, T0 + 3570 + COVERAGE_SLACK + 1)  # not recorded lately
    absent = read_stage_record(tmp_path / "none.sqlite3", PLAN.metrics, T0, T0 + 3600)
    assert absent.error.startswith("no history recorded yet at ")
    young = read_stage_record(tmp_path / "none.sqlite3", PLAN.metrics, T0, T0 + 60)
    assert young.error == "" and young.polls == 0
    off = read_stage_record(None, PLAN.metrics, T0, T0 + 3600)
    assert off.error == "history is off ([history] enabled = false)"

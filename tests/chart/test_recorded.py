"""The detail chart's window read from a real recorded history, and kept current."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.history.conftest import T0, record_launch
from warroom.core.chart.recorded import REFRESH, Recorded, merge, next_read, read_recorded
from warroom.core.history.recorder import HistoryRecorder
from warroom.core.history.schema import HistoryUnavailable
from warroom.core.runbook.audit import AuditLog

STEP = 10.0
REVERT = 1800.0


@pytest.fixture(scope="module")
def launch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An hour of the simulated launch: rollout steps, the incident, a revert at 30 min."""
    path = tmp_path_factory.mktemp("chart") / "history.sqlite3"
    clock, _ = record_launch(path, polls=360, step=STEP, revert_after=REVERT)
    recorder = HistoryRecorder(path, clock=clock, simulated=True)  # the launch recorded above
    assert recorder.open()
    audit = AuditLog(path.parent / "audit.jsonl", user="ana", host="b", clock=lambda: T0 + REVERT)
    audit.add_sink(recorder)
    audit.append("started", step="revert_deployment")
    audit.append("finished", step="revert_deployment", outcome="done")
    recorder.close()
    return path


def test_the_window_holds_the_metric_and_every_kind_of_mark(launch: Path) -> None:
    got = read_recorded(launch, "error_rate", T0, T0 + 3600)
    assert len(got.points) == 360 and got.points[0][0] == T0
    kinds = {m.kind for m in got.marks}
    assert kinds == {"trigger", "runbook", "flag"}
    texts = [m.text for m in got.marks]
    assert "runbook finished revert_deployment by ana@b (done)" in texts
    assert any(t.startswith("trigger rollback_error_rate raised") for t in texts)
    assert any(t.startswith("flag rollout_pct changed: ") for t in texts)
    assert [m.ts for m in got.marks] == sorted(m.ts for m in got.marks)


def test_reading_on_adds_only_the_news(launch: Path) -> None:
    first = read_recorded(launch, "error_rate", T0, T0 + 1200)
    read = next_read(first, T0 + 60, T0 + 1800)
    assert read is not None and read.extends and read.start == math.nextafter(T0 + 1200, math.inf)
    news = read_recorded(launch, "error_rate", read.start, read.end)
    joined = first.then(news, T0 + 60)
    whole = read_recorded(launch, "error_rate", T0 + 60, T0 + 1800)
    assert joined.points == whole.points and joined.marks == whole.marks


def test_when_to_read_again() -> None:
    have = Recorded(1000.0, 2000.0, (), ())
    assert next_read(None, 0.0, 10.0) is not None
    assert next_read(have, 1100.0, 2000.0 + REFRESH / 2) is None  # recent enough
    assert next_read(have, 1100.0, 2000.0 + REFRESH) == next_read(have, 1100.0, 2005.0)
    wider = next_read(have, 500.0, 2001.0)
    back = next_read(have, 1000.0, 1500.0)  # a replay moved back in time
    assert wider is not None and not wider.extends and wider.start == 500.0
    assert back is not None and not back.extends


def test_live_points_take_over_where_they_begin() -> None:
    recorded = [(1.0, 10.0), (2.0, 20.0), (3.0, 30.0)]
    assert merge(recorded, [(2.0, 21.0), (4.0, 40.0)]) == [(1.0, 10.0), (2.0, 21.0), (4.0, 40.0)]
    assert merge(recorded, []) == recorded


def test_a_missing_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(HistoryUnavailable, match="no history recorded yet"):
        read_recorded(tmp_path / "none.sqlite3", "error_rate", T0, T0 + 60)

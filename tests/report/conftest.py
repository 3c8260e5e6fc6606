"""A recorded simulated launch day, shared by the report tests (recorded once per module)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.history.conftest import T0, record_launch
from warroom.core.config import default_config
from warroom.core.history.reader import HistoryReader
from warroom.core.history.recorder import HistoryRecorder
from warroom.core.report.data import Review, build_review
from warroom.core.runbook.audit import AuditLog

DAY = 86400.0
STEP = 60.0  # one poll a minute of simulated time: 1440 polls, no real waiting
REVERT_AFTER = 2 * 3600.0  # the incident runs two hours before the rollback


@dataclass(frozen=True)
class Day:
    path: Path
    start: float
    end: float


@pytest.fixture(scope="module")
def launch_day(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Day]:
    path = tmp_path_factory.mktemp("day") / "history.sqlite3"
    clock, _ = record_launch(path, polls=int(DAY / STEP), step=STEP, revert_after=REVERT_AFTER)
    recorder = HistoryRecorder(path, clock=clock, simulated=True)
    assert recorder.open()
    audit = AuditLog(
        path.parent / "audit.jsonl", user="ana", host="bastion", clock=lambda: T0 + REVERT_AFTER
    )
    audit.add_sink(recorder)
    audit.append("finished", step="revert_deployment", outcome="ok", duration=3.2)
    recorder.close()
    yield Day(path, T0, clock.now)


@pytest.fixture
def reader(launch_day: Day) -> Iterator[HistoryReader]:
    with HistoryReader(launch_day.path) as r:
        yield r


@pytest.fixture(scope="module")
def review(launch_day: Day) -> Review:
    with HistoryReader(launch_day.path) as r:
        return build_review(default_config(), r, launch_day.start, launch_day.end)

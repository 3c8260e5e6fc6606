"""The live app records, pre-fills its sparklines from history, and says when it cannot record."""

from __future__ import annotations

import sqlite3
import time
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.history.conftest import live_app, plan, record_real
from tests.tui.helpers import demo_app
from warroom.core.history import recorder as recorder_module
from warroom.core.model import FetchResult
from warroom.core.poller import PollOutcome
from warroom.core.runbook.audit import AuditLog
from warroom.tui.history_setup import recording


def test_sparklines_prefilled_and_the_app_records(tmp_path: Path) -> None:
    history = tmp_path / "h.sqlite3"
    record_real(history, polls=30, step=10.0, start=time.time() - 600)  # the last ten minutes
    config = plan(tmp_path, str(history))
    app = live_app(config)
    with recording(app, config) as recorder:
        assert recorder is not None and recorder.active
        assert len(app.dashboard.store.values("error_rate")) == 30  # before any poll
        assert recorder.observe in app.observers
        audit: AuditLog = app.runbook.get().audit
        audit.append("cancelled", step="switch_traffic")
    conn = sqlite3.connect(history)
    kinds = [k for (k,) in conn.execute("SELECT kind FROM events WHERE kind = 'audit'")]
    conn.close()
    assert kinds == ["audit"]  # the runbook's audit record reached the history


def test_unwritable_history_shows_history_off_and_goes_on(tmp_path: Path) -> None:
    config = plan(tmp_path, "/sys/warroom-test/h.sqlite3")
    app = demo_app(config, poll=False)
    with recording(app, config) as recorder:
        assert recorder is not None and not recorder.active
        assert "HISTORY OFF" in app.mode and "SIMULATED" in app.mode
        assert recorder.observe not in app.observers


def test_no_history_flag_records_nothing(tmp_path: Path) -> None:
    history = tmp_path / "h.sqlite3"
    config = plan(tmp_path, str(history))
    app = demo_app(config, poll=False)
    with recording(app, config, enabled=False) as recorder:
        assert recorder is None
    assert not history.exists()


def test_a_second_warroom_takes_over_recording_when_the_first_quits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two people on one bastion account: one history file.
    monkeypatch.setattr(recorder_module, "TAKE_OVER_EVERY", 0.0)
    history = tmp_path / "h.sqlite3"
    config = plan(tmp_path, str(history))
    first_app, second_app = live_app(config), live_app(config)
    poll = PollOutcome("datadog", time.time(), 0.01, result=FetchResult(), next_in=30)
    with ExitStack() as second_run:
        with ExitStack() as first_run:
            first = first_run.enter_context(recording(first_app, config))
            assert first is not None and first.active
            second = second_run.enter_context(recording(second_app, config))
            assert second is not None and not second.active and second.standing_aside
            assert "HISTORY OFF" in second_app.mode
            first.observe(poll)
            second.observe(poll)  # not recorded here: the first records it
        # The first has quit; the second goes on, and records from its next poll.
        second.observe(poll)
        assert second.active and "HISTORY OFF" not in second_app.mode
        assert second_app.history_path == history
        second_app.runbook.get().audit.append("cancelled", step="switch_traffic")
    conn = sqlite3.connect(history)
    polls = conn.execute("SELECT COUNT(*) FROM polls").fetchone()[0]
    audit = conn.execute("SELECT COUNT(*) FROM events WHERE kind = 'audit'").fetchone()[0]
    conn.close()
    assert (polls, audit) == (2, 1)

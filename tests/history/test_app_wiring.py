"""The live app records, pre-fills its sparklines from history, and says when it cannot record."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from tests.history.conftest import live_app, plan, record_real
from tests.tui.helpers import demo_app
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

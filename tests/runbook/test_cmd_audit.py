"""`warroom audit`: text and JSON, --since, a broken line reported on stderr."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from warroom.core.runbook import AuditLog
from warroom.core.runbook.audit_read import parse_since
from warroom.tui.cli import main


def default_log() -> AuditLog:
    return AuditLog(Path(os.environ["XDG_STATE_HOME"]) / "warroom" / "audit.jsonl")


def test_text_and_json_and_since(capsys: pytest.CaptureFixture[str]) -> None:
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    AuditLog(default_log().path, clock=old.timestamp).append("started", step="old_step")
    log = default_log()
    log.append("started", step="revert_deployment", action="simulated launch: revert")
    log.append("finished", step="revert_deployment", outcome="done", duration=0.25)
    with log.path.open("ab") as f:
        f.write(b'{"broken')

    assert main(["audit"]) == 0
    out, err = capsys.readouterr()
    assert "old_step" in out and "FINISHED revert_deployment outcome=done 0.2s" in out
    assert "truncated last line skipped" in err

    assert main(["audit", "--since", "24h", "--format", "json"]) == 0
    out, _ = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["event"], r["step"]) for r in rows] == [
        ("started", "revert_deployment"), ("finished", "revert_deployment"),
    ]  # fmt: skip


def test_bad_since_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--since", "yesterday"]) == 2
    assert "expected a duration" in capsys.readouterr().err


def test_parse_since_units() -> None:
    assert parse_since("90s").total_seconds() == 90
    assert parse_since("30m").total_seconds() == 1800
    assert parse_since("24h").total_seconds() == 86400
    assert parse_since("7d").total_seconds() == 7 * 86400


def test_since_takes_compound_durations_and_weeks(capsys: pytest.CaptureFixture[str]) -> None:
    for days_ago, step in ((10, "ten_days"), (5, "five_days"), (0.05, "an_hour_ago")):
        when = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
        AuditLog(default_log().path, clock=when.timestamp).append("started", step=step)
    shown = {}
    for since in ("1w", "1h30m", "1w 4d"):
        assert main(["audit", "--since", since, "--format", "json"]) == 0
        shown[since] = [json.loads(line)["step"] for line in capsys.readouterr().out.splitlines()]
    assert shown == {
        "1w": ["five_days", "an_hour_ago"],
        "1h30m": ["an_hour_ago"],
        "1w 4d": ["ten_days", "five_days", "an_hour_ago"],
    }

"""`warroom audit` marks a step that started and never finished as UNKNOWN OUTCOME, in text
and in JSON, as the runbook screen does."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from warroom.core.runbook import AuditLog
from warroom.tui.cli import main


def write_log() -> None:
    log = AuditLog(Path(os.environ["XDG_STATE_HOME"]) / "warroom" / "audit.jsonl")
    log.append("started", step="revert_deployment", action="kubectl rollout undo")  # crashed
    log.append("started", step="revert_deployment", action="kubectl rollout undo")
    log.append("finished", step="revert_deployment", outcome="done", duration=1.0)
    log.append("started", step="switch_traffic", demo=True)
    log.append("finished", step="switch_traffic", outcome="done")  # a live finish...
    log.append("started", step="notify_users")


def test_text_marks_each_start_without_a_finish(capsys: pytest.CaptureFixture[str]) -> None:
    write_log()
    assert main(["audit"]) == 0
    lines = capsys.readouterr().out.splitlines()
    unknown = [i for i, line in enumerate(lines) if "UNKNOWN OUTCOME" in line]
    # ...does not finish a demo start: the demo session's outcome stays unknown.
    assert unknown == [0, 3, 5], lines
    assert "STARTED notify_users" in lines[5]


def test_json_gives_the_unknown_outcome(capsys: pytest.CaptureFixture[str]) -> None:
    write_log()
    assert main(["audit", "--format", "json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r.get("outcome") for r in rows] == [
        "unknown outcome",
        None,
        "done",
        "unknown outcome",
        "done",
        "unknown outcome",
    ]

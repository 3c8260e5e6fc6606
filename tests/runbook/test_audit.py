"""The audit log: written before the action, every field, broken lines, sinks, recovery (of
unknown outcomes, and of steps an earlier session finished), short writes."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from tests.runbook.conftest import make_book, records
from warroom.core.runbook import AuditLog, StepState
from warroom.core.runbook.audit_read import read_log
from warroom.tui.screens.runbook_rows import rows
from warroom.widgets.runbook_table import StepRow

PY = sys.executable


def manual(step_id: str, **extra: Any) -> dict[str, Any]:
    return {"id": step_id, "action": {"kind": "manual"}, **extra}


async def test_started_record_is_on_disk_before_the_action_runs(audit_path: Path) -> None:
    script = "import sys; print(open(sys.argv[1]).read().count('\"started\"'))"
    step = {
        "id": "peek",
        "action": {"kind": "command", "argv": [PY, "-c", script, str(audit_path)]},
    }
    book = make_book(audit_path, step)
    lines: list[str] = []
    book.printed.append(lambda _step, line: lines.append(line))
    await book.start(["peek"])
    assert lines == ["1"]  # the child saw its own "started" record


async def test_every_record_carries_who_where_what(audit_path: Path) -> None:
    book = make_book(audit_path, manual("a"))
    book.declined(["a"])
    await book.start(["a"])
    cancelled, started, finished = records(audit_path)
    assert [r["event"] for r in (cancelled, started, finished)] == [
        "cancelled", "started", "finished",
    ]  # fmt: skip
    for record in (cancelled, started, finished):
        assert {"ts", "user", "host", "step", "action"} <= record.keys()
        assert record["step"] == "a" and record["action"] == "manual: mark done"
    assert finished["outcome"] == "done" and "duration" in finished


def test_truncated_last_line_is_reported_skipped_and_appending_continues(
    audit_path: Path,
) -> None:
    log = AuditLog(audit_path)
    log.append("started", step="a")
    with audit_path.open("ab") as f:
        f.write(b'{"ts": "2024-01-01T00:00:00", "event": "fin')  # a write cut short
    first = read_log(audit_path)
    assert len(first.records) == 1
    assert first.problems == [f"{audit_path}:2: truncated last line skipped"]
    log.append("finished", step="a")
    second = read_log(audit_path)
    assert [r["event"] for r in second.records] == ["started", "finished"]
    assert second.problems == [f"{audit_path}:2: corrupt line skipped"]


def test_corrupt_lines_and_non_records_are_skipped(audit_path: Path) -> None:
    audit_path.parent.mkdir(parents=True)
    audit_path.write_bytes(b'{"event": "started", "step": "a"}\n\xff\xfe garbage\n[1, 2]\n')
    result = read_log(audit_path)
    assert len(result.records) == 1
    assert [p.split(": ", 1)[1] for p in result.problems] == [
        "corrupt line skipped",
        "not an audit record, skipped",
    ]


class ListSink:
    def __init__(self) -> None:
        self.got: list[Mapping[str, Any]] = []

    def receive(self, record: Mapping[str, Any]) -> None:
        self.got.append(record)


class BrokenSink:
    def receive(self, record: Mapping[str, Any]) -> None:
        raise ConnectionError("shared store down")


def test_sinks_get_every_record_and_a_broken_sink_stops_nothing(audit_path: Path) -> None:
    log = AuditLog(audit_path)
    sink = ListSink()
    log.add_sink(BrokenSink())
    log.add_sink(sink)
    log.append("started", step="a")
    log.append("finished", step="a", outcome="done")
    assert [r["event"] for r in sink.got] == ["started", "finished"]
    assert [r["event"] for r in records(audit_path)] == ["started", "finished"]


async def test_unfinished_step_recovers_as_unknown_outcome(audit_path: Path) -> None:
    log = AuditLog(audit_path)
    log.append("started", step="a", run="1")
    log.append("started", step="b", run="2")
    log.append("finished", step="b", run="2", outcome="done")
    log.append("started", step="c", run="3", demo=True)  # a demo run never taints a live one
    book = make_book(audit_path, manual("a"), manual("b"), manual("c"))
    assert book.recover() == []
    assert book.status["a"].state is StepState.UNKNOWN
    assert book.status["b"].state is StepState.PENDING
    assert book.status["c"].state is StepState.PENDING
    await book.start(["a"])  # the operator checked by hand and runs it again
    assert [r["event"] for r in records(audit_path)][-2:] == ["started", "finished"]
    assert book.status["a"].detail == "marked done by the operator"


async def test_unwritable_audit_log_means_the_action_does_not_run(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    canary = tmp_path / "ran"
    argv = [PY, "-c", f"open({str(canary)!r}, 'w')"]
    book = make_book(
        blocker / "audit.jsonl", {"id": "x", "action": {"kind": "command", "argv": argv}}
    )
    await book.start(["x"])
    assert book.status["x"].state is StepState.FAILED
    assert book.status["x"].detail.startswith("not started: audit log")
    assert not canary.exists()


def test_records_are_one_json_object_per_line(audit_path: Path) -> None:
    AuditLog(audit_path).append("started", step="a", detail="multi\nline")
    raw = audit_path.read_text()
    assert raw.count("\n") == 1
    assert json.loads(raw)["detail"] == "multi\nline"


def test_a_short_write_is_finished_not_cut(
    audit_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A nearly full disk can take part of a write and return its length, with no error.
    real = os.write

    def at_most_seven(fd: int, data: bytes | memoryview) -> int:
        return real(fd, bytes(data[:7]))

    log = AuditLog(audit_path, user="ana", host="h")
    monkeypatch.setattr(os, "write", at_most_seven)
    log.append("started", step="revert_deployment")
    monkeypatch.setattr(os, "write", real)
    (record,) = records(audit_path)
    assert (record["event"], record["step"]) == ("started", "revert_deployment")


def test_a_step_an_earlier_session_finished_is_runnable_with_a_warning(audit_path: Path) -> None:
    earlier = AuditLog(audit_path, user="ana", host="bastion")
    earlier.append("started", step="revert")
    earlier.append("finished", step="revert", outcome="done")
    earlier.append("started", step="flags")
    earlier.append("finished", step="flags", outcome="failed")
    book = make_book(audit_path, manual("revert"), manual("flags"))
    assert book.recover() == []
    assert list(book.done_before) == ["revert"]  # a failed one is not "done"
    assert book.done_before["revert"].endswith(" by ana@bastion")
    assert book.status["revert"].state is StepState.PENDING and book.blocked("revert") is None
    shown = {key: cells for key, cells in rows(book).items()}
    revert = str(shown[StepRow("revert")][3])
    assert revert.startswith("⚠ done ") and "in an earlier session" in revert
    assert "earlier session" not in str(shown[StepRow("flags")][3])

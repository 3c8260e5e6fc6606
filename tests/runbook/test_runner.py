"""The runbook's rules: requires, one run at a time, groups stop at a failure, modes, stopwatch."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from tests.runbook.conftest import make_book, records
from tests.tui.helpers import wait_for
from warroom.core.runbook import StepState
from warroom.core.runbook.state import Blocked, BlockReason

PY = sys.executable


def manual(step_id: str, **extra: Any) -> dict[str, Any]:
    return {"id": step_id, "action": {"kind": "manual"}, **extra}


def cmd(step_id: str, code: int, **extra: Any) -> dict[str, Any]:
    argv = [PY, "-c", f"import sys; sys.exit({code})"]
    return {"id": step_id, "action": {"kind": "command", "argv": argv}, **extra}


def test_requires_blocks_until_done(audit_path: Path) -> None:
    book = make_book(audit_path, manual("migrate"), manual("restore", requires=["migrate"]))
    assert book.blocked("restore") == Blocked(BlockReason.WAITING, ("migrate",))
    assert str(book.blocked("restore")) == "needs migrate done first"
    assert book.check_plan(["restore"]) == "restore: needs migrate done first"
    assert book.check_plan(["migrate", "restore"]) is None  # satisfied earlier in the plan
    with pytest.raises(ValueError, match="needs migrate"):
        book.start(["restore"])
    assert not audit_path.exists()  # nothing recorded, nothing ran


async def test_group_runs_in_order_and_a_failure_stops_the_rest(audit_path: Path) -> None:
    book = make_book(audit_path, cmd("one", 0), cmd("two", 4), cmd("three", 0))
    assert book.group_plan("g") == ["one", "two", "three"]
    await book.start(book.group_plan("g"))
    states = [book.status[s].state for s in ("one", "two", "three")]
    assert states == [StepState.DONE, StepState.FAILED, StepState.PENDING]
    assert [r["step"] for r in records(audit_path)] == ["one", "one", "two", "two"]
    assert book.group_plan("g") == ["two", "three"]  # the rerun skips what is done


async def test_a_running_step_cannot_start_twice(audit_path: Path) -> None:
    argv = [PY, "-c", "import time; time.sleep(5)"]
    book = make_book(audit_path, {"id": "slow", "action": {"kind": "command", "argv": argv}})
    task = book.start(["slow"])
    await wait_for(lambda: book.status["slow"].state is not StepState.PENDING, 20)
    assert book.status["slow"].state is StepState.RUNNING, book.status["slow"].detail
    assert book.blocked("slow") == Blocked(BlockReason.RUNNING)
    assert str(book.blocked("slow")) == "already running"
    with pytest.raises(ValueError, match="already running"):
        book.start(["slow"])
    book.cancel("slow")
    await task
    assert [r["event"] for r in records(audit_path)] == ["started", "finished"]


async def test_read_only_blocks_every_step(audit_path: Path) -> None:
    book = make_book(audit_path, manual("a"), cmd("b", 0), read_only=True)
    for step in ("a", "b"):
        assert book.blocked(step) == Blocked(BlockReason.READ_ONLY)
        assert str(book.blocked(step)) == "read-only mode (--read-only): no step can run"
        with pytest.raises(ValueError, match="read-only"):
            book.start([step])
    assert not audit_path.exists()


async def test_dry_run_records_but_runs_nothing(audit_path: Path, tmp_path: Path) -> None:
    canary = tmp_path / "ran"
    argv = [PY, "-c", f"open({str(canary)!r}, 'w')"]
    book = make_book(audit_path, {"id": "x", "action": {"kind": "command", "argv": argv}},
                     manual("y", requires=["x"]), dry_run=True)  # fmt: skip
    await book.start(["x", "y"])
    assert not canary.exists()
    assert book.status["x"].state is StepState.DRY_RUN
    assert [(r["event"], r["dry_run"]) for r in records(audit_path)] == [
        ("dry_run", True), ("dry_run", True),
    ]  # fmt: skip


async def test_stopwatch_runs_from_first_step_to_target_group_done(audit_path: Path) -> None:
    now = [100.0]
    steps = (manual("a"), manual("b"), manual("c", group="h"))
    book = make_book(audit_path, *steps, clock=lambda: now[0])
    assert book.stopwatch.view().elapsed is None
    assert book.stopwatch.view().target == 300
    await book.start(["a"])
    now[0] = 230.0
    assert book.stopwatch.view().elapsed == 130.0 and not book.stopwatch.view().finished
    await book.start(["b"])
    now[0] = 999.0
    view = book.stopwatch.view()
    assert view.finished and view.elapsed == 130.0 and not view.over


async def test_simulated_and_datadog_actions_fail_clearly_without_their_backend(
    audit_path: Path,
) -> None:
    book = make_book(
        audit_path,
        {"id": "sim", "action": {"kind": "simulated", "operation": "revert_deployment"}},
        {"id": "dd", "action": {"kind": "datadog_event", "title": "Rollback"}},
    )
    await book.start(["sim"])
    await book.start(["dd"])
    assert book.status["sim"].detail == "simulated actions only run in `warroom demo`"
    assert book.status["dd"].detail.startswith("Datadog events not configured")


async def test_a_failing_listener_does_not_break_the_audit_trail(audit_path: Path) -> None:
    book = make_book(audit_path, cmd("a", 0))

    def broken(step_id: str) -> None:
        raise RuntimeError("screen gone")

    book.changed.append(broken)
    await book.start(["a"])
    assert book.status["a"].state is StepState.DONE
    assert [r["event"] for r in records(audit_path)] == ["started", "finished"]


async def test_a_group_goes_on_past_a_step_someone_ran_on_its_own(audit_path: Path) -> None:
    slow = [PY, "-c", "import time; time.sleep(1.0)"]
    first = {"id": "one", "action": {"kind": "command", "argv": slow}}
    book = make_book(audit_path, first, cmd("two", 0), cmd("three", 0))
    group = book.start(book.group_plan("g"))
    await wait_for(lambda: book.status["one"].state is StepState.RUNNING, 20)
    await book.start(["two"])  # pressed on its own while the group's first step runs
    detail = book.status["two"].detail
    await group
    states = [book.status[s].state for s in ("one", "two", "three")]
    assert states == [StepState.DONE, StepState.DONE, StepState.DONE]
    assert book.status["two"].detail == detail  # not overwritten with "already done"
    assert [r["step"] for r in records(audit_path)].count("two") == 2  # run once

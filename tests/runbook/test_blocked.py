"""Why a step cannot start is a typed value: a reason, and for a waiting step the steps it
waits for; plans are judged on those, not on the wording of a message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.runbook.conftest import make_book
from warroom.core.runbook.state import Blocked, BlockReason


def manual(step_id: str, **extra: Any) -> dict[str, Any]:
    return {"id": step_id, "action": {"kind": "manual"}, **extra}


def test_a_waiting_step_names_its_requirements_in_order(audit_path: Path) -> None:
    book = make_book(audit_path, manual("a"), manual("b"), manual("c", requires=["b", "a"]))
    assert book.blocked("c") == Blocked(BlockReason.WAITING, ("b", "a"))
    assert str(book.blocked("c")) == "needs b, a done first"


async def test_waiting_shrinks_as_requirements_finish(audit_path: Path) -> None:
    book = make_book(audit_path, manual("a"), manual("b"), manual("c", requires=["a", "b"]))
    await book.start(["a"])
    assert book.blocked("c") == Blocked(BlockReason.WAITING, ("b",))
    assert book.check_plan(["b", "c"]) is None  # b runs first in the same plan
    assert book.check_plan(["c", "b"]) == "c: needs b done first"
    await book.start(["b"])
    assert book.blocked("c") is None


async def test_a_done_step_is_blocked_as_done(audit_path: Path) -> None:
    book = make_book(audit_path, manual("a"))
    await book.start(["a"])
    assert book.blocked("a") == Blocked(BlockReason.DONE)
    assert book.check_plan(["a"]) == "a: already done"


def test_read_only_outranks_waiting(audit_path: Path) -> None:
    book = make_book(audit_path, manual("a"), manual("b", requires=["a"]), read_only=True)
    assert book.blocked("b") == Blocked(BlockReason.READ_ONLY)  # not WAITING: no plan helps
    assert book.check_plan(["a", "b"]) == "a: read-only mode (--read-only): no step can run"

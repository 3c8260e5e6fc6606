"""`http` actions against a real server on 127.0.0.1: success, unexpected status, timeout,
a cancel while the request is on its way, and a secret header that reaches the server but
nothing that is shown or recorded."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from tests.runbook.conftest import SECRET, FakeTarget, make_book, records
from tests.tui.helpers import wait_for
from warroom.core.runbook import StepState


def http_step(target: FakeTarget, **action: Any) -> dict[str, Any]:
    return {
        "id": "flag",
        "timeout": action.pop("timeout", 5.0),
        "action": {
            "kind": "http",
            "method": "PATCH",
            "url": f"{target.url}/flags/profile",
            "headers": {"Authorization": "Bearer ${FLAG_TOKEN}"},
            "json": {"enabled": False, "by": "${WHO}"},
            **action,
        },
    }


ENV = {"FLAG_TOKEN": SECRET, "WHO": "warroom"}


async def test_success_sends_expanded_headers_and_body(
    audit_path: Path, target: FakeTarget
) -> None:
    book = make_book(audit_path, http_step(target), env=ENV)
    await book.start(["flag"])
    assert book.status["flag"].state is StepState.DONE
    got = target.received[0]
    assert (got.method, got.path) == ("PATCH", "/flags/profile")
    assert got.headers["Authorization"] == f"Bearer {SECRET}"
    assert json.loads(got.body) == {"enabled": False, "by": "warroom"}
    assert records(audit_path)[-1]["http_status"] == 200


async def test_unexpected_status_fails_with_the_status(
    audit_path: Path, target: FakeTarget
) -> None:
    target.status = 503
    target.body = f'{{"error": "down", "echo": "{SECRET}"}}'.encode()
    book = make_book(audit_path, http_step(target), env=ENV)
    lines: list[str] = []
    book.printed.append(lambda _step, line: lines.append(line))
    await book.start(["flag"])
    assert book.status["flag"].state is StepState.FAILED
    assert book.status["flag"].detail.startswith("HTTP 503, expected 200")
    assert any("***" in line for line in lines)  # the echoed secret is masked in the pane
    assert not any(SECRET in line for line in lines)
    assert records(audit_path)[-1]["http_status"] == 503


async def test_timeout_fails_and_records(audit_path: Path, target: FakeTarget) -> None:
    target.delay = 1.0
    book = make_book(audit_path, http_step(target, timeout=0.3), env=ENV)
    await book.start(["flag"])
    assert book.status["flag"].state is StepState.FAILED
    assert "request: no answer in 0.3s" in book.status["flag"].detail
    assert records(audit_path)[-1]["outcome"] == "failed"


async def test_cancelled_on_its_way_says_it_may_have_been_sent(
    audit_path: Path, target: FakeTarget
) -> None:
    target.delay = 2.0
    book = make_book(audit_path, http_step(target), env=ENV)
    task = book.start(["flag"])
    await wait_for(lambda: bool(target.received), 10)  # the service has it
    assert book.cancel("flag")
    await task
    status = book.status["flag"]
    assert status.state is StepState.CANCELLED
    assert status.detail == (
        "cancelled while the PATCH request was on its way: it may have been sent; check by hand"
    )
    assert records(audit_path)[-1]["detail"] == status.detail


async def test_missing_variable_fails_before_sending(audit_path: Path, target: FakeTarget) -> None:
    book = make_book(audit_path, http_step(target), env={"WHO": "x"})
    await book.start(["flag"])
    assert book.status["flag"].detail == "environment variable FLAG_TOKEN is not set"
    assert target.received == []


async def test_secret_never_in_audit_description_or_logs(
    audit_path: Path, target: FakeTarget, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # httpx and httpcore log requests at DEBUG
    literal = {"X-Api-Key": "literal-secret-value", "Accept": "application/json"}
    step = http_step(target, headers={"Authorization": "Bearer ${FLAG_TOKEN}", **literal})
    book = make_book(audit_path, step, env=ENV)
    await book.start(["flag"])
    shown = "\n".join(book.step("flag").lines())
    assert "Bearer ${FLAG_TOKEN}" in shown and "X-Api-Key: ***" in shown
    assert "Accept: application/json" in shown
    for text in (shown, audit_path.read_text(), caplog.text, repr(book.status)):
        assert SECRET not in text
        assert "literal-secret-value" not in text
    assert target.received[0].headers["X-Api-Key"] == "literal-secret-value"

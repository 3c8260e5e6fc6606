"""`warroom advance` end to end: a real Unleash, the fake Datadog for the plan's metric and
the deployment marker, the audit log. The gate passes and the stage moves; then it refuses
(dwell time, exit 4); a wrong token is a failed flag service (exit 3)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.datadog_server import API_KEY, APP_KEY, FakeDatadog
from tests.support.unleash import UnleashServer
from warroom.tui.cli import main

QUERY = "avg:app.error_rate{env:prod}"


def plan(tmp_path: Path, flag: str, closed_beta_minutes: float = 0) -> Path:
    path = tmp_path / "warroom.toml"
    path.write_text(f"""
replace = [
    "metrics", "alerts", "trends",
    "triggers", "criteria",
]

[[stages]]
pct = 5
label = "Internal beta"
min_minutes = 0

[[stages]]
pct = 15
label = "Closed beta"
min_minutes = {closed_beta_minutes}

[[stages]]
pct = 100
label = "Full release"

[[metrics]]
id = "error_rate"
label = "Error rate"
tab = "engineering"
unit = "%"
warn = 0.5
crit = 1
source = "datadog"
query = "{QUERY}"

[sources.datadog]
monitors = false

[history]
path = "{tmp_path / "history.sqlite3"}"

[runbook]
audit_path = "{tmp_path / "audit.jsonl"}"

[rollout]
provider = "unleash"
flags = ["{flag}"]
timeout = 5
""")
    return path


@pytest.fixture
def datadog(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDatadog]:
    with FakeDatadog() as fake:
        fake.state.values[QUERY] = 0.05
        monkeypatch.setenv("DD_API_KEY", API_KEY)
        monkeypatch.setenv("DD_APP_KEY", APP_KEY)
        monkeypatch.setenv("DD_HOST", fake.url)
        yield fake


def audit(tmp_path: Path) -> list[dict[str, Any]]:
    lines = (tmp_path / "audit.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


Advance = Callable[..., tuple[int, str, str]]


@pytest.fixture
def advance(
    server: UnleashServer,
    flags: list[str],
    datadog: FakeDatadog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Advance:
    """Runs `warroom advance` on the first flag; returns (exit code, stdout, stderr)."""

    def run(token: str | None = None, closed_beta_minutes: float = 0) -> tuple[int, str, str]:
        monkeypatch.setenv("UNLEASH_URL", server.url)
        monkeypatch.setenv("UNLEASH_ADMIN_TOKEN", token or server.admin_token)
        config = plan(tmp_path, flags[0], closed_beta_minutes)
        code = main(["advance", "--config", str(config)])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_advance_moves_the_stage_and_posts_a_marker(
    advance: Advance,
    server: UnleashServer,
    flags: list[str],
    datadog: FakeDatadog,
    tmp_path: Path,
) -> None:
    code, out, _ = advance()
    assert code == 0, out
    assert f"✓ flag on: {flags[0]} on, 5%" in out
    assert "✓ next stage: Closed beta (15%)" in out
    assert "✓ check now: ok (0)" in out
    assert f"{flags[0]} 5% → 15% in production" in out
    assert server.rollout(flags[0]) == "15"
    records = audit(tmp_path)
    assert [r["event"] for r in records] == ["started", "finished"]
    finished = records[-1]
    assert finished["step"] == "advance" and finished["outcome"] == "done"
    assert finished["gate"]["passed"] is True
    change = finished["change"]
    assert change["before"] == {flags[0]: {"on": True, "pct": 5.0}}
    assert change["after"] == {flags[0]: {"on": True, "pct": 15.0}}
    assert (change["provider"], change["environment"]) == ("unleash", "production")
    (event,) = datadog.state.events
    assert f"flag:{flags[0]}" in event["tags"] and "warroom:flag_change" in event["tags"]
    assert change["markers"] == [f"datadog: event {event['id_str']}"]
    text = (tmp_path / "audit.jsonl").read_text() + out
    assert server.admin_token not in text and API_KEY not in text


def test_gate_refuses_on_dwell_time_and_records_why(
    advance: Advance,
    server: UnleashServer,
    flags: list[str],
    datadog: FakeDatadog,
    tmp_path: Path,
) -> None:
    server.set_rollout(flags[0], "15")
    code, out, _ = advance(closed_beta_minutes=60)
    assert code == 4, out
    assert "✗ dwell time:" in out and "minimum 1h" in out
    assert server.rollout(flags[0]) == "15"
    (refused,) = audit(tmp_path)
    assert refused["event"] == "refused" and refused["gate"]["passed"] is False
    assert "dwell time" in refused["detail"]
    assert datadog.state.events == []


def test_wrong_token_is_a_failed_flag_service(advance: Advance) -> None:
    code, out, err = advance(token="*:*.wrong-token-for-this-test")
    assert code == 3
    assert "✗ flags read: Unleash" in out and "admin token rejected (401" in out
    assert "wrong-token-for-this-test" not in out + err
    assert "Traceback" not in err

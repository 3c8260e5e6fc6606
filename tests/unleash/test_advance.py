"""`warroom advance` end to end: a real Unleash, the fake Datadog for the plan's metric and
the deployment marker, the audit log. The gate passes and the stage moves; then it refuses
(dwell time, exit 4); a wrong token is a failed flag service (exit 3)."""

from __future__ import annotations

import json
from collections.abc import Iterator
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
alerts = []
trends = []
triggers = []
criteria = []

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


def test_advance_moves_the_stage_and_posts_a_marker(
    server: UnleashServer,
    flags: list[str],
    datadog: FakeDatadog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("UNLEASH_URL", server.url)
    monkeypatch.setenv("UNLEASH_ADMIN_TOKEN", server.admin_token)
    code = main(["advance", "--config", str(plan(tmp_path, flags[0]))])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"✓ flag on: {flags[0]} on, 5%" in out
    assert "✓ next stage: Closed beta (15%)" in out
    assert "✓ check now: ok (0)" in out
    assert f"{flags[0]} 5% → 15% in production" in out
    assert server.flag_env(flags[0])["strategies"][0]["parameters"]["rollout"] == "15"
    records = audit(tmp_path)
    assert [r["event"] for r in records] == ["started", "finished"]
    finished = records[-1]
    assert finished["step"] == "advance" and finished["outcome"] == "done"
    assert finished["gate"]["passed"] is True
    assert finished["change"]["before"] == {flags[0]: {"on": True, "pct": 5.0}}
    assert finished["change"]["after"] == {flags[0]: {"on": True, "pct": 15.0}}
    assert finished["change"]["provider"] == "unleash"
    assert finished["change"]["environment"] == "production"
    (event,) = datadog.state.events
    assert f"flag:{flags[0]}" in event["tags"] and "warroom:flag_change" in event["tags"]
    assert finished["change"]["markers"] == [f"datadog: event {event['id_str']}"]
    text = (tmp_path / "audit.jsonl").read_text() + out
    assert server.admin_token not in text and API_KEY not in text


def test_gate_refuses_on_dwell_time_and_records_why(
    server: UnleashServer,
    flags: list[str],
    datadog: FakeDatadog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("UNLEASH_URL", server.url)
    monkeypatch.setenv("UNLEASH_ADMIN_TOKEN", server.admin_token)
    strategy = server.flag_env(flags[0])["strategies"][0]["id"]
    path = f"/api/admin/projects/default/features/{flags[0]}/environments/production"
    server.admin("PATCH", f"{path}/strategies/{strategy}",
                 [{"op": "replace", "path": "/parameters/rollout", "value": "15"}])  # fmt: skip
    code = main(["advance", "--config", str(plan(tmp_path, flags[0], closed_beta_minutes=60))])
    out = capsys.readouterr().out
    assert code == 4, out
    assert "✗ dwell time:" in out and "minimum 1h" in out
    assert server.flag_env(flags[0])["strategies"][0]["parameters"]["rollout"] == "15"
    (refused,) = audit(tmp_path)
    assert refused["event"] == "refused" and refused["gate"]["passed"] is False
    assert "dwell time" in refused["detail"]
    assert datadog.state.events == []


def test_wrong_token_is_a_failed_flag_service(
    server: UnleashServer,
    flags: list[str],
    datadog: FakeDatadog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("UNLEASH_URL", server.url)
    monkeypatch.setenv("UNLEASH_ADMIN_TOKEN", "*:*.wrong-token-for-this-test")
    code = main(["advance", "--config", str(plan(tmp_path, flags[0]))])
    captured = capsys.readouterr()
    assert code == 3
    assert "✗ flags read: Unleash" in captured.out and "admin token rejected (401" in captured.out
    assert "wrong-token-for-this-test" not in captured.out + captured.err
    assert "Traceback" not in captured.err

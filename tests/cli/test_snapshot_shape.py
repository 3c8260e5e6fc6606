"""The snapshot JSON's shape is a contract (docs/snapshot.md): every key of every object."""

from __future__ import annotations

import json
import re

from tests.cli.test_headless import warroom

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def test_snapshot_shape_is_the_documented_one() -> None:
    result = warroom("snapshot", "--demo", "--start-at", "100", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == [
        "schema_version", "generated", "launch", "rollout_pct", "rollout", "overall",
        "metrics", "sources", "alerts", "triggers", "blind", "issues",
    ]  # fmt: skip
    assert data["schema_version"] == 1 and ISO.match(data["generated"])
    metric = data["metrics"]["error_rate"]
    assert list(metric) == [
        "label", "value", "unit", "status", "age", "updated", "source", "simulated", "problem",
    ]  # fmt: skip
    assert ISO.match(metric["updated"]) and isinstance(metric["age"], float)
    source = data["sources"]["sim"]
    assert list(source) == [
        "state", "error", "latency", "last_ok", "retry_at", "simulated", "info",
    ]  # fmt: skip
    assert ISO.match(source["last_ok"]) and source["retry_at"] is None
    alert = data["triggers"][0]
    assert list(alert) == ["rule", "priority", "metric", "message", "value", "since"]
    assert ISO.match(alert["since"])
    issue = data["issues"][0]
    assert list(issue) == [
        "key", "title", "level", "count", "users", "culprit", "first_seen", "last_seen",
        "permalink",
    ]  # fmt: skip
    assert ISO.match(issue["last_seen"])
    assert data["blind"] == []  # every trigger input has data in the demo
    rollout = data["rollout"]
    assert list(rollout) == [
        "pct", "flag_on", "stage", "stage_number", "between_stages", "since", "in_stage",
        "source", "flags",
    ]  # fmt: skip
    assert (rollout["pct"], rollout["flag_on"], rollout["stage"]) == (50.0, True, "Open beta")
    assert ISO.match(rollout["since"]) and isinstance(rollout["in_stage"], float)
    assert list(rollout["source"]) == [
        "name", "provider", "environment", "state", "error", "updated", "simulated",
    ]  # fmt: skip
    assert list(rollout["flags"]["profile-enhancement"]) == [
        "on", "pct", "served", "strategies", "changed_at", "changed_by",
    ]  # fmt: skip

"""`warroom config init --apm newrelic` writes the built-in plan with every Engineering metric
that Datadog fed, and every rollback trigger's input, on NRQL; it validates, and one
`snapshot --format json` against the fake fills every one of them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

from tests.fakes.newrelic_server import NerdGraphState, env_for, issue
from tests.newrelic.conftest import newrelic_plan
from warroom.core.apm import plan_text
from warroom.core.config import default_config, default_plan_text, load_config


def warroom(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "warroom", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def test_config_init_apm_newrelic_writes_a_plan_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "warroom.toml"
    written = warroom("config", "init", "--apm", "newrelic", str(target))
    assert written.returncode == 0, written.stderr
    checked = warroom("config", "validate", str(target))
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == f"{target}: ok (68 metrics, 4 triggers, 10 runbook steps)"
    assert load_config(target) == newrelic_plan()


def test_datadog_stays_the_default_apm(tmp_path: Path) -> None:
    plain, explicit = tmp_path / "a.toml", tmp_path / "b.toml"
    assert warroom("config", "init", str(plain)).returncode == 0
    assert warroom("config", "init", "--apm", "datadog", str(explicit)).returncode == 0
    assert plain.read_text() == explicit.read_text() == default_plan_text()
    bad = warroom("config", "init", "--apm", "dynatrace", str(tmp_path / "c.toml"))
    assert bad.returncode == 2 and "invalid choice: 'dynatrace'" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_every_datadog_engineering_metric_and_trigger_input_is_on_nrql() -> None:
    datadog = {m.id for m in default_config().metrics if m.source == "datadog"}
    plan = newrelic_plan()
    by_id = {m.id: m for m in plan.metrics}
    assert all(by_id[m].source == "newrelic" and by_id[m].query for m in datadog)
    engineering = {m.id for m in plan.metrics_on("engineering")}
    assert datadog <= engineering, "every metric Datadog fed is on the Engineering tab"
    triggers = {t.metric: by_id[t.metric].source for t in plan.triggers}
    assert triggers == {
        "error_rate": "newrelic", "page_load": "newrelic", "api_response": "newrelic",
        "db_conn_failures": "mongo",  # warroom's own connection probe, as in every plan
    }  # fmt: skip
    assert {"api_response_p95", "largest_contentful_paint"} <= engineering
    assert plan.sources.newrelic.attribute_units == {"PageAction.renderTime": "ms"}
    (marker,) = [s for s in plan.runbook.steps if s.action.kind == "newrelic_marker"]
    assert marker.requires == ["revert_deployment"] and marker.demo_action is not None


def test_the_variant_is_small_and_keeps_the_default_plans_comments() -> None:
    text = plan_text("newrelic")
    variant = resources.files("warroom.core").joinpath("newrelic_plan.toml").read_text()
    assert len(variant.splitlines()) < 150 < len(text.splitlines())
    assert '# KPI pipelines: `query` of a source = "mongo" metric names one of these.' in text
    assert "datadog" not in "".join(
        line for line in text.splitlines() if line.startswith("source =")
    )


def test_snapshot_json_fills_every_new_relic_metric_from_the_fake(
    fake: tuple[NerdGraphState, str], tmp_path: Path
) -> None:
    state, url = fake
    state.issues = [issue("9", "Error rate high", "CRITICAL")]
    target = tmp_path / "warroom.toml"
    assert warroom("config", "init", "--apm", "newrelic", str(target)).returncode == 0
    result = warroom(
        "snapshot", "--format", "json", "--config", str(target), env=env_for(url, state)
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    wanted = [m.id for m in newrelic_plan().metrics if m.source == "newrelic"]
    assert len(wanted) == 9
    for metric in wanted:
        got = data["metrics"][metric]
        assert got["source"] == "newrelic" and got["problem"] is None, (metric, got)
        assert got["value"] is not None and got["status"] != "no-data", (metric, got)
    assert data["metrics"]["api_response"]["value"] == 250.0
    assert data["sources"]["newrelic"]["state"] == "ok"
    assert data["sources"]["newrelic"]["info"]["nrql"].startswith("9/300 per min")
    assert any(
        a["message"] == "New Relic issue CRITICAL: Error rate high (profile-api)"
        for a in data["alerts"]
    )
    assert len(state.log) == 1

"""`check` says why: the deciding metrics, blind triggers as unknown, a stable JSON shape."""

from __future__ import annotations

from warroom.core.check import CheckCode, check, verdict_json, verdict_text
from warroom.core.config import default_config
from warroom.core.dashboard import Dashboard, SourceInfo
from warroom.core.frame import FrameRequest
from warroom.core.model import FetchResult, Reading, Status
from warroom.core.poller import PollOutcome

NOW = 1000.0


def only_mongo(*readings: Reading) -> Dashboard:
    """The issue's case: MongoDB configured, Datadog (three trigger inputs) not."""
    sources = {
        "mongo": SourceInfo(30.0),
        "datadog": SourceInfo(30.0, disabled_reason="DD_API_KEY is not set"),
    }
    dash = Dashboard(default_config(), sources, {}, lambda: NOW)
    result = FetchResult(readings=readings)
    dash.ingest(PollOutcome("mongo", NOW - 1, 0.1, result=result, next_in=30.0))
    return dash


def test_blind_triggers_are_unknown_and_named() -> None:
    dash = only_mongo(Reading("db_conn_failures", NOW - 1, 0.0))
    frame = dash.frame(FrameRequest(tabs=("engineering",)), NOW)
    assert frame.overall is Status.BLIND  # was WARN: never better than unknown
    assert {b.trigger.metric for b in frame.blind} == {"error_rate", "page_load", "api_response"}
    verdict = check(dash, NOW)
    assert verdict.code is CheckCode.UNKNOWN
    text = verdict_text(verdict)
    assert text.splitlines()[0] == "unknown (3)"
    assert "Error rate" in text and "Page load" in text and "no data" in text


def test_a_stale_trigger_input_is_blind_too() -> None:
    dash = only_mongo(Reading("db_conn_failures", NOW - 600, 0.0))
    (blind,) = [
        b for b in dash.frame(FrameRequest(), NOW).blind if b.trigger.metric == "db_conn_failures"
    ]
    assert blind.why == "stale"


def test_a_fired_trigger_decides_with_its_evidence() -> None:
    dash = only_mongo(Reading("db_conn_failures", NOW - 1, 12.5))
    verdict = check(dash, NOW)
    assert verdict.code is CheckCode.ROLLBACK
    (fired,) = verdict.evidence
    assert (fired.kind, fired.label, fired.value, fired.threshold, fired.source) == (
        "trigger",
        "DB connection failures",
        12.5,
        "> 5",
        "mongo",
    )
    assert fired.age == 1.0


def test_json_shape_is_stable() -> None:
    data = verdict_json(check(only_mongo(Reading("db_conn_failures", NOW - 1, 0.0)), NOW))
    assert list(data) == ["schema_version", "generated", "verdict", "code", "judged", "deciding"]
    assert data["schema_version"] == 1 and data["generated"] == "1970-01-01T00:16:40Z"
    assert data["verdict"] == "unknown" and data["code"] == 3
    first = data["deciding"][0]
    assert list(first) == [
        "kind", "name", "label", "value", "unit", "threshold", "source", "age", "updated",
    ]  # fmt: skip
    assert first["kind"] == "blind" and first["threshold"] == "no data"

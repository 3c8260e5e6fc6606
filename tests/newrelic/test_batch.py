"""One request per poll carries every NRQL metric as an aliased `nrql` field, NRQL only as
GraphQL variables; a failed alias fails only its own metrics."""

from __future__ import annotations

import itertools
import re

from tests.fakes.newrelic_server import API_KEY, NerdGraphState
from tests.newrelic.conftest import MakeSource, newrelic_plan
from warroom.core.config import Config, default_config
from warroom.core.model import Reading
from warroom.sources.newrelic.source import NewRelicSource

NEWRELIC_METRICS = [m.id for m in newrelic_plan().metrics if m.source == "newrelic"]


def with_query(metric_id: str, query: str, config: Config | None = None) -> Config:
    config = config or newrelic_plan()
    metrics = [
        m.model_copy(update={"query": query}) if m.id == metric_id else m for m in config.metrics
    ]
    return config.model_copy(update={"metrics": metrics})


def latest(readings: tuple[Reading, ...]) -> dict[str, float | None]:
    return {r.metric: r.value for r in sorted(readings, key=lambda r: r.ts)}


async def test_one_request_per_poll_fills_every_metric(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    source = make_source()
    for poll in range(1, 4):
        result = await source.fetch()
        assert len(state.log) == poll, "exactly one request per poll"
    assert source.graph.requests == 3
    values = latest(result.readings)
    assert set(values) == set(NEWRELIC_METRICS) and len(NEWRELIC_METRICS) == 9
    assert all(v is not None for v in values.values())
    assert result.problems == {}
    assert state.log[-1].key_header == API_KEY


async def test_nrql_travels_as_variables_never_in_the_document(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    await make_source().fetch()
    body = state.log[0].body
    document, variables = body["query"], body["variables"]
    nrql = {k: v for k, v in variables.items() if k != "accountId"}
    assert set(nrql.values()) == {
        m.query for m in newrelic_plan().metrics if m.source == "newrelic"
    }
    assert variables["accountId"] == state.account_id
    for name, query in nrql.items():
        assert query not in document and "SELECT" not in document
        assert f"${name}: Nrql!" in document and f"{name}: nrql(query: ${name}" in document
    assert len(re.findall(r"\bnrql\(", document)) == len(nrql) == len(state.log[0].variables) - 1


async def test_metrics_with_the_same_nrql_share_one_alias(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    same = next(m.query for m in newrelic_plan().metrics if m.id == "api_response")
    assert same is not None
    config = with_query("api_response_p95", same)
    result = await make_source(config).fetch()
    assert len(state.log[0].variables) - 1 == 8
    values = latest(result.readings)
    assert values["api_response"] == values["api_response_p95"] == 250.0


async def test_a_bad_nrql_fails_its_metric_only_with_new_relics_message(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    config = with_query("page_load", "SELECT average(duration) FROM FROM PageView")
    source = make_source(config)
    result = await source.fetch()
    assert result.problems == {
        "page_load": "New Relic: NRQL Syntax Error: Error at line 1 position 31, unexpected 'FROM'"
    }
    values = latest(result.readings)
    assert "page_load" not in values
    assert values["api_response"] == 250.0 and values["error_rate"] == 0.5
    assert len(state.log) == 1


async def test_a_query_timeout_fails_its_metric_and_the_next_poll_recovers(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    source = make_source()
    state.nrql_faults = {"FROM PageView ": "TIMEOUT"}
    failed = await source.fetch()
    assert failed.problems == {"page_load": "New Relic: NRQL query failed (TIMEOUT)"}
    assert latest(failed.readings)["largest_contentful_paint"] == 2.0
    state.nrql_faults = {}
    recovered = await source.fetch()
    assert recovered.problems == {} and latest(recovered.readings)["page_load"] is not None


async def test_values_track_the_application(state: NerdGraphState, make_source: MakeSource) -> None:
    source = make_source()
    state.profile.error_pct, state.profile.duration_s, state.profile.rpm = 2.0, 2.5, 300
    values = latest((await source.fetch()).readings)
    assert values["error_rate"] == 2.0 and values["api_response"] == 2500.0
    assert values["request_rate"] == 300.0


async def test_timeseries_gives_one_reading_per_bucket_at_its_end(make_source: MakeSource) -> None:
    source: NewRelicSource = make_source()
    result = await source.fetch()
    stamps = [r.ts for r in result.readings if r.metric == "error_rate"]
    assert len(stamps) == 5 and stamps == sorted(stamps)
    assert [b - a for a, b in itertools.pairwise(stamps)] == [60.0] * 4
    (uptime,) = [r for r in result.readings if r.metric == "uptime"]
    assert uptime.value == 100.0 and uptime.ts >= stamps[-1]


async def test_a_plan_without_new_relic_metrics_still_reads_the_alert_issues(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    result = await make_source(default_config()).fetch()
    assert result.readings == () and result.monitors == () and len(state.log) == 1
    assert "nrql(" not in state.log[0].body["query"]
    nothing = await make_source(default_config(), issues=False).fetch()
    assert nothing.readings == () and len(state.log) == 1, "nothing to ask: no request"

"""Metric queries: parsing, batching into one request, mapping series back by formula index."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.fakes.datadog_server import FakeDatadog
from warroom.core.plan import Bad, MetricDef
from warroom.sources.datadog.metrics import build_batch, chunks, parse_query
from warroom.sources.datadog.source import DatadogSource

TS = "/api/v2/query/timeseries"
ERRORS = "sum:trace.http.request.errors{env:prod}.as_count()"
HITS = "sum:trace.http.request.hits{env:prod}.as_count()"


def metric(mid: str, query: str | None, bad: Bad = "above") -> MetricDef:
    return MetricDef(id=mid, label=mid, tab="engineering", query=query, bad=bad)


def test_plain_query_is_its_own_formula() -> None:
    mq = parse_query(metric("cpu", "avg:system.cpu.user{*}"))
    assert (mq.formula, mq.queries) == ("a", (("a", "avg:system.cpu.user{*}"),))


def test_formula_with_named_queries() -> None:
    mq = parse_query(metric("err", f"100 * e / h; e = {ERRORS}; h = {HITS}"))
    assert mq.formula == "100 * e / h"
    assert dict(mq.queries) == {"e": ERRORS, "h": HITS}


@pytest.mark.parametrize("query", ["100 * e; e", "100 * e; 1x = avg:a{*}", "2 * z; e = avg:a{*}"])
def test_malformed_formula_is_rejected_with_the_metric_id(query: str) -> None:
    with pytest.raises(ValueError, match="metric err"):
        parse_query(metric("err", query))


def test_batch_sends_shared_queries_once_and_rewrites_formulas() -> None:
    a = parse_query(metric("error_rate", f"100 * e / h; e = {ERRORS}; h = {HITS}"))
    b = parse_query(metric("hits", f"h; h = {HITS}"))
    batch = build_batch([a, b])
    assert batch.queries == (("q0", ERRORS), ("q1", HITS))
    assert batch.formulas == ("100 * q0 / q1", "q1")


def test_chunks_respect_the_batch_size() -> None:
    items = [parse_query(metric(f"m{i}", None)) for i in range(7)]
    assert [len(c) for c in chunks(items, 3)] == [3, 3, 1]


async def test_one_poll_of_the_default_plan_is_one_request(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    source = make_source()
    await source.start()
    fake.clear_log()
    await source.fetch()
    assert fake.count(TS) == 1
    body = fake.requests(TS)[0].body["data"]["attributes"]
    assert len(body["formulas"]) == 7
    # error_rate, failed_requests share the APM hits query: sent once.
    assert len(body["queries"]) == len({q["query"] for q in body["queries"]}) == 9
    assert fake.count() == 2  # the metrics request plus one monitor list


async def test_timestamps_are_ms_on_the_wire_and_seconds_in_readings(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    source = make_source()
    result = await source.fetch()
    attrs = fake.requests(TS)[0].body["data"]["attributes"]
    assert attrs["to"] - attrs["from"] == 300_000 and attrs["interval"] == 60_000
    assert all(abs(r.ts - attrs["to"] / 1000) < 400 for r in result.readings)


async def test_formulas_convert_to_plan_units(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    fake.state.values = {
        ERRORS: 3.0,
        HITS: 600.0,
        "avg:trace.http.request.duration{env:prod}": 0.25,
        "avg:rum.measure.view.loading_time{env:prod}": 1.8e9,
        "sum:trace.http.request.hits{env:prod}.as_rate()": 10.0,
    }
    result = await make_source().fetch()
    last = {r.metric: r.value for r in result.readings}
    assert last["error_rate"] == pytest.approx(0.5)
    assert last["api_response"] == pytest.approx(250.0)
    assert last["page_load"] == pytest.approx(1.8)
    assert last["request_rate"] == pytest.approx(600.0)


async def test_gaps_are_none_and_the_last_value_is_the_newest_real_one(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    dur = "avg:trace.http.request.duration{env:prod}"
    fake.state.values = {dur: [0.1, None, 0.3, None]}
    result = await make_source().fetch()
    points = [r.value for r in result.readings if r.metric == "api_response"]
    assert points == [None, pytest.approx(100.0), None, pytest.approx(300.0), None]


async def test_grouped_series_report_the_worst_group(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    dur = "avg:trace.http.request.duration{env:prod}"
    fake.state.groups = {dur: {"service:web": 0.2, "service:api": 0.9}}
    result = await make_source().fetch()
    assert [r.value for r in result.readings if r.metric == "api_response"][-1] == 900.0


async def test_batch_size_splits_requests(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    result = await make_source(batch_size=3).fetch()
    assert fake.count(TS) == 3
    assert {r.metric for r in result.readings} >= {"error_rate", "uptime", "request_rate"}


async def test_rejected_batch_is_split_and_the_learned_size_is_kept(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    fake.state.max_queries = 4
    source = make_source()
    first = await source.fetch()
    assert len({r.metric for r in first.readings}) == 7
    first_poll = fake.count(TS)
    assert any(len(r.body["data"]["attributes"]["queries"]) > 4 for r in fake.requests(TS))
    fake.clear_log()
    await source.fetch()
    sizes = [len(r.body["data"]["attributes"]["queries"]) for r in fake.requests(TS)]
    assert all(size <= 4 for size in sizes)  # nothing rejected any more
    assert len(sizes) < first_poll


async def test_a_bad_query_is_set_aside_and_named_in_info(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    fake.state.reject_queries = {"avg:frontend.component.render_time{env:prod}"}
    source = make_source()
    result = await source.fetch()
    assert "component_render" not in {r.metric for r in result.readings}
    assert len({r.metric for r in result.readings}) == 6
    assert result.info["rejected"] == "component_render"
    fake.clear_log()
    await source.fetch()
    assert fake.count(TS) == 1  # the others are batched again; the bad one is not re-sent

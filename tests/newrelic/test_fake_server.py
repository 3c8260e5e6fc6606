"""The fake NerdGraph itself: real GraphQL (named operations, fragments, validation), the
NRQL subset with New Relic's result shapes, its limits and its 401. The adapter tests are
only as good as this."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.fakes import nrql_eval
from tests.fakes.newrelic_server import API_KEY, NerdGraphState
from tests.fakes.nrql_parse import NrqlSyntaxError, parse

NOW = 1_800_000_000.0
TX = [
    {"timestamp": NOW - 30 - i, "duration": d, "error": e, "appName": a, "http.statusCode": s}
    for i, (d, e, a, s) in enumerate(
        [(0.1, False, "api", 200), (0.2, False, "api", 200), (0.3, True, "api", 500),
         (0.4, False, "web", 200), (1.0, True, "web", 503)]
    )
]  # fmt: skip


def run(nrql: str, events: list[dict[str, Any]] = TX) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = nrql_eval.evaluate(parse(nrql), events, NOW)["results"]
    return result


def test_new_relics_default_keys_and_shapes() -> None:
    assert run("SELECT count(*) FROM Transaction") == [{"count": 5}]
    assert run("SELECT average(duration) FROM Transaction") == [{"average.duration": 0.4}]
    assert run("SELECT percentage(count(*), WHERE error IS true) FROM Transaction") == [
        {"percentage": 40.0}
    ]
    assert run("SELECT percentile(duration, 50, 95) FROM Transaction") == [
        {"percentile.duration": {"50": 0.3, "95": pytest.approx(0.88)}}
    ]
    assert run("SELECT rate(count(*), 1 minute) AS 'rpm' FROM Transaction SINCE 5 minutes ago") == [
        {"rpm": 1.0}
    ]
    assert run(
        "SELECT filter(count(*), WHERE http.statusCode >= 500) * 100 / count(*) AS 'v' "
        "FROM Transaction"
    ) == [{"v": 40.0}]


def test_empty_aggregates_are_zero_for_counts_and_null_otherwise() -> None:
    assert run("SELECT count(*), average(duration) FROM Transaction WHERE appName = 'none'") == [
        {"count": 0, "average.duration": None}
    ]


def test_where_supports_in_like_not_and_parentheses() -> None:
    assert run(
        "SELECT count(*) FROM Transaction WHERE appName IN ('web') AND NOT error IS false"
    ) == [{"count": 1}]
    assert run("SELECT count(*) FROM Transaction WHERE (appName LIKE 'a%' OR duration > 0.9)") == [
        {"count": 4}
    ]


def test_facet_rows_sorted_by_the_first_value() -> None:
    rows = run("SELECT count(*) FROM Transaction FACET appName")
    assert rows == [
        {"facet": "api", "appName": "api", "count": 3},
        {"facet": "web", "appName": "web", "count": 2},
    ]


def test_timeseries_buckets_start_at_the_window_start() -> None:
    rows = run("SELECT count(*) FROM Transaction SINCE 3 minutes ago TIMESERIES 1 minute")
    assert [(r["beginTimeSeconds"], r["endTimeSeconds"], r["count"]) for r in rows] == [
        (int(NOW - 180), int(NOW - 120), 0),
        (int(NOW - 120), int(NOW - 60), 0),
        (int(NOW - 60), int(NOW), 5),
    ]


def test_syntax_errors_name_the_position_like_new_relic() -> None:
    with pytest.raises(NrqlSyntaxError, match=r"^Error at line 1 position 8, unexpected 'FROM'$"):
        parse("SELECT FROM Transaction")
    with pytest.raises(NrqlSyntaxError, match="unexpected end of query"):
        parse("SELECT count(*) FROM")


def post(url: str, body: dict[str, Any], key: str | None = API_KEY) -> httpx.Response:
    headers = {"api-key": key} if key else {}
    return httpx.post(url, json=body, headers=headers, timeout=5)


def test_named_operations_fragments_and_variables(fake: tuple[NerdGraphState, str]) -> None:
    state, url = fake
    document = (
        "query A { actor { user { name } } } "
        "query B($id: Int!, $q: Nrql!) { actor { account(id: $id) { ...F } } } "
        "fragment F on Account { n: nrql(query: $q) "
        "{ results metadata { timeWindow { begin end } } } }"
    )
    variables = {"id": state.account_id, "q": "SELECT count(*) FROM Transaction SINCE 1 minute ago"}
    answer = post(url, {"query": document, "variables": variables, "operationName": "B"}).json()
    field = answer["data"]["actor"]["account"]["n"]
    assert field["results"] == [{"count": 200}]
    window = field["metadata"]["timeWindow"]
    assert window["end"] - window["begin"] == 60_000, "epoch milliseconds"


def test_validation_errors_and_the_missing_key(fake: tuple[NerdGraphState, str]) -> None:
    _, url = fake
    answer = post(url, {"query": "{ actor { account(id: 1) { nrql { results } } } }"}).json()
    assert "data" not in answer and "argument 'query'" in answer["errors"][0]["message"]
    refused = post(url, {"query": "{ actor { user { name } } }"}, key=None)
    assert refused.status_code == 401
    assert refused.json()["errors"][0]["extensions"]["error_code"] == "BAD_API_KEY"
    assert httpx.get(url, timeout=5).status_code == 405


def test_the_account_budget_fails_per_field_inside_a_200(fake: tuple[NerdGraphState, str]) -> None:
    state, url = fake
    state.query_budget = 1
    document = (
        "query($id: Int!) { actor { account(id: $id) { "
        'a: nrql(query: "SELECT count(*) FROM Transaction") { results } '
        'b: nrql(query: "SELECT count(*) FROM PageView") { results } } } }'
    )
    answer = post(url, {"query": document, "variables": {"id": state.account_id}})
    assert answer.status_code == 200
    body = answer.json()
    assert (
        body["data"]["actor"]["account"]["a"] is not None
        and body["data"]["actor"]["account"]["b"] is None
    )
    (error,) = body["errors"]
    assert error["path"] == ["actor", "account", "b"]
    assert error["extensions"]["errorClass"] == "TOO_MANY_REQUESTS"
    assert "retry-after" not in {k.lower() for k in answer.headers}

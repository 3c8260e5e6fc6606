"""The fake itself follows the reference notes, so the adapter tests prove something real."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.datadog.test_metrics import metric
from tests.fakes.datadog_server import FakeDatadog
from warroom.core.settings.datadog import DatadogSettings
from warroom.sources.datadog.client import make_client, request_timeout, resolve, sdk
from warroom.sources.datadog.metrics import build_batch, parse_query, request_body

MetricsV1 = sdk("v1.api.metrics_api", "MetricsApi")
MetricsV2 = sdk("v2.api.metrics_api", "MetricsApi")
ApiException = sdk("exceptions", "ApiException")
ForbiddenException = sdk("exceptions", "ForbiddenException")
AuthenticationApi = sdk("v1.api.authentication_api", "AuthenticationApi")
MonitorsApi = sdk("v1.api.monitors_api", "MonitorsApi")


@pytest.fixture
def client(env: dict[str, str]) -> Iterator[Any]:
    settings = DatadogSettings(timeout=2, request_timeout=1)
    c = make_client(resolve(settings, env), request_timeout(settings))
    yield c
    c.close()


def test_v1_query_takes_seconds_and_answers_milliseconds(fake: FakeDatadog, client: Any) -> None:
    now = int(time.time())
    data, status, headers = MetricsV1(client).query_metrics(
        _from=now - 600, to=now, query="avg:system.cpu.user{*}"
    )
    assert status == 200 and not data._unparsed
    assert data["from_date"] == (now - 600) * 1000
    first_ts = data["series"][0]["pointlist"][0].value[0]
    assert first_ts > 10**12  # milliseconds
    assert headers["X-RateLimit-Name"] == "metrics_query"  # v1: canonical header case


def test_v1_query_refuses_milliseconds(fake: FakeDatadog, client: Any) -> None:
    now = int(time.time() * 1000)
    with pytest.raises(ApiException) as caught:
        MetricsV1(client).query_metrics(_from=now - 600_000, to=now, query="avg:a{*}")
    assert caught.value.status == 400


def test_read_endpoints_need_the_app_key(fake: FakeDatadog, client: Any) -> None:
    fake.state.app_key = "other"
    data, _status, _headers = AuthenticationApi(client).validate()
    assert data["valid"] is True  # validate needs the API key only
    with pytest.raises(ForbiddenException):
        MonitorsApi(client).list_monitors()


def test_v2_rate_limit_headers_are_lower_case(fake: FakeDatadog, client: Any) -> None:
    batch = build_batch([parse_query(metric("cpu", "avg:system.cpu.user{*}"))])
    now = int(time.time() * 1000)
    _data, _status, headers = MetricsV2(client).query_timeseries_data(
        request_body(batch, now - 300_000, now, 60_000)
    )
    assert "x-ratelimit-remaining" in headers and "X-RateLimit-Remaining" not in headers

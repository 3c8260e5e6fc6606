"""Values arrive in the plan's unit whatever unit Datadog answers in, and ages start when the
data was true (the end of its rollup bucket), not when the bucket began."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Sequence

import pytest

from tests.fakes.datadog_server import FakeDatadog
from warroom.core.model import Reading
from warroom.sources.datadog.source import DatadogSource

LOAD = "avg:rum.measure.view.loading_time{env:prod}"
DURATION = "avg:trace.http.request.duration{env:prod}"


def last(readings: Sequence[Reading], metric: str) -> float | None:
    values = [r.value for r in readings if r.metric == metric and r.value is not None]
    return values[-1] if values else None


async def test_page_load_in_seconds_when_datadog_answers_in_nanoseconds(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    fake.state.values = {LOAD: 1.8e9, DURATION: 0.31}  # RUM reports ns, APM s (the defaults)
    result = await make_source().fetch()
    assert last(result.readings, "page_load") == pytest.approx(1.8)
    assert last(result.readings, "api_response") == pytest.approx(310.0)
    assert "page_load" not in result.problems


async def test_page_load_in_seconds_when_the_backend_answers_in_seconds(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    # The defect: the plan divided by 1e9 whatever the unit, so 1.8 s showed as "0.00 s OK"
    # and the "page load > 5 s" rollback trigger could never fire.
    fake.state.units = {"rum.measure.view.loading_time": ("second", None)}
    fake.state.values = {LOAD: 6.2}
    result = await make_source().fetch()
    assert last(result.readings, "page_load") == pytest.approx(6.2)


async def test_without_unit_metadata_the_query_unit_applies(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    fake.state.units = {"rum.measure.view.loading_time": None}
    fake.state.values = {LOAD: 2.4e9}
    result = await make_source().fetch()
    assert last(result.readings, "page_load") == pytest.approx(2.4)  # query_unit = "ns"


async def test_a_unit_that_does_not_convert_is_a_problem_not_a_number(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    fake.state.units = {"rum.measure.view.loading_time": ("byte", None)}
    result = await make_source().fetch()
    assert [r for r in result.readings if r.metric == "page_load"] == []
    assert result.problems["page_load"] == "reported in byte, the plan wants s"
    assert last(result.readings, "error_rate") is not None  # the other metrics still count


async def test_points_are_stamped_at_the_end_of_their_bucket(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    before = time.time()
    result = await make_source().fetch()
    attrs = fake.requests("/api/v2/query/timeseries")[0].body["data"]["attributes"]
    newest = max(r.ts for r in result.readings)
    assert newest == pytest.approx(attrs["to"] / 1000)  # the open bucket ends "now"
    stamps = sorted({r.ts for r in result.readings})[:-1]  # closed buckets: one rollup apart
    assert all(b - a == pytest.approx(60.0) for a, b in itertools.pairwise(stamps))
    assert newest - before < 5  # a fresh poll's value is seconds old, not a bucket old

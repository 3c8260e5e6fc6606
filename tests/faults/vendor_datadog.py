"""Datadog's row of the fault matrix: the RUM page-load tile, reported in nanoseconds."""

from __future__ import annotations

from contextlib import ExitStack

from tests.datadog.conftest import plan
from tests.fakes.datadog_server import API_KEY, APP_KEY, FakeDatadog
from tests.faults.harness import INTERVAL, Harness, Rig
from warroom.sources.datadog.source import create

PAGE_LOAD = "avg:rum.measure.view.loading_time{env:prod}"
REQUEST_TIMEOUT = 0.5


def open_datadog(stack: ExitStack) -> Rig:
    fake = stack.enter_context(FakeDatadog())
    for path in ("/api/v2/query/timeseries", "/api/v1/monitor"):
        # Budgets no 0.3 s poll can spend: the matrix is about faults, not pacing.
        fake.set_limit(path, limit=1_000_000, remaining=1_000_000, reset=3600)
    fake.state.values[PAGE_LOAD] = 1.2e9
    config = plan(interval=INTERVAL, timeout=1.0, request_timeout=REQUEST_TIMEOUT)
    env = {"DD_API_KEY": API_KEY, "DD_APP_KEY": APP_KEY, "DD_HOST": fake.url}

    def change() -> float:
        fake.state.values[PAGE_LOAD] = 2.4e9
        return 2.4

    return Rig(
        create(config, env),
        config,
        fake.state,
        fake.count,
        change,
        REQUEST_TIMEOUT,
        (API_KEY, APP_KEY),
    )


HARNESS = Harness(
    "datadog",
    "page_load",
    open_datadog,
    reasons={"malformed": "unreadable answer", "auth": "not allowed (403 Forbidden"},
)

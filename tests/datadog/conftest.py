"""Shared fixtures: a running fake Datadog and sources pointed at it with short timeouts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.fakes.datadog_routes import monitor
from tests.fakes.datadog_server import API_KEY, APP_KEY, FakeDatadog
from warroom.core.config import Config, default_config
from warroom.core.settings.datadog import DatadogSettings
from warroom.sources.datadog.source import DatadogSource, create

FAST = {"interval": 0.25, "timeout": 2.0, "request_timeout": 0.5}


@pytest.fixture
def fake() -> Iterator[FakeDatadog]:
    with FakeDatadog() as dd:
        dd.state.monitors = [
            monitor(1, "Checkout errors", "Alert", ["team:web", "launch"]),
            monitor(2, "API latency", "Warn", ["team:web", "launch"]),
            monitor(3, "Render time", "OK", ["team:web", "launch"]),
            monitor(4, "Batch jobs", "No Data", ["team:data"]),
        ]
        # Generous budgets: at test intervals (0.25 s) the real hourly limits would rightly
        # make the adapter slow down. The rate-limit tests set tight ones themselves.
        for path in ("/api/v2/query/timeseries", "/api/v1/monitor"):
            dd.set_limit(path, limit=1_000_000, remaining=1_000_000, reset=3600)
        yield dd


@pytest.fixture
def env(fake: FakeDatadog) -> dict[str, str]:
    return {"DD_API_KEY": API_KEY, "DD_APP_KEY": APP_KEY, "DD_HOST": fake.url}


def plan(**datadog: Any) -> Config:
    """The default plan with its Datadog settings replaced by `datadog` (plus fast timings)."""
    config = default_config()
    settings = DatadogSettings(**{**FAST, **datadog})
    sources = config.sources.model_copy(update={"datadog": settings})
    return config.model_copy(update={"sources": sources})


@pytest.fixture
def make_source(env: dict[str, str]) -> Iterator[Callable[..., DatadogSource]]:
    made: list[DatadogSource] = []

    def build(**datadog: Any) -> DatadogSource:
        source = create(plan(**datadog), env)
        made.append(source)
        return source

    yield build
    for source in made:  # close synchronously: the client's close is a plain call
        if source._client is not None:
            source._client.close()

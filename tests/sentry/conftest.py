"""Fixtures for the Sentry adapter tests: a fake Sentry on 127.0.0.1 and adapters pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from tests.fakes import sentry_data
from tests.fakes.sentry_server import FakeSentry, serve, stop
from warroom.core.config import Config, default_config
from warroom.sources.sentry.source import SentrySource, create

MakeSource = Callable[..., SentrySource]


@pytest.fixture
def fake() -> Iterator[tuple[FakeSentry, str]]:
    """A running fake with 250 issues (three pages of 100). Yields (state, base URL)."""
    state = FakeSentry(issues=sentry_data.make_issues(250))
    server, _ = serve(state)
    try:
        yield state, server.url
    finally:
        stop(server)


def config_with(**settings: Any) -> Config:
    """The built-in plan with `[sources.sentry]` overridden. The hourly request budget is
    lifted unless a test sets it: most tests poll far faster than a real minute."""
    config = default_config()
    sentry = config.sources.sentry.model_copy(update={"request_budget": 10**6, **settings})
    return config.model_copy(
        update={"sources": config.sources.model_copy(update={"sentry": sentry})}
    )


def env_for(state: FakeSentry, url: str) -> dict[str, str]:
    return {"SENTRY_AUTH_TOKEN": state.token, "SENTRY_ORG": state.org, "SENTRY_URL": url}


@pytest.fixture
async def make_source(fake: tuple[FakeSentry, str]) -> AsyncIterator[MakeSource]:
    """Builds adapters through the real `create`; closes them after the test."""
    made: list[SentrySource] = []
    state, url = fake

    def build(**settings: Any) -> SentrySource:
        source = create(config_with(**settings), env_for(state, url))
        made.append(source)
        return source

    yield build
    for source in made:
        await source.close()


@pytest.fixture
def state(fake: tuple[FakeSentry, str]) -> FakeSentry:
    return fake[0]

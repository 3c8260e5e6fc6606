"""Fixtures for the New Relic adapter: the fake NerdGraph on 127.0.0.1 and adapters built by
the real `create` from the New Relic plan, pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from functools import cache
from typing import Any

import pytest

from tests.fakes.newrelic_server import NerdGraphState, env_for, running
from warroom.core.apm import plan_text
from warroom.core.config import Config, config_from_text
from warroom.sources.newrelic.source import NewRelicSource, create

MakeSource = Callable[..., NewRelicSource]


@cache
def newrelic_plan() -> Config:
    """The plan `warroom config init --apm newrelic` writes, validated."""
    return config_from_text(plan_text("newrelic"), "<newrelic plan>")


def plan_with(config: Config | None = None, **settings: Any) -> Config:
    """`config` (default: the New Relic plan) with `[sources.newrelic]` overridden."""
    config = config or newrelic_plan()
    newrelic = config.sources.newrelic.model_copy(update=settings)
    return config.model_copy(
        update={"sources": config.sources.model_copy(update={"newrelic": newrelic})}
    )


@pytest.fixture
def fake() -> Iterator[tuple[NerdGraphState, str]]:
    with running() as served:
        yield served


@pytest.fixture
def state(fake: tuple[NerdGraphState, str]) -> NerdGraphState:
    return fake[0]


@pytest.fixture
async def make_source(fake: tuple[NerdGraphState, str]) -> AsyncIterator[MakeSource]:
    """Builds adapters through `create` (settings as keyword overrides); closes them after."""
    made: list[NewRelicSource] = []
    state, url = fake

    def build(config: Config | None = None, **settings: Any) -> NewRelicSource:
        source = create(plan_with(config, **settings), env_for(url, state))
        made.append(source)
        return source

    yield build
    for source in made:
        await source.close()

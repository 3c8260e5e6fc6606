"""The fake LaunchDarkly with two launch flags; the provider and config pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from tests.fakes.launchdarkly_data import make_flag
from tests.fakes.launchdarkly_server import LdState, launchdarkly_server
from warroom.core.config import Config, default_config
from warroom.core.rollout.config import RolloutConfig
from warroom.sources.launchdarkly import provider as make_provider
from warroom.sources.launchdarkly.provider import LaunchDarklyProvider

FLAGS = ["profile-v2", "trading-battles"]


def ld_config(**changes: object) -> Config:
    fields = {"provider": "launchdarkly", "flags": FLAGS, "timeout": 2.0, **changes}
    return default_config().model_copy(update={"rollout": RolloutConfig.model_validate(fields)})


def populated() -> LdState:
    state = LdState()
    state.flags = {
        "profile-v2": make_flag("profile-v2", {"production": (True, 15), "test": (True, 100)}),
        "trading-battles": make_flag("trading-battles", {"production": (True, 15)}),
    }
    return state


@pytest.fixture
def fake_ld() -> Iterator[tuple[str, LdState]]:
    with launchdarkly_server(populated()) as served:
        yield served


def env_for(url: str, token: str) -> dict[str, str]:
    return {"LD_ACCESS_TOKEN": token, "LD_BASE_URI": url}


@pytest.fixture
async def ld(fake_ld: tuple[str, LdState]) -> AsyncIterator[LaunchDarklyProvider]:
    url, state = fake_ld
    provider = make_provider(ld_config(), env_for(url, state.token))
    try:
        yield provider
    finally:
        await provider.close()

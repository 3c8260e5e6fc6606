"""One real Unleash 6.10.1 (Node 20, PostgreSQL 15) for the whole package, started once (about
4 s; the npm install is cached outside the repository). Each test gets flags of its own."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Iterator

import pytest

from tests.support.unleash import INSTALL_TIMEOUT, UnleashServer, installed, missing
from warroom.core.config import Config, default_config
from warroom.core.rollout.config import RolloutConfig
from warroom.sources import unleash
from warroom.sources.unleash.provider import UnleashProvider

REASON = missing()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Until the npm install is cached, the first test here also pays for it (about a
    minute, more on a slow link): give this package's tests the install's time limit."""
    if REASON is None and not installed():
        for item in items:
            if "tests/unleash/" in str(item.path):
                item.add_marker(pytest.mark.timeout(INSTALL_TIMEOUT))


@pytest.fixture(scope="package")
def server() -> Iterator[UnleashServer]:
    if REASON is not None:
        pytest.skip(f"no real Unleash: {REASON}")
    running = UnleashServer.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def flags(server: UnleashServer) -> list[str]:
    """Two fresh flags at 5 %, on in production."""
    tag = secrets.token_hex(3)
    names = [f"profile-v2-{tag}", f"trading-battles-{tag}"]
    for name in names:
        server.create_flag(name, 5)
    return names


def unleash_config(flags: list[str], **changes: object) -> Config:
    fields = {"provider": "unleash", "flags": flags, "timeout": 5.0, **changes}
    return default_config().model_copy(update={"rollout": RolloutConfig.model_validate(fields)})


def env_for(server: UnleashServer, token: str | None = None) -> dict[str, str]:
    return {"UNLEASH_URL": server.url, "UNLEASH_ADMIN_TOKEN": token or server.admin_token}


@pytest.fixture
async def provider(server: UnleashServer, flags: list[str]) -> AsyncIterator[UnleashProvider]:
    made = unleash.provider(unleash_config(flags), env_for(server))
    try:
        yield made
    finally:
        await made.close()

"""Digest auth, rate limits, timeouts, bad JSON and server errors against the fake Atlas."""

from __future__ import annotations

import pytest

from tests.atlas.conftest import atlas_config, make_source
from tests.fakes.atlas_server import AtlasState, atlas_server
from warroom.core.config import default_config
from warroom.core.errors import (
    AuthError,
    BadResponse,
    NotConfigured,
    RateLimited,
    SourceTimeout,
    Unavailable,
)
from warroom.sources.atlas.source import AtlasSource, create


async def test_digest_challenge_once_then_nonce_reuse(
    atlas: AtlasSource, fake_atlas: tuple[str, AtlasState]
) -> None:
    await atlas.fetch()
    await atlas.fetch()
    _, state = fake_atlas
    assert state.challenges == 1  # later requests reuse the nonce with a growing nc
    assert [s for s, _, _ in state.log].count(401) == 1


async def test_wrong_private_key_is_an_auth_error(fake_atlas: tuple[str, AtlasState]) -> None:
    url, state = fake_atlas
    wrong = AtlasState(private_key="not-the-key")
    source = make_source(url, wrong, atlas_config(("c", "CONNECTIONS")))
    try:
        with pytest.raises(AuthError) as caught:
            await source.fetch()
    finally:
        await source.close()
    assert caught.value.reason == "Atlas processes: API key rejected (401 Unauthorized)"
    assert "not-the-key" not in repr(caught.value) and "not-the-key" not in repr(source)
    assert state.challenges >= 1


async def test_429_retry_after(atlas: AtlasSource, fake_atlas: tuple[str, AtlasState]) -> None:
    fake_atlas[1].fault = "rate_limit"
    with pytest.raises(RateLimited) as caught:
        await atlas.fetch()
    assert caught.value.retry_after == 55.0
    assert "RATE_LIMITED_TOKEN_BUCKET" in caught.value.reason


async def test_low_budget_paces_the_next_poll(
    atlas: AtlasSource, fake_atlas: tuple[str, AtlasState]
) -> None:
    await atlas.fetch()
    assert atlas.pacing() == 0.0
    fake_atlas[1].remaining = 4  # less than two polls' worth (3 requests each)
    await atlas.fetch()
    assert atlas.pacing() == atlas.interval


async def test_timeout(atlas: AtlasSource, fake_atlas: tuple[str, AtlasState]) -> None:
    await atlas.fetch()  # completes the digest handshake first
    fake_atlas[1].fault, fake_atlas[1].delay = "timeout", 2.5
    with pytest.raises(SourceTimeout, match="no answer in"):
        await atlas.fetch()


async def test_bad_json(atlas: AtlasSource, fake_atlas: tuple[str, AtlasState]) -> None:
    fake_atlas[1].fault = "bad_json"
    with pytest.raises(BadResponse, match="malformed JSON"):
        await atlas.fetch()


async def test_server_error(atlas: AtlasSource, fake_atlas: tuple[str, AtlasState]) -> None:
    fake_atlas[1].fault = "error_500"
    with pytest.raises(Unavailable, match="500 Internal Server Error"):
        await atlas.fetch()


async def test_unknown_project_is_a_bad_response(fake_atlas: tuple[str, AtlasState]) -> None:
    url, state = fake_atlas
    other = AtlasState(group="000000000000000000000000")
    source = make_source(url, other, atlas_config())
    try:
        with pytest.raises(BadResponse, match="404 Not Found: GROUP_NOT_FOUND"):
            await source.fetch()
    finally:
        await source.close()
    assert state.log[-1][0] == 404


async def test_connection_refused() -> None:
    with atlas_server() as (url, state):
        pass  # closed again: nothing listens on that port now
    source = make_source(url, state, atlas_config())
    try:
        with pytest.raises(Unavailable, match=r"cannot connect to 127\.0\.0\.1"):
            await source.fetch()
    finally:
        await source.close()


def test_create_reads_the_atlas_cli_variables() -> None:
    config = default_config()
    with pytest.raises(NotConfigured, match="MONGODB_ATLAS_PUBLIC_API_KEY"):
        create(config, {})
    with pytest.raises(NotConfigured, match="MONGODB_ATLAS_PROJECT_ID"):
        create(config, {"MCLI_PUBLIC_API_KEY": "p", "MCLI_PRIVATE_API_KEY": "very-secret"})
    env = {
        "MONGODB_ATLAS_PUBLIC_KEY": "p",
        "MONGODB_ATLAS_PRIVATE_KEY": "very-secret",
        "MONGODB_ATLAS_PROJECT_ID": "g1",
        "MONGODB_ATLAS_BASE_URL": "http://127.0.0.1:9",
    }
    source = create(config, env)
    assert source.project_id == "g1"
    assert repr(source) == "AtlasSource(name='atlas', host='127.0.0.1')"
    assert "very-secret" not in repr(source)

"""Reading the rollout from a real Unleash: on/off, the flexibleRollout %, the last change
event, unknown flags and environments, and tokens that are wrong or lack the rights."""

from __future__ import annotations

import time

import pytest

from tests.support.unleash import UnleashServer
from tests.unleash.conftest import env_for, unleash_config
from warroom.core.errors import AuthError
from warroom.core.rollout.provider import FlagNotFound
from warroom.sources import unleash
from warroom.sources.unleash.provider import UnleashProvider


async def test_reads_on_off_rollout_and_last_change(
    provider: UnleashProvider, flags: list[str], server: UnleashServer
) -> None:
    first, second = await provider.read(flags, "production")
    assert (first.key, first.on, first.pct, first.strategies) == (flags[0], True, 5.0, 1)
    assert first.version == server.flag_env(flags[0])["strategies"][0]["id"]
    assert first.changed_at is not None and abs(first.changed_at - time.time()) < 60
    assert first.changed_by == "admin"
    server.admin(
        "POST", f"/api/admin/projects/default/features/{flags[1]}/environments/production/off"
    )
    (second,) = await provider.read([flags[1]], "production")
    assert (second.on, second.pct, second.served) == (False, 5.0, 0.0)  # the rollout is kept


async def test_change_events_are_fetched_only_when_the_value_moves(
    provider: UnleashProvider, flags: list[str], server: UnleashServer
) -> None:
    await provider.read([flags[0]], "production")
    assert provider.api.requests == 2  # the flag and its events
    await provider.read([flags[0]], "production")
    assert provider.api.requests == 3  # unchanged: the flag only
    server.set_rollout(flags[0], "15")
    (state,) = await provider.read([flags[0]], "production")
    assert provider.api.requests == 5 and state.pct == 15.0


async def test_flag_source_carries_the_rollout(server: UnleashServer, flags: list[str]) -> None:
    source = unleash.create(unleash_config(flags), env_for(server))
    try:
        result = await source.fetch()
    finally:
        await source.close()
    assert source.name == "unleash"
    assert result.rollout is not None and result.rollout.provider == "unleash"
    assert [f.key for f in result.rollout.flags] == flags
    assert [(r.metric, r.value) for r in result.readings] == [("rollout_pct", 5.0)]
    assert result.info[flags[0]] == "on, 5%" and result.info["flags on"] == "2/2"


async def test_unknown_flag_environment_and_project(
    provider: UnleashProvider, flags: list[str], server: UnleashServer
) -> None:
    with pytest.raises(FlagNotFound) as flag:
        await provider.read(["no-such-flag"], "production")
    assert (
        flag.value.reason == "Unleash: no flag 'no-such-flag' in project 'default' (404 Not Found)"
    )
    with pytest.raises(FlagNotFound) as env:
        await provider.read([flags[0]], "staging")
    assert env.value.reason == (
        f"Unleash {flags[0]}: unknown environment 'staging' (has: development, production)"
    )
    other = unleash.provider(unleash_config(flags, project="nope"), env_for(server))
    with pytest.raises(FlagNotFound, match="in project 'nope'"):
        await other.read([flags[0]], "production")
    await other.close()


async def test_bad_token_and_client_token(server: UnleashServer, flags: list[str]) -> None:
    wrong = unleash.provider(unleash_config(flags), env_for(server, "*:*.not-the-token"))
    with pytest.raises(AuthError) as rejected:
        await wrong.read([flags[0]], "production")
    await wrong.close()
    assert rejected.value.reason == (
        f"Unleash {flags[0]}: admin token rejected (401 Unauthorized: You must log in to use "
        "Unleash.)"
    )
    client = unleash.provider(unleash_config(flags), env_for(server, server.client_token))
    with pytest.raises(AuthError) as refused:
        await client.read([flags[0]], "production")
    await client.close()
    assert refused.value.reason.startswith(f"Unleash {flags[0]}: admin token not allowed (403")
    assert server.client_token not in refused.value.reason

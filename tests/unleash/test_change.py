"""Changing flags on a real Unleash: bulk and single off, the rollout patch, the drift and
range refusals, a token without write rights, and the service down when it is confirmed."""

from __future__ import annotations

import pytest

from tests.support.unleash import UnleashServer
from tests.unleash.conftest import env_for, unleash_config
from warroom.core.rollout.change import Changer, RolloutRequest
from warroom.core.rollout.change_record import ChangeOutcome
from warroom.sources import unleash
from warroom.sources.unleash.provider import UnleashProvider

FEATURES = "/api/admin/projects/default/features"


async def test_bulk_off_then_single_off(
    provider: UnleashProvider, flags: list[str], server: UnleashServer
) -> None:
    change = await Changer(provider).turn_off(flags, "production", "warroom")
    assert change.outcome is ChangeOutcome.DONE, change.detail
    assert change.changed == tuple(flags)
    assert [server.flag_env(f)["enabled"] for f in flags] == [False, False]
    assert server.rollout(flags[0]) == "5"  # kept
    server.admin("POST", f"{FEATURES}/{flags[0]}/environments/production/on")
    single = await Changer(provider).turn_off(flags, "production", "warroom")
    assert single.changed == (flags[0],)  # only the one that was on: the single endpoint
    assert server.flag_env(flags[0])["enabled"] is False
    again = await Changer(provider).turn_off(flags, "production", "warroom")
    assert (again.outcome, again.detail) == (ChangeOutcome.DONE, f"already off: {', '.join(flags)}")


async def test_unknown_flag_in_a_bulk_refuses_before_anything_changes(
    provider: UnleashProvider, flags: list[str], server: UnleashServer
) -> None:
    change = await Changer(provider).turn_off([flags[0], "no-such-flag"], "production", "w")
    assert change.outcome is ChangeOutcome.REFUSED
    assert change.detail.endswith("no flag 'no-such-flag' in project 'default' (404 Not Found): "
                                  "nothing changed")  # fmt: skip
    assert server.flag_env(flags[0])["enabled"] is True


async def test_rollout_patch_and_drift_refusal(
    provider: UnleashProvider, flags: list[str], server: UnleashServer
) -> None:
    (shown,) = await provider.read([flags[0]], "production")
    change = await Changer(provider).set_rollout(
        RolloutRequest(flags[0], "production", 15.0, shown, "warroom")
    )
    assert change.outcome is ChangeOutcome.DONE, change.detail
    assert server.rollout(flags[0]) == "15"
    server.set_rollout(flags[0], "50")  # someone else moves it after the confirmation
    assert change.after is not None
    drift = await Changer(provider).set_rollout(
        RolloutRequest(flags[0], "production", 15.0, change.after[0], "warroom")
    )
    assert drift.outcome is ChangeOutcome.REFUSED
    assert drift.detail == (
        f"{flags[0]} changed since the confirmation (showed on, 15%, now on, 50%): nothing changed"
    )
    assert server.rollout(flags[0]) == "50"


async def test_out_of_range_is_refused_though_unleash_would_accept_it(
    provider: UnleashProvider, flags: list[str], server: UnleashServer
) -> None:
    (shown,) = await provider.read([flags[1]], "production")
    before = provider.api.requests
    change = await Changer(provider).set_rollout(
        RolloutRequest(flags[1], "production", 150.0, shown, "warroom")
    )
    assert change.outcome is ChangeOutcome.REFUSED
    assert change.detail == "rollout 150% is outside 0-100%: refused: nothing changed"
    assert provider.api.requests == before  # refused before anything was sent
    server.set_rollout(flags[1], "150")  # Unleash 6.10.1 itself takes it
    assert server.rollout(flags[1]) == "150"


async def test_token_without_write_rights(server: UnleashServer, flags: list[str]) -> None:
    client = unleash.provider(unleash_config(flags), env_for(server, server.client_token))
    change = await Changer(client).turn_off(flags, "production", "warroom")
    await client.close()
    assert change.outcome is ChangeOutcome.REFUSED  # it could not even read the flags
    assert "admin token not allowed (403 Forbidden" in change.detail
    assert change.detail.endswith(": nothing changed")
    assert server.client_token not in change.detail


@pytest.mark.timeout(90)
async def test_service_down_when_the_change_is_confirmed(
    provider: UnleashProvider, flags: list[str], server: UnleashServer
) -> None:
    (shown,) = await provider.read([flags[0]], "production")
    server.kill()
    try:
        change = await Changer(provider).set_rollout(
            RolloutRequest(flags[0], "production", 15.0, shown, "warroom")
        )
        off = await Changer(provider).turn_off(flags, "production", "warroom")
    finally:
        server.revive()
    assert change.outcome is ChangeOutcome.REFUSED
    assert change.detail == (
        f"Unleash {flags[0]}: cannot connect to 127.0.0.1:{server.port}: nothing changed"
    )
    assert off.outcome is ChangeOutcome.REFUSED and off.detail.endswith("nothing changed")
    assert server.rollout(flags[0]) == "5"

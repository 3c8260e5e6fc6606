"""Reading the launch flags from the fake LaunchDarkly: wire format, percentage, source."""

from __future__ import annotations

import pytest

from tests.fakes.launchdarkly_data import make_flag
from tests.fakes.launchdarkly_server import LdState
from tests.launchdarkly.conftest import FLAGS, env_for, ld_config
from warroom.core.errors import NotConfigured
from warroom.core.rollout.provider import FlagNotFound
from warroom.core.scrub import scrub
from warroom.sources import launchdarkly
from warroom.sources.launchdarkly.provider import LaunchDarklyProvider


async def test_reads_on_and_default_rule_weight_as_percent(
    ld: LaunchDarklyProvider, fake_ld: tuple[str, LdState]
) -> None:
    _, state = fake_ld
    states = await ld.read(FLAGS, "production")
    assert [(s.key, s.on, s.pct) for s in states] == [
        ("profile-v2", True, 15.0),
        ("trading-battles", True, 15.0),
    ]
    assert states[0].version == "1" and states[0].changed_at == 1733080000.0
    seen = state.seen[0]
    assert seen.path == "/api/v2/flags/default/profile-v2" or seen.path.endswith("trading-battles")
    assert seen.query == {"env": ["production"]}
    assert seen.headers["Authorization"] == state.token  # the bare token, no scheme
    assert seen.headers["LD-API-Version"] == "20240415"


async def test_single_variation_default_rule_and_off_flag(
    ld: LaunchDarklyProvider, fake_ld: tuple[str, LdState]
) -> None:
    flag = make_flag("profile-v2", {"production": (False, 50)})
    flag["environments"]["production"]["fallthrough"] = {"variation": 0}
    fake_ld[1].flags["profile-v2"] = flag
    (state,) = await ld.read(["profile-v2"], "production")
    assert (state.on, state.pct, state.served) == (False, 100.0, 0.0)
    assert state.describe() == "off (100% kept)"


async def test_unknown_flag_and_unknown_environment(ld: LaunchDarklyProvider) -> None:
    with pytest.raises(FlagNotFound) as flag:
        await ld.read(["nope"], "production")
    assert flag.value.reason.startswith("LaunchDarkly nope: not found (404 Not Found")
    assert "Unknown resource identifier" in flag.value.reason
    with pytest.raises(FlagNotFound) as env:
        await ld.read(["profile-v2"], "staging")
    assert env.value.reason == "LaunchDarkly profile-v2: unknown environment 'staging'"


async def test_flag_source_reports_rollout_state_and_rate_limit(
    fake_ld: tuple[str, LdState],
) -> None:
    url, state = fake_ld
    source = launchdarkly.create(ld_config(), env_for(url, state.token))
    try:
        result = await source.fetch()
    finally:
        await source.close()
    assert source.name == "launchdarkly" and source.interval == 15.0
    assert result.rollout is not None and result.rollout.stage_flag is not None
    assert result.rollout.stage_flag.pct == 15.0
    assert result.rollout.since == 1733080000.0  # the environment's lastModified
    assert [(r.metric, r.value) for r in result.readings] == [("rollout_pct", 15.0)]
    assert result.info["profile-v2"] == "on, 15%"
    assert result.info["rate limit"] == "97 left in window"  # the route count, the tighter one


async def test_spent_window_paces_the_next_poll(
    ld: LaunchDarklyProvider, fake_ld: tuple[str, LdState]
) -> None:
    await ld.read(["profile-v2"], "production")
    assert ld.pacing() == 0.0
    fake_ld[1].spent = fake_ld[1].window - 1  # the next answer says 0 left
    await ld.read(["profile-v2"], "production")
    assert 0.0 < ld.pacing() <= 10.0  # until the reset the header named


def test_token_variables_and_base_in_order() -> None:
    config = ld_config()
    with pytest.raises(NotConfigured, match="LD_ACCESS_TOKEN"):
        launchdarkly.provider(config, {})
    terraform = {"LAUNCHDARKLY_ACCESS_TOKEN": "api-terraform-0001-secret"}
    provider = launchdarkly.provider(config, terraform)
    assert provider.api.base_url == "https://app.launchdarkly.com/api/v2"
    both = {
        **terraform,
        "LD_ACCESS_TOKEN": "api-ldcli-0002-secret",
        "LAUNCHDARKLY_API_HOST": "http://127.0.0.1:9",
    }
    assert launchdarkly.provider(config, both).api.base_url == "http://127.0.0.1:9/api/v2"
    assert "api-ldcli-0002-secret" not in scrub("token api-ldcli-0002-secret")  # registered
    with pytest.raises(NotConfigured, match="http"):
        launchdarkly.provider(config, {**both, "LD_BASE_URI": "app.launchdarkly.com"})

"""Every fault of a read becomes one clear SourceError: auth, server errors, bad JSON, slow or
dropped answers, a spent rate-limit window. None of them quotes the token."""

from __future__ import annotations

import re

import pytest

from tests.fakes.launchdarkly_server import LdState
from tests.launchdarkly.conftest import env_for, ld_config
from warroom.core.errors import (
    AuthError,
    BadResponse,
    RateLimited,
    SourceError,
    SourceTimeout,
    Unavailable,
)
from warroom.core.poller import poll_once
from warroom.sources import launchdarkly
from warroom.sources.launchdarkly.provider import LaunchDarklyProvider


@pytest.mark.parametrize(
    ("fault", "kind", "reason"),
    [
        ("error_500", Unavailable, "LaunchDarkly profile-v2: 500 Internal Server Error: boom"),
        ("html_502", Unavailable, "LaunchDarkly profile-v2: 502 Bad Gateway"),
        ("bad_json", BadResponse, "LaunchDarkly profile-v2: malformed JSON"),
        ("drop", Unavailable, "LaunchDarkly profile-v2: connection dropped"),
    ],
)
async def test_server_faults(
    ld: LaunchDarklyProvider,
    fake_ld: tuple[str, LdState],
    fault: str,
    kind: type[SourceError],
    reason: str,
) -> None:
    fake_ld[1].fault = fault
    with pytest.raises(kind) as caught:
        await ld.read(["profile-v2"], "production")
    assert caught.value.reason == reason


async def test_unknown_token_is_rejected_without_echoing_it(fake_ld: tuple[str, LdState]) -> None:
    url, _ = fake_ld
    token = "api-00000000-not-a-real-token"
    provider = launchdarkly.provider(ld_config(), env_for(url, token))
    with pytest.raises(AuthError) as caught:
        await provider.read(["profile-v2"], "production")
    await provider.close()
    assert caught.value.reason == (
        "LaunchDarkly profile-v2: access token rejected (401 Unauthorized: Invalid access token)"
    )
    assert token not in repr(provider)


async def test_slow_answer_times_out(fake_ld: tuple[str, LdState]) -> None:
    url, state = fake_ld
    state.delay = 1.5
    provider = launchdarkly.provider(ld_config(timeout=0.5), env_for(url, state.token))
    with pytest.raises(SourceTimeout, match=r"LaunchDarkly profile-v2: no answer in 0.5s"):
        await provider.read(["profile-v2"], "production")
    await provider.close()


async def test_spent_window_is_rate_limited_until_the_reset(
    ld: LaunchDarklyProvider, fake_ld: tuple[str, LdState]
) -> None:
    fake_ld[1].spent = fake_ld[1].window
    with pytest.raises(RateLimited) as caught:
        await ld.read(["profile-v2"], "production")
    assert 0.0 <= caught.value.retry_after <= 10.0  # from X-Ratelimit-Reset (epoch ms)
    assert ld.limits.refusals == 1


async def test_a_hung_read_is_reported_by_the_provider_naming_the_flag(
    fake_ld: tuple[str, LdState],
) -> None:
    url, state = fake_ld
    source = launchdarkly.create(ld_config(timeout=0.5), env_for(url, state.token))
    state.fault = "timeout"
    outcome = await poll_once(source)
    state.fault = None
    await source.close()
    # The poll's own limit is a backstop above the request's: it used to fire first, and the
    # status bar said only "no answer in 0.5s".
    assert outcome.error is not None
    assert re.fullmatch(r"LaunchDarkly [\w-]+: no answer in 0\.5s", outcome.error.reason)

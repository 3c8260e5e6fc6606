"""Runbook annotations: every event lands exactly once, even when a POST gets a 500."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.datadog.conftest import plan
from tests.fakes.datadog_server import API_KEY, FakeDatadog
from warroom.core.errors import AuthError, Unavailable
from warroom.sources.datadog.client import resolve
from warroom.sources.datadog.events import DatadogEventPoster

EVENTS = "/api/v1/events"


@pytest.fixture
def poster(env: dict[str, str]) -> Iterator[DatadogEventPoster]:
    p = DatadogEventPoster(plan().sources.datadog, resolve(plan().sources.datadog, env), pause=0.05)
    yield p
    if p._client is not None:
        p._client.close()


async def rollback_step(poster: DatadogEventPoster, step: str) -> None:
    """What the runbook's datadog_event action does around one rollback step."""
    tags = ["warroom", f"step:{step}"]
    await poster.post(f"Rollback started: {step}", "Started from warroom", tags, "warning")
    await poster.post(f"Rollback finished: {step}", "Finished", tags, "success")


def titles(fake: FakeDatadog) -> list[str]:
    return [e["title"] for e in fake.state.events]


async def test_post_returns_the_id_str_and_sends_only_the_api_key(
    fake: FakeDatadog, poster: DatadogEventPoster
) -> None:
    event_id = await poster.post("Deploy", "text", ["a:b"], "info")
    assert event_id == fake.state.events[0]["id_str"]
    sent = fake.requests(EVENTS, "POST")[0]
    assert sent.headers["dd-api-key"] == API_KEY
    assert sent.body["alert_type"] == "info" and "a:b" in sent.body["tags"]


async def test_rollback_step_posts_one_start_and_one_end(
    fake: FakeDatadog, poster: DatadogEventPoster
) -> None:
    await rollback_step(poster, "revert_deployment")
    assert titles(fake) == [
        "Rollback started: revert_deployment",
        "Rollback finished: revert_deployment",
    ]
    assert fake.count(EVENTS, "POST") == 2


async def test_first_post_500_not_stored_is_posted_again_once(
    fake: FakeDatadog, poster: DatadogEventPoster
) -> None:
    fake.set_fault("500", times=1, path=EVENTS)
    await rollback_step(poster, "switch_traffic")
    assert titles(fake) == ["Rollback started: switch_traffic", "Rollback finished: switch_traffic"]
    assert fake.count(EVENTS, "POST") == 3  # one failed, then one each


async def test_first_post_500_after_storing_is_not_duplicated(
    fake: FakeDatadog, poster: DatadogEventPoster
) -> None:
    fake.state.fault_after = True
    fake.set_fault("500", times=1, path=EVENTS)
    await rollback_step(poster, "switch_traffic")
    assert titles(fake) == ["Rollback started: switch_traffic", "Rollback finished: switch_traffic"]
    assert fake.count(EVENTS, "POST") == 2  # the lookup found the stored one


async def test_dropped_connection_is_checked_before_posting_again(
    fake: FakeDatadog, poster: DatadogEventPoster
) -> None:
    fake.set_fault("drop", times=1, path=EVENTS)
    await poster.post("Rollback started", "x", [], "warning")
    assert titles(fake) == ["Rollback started"]
    assert fake.count(EVENTS, "GET") == 1


async def test_rejected_key_is_not_retried(fake: FakeDatadog, poster: DatadogEventPoster) -> None:
    fake.state.api_key = "another-key"
    with pytest.raises(AuthError):
        await poster.post("Rollback started", "x", [], "warning")
    assert fake.count(EVENTS, "POST") == 1 and fake.state.events == []


async def test_without_app_key_an_ambiguous_failure_is_not_reposted(
    fake: FakeDatadog, env: dict[str, str]
) -> None:
    settings = plan().sources.datadog
    creds = resolve(
        settings, {k: v for k, v in env.items() if k != "DD_APP_KEY"}, need_app_key=False
    )
    poster = DatadogEventPoster(settings, creds, pause=0.05)
    fake.set_fault("500", path=EVENTS)
    with pytest.raises(Unavailable, match="500"):
        await poster.post("Rollback started", "x", [], "warning")
    assert fake.count(EVENTS, "POST") == 1
    await poster.close()


async def test_persistent_failure_gives_up_after_the_attempts(
    fake: FakeDatadog, poster: DatadogEventPoster
) -> None:
    fake.set_fault("500", path=EVENTS, method="POST")
    with pytest.raises(Unavailable):
        await poster.post("Rollback started", "x", [], "warning")
    assert fake.count(EVENTS, "POST") == 3 and fake.state.events == []


async def test_failed_lookup_means_no_second_post(
    fake: FakeDatadog, poster: DatadogEventPoster
) -> None:
    fake.set_fault("500", path=EVENTS)  # the POST and the search both fail
    with pytest.raises(Unavailable, match="event lookup"):
        await poster.post("Rollback started", "x", [], "warning")
    assert fake.count(EVENTS, "POST") == 1


async def test_unknown_alert_type_is_refused_before_any_request(
    fake: FakeDatadog, poster: DatadogEventPoster
) -> None:
    with pytest.raises(ValueError, match="alert_type"):
        await poster.post("t", "x", [], "panic")
    assert fake.count() == 0

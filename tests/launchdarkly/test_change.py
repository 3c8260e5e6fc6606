"""Changing flags on the fake LaunchDarkly: semantic turnFlagOff, the rollout JSON patch with
its `_version` test (and the rollout's seed kept), drift and conflict refusals, and what a
half-done change records."""

from __future__ import annotations

import pytest

from tests.fakes.launchdarkly_server import SEMANTIC, LdState
from tests.launchdarkly.conftest import FLAGS, env_for, ld_config
from warroom.core.rollout.change import Changer, RolloutRequest
from warroom.core.rollout.change_record import ChangeOutcome
from warroom.core.rollout.provider import FlagConflict
from warroom.sources import launchdarkly
from warroom.sources.launchdarkly.provider import LaunchDarklyProvider


def patches(state: LdState) -> list[object]:
    return [s.body for s in state.seen if s.method == "PATCH"]


async def test_turn_off_sends_one_semantic_patch_per_flag(
    ld: LaunchDarklyProvider, fake_ld: tuple[str, LdState]
) -> None:
    _, state = fake_ld
    change = await Changer(ld).turn_off(FLAGS, "production", "warroom runbook step flags")
    assert change.outcome is ChangeOutcome.DONE, change.detail
    assert change.detail == "turned off profile-v2, trading-battles in production"
    sent = [s for s in state.seen if s.method == "PATCH"]
    assert [s.headers["Content-Type"] for s in sent] == [f"application/json; {SEMANTIC}"] * 2
    assert sent[0].body == {
        "environmentKey": "production",
        "comment": "warroom runbook step flags",
        "instructions": [{"kind": "turnFlagOff"}],
    }
    assert all(not f["environments"]["production"]["on"] for f in state.flags.values())
    assert state.flags["profile-v2"]["environments"]["test"]["on"]  # another environment
    assert change.audit()["after"] == {
        "profile-v2": {"on": False, "pct": 15.0},
        "trading-battles": {"on": False, "pct": 15.0},
    }


async def test_rollout_is_a_json_patch_guarded_by_the_version(
    ld: LaunchDarklyProvider, fake_ld: tuple[str, LdState]
) -> None:
    _, state = fake_ld
    (shown,) = await ld.read(["profile-v2"], "production")
    request = RolloutRequest("profile-v2", "production", 50.0, shown, "warroom advance")
    change = await Changer(ld).set_rollout(request)
    assert change.outcome is ChangeOutcome.DONE, change.detail
    assert change.detail == "profile-v2 15% → 50% in production"
    body = patches(state)[0]
    assert isinstance(body, dict) and body["comment"] == "warroom advance"
    assert body["patch"][0] == {"op": "test", "path": "/_version", "value": 1}
    rollout = state.flags["profile-v2"]["environments"]["production"]["fallthrough"]["rollout"]
    assert [v["weight"] for v in rollout["variations"]] == [50000, 50000]
    assert state.flags["profile-v2"]["_version"] == 2


async def test_a_rollout_change_keeps_the_rollout_s_seed(
    ld: LaunchDarklyProvider, fake_ld: tuple[str, LdState]
) -> None:
    # A seed decides who is in the first 5 %; a new seed would bucket everyone anew.
    _, state = fake_ld
    env = state.flags["profile-v2"]["environments"]["production"]
    env["fallthrough"]["rollout"]["seed"] = 61
    (shown,) = await ld.read(["profile-v2"], "production")
    request = RolloutRequest("profile-v2", "production", 50.0, shown, "warroom advance")
    change = await Changer(ld).set_rollout(request)
    assert change.outcome is ChangeOutcome.DONE, change.detail
    rollout = state.flags["profile-v2"]["environments"]["production"]["fallthrough"]["rollout"]
    assert rollout["seed"] == 61 and [v["weight"] for v in rollout["variations"]] == [50000, 50000]


async def test_a_flag_that_moved_since_the_confirmation_is_refused_unsent(
    ld: LaunchDarklyProvider, fake_ld: tuple[str, LdState]
) -> None:
    _, state = fake_ld
    (shown,) = await ld.read(["profile-v2"], "production")
    other = launchdarkly.provider(ld_config(), env_for(fake_ld[0], state.token))
    (fresh,) = await other.read(["profile-v2"], "production")
    await other.set_rollout(fresh, 50.0, "someone else")  # changed behind the operator's back
    await other.close()
    sent = len(patches(state))
    change = await Changer(ld).set_rollout(
        RolloutRequest("profile-v2", "production", 15.0 * 2, shown, "warroom")
    )
    assert change.outcome is ChangeOutcome.REFUSED
    assert change.detail == (
        "profile-v2 changed since the confirmation (showed on, 15%, now on, 50%): nothing changed"
    )
    assert len(patches(state)) == sent


async def test_version_test_refuses_a_change_to_a_flag_changed_after_the_read(
    ld: LaunchDarklyProvider, fake_ld: tuple[str, LdState]
) -> None:
    _, state = fake_ld
    (current,) = await ld.read(["profile-v2"], "production")
    state.flags["profile-v2"]["_version"] = 9  # a change elsewhere lands in between
    with pytest.raises(FlagConflict, match="409 Conflict"):
        await ld.set_rollout(current, 50.0, "warroom")
    rollout = state.flags["profile-v2"]["environments"]["production"]["fallthrough"]["rollout"]
    assert rollout["variations"][0]["weight"] == 15000  # unchanged


async def test_conflict_answer_is_a_refusal_that_changed_nothing(
    ld: LaunchDarklyProvider, fake_ld: tuple[str, LdState]
) -> None:
    fake_ld[1].fault = "conflict"
    (shown,) = await ld.read(["profile-v2"], "production")
    change = await Changer(ld).set_rollout(
        RolloutRequest("profile-v2", "production", 50.0, shown, "warroom")
    )
    assert change.outcome is ChangeOutcome.REFUSED
    assert change.detail == (
        "LaunchDarkly profile-v2 rollout: 409 Conflict: Conflict: the flag was changed "
        "concurrently: changed meanwhile, nothing changed"
    )


async def test_reader_token_and_approval_fail_with_the_reason(
    fake_ld: tuple[str, LdState],
) -> None:
    url, state = fake_ld
    reader = launchdarkly.provider(ld_config(), env_for(url, state.reader_token))
    change = await Changer(reader).turn_off(["profile-v2"], "production", "warroom")
    assert change.outcome is ChangeOutcome.FAILED
    assert change.detail == (
        "LaunchDarkly profile-v2 off: access token not allowed (403 Forbidden: Access to the "
        "requested resource was denied); nothing changed"
    )
    await reader.close()
    state.fault = "approval"
    writer = launchdarkly.provider(ld_config(), env_for(url, state.token))
    change = await Changer(writer).turn_off(["profile-v2"], "production", "warroom")
    assert change.outcome is ChangeOutcome.FAILED
    assert "405 Method Not Allowed: Approval is required" in change.detail
    await writer.close()


async def test_rate_limited_write_is_retried_once_after_retry_after(
    ld: LaunchDarklyProvider, fake_ld: tuple[str, LdState]
) -> None:
    _, state = fake_ld
    state.fault, state.fault_on, state.fault_count = "ip_limit", "PATCH", 1
    change = await Changer(ld).turn_off(["profile-v2"], "production", "warroom")
    assert change.outcome is ChangeOutcome.DONE, change.detail
    assert len(patches(state)) == 2
    state.fault, state.fault_count = "ip_limit", 5  # refused twice: no third attempt
    change = await Changer(ld).turn_off(["trading-battles"], "production", "warroom")
    assert change.outcome is ChangeOutcome.FAILED
    assert "rate limited" in change.detail and len(patches(state)) == 4


async def test_second_flag_failing_is_recorded_as_partial(
    ld: LaunchDarklyProvider, fake_ld: tuple[str, LdState]
) -> None:
    _, state = fake_ld
    state.fault, state.fault_on, state.fault_skip = "error_500", "PATCH", 1
    change = await Changer(ld).turn_off(FLAGS, "production", "warroom")
    assert change.outcome is ChangeOutcome.PARTIAL
    assert change.changed == ("profile-v2",)
    assert change.detail == (
        "LaunchDarkly trading-battles off: 500 Internal Server Error: boom; "
        "turned off profile-v2 in production; not done: trading-battles"
    )
    assert change.audit()["outcome"] == "partial"


async def test_dropped_write_and_unreadable_service_is_unknown(
    ld: LaunchDarklyProvider, fake_ld: tuple[str, LdState]
) -> None:
    _, state = fake_ld
    state.fault, state.fault_on, state.fault_skip = "drop", None, 1  # the read, then nothing
    change = await Changer(ld).turn_off(["profile-v2"], "production", "warroom")
    assert change.outcome is ChangeOutcome.UNKNOWN
    assert change.detail == (
        "LaunchDarkly profile-v2 off: connection dropped; could not read back (LaunchDarkly "
        "profile-v2: connection dropped): check profile-v2 by hand"
    )

"""Each flag change posts a New Relic deployment marker when the plan names the APM entity:
it is in the one list of change markers, and the fake NerdGraph records it once."""

from __future__ import annotations

from tests.fakes.newrelic_server import ENTITY_GUID, NerdGraphState, env_for
from tests.newrelic.conftest import plan_with
from warroom.core.rollout.change_record import ChangeOutcome, FlagChange
from warroom.sources.markers import change_markers


async def test_a_flag_change_becomes_one_deployment_marker(
    fake: tuple[NerdGraphState, str],
) -> None:
    state, url = fake
    config = plan_with(entity_guid=ENTITY_GUID, timeout=2.0)
    markers = change_markers(config, env_for(url, state), demo=False)
    (newrelic,) = [m for m in markers if m.name == "newrelic"]
    change = FlagChange(
        provider="unleash",
        environment="production",
        action="flag_rollout",
        flags=("profile-v2",),
        outcome=ChangeOutcome.DONE,
        detail="profile-v2 15% → 50%",
        target=50.0,
        comment="warroom advance: Open beta",
    )
    assert await newrelic.mark(change) == "deployment dep-1"
    (recorded,) = state.deployments
    assert (
        recorded["entityGuid"] == ENTITY_GUID and recorded["version"] == "flags 50% (flag_rollout)"
    )
    assert "profile-v2 15% → 50%" in recorded["description"]


def test_no_entity_or_no_key_no_new_relic_marker(fake: tuple[NerdGraphState, str]) -> None:
    state, url = fake
    without_entity = plan_with(entity_guid=None)
    assert all(
        m.name != "newrelic"
        for m in change_markers(without_entity, env_for(url, state), demo=False)
    )
    with_entity = plan_with(entity_guid=ENTITY_GUID)
    assert all(m.name != "newrelic" for m in change_markers(with_entity, {}, demo=False))
    assert change_markers(with_entity, env_for(url, state), demo=True) == []

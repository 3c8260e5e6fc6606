"""The dashboard's poll of a real Unleash allows for what one read asks: the flag, then its
change events when its value moved, each within `[rollout].timeout`."""

from __future__ import annotations

from tests.faults.vendor_unleash import UnleashAnswers
from tests.support.fault_proxy import FaultProxy
from tests.support.unleash import UnleashServer
from tests.unleash.conftest import env_for, unleash_config
from warroom.core.poller import poll_once
from warroom.sources import unleash


async def test_a_read_of_two_slow_requests_fits_in_one_poll(
    server: UnleashServer, flags: list[str]
) -> None:
    with FaultProxy(server.url, UnleashAnswers) as proxy:
        # Each answer late, but well within the request timeout; the two together are not.
        proxy.state.delay = 1.2
        source = unleash.create(
            unleash_config(flags[:1], timeout=2.0), {**env_for(server), "UNLEASH_URL": proxy.url}
        )
        outcome = await poll_once(source)
        await source.close()
    # The poll's limit was one request's (2 s): the events request was cut short.
    assert outcome.error is None, outcome.error.reason
    assert [path.split("/")[3] for _, path, _ in proxy.state.log] == ["projects", "events"]
    assert outcome.result is not None and outcome.result.rollout is not None
